"""Loading the Kemendagri region codes shipped in registry/geo/data/."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from registry.geo.models import Province, Regency

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class RegionLoadResult:
    provinces_created: int
    provinces_updated: int
    regencies_created: int
    regencies_updated: int


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def regions_load(*, data_dir: Path = DATA_DIR, province_model=Province, regency_model=Regency) -> RegionLoadResult:
    """Upsert provinces and kab/kota by Kemendagri code; running it twice changes nothing.

    Takes the model classes so that the data migration can pass its historical ones.
    """
    Province, Regency = province_model, regency_model  # noqa: N806
    provinces = {row["code"]: row["name"].strip() for row in _read(data_dir / "provinces.csv")}
    existing = {p.code: p for p in Province.objects.all()}
    p_new = [Province(code=code, name=name) for code, name in provinces.items() if code not in existing]
    p_changed = [p for code, p in existing.items() if code in provinces and p.name != provinces[code]]
    for province in p_changed:
        province.name = provinces[province.code]
    Province.objects.bulk_create(p_new)
    Province.objects.bulk_update(p_changed, ["name"])

    regencies = {row["code"]: row for row in _read(data_dir / "regencies.csv")}
    existing_r = {r.code: r for r in Regency.objects.all()}
    r_new, r_changed = [], []
    for code, row in regencies.items():
        values = {
            "province_id": row["province_code"],
            "name": row["name"].strip(),
            "kind": row["kind"],
        }
        current = existing_r.get(code)
        if current is None:
            r_new.append(Regency(code=code, **values))
        elif any(getattr(current, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(current, field, value)
            r_changed.append(current)
    Regency.objects.bulk_create(r_new)
    Regency.objects.bulk_update(r_changed, ["province_id", "name", "kind"])
    return RegionLoadResult(len(p_new), len(p_changed), len(r_new), len(r_changed))
