from django.db import migrations


def seed(apps, schema_editor):
    from registry.innovations.taxonomy import taxonomy_load

    taxonomy_load(apps.get_model("innovations", "Sector"), apps.get_model("innovations", "Sdg"))


class Migration(migrations.Migration):
    dependencies = [("innovations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
