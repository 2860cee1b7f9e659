"""/portal/ulasan/: one's own reviews and notices; moderation by ministry admins; replies by the agency."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from registry.ratings import services
from registry.ratings.models import Review, ReviewNotice, ReviewReply, ReviewStatus
from tests.factories import InnovationFactory, MembershipFactory
from tests.factories_ratings import SCORES, reviewer_of_new_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(agency_a):
    innovation = InnovationFactory(agency=agency_a, title="Akta Kelahiran Jemput Bola")
    author = reviewer_of_new_agency(username="penulis")
    return services.review_create(user=author, innovation=innovation, scores=SCORES, text="Berguna.")


@pytest.fixture
def users(review, agency_a, ministry_admin):
    return {
        "anonymous": AnonymousUser(),
        "own_verifier": MembershipFactory(agency=agency_a, role="verifier").user,
        "own_submitter": MembershipFactory(agency=agency_a, role="submitter").user,
        "other_member": reviewer_of_new_agency(role="verifier"),
        "unverified": MembershipFactory(is_verified=False, role="verifier").user,
        "moderator": ministry_admin,
        "author": review.reviewer,
    }


# What each role gets from the portal: the review page, a hide, a reply.
PORTAL = {
    "anonymous": {"detail": 302, "hide": False, "reply": False},
    "own_verifier": {"detail": 200, "hide": False, "reply": True},
    "own_submitter": {"detail": 404, "hide": False, "reply": False},
    "other_member": {"detail": 404, "hide": False, "reply": False},
    "unverified": {"detail": 404, "hide": False, "reply": False},
    "moderator": {"detail": 200, "hide": True, "reply": False},
    "author": {"detail": 404, "hide": False, "reply": False},
}


def _login(client, user):
    if user.is_authenticated:
        client.force_login(user)


@pytest.mark.parametrize("role", list(PORTAL))
def test_portal_matrix_detail_hide_reply(client, users, review, role):
    _login(client, users[role])
    expected = PORTAL[role]
    assert client.get(reverse("portal:review_detail", args=[review.pk])).status_code == expected["detail"]

    client.post(reverse("portal:review_hide", args=[review.pk]), {"reason": "Menyerang pribadi."})
    review.refresh_from_db()
    assert (review.status == ReviewStatus.HIDDEN) is expected["hide"]
    if expected["hide"]:
        services.review_restore(user=users["moderator"], review=review, reason="Kembali untuk uji balasan.")

    client.post(reverse("portal:review_reply", args=[review.pk]), {"text": "Terima kasih."})
    assert ReviewReply.objects.filter(review=review).exists() is expected["reply"]


def test_the_moderation_queue_is_a_404_for_people_who_neither_moderate_nor_verify(client, users):
    for role in ("own_submitter", "author"):
        client.force_login(users[role])
        assert client.get(reverse("portal:review_moderation")).status_code == 404
    # A verifier of another agency has a queue too, of its own innovations' reviews only.
    client.force_login(users["other_member"])
    response = client.get(reverse("portal:review_moderation") + "?tampil=all")
    assert response.status_code == 200 and "Akta Kelahiran Jemput Bola" not in response.content.decode()


def test_a_flagged_review_reaches_the_queue_and_is_hidden_with_a_reason(client, users, review):
    services.review_flag(user=users["other_member"], review=review, reason="Isinya menyesatkan.")
    client.force_login(users["moderator"])
    queue = client.get(reverse("portal:review_moderation")).content.decode()
    assert "Akta Kelahiran Jemput Bola" in queue
    page = client.get(reverse("portal:review_detail", args=[review.pk])).content.decode()
    assert "Isinya menyesatkan." in page and "Sembunyikan ulasan" in page
    response = client.post(reverse("portal:review_hide", args=[review.pk]), {"reason": "Tidak berdasar."}, follow=True)
    assert "penulisnya sudah diberi tahu" in response.content.decode()
    assert client.get(reverse("portal:review_moderation")).content.decode().count("Akta Kelahiran Jemput Bola") == 0
    assert "Akta Kelahiran Jemput Bola" in client.get(reverse("portal:review_moderation") + "?tampil=hidden").content.decode()


def test_a_hide_without_reason_changes_nothing(client, users, review):
    client.force_login(users["moderator"])
    client.post(reverse("portal:review_hide", args=[review.pk]), {"reason": ""})
    review.refresh_from_db()
    assert review.is_visible and not ReviewNotice.objects.exists()


def test_the_author_sees_notices_and_the_reply_in_my_reviews(client, users, review):
    services.review_reply(user=users["own_verifier"], review=review, text="Panduan lengkap ada di lampiran.")
    services.review_hide(user=users["moderator"], review=review, reason="Data pribadi.")
    client.force_login(users["author"])
    body = client.get(reverse("portal:review_list")).content.decode()
    assert "Panduan lengkap ada di lampiran." in body
    assert "Data pribadi." in body and "Disembunyikan moderator" in body
    assert "Baru" in body
    assert not ReviewNotice.objects.filter(recipient=users["author"], read_at__isnull=True).exists()


def test_verifiers_see_only_reviews_of_their_agency(client, users, review, agency_b):
    elsewhere = services.review_create(
        user=reviewer_of_new_agency(), innovation=InnovationFactory(agency=agency_b, title="Inovasi Surabaya"), scores=SCORES
    )
    client.force_login(users["own_verifier"])
    body = client.get(reverse("portal:review_moderation") + "?tampil=all").content.decode()
    assert "Akta Kelahiran Jemput Bola" in body and "Inovasi Surabaya" not in body
    assert client.get(reverse("portal:review_detail", args=[elsewhere.pk])).status_code == 404
    assert Review.objects.count() == 2
