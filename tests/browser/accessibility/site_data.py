"""The registry as a visitor meets it: the demo data of every app, plus what the demo lacks.

The demo seeders (manage.py seed_demo) give 200 real LAN innovations, reviews, replication
projects in every stage (Kota Surakarta's "Akte Kelahiran Jemput Bola", lan:52, has a tree
of replicas, reviews and a KIPP 2022 award) and three competitions. They do not give that
innovation outcome indicators or documents, nor a competition whose objection window is
open; those are added here, the competition through the services as a secretariat would.
"""

import io
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from importlib import import_module

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from registry.competitions import services as competitions
from registry.competitions.models import Assignment, Competition, EntryStatus, JudgeProfile
from registry.innovations.management.commands.seed_demo import DEMO_SEEDERS
from registry.innovations.models import Innovation, InnovationDocument, OutcomeIndicator
from registry.replication.models import ReplicationProject
from tests.factories_competitions import build_edition, entry_in_round
from tests.factories_replication import PDF_BYTES

ORIGIN = "lan:52"  # Akte Kelahiran Jemput Bola, Kota Surakarta
SUBMITTER = "pengusul.surakarta"
REVIEWER = "verifikator.surabaya"  # another region's verifier: sees the review form on lan:52
ADOPTER = "verifikator.surabaya"  # Kota Surabaya's replication of lan:52
JUDGE = "juri.demo"  # has unscored sheets in KIPP 2023's desk round


@dataclass(frozen=True)
class DemoSite:
    origin: Innovation
    objection_slug: str
    objection_code: str
    replication_pk: int
    judge_assignment_pk: int


def seed_demo_site() -> DemoSite:
    for module_path in DEMO_SEEDERS:
        import_module(module_path).seed(stdout=io.StringIO())
    origin = Innovation.objects.get(external_id=ORIGIN)
    _add_indicators_and_documents(origin)
    competition, finalist = _edition_in_objection_window()
    return DemoSite(
        origin=origin,
        objection_slug=competition.slug,
        objection_code=finalist.code,
        replication_pk=ReplicationProject.objects.get(
            origin=origin, adopter__regency_id="35.78"
        ).pk,
        judge_assignment_pk=Assignment.objects.filter(judge__user__username=JUDGE)
        .exclude(status="submitted")
        .order_by("pk")[0]
        .pk,
    )


def _add_indicators_and_documents(innovation: Innovation) -> None:
    rows = [
        ("Cakupan akta kelahiran anak 0-18 tahun", "%", Decimal("60.5"), 2011, Decimal("95"), 2014),
        ("Waktu penerbitan akta", "hari", Decimal("14"), 2011, Decimal("1"), 2014),
        ("Warga terlayani di kelurahan", "orang/tahun", None, None, Decimal("12850"), 2014),
    ]
    for order, (name, unit, baseline, baseline_year, value, year) in enumerate(rows):
        OutcomeIndicator.objects.create(
            innovation=innovation, sort_order=order, name=name, unit=unit,
            baseline=baseline, baseline_year=baseline_year, value=value, year=year, note="Dispendukcapil Kota Surakarta",
        )  # fmt: skip
    for order, title in enumerate(["SOP layanan jemput bola", "Laporan capaian 2014"]):
        document = get_document_model().objects.create(
            title=title, file=ContentFile(PDF_BYTES, name=f"dokumen-{order}.pdf")
        )
        InnovationDocument.objects.create(
            innovation=innovation, document=document, sort_order=order
        )


def _edition_in_objection_window():
    secretariat = get_user_model().objects.get(username="sekretariat")
    judges = list(JudgeProfile.objects.exclude(user__username=JUDGE).order_by("pk")[:3])
    return edition_in_objection_window(secretariat=secretariat, judges=judges)


def edition_in_objection_window(*, secretariat, judges):
    """A small edition scored by `judges`, finalists published, objections open for a week."""
    edition = build_edition(
        year=2025,
        name="Kompetisi Inovasi Daerah Jawa Tengah (uji aksesibilitas)",
        slug="kid-jateng-aksesibilitas",
    )
    for key in ("desk", "presentation"):
        edition[key].judges.add(*judges)
        edition[key].save()  # a ParentalManyToManyField is written on save
    entries = [
        entry_in_round(edition, title=f"Layanan Kesehatan Keliling Desa {n}") for n in range(1, 4)
    ]
    for round_ in (edition["desk"], edition["presentation"]):
        competitions.entry_assign_judges(user=secretariat, round=round_)
        for assignment in round_.assignments.select_related("judge__user"):
            value = 9 - entries.index(assignment.entry)
            competitions.scores_save(
                user=assignment.judge.user, assignment=assignment,
                values={c.pk: value for c in round_.criteria.all()}, confidence=2, submit=True,
            )  # fmt: skip
        competitions.round_close(user=secretariat, round=round_)
        competitions.round_advance(user=secretariat, round=round_)
        competitions.round_publish_results(user=secretariat, round=round_)
    now = timezone.now()
    competition = Competition.objects.get(pk=edition["competition"].pk)
    competitions.competition_publish_finalists(
        user=secretariat,
        competition=competition,
        objection_opens=now - timedelta(hours=1),
        objection_closes=now + timedelta(days=7),
    )
    finalist = competition.entries.filter(status=EntryStatus.FINALIST).order_by("code").first()
    return competition, finalist
