"""manage.py export_data <resource> --format xlsx|csv|json [--output FILE]

Writes every row of the resource in the import format (natural keys), so the
file can be edited and imported again. Without --output, CSV and JSON go to
standard output.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from registry.imports.catalog import RESOURCES
from registry.imports.files import FORMATS, write_dataset


class Command(BaseCommand):
    help = "Ekspor data ke XLSX, CSV atau JSON dalam format impor."

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=sorted(RESOURCES))
        parser.add_argument("--format", dest="file_format", choices=sorted(FORMATS), default="xlsx")
        parser.add_argument("--output", type=Path, help="Berkas tujuan (wajib untuk xlsx).")

    def handle(self, *args, resource, file_format, output, **options):
        if output is None and file_format == "xlsx":
            raise CommandError("Format xlsx butuh --output FILE.")
        resource_obj = RESOURCES[resource].resource_class()
        queryset = resource_obj.get_queryset().order_by("pk")
        total = queryset.count()
        bar = tqdm(total=total, unit="baris", disable=options["verbosity"] == 0 or output is None, file=self.stderr)
        # Exported in chunks so the bar moves and memory stays bounded per chunk of related rows.
        dataset = None
        chunk = 2000
        pks = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(pks), chunk):
            part = resource_obj.export(queryset=queryset.filter(pk__in=pks[start : start + chunk]))
            if dataset is None:
                dataset = part
            else:
                dataset.extend(part)
            bar.update(len(part))
        bar.close()
        if dataset is None:
            dataset = resource_obj.export(queryset=queryset.none())
        content = write_dataset(dataset, file_format)
        if output is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        output.write_bytes(content)
        self.stderr.write(self.style.SUCCESS(f"{len(dataset)} baris ditulis ke {output}"))
