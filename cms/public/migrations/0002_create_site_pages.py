"""Replace Wagtail's default welcome page with the registry's home and catalog pages."""

from django.db import migrations


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("public", "HomePage")
    CatalogPage = apps.get_model("public", "CatalogPage")

    locale, _ = Locale.objects.get_or_create(language_code="id")
    Page.objects.filter(depth=2).delete()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="public")
    catalog_type, _ = ContentType.objects.get_or_create(model="catalogpage", app_label="public")
    home = HomePage.objects.create(
        title="Registri Inovasi Pelayanan Publik",
        draft_title="Registri Inovasi Pelayanan Publik",
        slug="beranda",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/beranda/",
        locale=locale,
        intro=(
            "Temukan inovasi pelayanan publik dari instansi di seluruh Indonesia, "
            "pelajari bukti hasilnya, dan replikasikan di daerah Anda."
        ),
    )
    CatalogPage.objects.create(
        title="Katalog Inovasi",
        draft_title="Katalog Inovasi",
        slug="inovasi",
        content_type=catalog_type,
        path="000100010001",
        depth=3,
        numchild=0,
        url_path="/beranda/inovasi/",
        locale=locale,
        intro="Inovasi yang telah diverifikasi oleh instansinya dan terbit di registri.",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.id, is_default_site=True, site_name="Registri Inovasi")


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
