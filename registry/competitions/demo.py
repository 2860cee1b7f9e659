"""Demo data of the competitions app, run by `manage.py seed_demo` (last in DEMO_SEEDERS); idempotent.

- the secretariat account `sekretariat` and eight judges (`juri.*`), password as the other demo accounts;
- KIPP 2022 (demo): finished — desk round, presentation, finalists, winners published;
- KIPP 2023 (demo): KIPP 2023's desk rubric (latar belakang 10, kebaruan 15, implementasi 5,
  signifikansi 30, adaptabilitas 20, sumber daya 5, keberlanjutan 15, ringkasan 0) in a blind
  desk round that is being scored (judge `juri.demo` still has entries to score), then a
  presentation round;
- KIPP 2024 (demo): open for entries, so verifiers can submit from the portal.

Everything after the entries goes through the services, so the audit chain holds it all.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from registry.audit.services import audit_record
from registry.competitions import services
from registry.competitions.models import (
    Assignment,
    Category,
    Competition,
    CompetitionGroup,
    Criterion,
    Entry,
    EntryStatus,
    GroupKind,
    JudgeProfile,
    Round,
    RoundKind,
)
from registry.competitions.permissions import SECRETARIAT_GROUP
from registry.competitions.snapshot import freeze
from registry.innovations.demo import DEMO_PASSWORD
from registry.innovations.models import Innovation, InnovationForm, Sector

KIPP_2023_DESK_RUBRIC = [
    ("Latar belakang", 10, "Masalah yang dijawab inovasi, didukung data."),
    ("Kebaruan", 15, "Apa yang baru dibanding cara sebelumnya atau di tempat lain."),
    ("Implementasi", 5, "Langkah dan lamanya penerapan."),
    ("Signifikansi", 30, "Manfaat dan hasil nyata bagi penerima layanan, dengan bukti."),
    ("Adaptabilitas", 20, "Dapat dan sudah direplikasi di tempat lain."),
    ("Sumber daya", 5, "Sumber daya yang digunakan dan kecukupannya."),
    ("Keberlanjutan", 15, "Jaminan inovasi tetap berjalan: regulasi, anggaran, kelembagaan."),
    ("Ringkasan", 0, "Kejelasan ringkasan (dinilai, tidak berbobot)."),
]
PRESENTATION_RUBRIC = [
    ("Paparan", 30, "Kejelasan dan kelengkapan paparan."),
    ("Penguasaan materi", 30, "Jawaban atas pertanyaan panel."),
    ("Dampak", 40, "Bukti dampak dan keberlanjutan yang dipaparkan."),
]
CATEGORIES = [
    (InnovationForm.PELAYANAN_PUBLIK, "Pelayanan publik"),
    (InnovationForm.TATA_KELOLA, "Tata kelola pemerintahan"),
    (InnovationForm.LAINNYA, "Inovasi lainnya"),
]
JUDGES = [
    # username, first, last, institution, province, sector codes
    ("juri.demo", "Juri", "Demo", "Universitas Gadjah Mada", "34", ["kesehatan", "pendidikan"]),
    ("juri.ui", "Ratna", "Kusumawardhani", "Universitas Indonesia", "32", ["administrasi-kependudukan", "perizinan"]),
    ("juri.unpad", "Hendra", "Gunawan", "Universitas Padjadjaran", "32", ["pendidikan", "sosial"]),
    ("juri.unair", "Lestari", "Handayani", "Universitas Airlangga", "35", ["kesehatan", "keluarga-berencana"]),
    ("juri.unhas", "Andi", "Makkasau", "Universitas Hasanuddin", "73", ["pertanian", "kelautan-perikanan"]),
    ("juri.usu", "Rahmat", "Siregar", "Universitas Sumatera Utara", "12", ["perhubungan", "pekerjaan-umum"]),
    ("juri.ipb", "Dwi", "Pratiwi", "IPB University", "32", ["pertanian", "lingkungan-hidup"]),
    ("juri.unud", "Made", "Suarjana", "Universitas Udayana", "51", ["pariwisata", "komunikasi-informatika"]),
]


def _user(username, first, last, *, group=None):
    User = get_user_model()  # noqa: N806
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last, email=f"{username}@example.ac.id")
        user.set_password(DEMO_PASSWORD)
        user.save()
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def _people():
    secretariat = _user("sekretariat", "Sekretariat", "KIPP", group=SECRETARIAT_GROUP)
    judges = []
    for username, first, last, institution, province, sectors in JUDGES:
        profile, _created = JudgeProfile.objects.get_or_create(
            user=_user(username, first, last), defaults={"institution": institution, "province_id": province}
        )
        profile.sectors.set(Sector.objects.filter(code__in=sectors))
        judges.append(profile)
    # The demo judge gets a handful of entries to score by hand.
    JudgeProfile.objects.filter(user__username="juri.demo").update(max_assignments=6)
    return secretariat, judges


def _edition(year, *, opens, deadline, judges, desk_deadline):
    competition = Competition.objects.create(
        year=year,
        name=f"Kompetisi Inovasi Pelayanan Publik {year} (demo)",
        slug=f"kipp-{year}-demo",
        regulation_reference="Peraturan Menteri PANRB Nomor 91 Tahun 2021 (contoh)",
        description="Edisi contoh untuk mencoba alur kompetisi: pendaftaran, seleksi administrasi, penilaian proposal, presentasi, sanggahan, dan pengumuman.",
        submission_opens=opens,
        submission_deadline=deadline,
        min_months_implemented=12,
        exclude_recent_winners=1,
    )
    CompetitionGroup.objects.create(competition=competition, kind=GroupKind.UMUM, name="Umum", quota_per_agency=3, sort_order=0)
    CompetitionGroup.objects.create(competition=competition, kind=GroupKind.REPLIKASI, name="Replikasi", quota_per_agency=1, sort_order=1)
    for position, (_form, name) in enumerate(CATEGORIES):
        Category.objects.create(competition=competition, name=name, winners=2, sort_order=position)
    Round.objects.create(competition=competition, name="Seleksi administrasi", kind=RoundKind.ADMIN_CHECK, sort_order=0)
    desk = Round.objects.create(
        competition=competition, name="Penilaian proposal", kind=RoundKind.DESK, judges_per_entry=2, is_blind=True,
        aggregation="zscore", advancement="top_n", advance_count=12, weight=1, deadline=desk_deadline, sort_order=1,
    )
    for position, (name, weight, guidance) in enumerate(KIPP_2023_DESK_RUBRIC):
        Criterion.objects.create(round=desk, name=name, weight=weight, scale_min=1, scale_max=10, guidance=guidance, sort_order=position)
    presentation = Round.objects.create(
        competition=competition, name="Presentasi dan wawancara", kind=RoundKind.PRESENTATION, judges_per_entry=3,
        is_blind=False, aggregation="mean", advancement="top_n", advance_count=6, weight=1,
        deadline=desk_deadline + timedelta(days=30), sort_order=2,
    )
    for position, (name, weight, guidance) in enumerate(PRESENTATION_RUBRIC):
        Criterion.objects.create(round=presentation, name=name, weight=weight, scale_min=1, scale_max=10, guidance=guidance, sort_order=position)
    for round_ in (desk, presentation):
        round_.judges.set(judges)
        round_.save()
    return competition, desk, presentation


def _enter(competition, innovations, *, submitted_at):
    umum = competition.groups.get(kind=GroupKind.UMUM)
    categories = {form: competition.categories.get(name=name) for form, name in CATEGORIES}
    entries = []
    for number, innovation in enumerate(innovations, start=1):
        entries.append(
            Entry.objects.create(
                competition=competition, group=umum, category=categories.get(innovation.form, categories[InnovationForm.LAINNYA]),
                innovation=innovation, agency=innovation.agency, province_id=innovation.province_id or innovation.agency.province_id,
                regency_id=innovation.regency_id or innovation.agency.regency_id, code=f"{competition.year}-{number:04d}",
                revision_id=innovation.live_revision_id, snapshot=freeze(innovation), status=EntryStatus.SUBMITTED,
                submitted_at=submitted_at - timedelta(hours=number),
            )
        )
        audit_record(actor=None, action="competition.entry.submit", target=entries[-1], data={"demo": True})
    return entries


def _admin_check(secretariat, competition, entries, rng):
    for entry in entries:
        if rng.random() < 0.08:
            services.entry_admin_check(user=secretariat, entry=entry, passed=False, reasons=["incomplete"], note="Dokumen pendukung belum diunggah.")
        else:
            services.entry_admin_check(user=secretariat, entry=entry, passed=True)
    services.round_publish_results(user=secretariat, round=competition.rounds.get(kind=RoundKind.ADMIN_CHECK))


def _score(round_, rng, *, now, skip_judge=None):
    quality = {}
    bias = {}
    criteria = list(round_.criteria.all())
    for assignment in Assignment.objects.filter(round=round_).select_related("judge__user").order_by("pk"):
        if skip_judge and assignment.judge.user.username == skip_judge:
            continue
        q = quality.setdefault(assignment.entry_id, rng.uniform(3.5, 9))
        b = bias.setdefault(assignment.judge_id, rng.uniform(-1, 1))
        values = {c.pk: max(1, min(10, round(q + b + rng.gauss(0, 0.8)))) for c in criteria}
        services.scores_save(
            user=assignment.judge.user, assignment=assignment, values=values,
            comments={criteria[0].pk: "Catatan contoh juri."}, confidence=rng.choice([2, 3]), submit=True, now=now,
        )


def _pick(innovations, count, used):
    """Up to `count` innovations, at most two per agency, not used by another demo edition."""
    per_agency, chosen = {}, []
    for innovation in innovations:
        if innovation.pk in used or per_agency.get(innovation.agency_id, 0) >= 2:
            continue
        per_agency[innovation.agency_id] = per_agency.get(innovation.agency_id, 0) + 1
        chosen.append(innovation)
        used.add(innovation.pk)
        if len(chosen) == count:
            break
    return chosen


def seed(*, stdout) -> None:
    now = timezone.now()
    secretariat, judges = _people()
    innovations = list(Innovation.objects.published().select_related("agency").order_by("pk"))
    used = set(Entry.objects.values_list("innovation_id", flat=True))

    if not Competition.objects.filter(slug="kipp-2022-demo").exists():
        rng = random.Random(2022)
        start = now - timedelta(days=400)
        competition, desk, presentation = _edition(
            2022, opens=start, deadline=start + timedelta(days=60), judges=judges, desk_deadline=start + timedelta(days=120)
        )
        entries = _enter(competition, _pick(innovations, 40, used), submitted_at=start + timedelta(days=50))
        _admin_check(secretariat, competition, entries, rng)
        for round_ in (desk, presentation):
            services.entry_assign_judges(user=secretariat, round=round_, seed=2022)
            _score(round_, rng, now=round_.deadline - timedelta(days=1))
            services.round_close(user=secretariat, round=round_)
            services.round_aggregate(user=secretariat, round=round_)
            for result in round_.results.all():
                if result.needs_moderation:
                    services.result_resolve_flag(user=secretariat, result=result, note="Diperiksa sekretariat: perbedaan wajar.")
            services.round_advance(user=secretariat, round=round_, now=round_.deadline)
            services.round_publish_results(user=secretariat, round=round_, now=round_.deadline)
        closes = start + timedelta(days=200)
        services.competition_publish_finalists(
            user=secretariat, competition=competition, objection_opens=closes - timedelta(days=14), objection_closes=closes, now=closes - timedelta(days=14)
        )
        services.competition_decide_winners(user=secretariat, competition=competition, now=closes + timedelta(days=1))
        services.competition_publish_results(user=secretariat, competition=competition, now=closes + timedelta(days=2))
        stdout.write(f"competition demo: {competition.name} finished, {len(entries)} entries")

    if not Competition.objects.filter(slug="kipp-2023-demo").exists():
        rng = random.Random(2023)
        competition, desk, _presentation = _edition(
            2023, opens=now - timedelta(days=90), deadline=now - timedelta(days=30), judges=judges, desk_deadline=now + timedelta(days=21)
        )
        entries = _enter(competition, _pick(innovations, 60, used), submitted_at=now - timedelta(days=31))
        _admin_check(secretariat, competition, entries, rng)
        services.entry_assign_judges(user=secretariat, round=desk, seed=2023)
        _score(desk, rng, now=now, skip_judge="juri.demo")
        services.round_aggregate(user=secretariat, round=desk)
        stdout.write(f"competition demo: {competition.name} in desk evaluation, {len(entries)} entries (juri.demo has sheets to score)")

    if not Competition.objects.filter(slug="kipp-2024-demo").exists():
        _edition(2024, opens=now - timedelta(days=7), deadline=now + timedelta(days=60), judges=judges, desk_deadline=now + timedelta(days=120))
        stdout.write("competition demo: KIPP 2024 (demo) open for entries")
