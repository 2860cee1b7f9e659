"""Verification in the portal: the queue, the review screen, decisions and history."""

import pytest

from registry.innovations import services
from registry.innovations.models import Innovation, ModerationStatus
from tests import factories_portal as portal

pytestmark = pytest.mark.django_db


def test_queue_lists_what_awaits_the_verifier_only(client, make_innovation, verifier_a, submitter_a, verifier_b):
    waiting = make_innovation("in_moderation", title="Antrean Puskesmas Daring")
    make_innovation("draft", title="Masih Draf")
    client.force_login(verifier_a)
    html = client.get("/portal/inovasi/verifikasi/").content.decode()
    assert "Antrean Puskesmas Daring" in html and "Masih Draf" not in html
    assert f"/portal/inovasi/{waiting.pk}/tinjau/" in html
    assert "Antrean Puskesmas Daring" in client.get("/portal/").content.decode()
    client.force_login(verifier_b)
    assert "Antrean Puskesmas Daring" not in client.get("/portal/inovasi/verifikasi/").content.decode()


def test_review_of_a_first_submission_shows_everything_and_both_decisions(client, make_innovation, verifier_a):
    innovation = make_innovation("in_moderation")
    client.force_login(verifier_a)
    html = client.get(f"/portal/inovasi/{innovation.pk}/tinjau/").content.decode()
    assert "belum pernah terbit" in html and "Cakupan akta kelahiran anak" in html
    assert f'action="/portal/inovasi/{innovation.pk}/terbitkan/"' in html
    assert f'action="/portal/inovasi/{innovation.pk}/kembalikan/"' in html


def test_review_of_an_edit_shows_the_changes_field_by_field(client, make_innovation, submitter_a, verifier_a):
    innovation = make_innovation("published")
    services.innovation_update(user=submitter_a, innovation=innovation, data={"summary": "Ringkasan yang diperbarui."})
    services.innovation_submit(user=submitter_a, innovation=innovation)
    client.force_login(verifier_a)
    html = client.get(f"/portal/inovasi/{innovation.pk}/tinjau/").content.decode()
    assert "Perubahan dibanding versi terbit" in html
    assert '<th scope="row">Ringkasan</th>' in html and "Ringkasan yang diperbarui." in html
    assert '<th scope="row">Judul</th>' not in html


def test_submitter_sees_the_review_without_decisions(client, make_innovation, submitter_a):
    innovation = make_innovation("in_moderation")
    client.force_login(submitter_a)
    html = client.get(f"/portal/inovasi/{innovation.pk}/tinjau/").content.decode()
    assert "Versi yang diajukan" in html and "/terbitkan/" not in html


def test_approve_publishes_to_the_catalog(client, make_innovation, verifier_a, django_capture_on_commit_callbacks):
    innovation = make_innovation("in_moderation")
    client.force_login(verifier_a)
    with django_capture_on_commit_callbacks(execute=True):  # the catalog's index updates after commit
        response = client.post(f"/portal/inovasi/{innovation.pk}/terbitkan/", follow=True)
    assert "diterbitkan dan tampil di katalog publik" in response.content.decode()
    assert innovation.title in client.get("/inovasi/").content.decode()


def test_return_needs_a_comment_which_the_submitter_then_sees(client, make_innovation, verifier_a, submitter_a):
    innovation = make_innovation("in_moderation")
    client.force_login(verifier_a)
    before = portal.database_state(innovation.pk)
    response = client.post(f"/portal/inovasi/{innovation.pk}/kembalikan/", {"comment": "   "})
    assert response.status_code == 400 and "Tuliskan catatan untuk pengusul" in response.content.decode()
    assert portal.database_state(innovation.pk) == before

    client.post(f"/portal/inovasi/{innovation.pk}/kembalikan/", {"comment": "Tambahkan sumber data capaian 2018."})
    assert Innovation.objects.get(pk=innovation.pk).moderation_status == ModerationStatus.RETURNED
    client.force_login(submitter_a)
    for page in [f"/portal/inovasi/{innovation.pk}/", "/portal/", f"/portal/inovasi/{innovation.pk}/ubah/", "/portal/inovasi/"]:
        assert "Tambahkan sumber data capaian 2018." in client.get(page).content.decode(), page


def test_approving_twice_is_refused_with_a_message(client, make_innovation, verifier_a):
    innovation = make_innovation("published")
    client.force_login(verifier_a)
    before = portal.database_state(innovation.pk)
    response = client.post(f"/portal/inovasi/{innovation.pk}/terbitkan/", follow=True)
    assert "Inovasi yang berstatus &quot;Terbit&quot; tidak dapat diterbitkan." in response.content.decode()
    assert portal.database_state(innovation.pk) == before


def test_submit_and_withdraw(client, make_innovation, submitter_a):
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    client.post(f"/portal/inovasi/{innovation.pk}/ajukan/")
    assert Innovation.objects.get(pk=innovation.pk).moderation_status == ModerationStatus.IN_MODERATION
    response = client.post(f"/portal/inovasi/{innovation.pk}/tarik-pengajuan/", follow=True)
    assert "Pengajuan ditarik" in response.content.decode()
    assert Innovation.objects.get(pk=innovation.pk).moderation_status == ModerationStatus.DRAFT


def test_actions_are_post_only(client, make_innovation, verifier_a):
    innovation = make_innovation("in_moderation")
    client.force_login(verifier_a)
    before = portal.database_state(innovation.pk)
    for action in ["ajukan", "tarik-pengajuan", "terbitkan", "kembalikan", "dokumen", "gambar"]:
        assert client.get(f"/portal/inovasi/{innovation.pk}/{action}/").status_code == 405
    assert portal.database_state(innovation.pk) == before


def test_unpublish_asks_for_a_reason(client, make_innovation, verifier_a, submitter_a):
    innovation = make_innovation("published")
    client.force_login(verifier_a)
    assert "Alasan penarikan" in client.get(f"/portal/inovasi/{innovation.pk}/tarik/").content.decode()
    before = portal.database_state(innovation.pk)
    assert client.post(f"/portal/inovasi/{innovation.pk}/tarik/", {"reason": ""}).status_code == 400
    assert portal.database_state(innovation.pk) == before
    client.post(f"/portal/inovasi/{innovation.pk}/tarik/", {"reason": "Layanan dihentikan sejak 2020."})
    assert client.get(f"/inovasi/{innovation.slug}/").status_code == 404
    client.force_login(submitter_a)
    assert "Layanan dihentikan sejak 2020." in client.get(f"/portal/inovasi/{innovation.pk}/").content.decode()


def test_delete_a_never_published_draft(client, make_innovation, verifier_a):
    innovation = make_innovation("draft")
    client.force_login(verifier_a)
    assert "Hapus draf" in client.get(f"/portal/inovasi/{innovation.pk}/hapus/").content.decode()
    response = client.post(f"/portal/inovasi/{innovation.pk}/hapus/", follow=True)
    assert "dihapus" in response.content.decode()
    assert not Innovation.objects.filter(pk=innovation.pk).exists()


def test_deleting_a_published_innovation_is_refused(client, make_innovation, verifier_a):
    innovation = make_innovation("unpublished")
    client.force_login(verifier_a)
    before = portal.database_state(innovation.pk)
    response = client.post(f"/portal/inovasi/{innovation.pk}/hapus/", follow=True)
    assert "tidak dapat dihapus; tarik dari katalog" in response.content.decode()
    assert portal.database_state(innovation.pk) == before


def test_history_lists_revisions_and_audit_events_and_opens_any_revision(client, make_innovation, submitter_a, verifier_a):
    innovation = make_innovation("returned", title="Judul pertama")
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Judul kedua"})
    client.force_login(submitter_a)
    html = client.get(f"/portal/inovasi/{innovation.pk}/riwayat/").content.decode()
    for action in ["innovation.create", "innovation.submit", "innovation.return", "innovation.edit"]:
        assert f"<code class=\"small\">{action}</code>" in html
    assert "Dikembalikan" in html and "Lengkapi data indikator." in html
    first_revision = innovation.revisions.order_by("pk").first()
    revision_page = client.get(f"/portal/inovasi/{innovation.pk}/riwayat/{first_revision.pk}/").content.decode()
    assert "Judul pertama" in revision_page and "hanya-baca" in revision_page
