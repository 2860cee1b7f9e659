"""The anonymous page cache (cms/public/page_cache.py): what it serves, what it never stores,
and that a change made through the services reaches the next visitor at once."""

import pytest
from django.core.cache import caches

from cms.public import page_cache
from registry.innovations import services as innovation_services
from registry.ratings import services as rating_services
from tests.factories import InnovationFactory
from tests.factories_portal import published
from tests.factories_ratings import SCORES

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    caches[page_cache.CACHE_ALIAS].clear()
    yield
    caches[page_cache.CACHE_ALIAS].clear()


@pytest.fixture
def innovation(agency_a):
    return InnovationFactory(agency=agency_a, title="Akta Kelahiran Jemput Bola")


def _detail(innovation):
    return f"/inovasi/{innovation.slug}/"


def test_second_anonymous_visit_is_served_from_the_cache_with_the_same_page(client, innovation):
    first = client.get(_detail(innovation))
    second = client.get(_detail(innovation))
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content and second["Content-Type"] == first["Content-Type"]
    # The outer middleware still dresses the cached page: security headers are there.
    assert "Content-Security-Policy" in second and second["X-Content-Type-Options"] == "nosniff"


def test_a_cached_page_costs_one_query(client, innovation, django_assert_num_queries):
    client.get(_detail(innovation))
    with django_assert_num_queries(1):  # the generation
        assert client.get(_detail(innovation))["X-Page-Cache"] == "hit"


def test_language_and_query_string_are_part_of_the_key(client, innovation):
    client.get("/inovasi/?q=akta")
    assert client.get("/en/inovasi/?q=akta")["X-Page-Cache"] == "miss"
    assert client.get("/inovasi/?q=kelahiran")["X-Page-Cache"] == "miss"
    english = client.get("/en/inovasi/?q=akta")
    assert english["X-Page-Cache"] == "hit" and '<html lang="en">' in english.content.decode()


def test_signed_in_users_always_get_a_fresh_page(client, innovation, verifier_b):
    client.get(_detail(innovation))
    client.force_login(verifier_b)
    response = client.get(_detail(innovation))
    assert "X-Page-Cache" not in response
    assert "csrfmiddlewaretoken" in response.content.decode()  # the review form: never cached


def test_pages_outside_the_public_list_are_never_cached(client, verifier_a):
    assert "X-Page-Cache" not in client.get("/masuk/")
    assert "X-Page-Cache" not in client.get("/api/v1/innovations/")
    client.force_login(verifier_a)
    assert "X-Page-Cache" not in client.get("/portal/")


def test_a_missing_page_is_not_stored(client):
    for _ in range(2):
        response = client.get("/inovasi/tidak-ada/")
        assert response.status_code == 404 and response["X-Page-Cache"] == "skip"


def test_a_visitor_with_pending_messages_gets_a_fresh_page(client, innovation):
    client.get(_detail(innovation))
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(_detail(innovation))


def test_cache_is_off_when_the_setting_is_zero(client, innovation, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(_detail(innovation))
    assert "X-Page-Cache" not in client.get(_detail(innovation))


def test_unpublishing_reaches_the_next_anonymous_visitor_at_once(client, innovation, verifier_a):
    assert client.get(_detail(innovation)).status_code == 200
    assert innovation.title in client.get("/inovasi/").content.decode()
    innovation_services.innovation_unpublish(user=verifier_a, innovation=innovation, reason="Data keliru.")
    assert client.get(_detail(innovation)).status_code == 404
    assert innovation.title not in client.get("/inovasi/").content.decode()


def test_a_publication_reaches_the_home_page_at_once(client, agency_a, verifier_a, submitter_a):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    published(submitter_a, verifier_a, agency_a, title="Posyandu Digital Terpadu")
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss" and "Posyandu Digital Terpadu" in home.content.decode()


def test_a_new_review_keeps_the_cache_and_a_moderator_hiding_it_empties_it(client, innovation, verifier_b, ministry_admin):
    before = page_cache.generation()
    review = rating_services.review_create(user=verifier_b, innovation=innovation, scores=SCORES, text="Ulasan yang kasar")
    assert page_cache.generation() == before  # routine: shows within PAGE_CACHE_SECONDS
    assert "Ulasan yang kasar" in client.get(_detail(innovation)).content.decode()
    rating_services.review_hide(user=ministry_admin, review=review, reason="Tidak sopan.")
    assert "Ulasan yang kasar" not in client.get(_detail(innovation)).content.decode()


def test_routine_actions_do_not_empty_the_cache_and_others_do():
    assert page_cache.is_routine("review.create") and page_cache.is_routine("account.two_factor_enable")
    assert not page_cache.is_routine("innovation.publish")
    assert not page_cache.is_routine("review.hide")
    assert not page_cache.is_routine("competition.results.publish")
    assert not page_cache.is_routine("some.future_action")  # unknown actions empty the cache


def test_a_rolled_back_change_keeps_the_generation(innovation, verifier_a):
    from django.db import transaction

    before = page_cache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        innovation_services.innovation_unpublish(user=verifier_a, innovation=innovation, reason="Data keliru.")
        raise RuntimeError
    assert page_cache.generation() == before


def test_a_catalog_page_does_not_outlive_the_indexing_of_a_publication(client):
    """The worker indexes after the publication commits: the key follows the index's membership."""
    from tests.factories_search import innovation as indexed_innovation

    client.get("/inovasi/?q=sampah")
    assert client.get("/inovasi/?q=sampah")["X-Page-Cache"] == "hit"
    generation = page_cache.generation()
    indexed_innovation("Bank Sampah Sekolah", "Murid menabung sampah plastik.")  # indexed, no audit event
    assert page_cache.generation() == generation
    page = client.get("/inovasi/?q=sampah")
    assert page["X-Page-Cache"] == "miss" and "Sekolah</a>" in page.content.decode()
