"""`manage.py seed_demo`: the 200 LAN innovations, their agencies and the demo accounts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Revision

from registry.agencies.models import Agency, AgencyType, Membership
from registry.agencies.permissions import MINISTRY_ADMIN_GROUP
from registry.audit.models import AuditEvent
from registry.core.text import count_words
from registry.innovations import demo
from registry.innovations.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from registry.innovations.lan_import import CSV_PATH, read_rows
from registry.innovations.models import Innovation, ModerationStatus
from registry.innovations.services import innovation_update

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


LAN = {"external_id__startswith": "lan:"}


def _state():
    """Everything this app's seeder writes, as comparable values (other apps' seeders add their own)."""
    lan = Innovation.objects.filter(**LAN)
    return {
        "innovations": sorted(
            lan.values_list(
                "external_id", "slug", "title", "summary", "agency__code", "province_id", "regency_id",
                "kind", "form", "is_digital", "problem", "results", "updated_at", "live_revision_id",
            )
        ),
        "sectors": sorted(Innovation.sectors.through.objects.filter(innovation__in=lan).values_list("innovation_id", "sector_id")),
        "sdgs": sorted(Innovation.sdgs.through.objects.filter(innovation__in=lan).values_list("innovation_id", "sdg_id")),
        "agencies": sorted(
            Agency.objects.filter(innovations__in=lan).distinct().values_list("code", "name", "type", "province_id", "regency_id", "parent__code")
        ),
        "revisions": Revision.objects.filter(object_id__in=[str(pk) for pk in lan.values_list("pk", flat=True)]).count(),
        "audit": AuditEvent.objects.filter(action__in=["innovation.import", "innovation.import_update"]).count(),
        "users": sorted(
            get_user_model().objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list("username", "password")
        ),
        "memberships": sorted(
            Membership.objects.filter(user__username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
                "user__username", "agency__code", "role", "is_verified"
            )
        ),
    }


def test_seed_demo_twice_gives_exactly_200_published_lan_innovations_and_changes_nothing():
    first = _seed()
    assert "200 new" in first
    lan = Innovation.objects.filter(**LAN)
    assert lan.count() == 200
    assert lan.published().count() == 200
    assert set(lan.values_list("moderation_status", flat=True)) == {ModerationStatus.PUBLISHED}
    source_ids = {row["source_id"] for row in read_rows(CSV_PATH)}
    assert set(lan.values_list("external_id", flat=True)) == {f"lan:{i}" for i in source_ids}
    state = _state()
    assert len(state["users"]) == len(DEMO_ACCOUNTS) and len(state["memberships"]) == 4

    second = _seed()

    assert "0 new, 0 updated, 200 unchanged" in second
    assert Innovation.objects.filter(**LAN).count() == 200
    assert _state() == state


def test_this_apps_seeder_alone_twice_changes_nothing(seeded):
    """The same as above for registry.innovations.demo on its own (without the other apps' seeders)."""
    state = _state()
    output = io.StringIO()
    demo.seed(stdout=output)
    assert "0 new, 0 updated, 200 unchanged" in output.getvalue()
    assert _state() == state


# (agency code, kab/kota, innovations) of known rows of the source.
KNOWN_PEMDA = [
    ("pemkot-35-78", "35.78", 18),  # "Kota Surabaya"
    ("pemkot-33-72", "33.72", 16),  # "KOTA SURAKARTA" (14) and "Kota Surakarta" (2) merge
    ("pemkot-34-71", "34.71", 5),  # "KOTA YOGYAKARTA" (3) and "Kota Yogyakarta" (2)
    ("pemkab-71-06", "71.06", 2),  # "KABUPATEN MINAHASA UTARA" and the misspelt "…Minahahasa Utara"
    ("pemkab-35-09", "35.09", 2),  # "Kabupaten Jember" and "Pemda Jember"
]


def test_agencies_and_regions(seeded):
    for agency_code, regency_code, count in KNOWN_PEMDA:
        agency = Agency.objects.get(code=agency_code)
        assert agency.regency_id == regency_code
        assert agency.type in {AgencyType.PEMKOT, AgencyType.PEMKAB}
        innovations = Innovation.objects.filter(agency=agency, **LAN)
        assert innovations.count() == count, agency_code
        assert set(innovations.values_list("regency_id", "province_id")) == {(regency_code, regency_code[:2])}

    surabaya = Agency.objects.get(code="pemkot-35-78")
    assert (surabaya.name, surabaya.short_name) == ("Pemerintah Kota Surabaya", "Pemkot Surabaya")
    # 18 innovations of the city plus the city water company's (a BUMD named after the city).
    assert Innovation.objects.filter(regency_id="35.78", **LAN).count() == 19
    pdam = Innovation.objects.get(external_id="lan:197").agency
    assert (pdam.type, pdam.regency_id, pdam.parent.code) == (AgencyType.BUMD, "35.78", "pemkot-35-78")
    assert Innovation.objects.get(external_id="lan:197").regency_id == "35.78"
    # A province-level entry: the pemprov, no kab/kota.
    central_java = Innovation.objects.get(external_id="lan:177")
    assert (central_java.agency.code, central_java.province_id, central_java.regency_id) == ("pemprov-33", "33", None)
    # National bodies and BUMN have no region.
    assert Innovation.objects.get(external_id="lan:47").province_id is None
    assert Innovation.objects.filter(agency__type=AgencyType.BUMN, province__isnull=False).count() == 0

    # Spelling variants of ministries and companies become one agency.
    kumham = Agency.objects.get(code="kemenkumham")
    assert kumham.name == "Kementerian Hukum dan Hak Asasi Manusia"
    # "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA RI" (47) and "Kementerian Hukum dan HAM" (80).
    assert set(kumham.innovations.values_list("external_id", flat=True)) == {"lan:47", "lan:80"}
    # "Kemendikbud" and "Kementerian Pendidikan dan Kebudayaan".
    assert Agency.objects.get(code="kemendikbud").innovations.count() == 3
    assert not Agency.objects.filter(name__iexact="Kemendikbud").exists()
    # "PT Pelindo III" and "PT Pelindo III (Persero)"; "POLDA METRO JAYA" under POLRI.
    assert Agency.objects.get(code="bumn-pelindo-iii").innovations.count() == 2
    polda = Agency.objects.get(code="polda-metro-jaya")
    assert (polda.parent.code, polda.innovations.count()) == ("polri", 2)
    # No two agencies share a name, whatever the case.
    names = [name.lower() for name in Agency.objects.values_list("name", flat=True)]
    assert len(names) == len(set(names))


# Rows whose sector and digital flag the keyword classifier must get right.
KNOWN_CLASSIFICATION = [
    ("lan:52", "administrasi-kependudukan", True),  # Akte kelahiran jemput bola
    ("lan:49", "administrasi-kependudukan", False),  # Pelayanan KTP 1 jam
    ("lan:56", "perizinan", False),  # Pelayanan perijinan satu pintu
    ("lan:64", "kesehatan", True),  # Komputerisasi pelayanan puskesmas
    ("lan:72", "pendidikan", True),  # PPDB online
]


def test_imported_content(seeded):
    passport = Innovation.objects.get(external_id="lan:47")
    assert passport.title == "Sistem Pelayanan Penerbitan Paspor Terpadu (SPPT)/ Sistem One Stop Service (OSS)"
    assert Innovation.objects.get(external_id="lan:49").title == "Pelayanan KTP 1 Jam"
    assert Innovation.objects.get(external_id="lan:58").title == "Pelayanan KTP di Desa/Kelurahan"
    assert Innovation.objects.get(external_id="lan:99").title.endswith("Pedagang Kaki Lima (PKL)")
    assert passport.kind == "proses"
    assert passport.unit_name == "Direktorat Jendral Imigrasi"
    assert passport.year_started == 2012 and passport.year_implemented == 2013
    assert passport.first_published_at.isoformat() == "2014-12-19T12:22:40+00:00"  # 19:22:40 WIB
    assert "LAN RI" in passport.source_note and "Kepala Kantor Imigrasi Jakarta Selatan" in passport.source_note
    assert passport.problem.startswith("Sistem Pelayanan Penerbitan Paspor Terpadu (SPPT)")
    assert passport.results and passport.implementation_steps and passport.replication_prerequisites
    # Semicolon lists become one item per line.
    assert len(Innovation.objects.get(external_id="lan:52").enabling_factors.splitlines()) == 4
    for summary, problem in Innovation.objects.filter(**LAN).values_list("summary", "problem"):
        assert 0 < count_words(summary) <= 85
        assert problem.startswith(summary.rstrip("…")[:40])
    # Inline images in the source (truncated base64) never reach the text.
    assert not Innovation.objects.filter(implementation_steps__contains="base64").exists()

    # Sectors, SDGs and "digital" come from the keyword classifier.
    for external_id, sector, digital in KNOWN_CLASSIFICATION:
        innovation = Innovation.objects.get(external_id=external_id)
        assert sector in innovation.sectors.values_list("code", flat=True), external_id
        assert innovation.is_digital is digital, external_id
    assert not Innovation.objects.filter(sectors=None, **LAN).exists()
    assert not Innovation.objects.filter(sdgs=None, **LAN).exists()

    # Every innovation has a published revision, so the portal's history works.
    for innovation in Innovation.objects.filter(**LAN):
        assert innovation.live_revision_id is not None
        assert innovation.live_revision_id == innovation.latest_revision_id
        assert not innovation.has_unpublished_changes
        revision = innovation.live_revision
        assert revision.created_at == innovation.first_published_at
        assert revision.as_object().title == innovation.title
    assert AuditEvent.objects.filter(action="innovation.import").count() == 200
    assert AuditEvent.objects.filter(action="innovation.publish").count() == 200


def test_demo_accounts_and_memberships(seeded):
    User = get_user_model()  # noqa: N806
    assert User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).count() == len(DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        assert User.objects.get(username=account.username).check_password(DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="kementerian").groups.filter(name=MINISTRY_ADMIN_GROUP).exists()
    assert not User.objects.get(username="kementerian").is_superuser
    memberships = set(
        Membership.objects.filter(user__username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "user__username", "agency__code", "role", "is_verified"
        )
    )
    assert memberships == {
        ("pengusul.surakarta", "pemkot-33-72", "submitter", True),
        ("verifikator.surakarta", "pemkot-33-72", "verifier", True),
        ("pengusul.surabaya", "pemkot-35-78", "submitter", True),
        ("verifikator.surabaya", "pemkot-35-78", "verifier", True),
    }


def test_demo_accounts_are_listed_in_the_readme():
    from django.conf import settings

    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`{DEMO_PASSWORD}`" in readme
    for account in DEMO_ACCOUNTS:
        assert f"| `{account.username}` |" in readme


def test_reseeding_leaves_an_innovation_edited_by_its_agency_alone(seeded):
    submitter = get_user_model().objects.get(username="pengusul.surakarta")
    innovation = Innovation.objects.get(external_id="lan:52")
    innovation_update(user=submitter, innovation=innovation, data={"title": "Akta Kelahiran Jemput Bola 2.0"})
    revisions = Revision.objects.count()

    output = io.StringIO()
    demo.seed(stdout=output)

    assert "1 edited by agency staff" in output.getvalue()
    assert Revision.objects.count() == revisions
    innovation.refresh_from_db()
    assert innovation.get_latest_revision().as_object().title == "Akta Kelahiran Jemput Bola 2.0"
    assert Innovation.objects.get(pk=innovation.pk).title == "Akte Kelahiran Jemput Bola"  # still the published one


def test_reseeding_restores_an_imported_row_changed_outside_the_portal(seeded):
    Innovation.objects.filter(external_id="lan:49").update(title="Judul Rusak", is_digital=True)
    revisions = Revision.objects.count()

    output = io.StringIO()
    demo.seed(stdout=output)

    assert "0 new, 1 updated, 199 unchanged" in output.getvalue()
    restored = Innovation.objects.get(external_id="lan:49")
    assert (restored.title, restored.is_digital) == ("Pelayanan KTP 1 Jam", False)
    assert Revision.objects.count() == revisions + 1
    assert restored.live_revision_id == restored.latest_revision_id
    assert restored.live_revision.as_object().title == "Pelayanan KTP 1 Jam"
    assert AuditEvent.objects.filter(action="innovation.import_update", target_id=str(restored.pk)).exists()
