"""Every database starts with the official regions; `manage.py load_regions` refreshes them."""

from django.db import migrations


def load(apps, schema_editor):
    from registry.geo.services import regions_load

    regions_load(province_model=apps.get_model("geo", "Province"), regency_model=apps.get_model("geo", "Regency"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
