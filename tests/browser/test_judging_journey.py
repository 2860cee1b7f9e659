"""A judge scores an entry in a blind round; the secretariat closes the round and advances the top entries."""

import pytest
from playwright.sync_api import expect

from registry.competitions import services
from registry.competitions.models import Assignment, EntryStatus
from tests.factories import PASSWORD
from tests.factories_competitions import entry_in_round
from tests.fixtures_competitions import (  # noqa: F401  (fixtures)
    edition,
    panel,
    secretariat,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user, next_url):
    page.goto(f"{live_server.url}/masuk/?next={next_url}")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_judge_scores_and_the_secretariat_advances_the_top_entries(live_server, page, edition, panel, secretariat):  # noqa: F811
    desk = edition["desk"]
    entries = [entry_in_round(edition, title=f"Inovasi Uji {n}") for n in range(3)]
    judge = panel[0]
    # The judge's sheet is on the best entry, so a 10 keeps the judges close (no moderation flag).
    mine = services.assignment_add(user=secretariat, round=desk, entry=entries[0], judge=judge)
    services.entry_assign_judges(user=secretariat, round=desk, seed=4)
    # Everyone else has scored already: entry 0 best, entry 2 worst.
    for assignment in Assignment.objects.exclude(pk=mine.pk).select_related("judge__user"):
        value = 9 - 3 * entries.index(assignment.entry)
        services.scores_save(
            user=assignment.judge.user, assignment=assignment, values={c.pk: value for c in desk.criteria.all()}, confidence=2, submit=True
        )

    _login(page, live_server, judge.user, "/portal/kompetisi/penilaian/")
    page.wait_for_url("**/portal/kompetisi/penilaian/")
    page.get_by_role("link", name=mine.entry.code).click()
    expect(page.get_by_role("heading", name="Rubrik")).to_be_visible()
    expect(page.get_by_text("Penilaian buta:")).to_be_visible()
    form = page.locator("form.score-form")
    for criterion in desk.criteria.all():
        form.get_by_label(criterion.name, exact=True).fill("10")
    expect(page.locator("[data-live-total-value]")).to_have_text("100.00")
    form.get_by_label("Tingkat keyakinan Anda").select_option("3")
    form.get_by_role("button", name="Kirim nilai").click()
    page.wait_for_url("**/portal/kompetisi/penilaian/")
    expect(page.get_by_text("Nilai terkirim. Terima kasih.")).to_be_visible()
    total = Assignment.objects.filter(judge=judge).count()
    done = Assignment.objects.filter(judge=judge, status="submitted").count()
    expect(page.get_by_text(f"{done} dari {total} entri sudah dinilai")).to_be_visible()
    mine.refresh_from_db()
    assert mine.status == "submitted" and mine.total == pytest.approx(100)

    page.context.clear_cookies()
    _login(page, live_server, secretariat, f"/portal/kompetisi/sekretariat/babak/{desk.pk}/")
    page.wait_for_url(f"**/portal/kompetisi/sekretariat/babak/{desk.pk}/")
    page.get_by_role("button", name="Tutup penilaian").click()
    expect(page.get_by_text("Penilaian babak ditutup.")).to_be_visible()
    page.get_by_role("button", name="Loloskan entri teratas").click()
    expect(page.get_by_text("Entri teratas diloloskan sesuai aturan babak.")).to_be_visible()
    expect(page.locator(".round-table .badge-ok")).to_have_count(2)

    statuses = {e.pk: type(e).objects.get(pk=e.pk) for e in entries}
    advanced = {pk for pk, e in statuses.items() if e.current_round_id == edition["presentation"].pk and e.status == EntryStatus.IN_ROUND}
    assert len(advanced) == 2 and entries[2].pk not in advanced
