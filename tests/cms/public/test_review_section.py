"""The review section of the public innovation page, its form and flag button, and the catalog card."""

import pytest
from django.urls import reverse

from registry.innovations.models import Innovation, OutcomeIndicator
from registry.ratings import services
from registry.ratings.models import Review, ReviewFlag
from tests.factories import InnovationFactory
from tests.factories_ratings import SCORES, reviewer_of_new_agency

pytestmark = pytest.mark.django_db



@pytest.fixture
def innovation(agency_a):
    return InnovationFactory(agency=agency_a, title="Akta Kelahiran Jemput Bola")


def _detail(innovation):
    return f"/inovasi/{innovation.slug}/"


def _post_review(client, innovation, **scores):
    data = {f"review-{name}": value for name, value in {**SCORES, **scores}.items()}
    return client.post(reverse("review_submit", args=[innovation.slug]), {**data, "review-text": "Langkahnya jelas dan murah."})


def test_anonymous_visitors_read_reviews_and_are_asked_to_sign_in(client, innovation, verifier_b, verifier_a):
    review = services.review_create(user=verifier_b, innovation=innovation, scores=SCORES, text="<b>Sangat</b> membantu & praktis")
    services.review_reply(user=verifier_a, review=review, text="Terima kasih atas masukannya.")
    body = client.get(_detail(innovation)).content.decode()
    assert "Sangat membantu &amp; praktis" in body and "<b>Sangat" not in body
    assert "Terima kasih atas masukannya." in body
    assert "Masuk dulu untuk menulis ulasan." in body
    assert 'name="review-usefulness"' not in body
    assert "Laporkan ulasan ini" not in body


def test_the_three_signals_are_side_by_side(client, innovation):
    OutcomeIndicator.objects.create(innovation=innovation, name="Cakupan akta", unit="%", baseline=60, value=95)
    Innovation.objects.filter(pk=innovation.pk).update(award_count=0)
    body = client.get(_detail(innovation)).content.decode()
    assert "Penghargaan, bukti, dan penilaian sejawat" in body
    assert "Belum ada penghargaan tercatat" in body
    assert "Cakupan akta" in body and "60 → 95" in body
    assert "Belum ada ulasan." in body


def test_an_award_count_replaces_the_empty_message(client, innovation):
    Innovation.objects.filter(pk=innovation.pk).update(award_count=2)
    response = client.get(_detail(innovation))
    assert response.status_code == 200
    assert "Belum ada penghargaan tercatat" not in response.content.decode()


def test_the_fallback_awards_panel_shows_the_count(innovation):
    from django.template.loader import render_to_string

    innovation.award_count = 2
    html = render_to_string("ratings/includes/awards_fallback.html", {"innovation": innovation, "awards": []})
    assert "2 penghargaan tercatat" in html


def test_a_reviewer_of_another_agency_writes_then_edits(client, innovation, verifier_b):
    client.force_login(verifier_b)
    assert 'name="review-usefulness"' in client.get(_detail(innovation)).content.decode()
    response = _post_review(client, innovation)
    assert response.status_code == 302 and response["Location"].endswith(f"/inovasi/{innovation.slug}/#ulasan")
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.review_count == 1
    body = client.get(_detail(innovation)).content.decode()
    assert "Ubah ulasan Anda" in body and "Langkahnya jelas dan murah." in body
    _post_review(client, innovation, usefulness=1)
    review = Review.objects.get()
    assert review.usefulness == 1 and review.version == 2
    assert Innovation.objects.get(pk=innovation.pk).rating_usefulness == 1.0


def test_invalid_scores_show_the_form_again_with_errors(client, innovation, verifier_b):
    client.force_login(verifier_b)
    response = client.post(reverse("review_submit", args=[innovation.slug]), {"review-usefulness": 9, "review-text": "x"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Review.objects.exists()


def test_the_innovations_own_agency_sees_why_it_cannot_review(client, innovation, submitter_a):
    client.force_login(submitter_a)
    body = client.get(_detail(innovation)).content.decode()
    assert "tidak dapat mengulas inovasi instansi Anda sendiri" in body
    response = _post_review(client, innovation)
    assert response.status_code == 302
    assert not Review.objects.exists()


def test_anonymous_posts_go_to_the_login_page(client, innovation):
    response = _post_review(client, innovation)
    assert response.status_code == 302 and "/masuk/" in response["Location"]
    assert not Review.objects.exists()


def test_flagging_from_the_page(client, innovation, verifier_b, submitter_b):
    review = services.review_create(user=verifier_b, innovation=innovation, scores=SCORES)
    client.force_login(submitter_b)
    assert "Laporkan ulasan ini" in client.get(_detail(innovation)).content.decode()
    response = client.post(reverse("review_flag", args=[review.pk]), {"flag-reason": "Tidak benar."})
    assert response.status_code == 302
    assert ReviewFlag.objects.get().reason == "Tidak benar."


def test_the_author_deletes_their_review(client, innovation, verifier_b, submitter_b):
    review = services.review_create(user=verifier_b, innovation=innovation, scores=SCORES)
    client.force_login(submitter_b)
    assert client.post(reverse("review_delete", args=[review.pk])).status_code == 404
    client.force_login(verifier_b)
    client.post(reverse("review_delete", args=[review.pk]))
    assert not Review.objects.exists()
    assert Innovation.objects.get(pk=innovation.pk).review_count == 0


def test_implementers_come_first_and_reviews_are_paginated(client, innovation):
    reviewers = [reviewer_of_new_agency() for _ in range(12)]
    reviews = [services.review_create(user=user, innovation=innovation, scores=SCORES, text=f"Ulasan nomor {n}") for n, user in enumerate(reviewers)]
    Review.objects.filter(pk=reviews[0].pk).update(is_implementer=True)
    body = client.get(_detail(innovation)).content.decode()
    assert body.index("Ulasan nomor 0") < body.index("Ulasan nomor 11")
    assert "Pelaksana replikasi" in body
    assert "Ulasan nomor 1<" not in body  # the oldest ordinary review is on page 2
    assert "Ulasan nomor 1<" in client.get(_detail(innovation) + "?ulasan=2").content.decode()


def test_hidden_reviews_are_not_shown(client, innovation, verifier_b, ministry_admin):
    review = services.review_create(user=verifier_b, innovation=innovation, scores=SCORES, text="Rahasia tersembunyi")
    services.review_hide(user=ministry_admin, review=review, reason="Kasar.")
    assert "Rahasia tersembunyi" not in client.get(_detail(innovation)).content.decode()


@pytest.mark.parametrize("reviews", [1, 10])
def test_the_review_section_query_count_does_not_grow_with_reviews(rf, innovation, reviews, django_assert_max_num_queries):
    from django.template.loader import render_to_string

    from cms.public.reviews import review_section_context
    from registry.innovations.selectors import innovation_get_published

    for user in [reviewer_of_new_agency() for _ in range(reviews)]:
        services.review_create(user=user, innovation=innovation, scores=SCORES)
    request = rf.get(_detail(innovation))
    request.user = reviewer_of_new_agency()
    innovation = innovation_get_published(slug=innovation.slug)
    # Own review, memberships, related agencies (2), reviewer agencies, reviews count and page.
    with django_assert_max_num_queries(7):
        context = review_section_context(request, innovation)
        html = render_to_string("ratings/includes/reviews.html", {**context, "innovation": innovation, "user": request.user}, request)
    assert html.count('<li id="ulasan-') == reviews


def test_the_catalog_card_shows_mean_and_count(client, innovation, agency_a):
    InnovationFactory(agency=agency_a, title="Belum Dinilai")
    for scores in ({"usefulness": 5, "ease": 5, "documentation": 4}, {"usefulness": 3, "ease": 3, "documentation": 3}):
        services.review_create(user=reviewer_of_new_agency(), innovation=innovation, scores=scores)
    body = client.get("/inovasi/").content.decode()
    assert "★ 3,8" in body or "★ 3.8" in body
    assert "2 ulasan" in body
    assert "Belum ada ulasan" in body
