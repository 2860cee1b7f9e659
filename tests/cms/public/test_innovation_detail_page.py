"""The public page of one innovation: every part, SEO basics, and what must never be public."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import floatformat
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from registry.agencies.models import AgencyType
from registry.innovations.models import (
    NARRATIVE_SECTIONS,
    Innovation,
    InnovationDocument,
    InnovationImage,
    OutcomeIndicator,
    Sdg,
    Sector,
)
from registry.innovations.services import innovation_update
from tests.factories import AgencyFactory, InnovationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _add_image(innovation, n):
    image = Image.objects.create(title=f"Foto {n}", file=get_test_image_file(filename=f"foto{n}.png"))
    return InnovationImage.objects.create(innovation=innovation, image=image, caption=f"Petugas keliling {n}", sort_order=n)


def _add_document(innovation, n):
    document = Document.objects.create(title=f"Dokumen {n}", file=ContentFile(b"%PDF-1.4 laporan", name=f"laporan{n}.pdf"))
    return InnovationDocument.objects.create(innovation=innovation, document=document, title=f"Laporan evaluasi {n}", sort_order=n)


@pytest.fixture
def full_innovation():
    ministry = AgencyFactory(name="Kementerian Dalam Negeri", type=AgencyType.KEMENTERIAN, regency=None, province=None)
    dinas = AgencyFactory(name="Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta", type=AgencyType.UNIT, parent=ministry)
    texts = {name: f"Teks bagian {name} yang cukup panjang untuk dibaca." for name in NARRATIVE_SECTIONS}
    innovation = InnovationFactory(
        title="Akta Kelahiran Jemput Bola",
        summary="Petugas mendatangi rumah sakit dan bidan agar akta kelahiran terbit tanpa antre.",
        agency=dinas,
        unit_name="Bidang Pencatatan Sipil",
        product="Akta kelahiran yang diantar",
        video_url="https://www.youtube.com/watch?v=abc123",
        contact_name="Seksi Kelahiran",
        contact_email="capil@surakarta.go.id",
        contact_phone="0271 123456",
        source_note="LAN RI – Direktori Inovasi Administrasi Negara, entri #52.",
        **texts,
    )
    innovation.sdgs.set(Sdg.objects.filter(number__in=[3, 16]))
    innovation.tags.add("jemput bola", "akta")
    innovation.save()
    OutcomeIndicator.objects.create(
        innovation=innovation, sort_order=0, name="Waktu penerbitan akta", unit="hari",
        baseline=Decimal(14), baseline_year=2012, value=Decimal(7), year=2014,
    )
    OutcomeIndicator.objects.create(
        innovation=innovation, sort_order=1, name="Cakupan akta kelahiran", unit="%",
        baseline=Decimal(60), baseline_year=2012, value=Decimal("95.5"), year=2014, note="Data Disdukcapil",
    )
    _add_image(innovation, 1)
    _add_document(innovation, 1)
    return Innovation.objects.get(pk=innovation.pk)


def _page(client, innovation, prefix=""):
    response = client.get(f"{prefix}/inovasi/{innovation.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_detail_shows_every_narrative_section_and_the_summary(client, full_innovation):
    html = _page(client, full_innovation)
    assert "<h1" in html and "Akta Kelahiran Jemput Bola" in html
    assert full_innovation.summary in html
    for name in NARRATIVE_SECTIONS:
        label = str(Innovation._meta.get_field(name).verbose_name)
        assert f'id="bagian-{name.replace("_", "-")}"' in html
        assert label[:1].upper() + label[1:] in html
        assert getattr(full_innovation, name) in html
    assert 'href="#bagian-problem"' in html  # table of contents


def test_detail_shows_indicators_with_their_change_from_baseline(client, full_innovation):
    html = _page(client, full_innovation)
    for indicator in full_innovation.indicators.all():
        assert indicator.name in html
        assert f"{floatformat(indicator.change_percent, '1g')}%" in html
    assert "▼" in html and "▲" in html
    assert "Data Disdukcapil" in html


def test_detail_shows_documents_gallery_and_video(client, full_innovation):
    html = _page(client, full_innovation)
    item = full_innovation.documents.get()
    assert f'href="{item.document.url}"' in html and "Laporan evaluasi 1" in html and "PDF" in html
    image = full_innovation.images.get()
    assert 'alt="Petugas keliling 1"' in html and "<figcaption>Petugas keliling 1</figcaption>" in html
    assert image.image.get_rendition("fill-480x320").url in html
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html and "youtube.com" in html


def test_detail_shows_agency_with_parent_region_taxonomy_contact_and_source(client, full_innovation):
    html = _page(client, full_innovation)
    assert "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta" in html
    assert "di bawah Kementerian Dalam Negeri" in html
    assert "Bidang Pencatatan Sipil" in html and "Akta kelahiran yang diantar" in html
    assert "Kota Surakarta" in html and "Jawa Tengah" in html
    assert 'href="/inovasi/?regency=33.72"' in html
    assert Sector.objects.get(code="administrasi-kependudukan").name in html
    assert "3. Kehidupan sehat dan sejahtera" in html and 'href="/inovasi/?sdg=16"' in html
    assert "jemput bola" in html and "akta" in html
    assert "mailto:capil@surakarta.go.id" in html and "0271 123456" in html
    assert "LAN RI – Direktori Inovasi Administrasi Negara, entri #52." in html


def test_detail_seo_basics(client, full_innovation):
    html = _page(client, full_innovation)
    url = f"http://testserver/inovasi/{full_innovation.slug}/"
    assert "<title>Akta Kelahiran Jemput Bola — Registri Inovasi</title>" in html
    assert f'<meta name="description" content="{full_innovation.summary}">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en/inovasi/{full_innovation.slug}/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Akta Kelahiran Jemput Bola">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html


def test_detail_text_is_escaped(client):
    innovation = InnovationFactory(title="Judul <script>alert(1)</script>", problem="<b>tebal</b>")
    html = _page(client, innovation)
    assert "<script>alert(1)</script>" not in html and "&lt;b&gt;tebal&lt;/b&gt;" in html


def test_detail_query_count_does_not_grow_with_images_documents_and_indicators(client, full_innovation, django_assert_max_num_queries):
    _page(client, full_innovation)  # renditions are created on the first view
    with django_assert_max_num_queries(40) as one_each:
        _page(client, full_innovation)
    # Read it now: the next request resets the connection's query log.
    queries_with_one_each = len(one_each.captured_queries)
    for n in range(2, 6):
        _add_image(full_innovation, n)
        _add_document(full_innovation, n)
        OutcomeIndicator.objects.create(innovation=full_innovation, sort_order=n, name=f"Indikator {n}", baseline=1, value=2)
    _page(client, full_innovation)
    with django_assert_max_num_queries(queries_with_one_each):
        html = _page(client, full_innovation)
    assert "Petugas keliling 5" in html and "Laporan evaluasi 5" in html and "Indikator 5" in html


@pytest.mark.parametrize(
    "state",
    [
        {"live": False, "moderation_status": "draft", "first_published_at": None},
        {"live": False, "moderation_status": "in_moderation", "first_published_at": None},
        {"live": False, "moderation_status": "unpublished"},
    ],
    ids=["draft", "in-moderation", "unpublished"],
)
def test_innovations_that_are_not_live_are_never_public(client, state):
    hidden = InnovationFactory(title="Inovasi Tidak Publik", **state)
    assert client.get(f"/inovasi/{hidden.slug}/").status_code == 404
    assert client.get(f"/en/inovasi/{hidden.slug}/").status_code == 404
    assert "Inovasi Tidak Publik" not in client.get("/").content.decode()


def test_a_pending_edit_stays_private_until_it_is_approved(client):
    innovation = InnovationFactory(title="Judul Terbit", problem="Masalah yang sudah terbit.")
    submitter = MembershipFactory(agency=innovation.agency, role="submitter").user
    innovation_update(user=submitter, innovation=innovation, data={"title": "Judul Draf Baru", "problem": "Masalah draf."})
    html = _page(client, innovation)
    assert "Judul Terbit" in html and "Masalah yang sudah terbit." in html
    assert "Judul Draf Baru" not in html and "Masalah draf." not in html


def test_unknown_slug_is_404(client):
    assert client.get("/inovasi/tidak-ada/").status_code == 404


def test_english_detail_page(client, full_innovation):
    html = _page(client, full_innovation, prefix="/en")
    assert '<html lang="en">' in html
    assert f'<link rel="canonical" href="http://testserver/en/inovasi/{full_innovation.slug}/">' in html
    assert "Akta Kelahiran Jemput Bola" in html
