"""A registry with one of everything, every user-writable text holding an attack.

`build_world()` goes through the services (as the portal, the admin and the
import do), with a stored-XSS payload in each free-text field. Every payload
carries a marker naming its field (`zq<code>`), so a test can check both that
the field is shown on a page and that nothing of it became markup.

The security tests use the same world for the CSP walk (every page type, with
hostile content in it) and for the IDOR walk (agency B's objects, seen by A).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from bs4 import BeautifulSoup
from django.utils import timezone

from registry.agencies import services as agency_services
from registry.competitions.models import Assignment, EntryStatus, RoundStatus
from registry.competitions.services import results as competition_results
from registry.competitions.services.judging import scores_save
from registry.imports import services as import_services
from registry.innovations import services as innovation_services
from registry.innovations.models import Sector
from registry.ratings import services as rating_services
from registry.replication import services as replication_services
from registry.replication.models import DocumentKind
from tests import factories
from tests import factories_portal as portal
from tests.factories_competitions import (
    JudgeFactory,
    SecretariatFactory,
    build_edition,
    entry_in_round,
)
from tests.factories_replication import pdf_file

# Attacks that must come out as text. The entity-encoded ones survive the services'
# tag stripping (clean_plain_text turns &lt; back into <), so the database really holds markup.
ATTACKS = (
    "<script>alert(1)</script>"
    " &lt;img src=x onerror=alert(2)&gt;"
    " \"'><svg onload=alert(3)>"
    " &lt;a href=javascript:alert(4) style=color:red&gt;klik&lt;/a&gt;"
    " <iframe src=javascript:alert(5)></iframe>"
)
SHORT_ATTACK = "<img src=x onerror=alert(6)>"


def marker(code: str) -> str:
    return f"zq{code}"


def payload(code: str, limit: int | None = None) -> str:
    text = f"{marker(code)} {ATTACKS}"
    if limit is not None and len(text) > limit:
        text = f"{marker(code)}{SHORT_ATTACK}"[:limit]
    return text


# --- Checking rendered HTML -----------------------------------------------------------------
JSON_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def injected_markup(html: str) -> list[str]:
    """Elements or attributes that would run or load something an attacker wrote."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                problems.append(f"<{tag.name} {name}=…>")
            if name.lower() in {"href", "src", "action", "formaction", "data"} and text.strip().lower().startswith("javascript:"):
                problems.append(f"<{tag.name} {name}={text[:40]}>")
        if tag.name == "script" and not tag.get("src") and (tag.get("type") or "").lower() not in JSON_SCRIPT_TYPES:
            problems.append(f"inline <script>{tag.get_text()[:40]}")
        if tag.name in {"iframe", "object", "embed"}:
            problems.append(f"<{tag.name}>")
        if tag.name == "img" and tag.get("src") == "x":
            problems.append("<img src=x>")
    return problems


def csp_violations(html: str) -> list[str]:
    """What a strict policy (script-src/style-src 'self') would block in this HTML."""
    soup = BeautifulSoup(html, "html.parser")
    problems = [p for p in injected_markup(html) if not p.startswith("<img src=x")]
    for tag in soup.find_all(True):
        if tag.has_attr("style"):
            problems.append(f"<{tag.name} style=…>")
        if tag.name == "style":
            problems.append("inline <style>")
        if tag.name == "link" and "stylesheet" in (tag.get("rel") or []) and str(tag.get("href", "")).startswith(("http:", "https:", "//")):
            problems.append(f"stylesheet from {tag['href']}")
        if tag.name == "script" and str(tag.get("src", "")).startswith(("http:", "https:", "//")):
            problems.append(f"script from {tag['src']}")
    return problems


def visible_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ")


# --- The world --------------------------------------------------------------------------------
@dataclass
class World:
    agency_a: object
    agency_b: object
    submitter_a: object
    verifier_a: object
    submitter_b: object
    verifier_b: object
    reviewer: object
    ministry_admin: object
    secretariat: object
    judge: object
    published: object
    draft: object
    document: object
    image: object
    review: object
    project: object
    edition: dict
    entry: object
    assignment: object
    objection: object
    import_job: object
    imported: object
    fields: dict = field(default_factory=dict)  # marker code → what it was typed into


def build_world(*, agency_a, agency_b, submitter_a, verifier_a, submitter_b, verifier_b, ministry_admin) -> World:
    fields = {}

    def text(code, what, limit=None):
        fields[code] = what
        return payload(code, limit)

    # The agencies' names, as a ministry admin types them in the admin.
    agency_services.agency_update(
        user=ministry_admin, agency=agency_a, data={"name": text("agn", "nama instansi (admin)", 255)}
    )
    agency_a.refresh_from_db()

    # Agency A's innovation, every free-text field attacked, published through moderation.
    sectors = Sector.objects.filter(code="administrasi-kependudukan")
    data = {
        "title": text("ttl", "judul inovasi", 200),
        "summary": text("sum", "ringkasan"),
        "unit_name": text("unt", "nama unit", 255),
        "product": text("prd", "produk", 255),
        "problem": text("prb", "masalah"),
        "novelty": text("nov", "kebaruan"),
        "implementation_steps": text("imp", "langkah"),
        "results": text("res", "hasil"),
        "resources": text("rsc", "sumber daya"),
        "sustainability": text("sus", "keberlanjutan"),
        "replication_prerequisites": text("pre", "prasyarat replikasi"),
        "enabling_factors": text("enb", "faktor pendukung"),
        "hindering_factors": text("hnd", "faktor penghambat"),
        "contact_name": text("cnm", "nama kontak", 150),
        "contact_phone": text("cph", "telepon kontak", 50),
        "kind": "proses",
        "form": "pelayanan_publik",
        "stage": "penerapan",
        "sectors": sectors,
        "tags": [text("tag", "tag", 90)],
    }
    indicators = [
        {
            "name": text("ind", "nama indikator", 255),
            "unit": text("iun", "satuan indikator", 50),
            "note": text("ino", "keterangan indikator", 255),
            "baseline": Decimal("61"),
            "value": Decimal("94"),
            "year": 2018,
        }
    ]
    innovation = innovation_services.innovation_create(user=submitter_a, agency=agency_a, data=data, indicators=indicators)
    document = innovation_services.innovation_attach_document(
        user=submitter_a, innovation=innovation, file=portal.upload("sop.pdf", portal.pdf_bytes()), title=text("doc", "judul dokumen", 200)
    )
    image = innovation_services.innovation_attach_image(
        user=submitter_a, innovation=innovation, file=portal.upload("foto.png", portal.png_bytes()), caption=text("cap", "keterangan gambar", 200)
    )
    innovation = innovation_services.innovation_submit(user=submitter_a, innovation=innovation)
    innovation = innovation_services.innovation_approve(user=verifier_a, innovation=innovation)

    # A draft of agency B (never published): the target of the IDOR walk.
    draft = portal.draft(submitter_b, agency_b, title="Draf Rahasia Instansi B")

    # A peer review by a third agency, and agency A's reply.
    reviewer = factories.MembershipFactory(
        agency=factories.AgencyFactory(code="pemkab-peninjau", name="Pemerintah Kabupaten Peninjau"),
        user__username="peninjau",
    ).user
    review = rating_services.review_create(
        user=reviewer, innovation=innovation, scores={"usefulness": 5, "ease": 4, "documentation": 4}, text=text("rvw", "teks ulasan", 2000)
    )
    rating_services.review_reply(user=verifier_a, review=review, text=text("rpl", "balasan ulasan", 1500))

    # Agency B replicates A's innovation: every text of the project attacked.
    project = replication_services.replication_start(
        user=submitter_b,
        origin=innovation,
        adopter=agency_b,
        data={"local_name": text("lnm", "nama lokal replikasi", 200), "interest_statement": text("int", "pernyataan minat")},
        letter=pdf_file("surat-minat.pdf"),
    )
    replication_services.replication_update(
        user=verifier_b,
        project=project,
        data={
            "adaptation_plan": text("apl", "rencana adaptasi"),
            "adaptations": text("adp", "adaptasi"),
            "budget": Decimal("150000000"),
            "budget_source": text("bsr", "sumber anggaran", 200),
            "team": text("tim", "tim"),
            "evaluation_summary": text("evs", "ringkasan evaluasi"),
        },
    )
    replication_services.replication_document_add(
        user=verifier_b, project=project, kind=DocumentKind.OTHER, file=pdf_file("lampiran.pdf"), title=text("rdc", "judul dokumen replikasi", 200)
    )
    replication_services.replication_monitoring_add(
        user=verifier_b,
        project=project,
        data={
            "milestone": text("mil", "tonggak pemantauan", 200),
            "progress": text("prg", "catatan pemantauan"),
            "reported_on": timezone.localdate() - datetime.timedelta(days=1),
        },
    )
    replication_services.replication_offer_mentoring(user=verifier_a, project=project, note=text("mnt", "catatan pendampingan", 1000))

    # A competition: A's innovation is an entry, judged in a non-blind round, then a finalist with an objection.
    secretariat = SecretariatFactory(username="sekretariat_uji")
    edition = build_edition(blind=False)
    entry = entry_in_round(edition, round_key="desk", innovation=innovation)
    judge_profile = JudgeFactory(user__username="juri_uji", institution="Universitas Uji")
    type(edition["desk"]).objects.filter(pk=edition["desk"].pk).update(status=RoundStatus.SCORING)
    assignment = Assignment.objects.create(round=edition["desk"], entry=entry, judge=judge_profile)
    criteria = list(edition["desk"].criteria.all())
    scores_save(
        user=judge_profile.user,
        assignment=assignment,
        values={criterion.pk: 7 for criterion in criteria},
        comments={criterion.pk: text(f"jc{position}", f"komentar juri {position}", 500) for position, criterion in enumerate(criteria[:2])},
        confidence=2,
    )
    competition = edition["competition"]
    now = timezone.now()
    type(competition).objects.filter(pk=competition.pk).update(
        finalists_published_at=now, objection_opens=now - datetime.timedelta(hours=1), objection_closes=now + datetime.timedelta(days=1)
    )
    type(entry).objects.filter(pk=entry.pk).update(status=EntryStatus.FINALIST)
    entry.refresh_from_db()
    objection = competition_results.objection_submit(
        entry=entry, name=text("obn", "nama penyanggah", 150), contact=text("obc", "kontak penyanggah", 150), reason=text("obr", "alasan sanggahan")
    )

    # An import by the ministry, with attacks in its cells.
    import_job, imported = _import_with_attacks(ministry_admin, agency_a, text)

    return World(
        agency_a=agency_a,
        agency_b=agency_b,
        submitter_a=submitter_a,
        verifier_a=verifier_a,
        submitter_b=submitter_b,
        verifier_b=verifier_b,
        reviewer=reviewer,
        ministry_admin=ministry_admin,
        secretariat=secretariat,
        judge=judge_profile.user,
        published=innovation,
        draft=draft,
        document=document,
        image=image,
        review=review,
        project=project,
        edition=edition,
        entry=entry,
        assignment=assignment,
        objection=objection,
        import_job=import_job,
        imported=imported,
        fields=fields,
    )


def _import_with_attacks(ministry_admin, agency, text):
    from registry.innovations.models import Innovation
    from tests.factories_imports import HEADERS, xlsx

    row = [
        "uji:xss-1",
        text("xtl", "judul (sel impor)", 200),
        text("xsm", "ringkasan (sel impor)"),
        agency.code,
        agency.regency_id,
        "proses",
        2019,
        "administrasi-kependudukan",
    ]
    job = import_services.import_job_create(
        user=ministry_admin, resource="innovations", filename="impor.xlsx", content=xlsx([row], headers=HEADERS), publish=True
    )
    job.refresh_from_db()
    import_services.import_job_confirm(user=ministry_admin, job=job)
    job.refresh_from_db()
    return job, Innovation.objects.filter(external_id="uji:xss-1").first()

