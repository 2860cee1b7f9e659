"""The seeded taxonomy: sectors (urusan pemerintahan) and the 17 SDGs."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def taxonomy_load(sector_model, sdg_model) -> None:
    """Upsert both lists; takes the model classes so migrations can pass historical ones."""
    for order, row in enumerate(_rows("sectors.csv"), start=1):
        sector_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "name_en": row["name_en"], "sort_order": order}
        )
    for row in _rows("sdgs.csv"):
        sdg_model.objects.update_or_create(
            number=int(row["number"]), defaults={"name": row["name"], "name_en": row["name_en"]}
        )
