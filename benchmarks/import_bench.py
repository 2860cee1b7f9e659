"""Import speed: 10,000 innovations from one XLSX, dry run and real, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/import_bench.py                      # both databases, 10,000 rows
    .venv/bin/python benchmarks/import_bench.py --databases sqlite --rows 2000

The workbook is generated from the 200 real LAN innovations shipped with the
project (registry/innovations/data/), cycled with numbered titles and keys,
every column filled (sectors, SDGs, two indicators). Each database is a fresh
throwaway one (a SQLite file in /tmp; PostgreSQL database `registry_import_bench`,
dropped and created), migrated by the script. For each database it times, on
the same file in the same run:

- the baseline: django-import-export's defaults — a ModelResource with the same
  columns and stock widgets (ForeignKeyWidget, ManyToManyWidget), row by row,
  default instance loader, diffs on; indicators are not imported (no stock widget);
- the registry's import (registry/imports): dry run, then the real import in one
  transaction, reading the XLSX included.

Goal: 10,000 rows validated and written in at most 30 s on PostgreSQL (the
"real" column: it validates every row again before writing).
"""

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "registry_import_bench"
GOAL_SECONDS = 30.0


# --- The workbook -----------------------------------------------------------------------------
KINDS = {"proses": "proses", "metode": "metode", "teknologi": "teknologi", "produk": "produk", "konseptual": "konseptual"}


def lan_rows() -> list[dict]:
    with (ROOT / "registry/innovations/data/lan_direktori_inovasi_2018.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def agency_code(row) -> str:
    return f"bench-{row['region_code'] or 'pusat'}"


def build_workbook(rows: int, seed: int = 7) -> bytes:
    import openpyxl

    from registry.innovations.resources import InnovationResource

    random.seed(seed)
    source = lan_rows()
    sectors = ["kesehatan", "pendidikan", "administrasi-kependudukan", "pekerjaan-umum", "perumahan"]
    headers = InnovationResource.import_columns()
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(headers)
    for i in range(rows):
        row = source[i % len(source)]
        words = row["deskripsi"].split()
        values = {
            "ID eksternal": f"bench:{i}",
            "Judul": f"{row['nama_inovasi'][:230]} ({i})",
            "Ringkasan": " ".join(words[:60]) or "Ringkasan.",
            "Produk inovasi": row["produk_inovasi"][:500],
            "Kode instansi": agency_code(row),
            "Unit pelaksana": row["unit_instansi"][:255],
            "Kode kabupaten/kota": row["region_code"] if "." in row["region_code"] else "",
            "Kode provinsi": row["region_code"] if row["region_code"] and "." not in row["region_code"] else "",
            "Penggagas": random.choice(["opd", "asn", "kepala_daerah"]),
            "Bentuk inovasi": "pelayanan_publik",
            "Inovasi digital": random.choice(["ya", "tidak"]),
            "Jenis inovasi": KINDS.get(row["jenis_inovasi"].strip().lower(), "proses"),
            "Sektor": ", ".join(random.sample(sectors, 2)),
            "TPB/SDG": f"{random.randint(1, 17)}, 16",
            "Tahap": "penerapan",
            "Tahun dimulai": row["tahun_inisiasi"] or "",
            "Tahun diterapkan": row["tahun_implementasi"] or "",
            "Masalah dan tujuan": row["deskripsi"],
            "Langkah penerapan": row["tahapan_proses"],
            "Hasil dan manfaat": row["manfaat"],
            "Prasyarat replikasi": row["prasyarat_replikasi"],
            "Faktor pendorong": row["faktor_pendorong"],
            "Faktor penghambat": row["faktor_penghambat"],
            "Sumber data": row["sumber"],
            "Indikator": f"Warga terlayani | orang | {random.randint(10, 900)} | 2014 | {random.randint(900, 9000)} | 2016\n"
            "Waktu layanan | hari | 7 | 2014 | 1 | 2016",
        }
        if values["Tahun dimulai"] and values["Tahun diterapkan"] and int(values["Tahun dimulai"]) > int(values["Tahun diterapkan"]):
            values["Tahun diterapkan"] = values["Tahun dimulai"]
        sheet.append([values.get(h, "") for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ensure_agencies() -> None:
    from registry.agencies.models import Agency
    from registry.geo.models import Province, Regency

    regencies = {r.code: r for r in Regency.objects.all()}
    provinces = {p.code: p for p in Province.objects.all()}
    for row in lan_rows():
        code = row["region_code"]
        regency, province = regencies.get(code), provinces.get(code)
        kind = "kementerian" if not code else ("pemprov" if province else ("pemkot" if regency.kind == "kota" else "pemkab"))
        Agency.objects.get_or_create(
            code=agency_code(row),
            defaults={"name": f"Instansi uji {code or 'pusat'}", "type": kind, "regency": regency, "province": province or (regency.province if regency else None)},
        )


# --- The baseline: django-import-export's defaults ------------------------------------------
def baseline_resource_class():
    from django.utils.text import slugify
    from import_export import fields, resources, widgets

    from registry.agencies.models import Agency
    from registry.geo.models import Province, Regency
    from registry.innovations.models import Innovation, Sdg, Sector
    from registry.innovations.resources import InnovationResource

    declared = {}
    for name, field in InnovationResource().fields.items():
        if name in ("indicators", "moderation_status", "slug"):
            continue
        widget = widgets.CharWidget()  # what ModelResource picks for CharField/TextField
        if name == "agency":
            widget = widgets.ForeignKeyWidget(Agency, "code")
        elif name == "province":
            widget = widgets.ForeignKeyWidget(Province, "code")
        elif name == "regency":
            widget = widgets.ForeignKeyWidget(Regency, "code")
        elif name == "sectors":
            widget = widgets.ManyToManyWidget(Sector, field="code", separator=",")
        elif name == "sdgs":
            widget = widgets.ManyToManyWidget(Sdg, field="number", separator=",")
        elif name == "is_digital":
            widget = widgets.BooleanWidget()
        elif name in ("year_started", "year_implemented"):
            widget = widgets.IntegerWidget()
        elif name == "implemented_on":
            widget = widgets.DateWidget()
        declared[name] = fields.Field(attribute=name, column_name=field.column_name, widget=widget)

    class Meta:
        model = Innovation
        fields = tuple(declared)
        import_id_fields = ("external_id",)

    def before_save_instance(self, instance, row, **kwargs):
        # The one thing the model cannot do without: a unique slug.
        instance.slug = slugify(instance.external_id)
        instance.is_digital = instance.is_digital in (True, "ya")

    attrs = {**declared, "Meta": Meta, "before_save_instance": before_save_instance}
    return type("BaselineInnovationResource", (resources.ModelResource,), attrs)


class _Timer:
    """Wall-clock and CPU seconds of this process: on a shared machine the CPU time is the steadier figure."""

    def __init__(self, results: dict, key: str):
        self.results, self.key = results, key

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc):
        self.results[self.key] = time.perf_counter() - self.wall
        self.results[self.key[:-2] + "_cpu_s"] = time.process_time() - self.cpu


def _describe(result) -> str:
    errors = [f"row {n}: {e[0].error!r}" for n, e in result.row_errors()[:3]]
    invalid = [f"row {r.number}: {r.error_dict}" for r in result.invalid_rows[:3]]
    return "; ".join(errors + invalid + [repr(e.error) for e in result.base_errors[:3]])


# --- One database ------------------------------------------------------------------------------
def wipe_innovations() -> None:
    from registry.innovations.models import Innovation, OutcomeIndicator

    for model in (Innovation.sectors.through, Innovation.sdgs.through, OutcomeIndicator, Innovation):
        model.objects.all()._raw_delete(model.objects.db)


def run_one(rows: int, skip_baseline: bool) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from registry.imports.engine import run_resource_import
    from registry.imports.files import read_dataset
    from registry.innovations.models import Innovation, OutcomeIndicator
    from tests.factories import MinistryAdminFactory

    call_command("migrate", verbosity=0)
    ensure_agencies()
    admin = MinistryAdminFactory(username="bench-admin")
    content = build_workbook(rows)
    results = {"database": connection.vendor, "rows": rows, "file_bytes": len(content)}

    if not skip_baseline:
        import tablib

        baseline = baseline_resource_class()
        with _Timer(results, "baseline_dry_run_s"):
            dataset = tablib.Dataset().load(content, format="xlsx")
            result = baseline().import_data(dataset, dry_run=True)
        assert not result.has_errors() and not result.has_validation_errors(), _describe(result)
        with _Timer(results, "baseline_real_s"):
            dataset = tablib.Dataset().load(content, format="xlsx")
            result = baseline().import_data(dataset, dry_run=False, use_transactions=True)
        assert Innovation.objects.count() == rows, Innovation.objects.count()
        wipe_innovations()

    with _Timer(results, "read_xlsx_s"):
        dataset = read_dataset(content=content, filename="bench.xlsx")
    with _Timer(results, "registry_dry_run_s"):
        dataset = read_dataset(content=content, filename="bench.xlsx")
        report = run_resource_import(resource_name="innovations", dataset=dataset, user=admin, publish=True, allowed_agency_ids=None, write=False)
    assert report.ok, report.errors[:5]
    assert report.as_counts()["new"] == rows

    with _Timer(results, "registry_real_s"):
        dataset = read_dataset(content=content, filename="bench.xlsx")
        with transaction.atomic():
            report = run_resource_import(resource_name="innovations", dataset=dataset, user=admin, publish=True, allowed_agency_ids=None, write=True)
            assert report.ok, report.errors[:5]
    assert Innovation.objects.filter(live=True).count() == rows
    assert OutcomeIndicator.objects.count() == 2 * rows

    with _Timer(results, "registry_reimport_unchanged_s"):
        report = run_resource_import(resource_name="innovations", dataset=dataset, user=admin, publish=True, allowed_agency_ids=None, write=False)
    assert report.as_counts()["skip"] == rows
    return results


def database_url(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='import-bench-')}/bench.sqlite3"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
        conn.execute(f"CREATE DATABASE {PG_NAME}")
    return f"{PG_SERVER}/{PG_NAME}"


def report(results: dict) -> None:
    n = results["rows"]

    def line(label, key):
        if key in results:
            seconds, cpu = results[key], results[key[:-2] + "_cpu_s"]
            print(f"  {label:<46} {seconds:8.1f} s  {n / seconds:8.0f} rows/s   (CPU {cpu:6.1f} s)")

    load = os.getloadavg()[0]
    print(f"\n{results['database']}: {n:,} innovations, XLSX {results['file_bytes'] / 1_048_576:.1f} MB (load average {load:.1f})")
    line("baseline (import-export defaults), dry run", "baseline_dry_run_s")
    line("baseline (import-export defaults), real", "baseline_real_s")
    line("registry import, dry run (incl. reading XLSX)", "registry_dry_run_s")
    line("registry import, real (validate + write)", "registry_real_s")
    line("registry import, same file again (unchanged)", "registry_reimport_unchanged_s")
    print(f"  of which reading the XLSX: {results['read_xlsx_s']:.1f} s")
    if "baseline_real_s" in results:
        print(f"  speed-up, real import: {results['baseline_real_s'] / results['registry_real_s']:.1f}×")
    if results["database"] == "postgresql":
        verdict = "met" if results["registry_real_s"] * 10_000 / n <= GOAL_SECONDS else "NOT met"
        print(f"  goal ≤ {GOAL_SECONDS:.0f} s per 10,000 rows on PostgreSQL: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"])
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    if args.worker:
        print(json.dumps(run_one(args.rows, args.skip_baseline)))
        return
    for kind in args.databases:
        env = {**os.environ, "DATABASE_URL": database_url(kind), "DJANGO_LOG_LEVEL": "WARNING", "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
        command = [sys.executable, __file__, "--worker", "--rows", str(args.rows)] + (["--skip-baseline"] if args.skip_baseline else [])
        output = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
        if output.returncode:
            sys.stderr.write(output.stderr[-5000:])
            raise SystemExit(f"{kind}: the benchmark failed")
        report(json.loads(output.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
