import pytest

from tests.factories import InnovationFactory

pytestmark = pytest.mark.django_db


def test_home_catalog_and_detail_render(client):
    innovation = InnovationFactory(title="Akta Kelahiran Jemput Bola")
    draft = InnovationFactory(title="Rahasia Draf", live=False, moderation_status="draft")
    home = client.get("/")
    assert home.status_code == 200
    assert "Akta Kelahiran Jemput Bola" in home.content.decode()
    catalog = client.get("/inovasi/")
    assert catalog.status_code == 200
    body = catalog.content.decode()
    assert "Akta Kelahiran Jemput Bola" in body and "Rahasia Draf" not in body
    detail = client.get(f"/inovasi/{innovation.slug}/")
    assert detail.status_code == 200
    assert client.get(f"/inovasi/{draft.slug}/").status_code == 404
    english = client.get("/en/inovasi/")
    assert english.status_code == 200
