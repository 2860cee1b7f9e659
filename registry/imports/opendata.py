"""The open-data files of /data/: the published catalog as CSV and JSON.

They are regenerated in a background task whenever the catalog changes
(receivers.py) and described by a Frictionless Data Package
(`datapackage.json`), which lists every column with its type and meaning.
Files are written to a temporary name first and then moved into place, so
a download never sees half a file.
"""

import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.imports.files import write_dataset
from registry.innovations.models import Innovation
from registry.innovations.resources import InnovationResource

DIRECTORY = "opendata"
BASENAME = "inovasi"
FILES = {"csv": f"{BASENAME}.csv", "json": f"{BASENAME}.json"}
PACKAGE = "datapackage.json"


def licence() -> dict:
    """The licence of the open data (the page shows its title in the visitor's language)."""
    return getattr(
        settings,
        "REGISTRY_OPENDATA_LICENSE",
        {
            "name": "CC-BY-4.0",
            "title": _("Creative Commons Atribusi 4.0 Internasional"),
            "path": "https://creativecommons.org/licenses/by/4.0/deed.id",
        },
    )


def _path(name: str) -> str:
    return f"{DIRECTORY}/{name}"


class OpenDataResource(InnovationResource):
    """The published catalog: the import columns without the moderation status."""

    class Meta(InnovationResource.Meta):
        exclude = ("moderation_status",)
        fields = tuple(f for f in InnovationResource.Meta.fields if f != "moderation_status")


def _replace(name: str, content: bytes) -> None:
    path = _path(name)
    temporary = default_storage.save(_path(f".{name}.tmp"), ContentFile(content))
    if default_storage.exists(path):
        default_storage.delete(path)
    # FileSystemStorage: a rename on the same disk; other storages: copy then delete.
    try:
        import os

        os.replace(default_storage.path(temporary), default_storage.path(path))
    except NotImplementedError:
        with default_storage.open(temporary, "rb") as handle:
            default_storage.save(path, handle)
        default_storage.delete(temporary)


def opendata_regenerate() -> dict:
    queryset = (
        Innovation.objects.published()
        .select_related("agency", "province", "regency")
        .prefetch_related("sectors", "sdgs", "indicators")
        .order_by("pk")
    )
    dataset = OpenDataResource().export(queryset=queryset)
    generated_at = timezone.now()
    for file_format, name in FILES.items():
        _replace(name, write_dataset(dataset, file_format))
    package = datapackage(generated_at=generated_at, rows=len(dataset))
    _replace(PACKAGE, json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8"))
    return package


def datapackage(*, generated_at, rows: int) -> dict:
    resource = OpenDataResource()
    columns = []
    for field in resource.get_export_fields():
        explanation, allowed = InnovationResource.notes.get(field.column_name, ("", ""))
        column = {"name": field.column_name, "type": _type_of(field), "description": str(explanation)}
        if allowed and allowed != "SECTORS":
            column["constraints"] = {"allowed": str(allowed)}
        columns.append(column)
    return {
        "profile": "tabular-data-package",
        "name": "registri-inovasi-pelayanan-publik",
        "title": "Registri Inovasi Pelayanan Publik — katalog inovasi terbit",
        "description": "Inovasi pelayanan publik instansi pemerintah Indonesia yang sudah terbit di katalog.",
        "created": generated_at.isoformat(timespec="seconds"),
        "licenses": [{key: str(value) for key, value in licence().items()}],
        "sources": [{"title": "LAN RI – Direktori Inovasi Administrasi Negara (data contoh)"}],
        "resources": [
            {
                "name": f"{BASENAME}-{file_format}",
                "path": name,
                "format": file_format,
                "mediatype": "text/csv" if file_format == "csv" else "application/json",
                "encoding": "utf-8",
                "rows": rows,
                "schema": {"fields": columns, "primaryKey": "ID eksternal"},
            }
            for file_format, name in FILES.items()
        ],
    }


def _type_of(field) -> str:
    name = type(field.widget).__name__
    return {"IntegerWidget": "integer", "BooleanWidget": "boolean", "DateWidget": "date"}.get(name, "string")


def opendata_status() -> dict | None:
    """The description of the current files, or None when they were never generated."""
    path = _path(PACKAGE)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        package = json.loads(handle.read().decode("utf-8"))
    package["files"] = {
        file_format: {"url": default_storage.url(_path(name)), "size": default_storage.size(_path(name))}
        for file_format, name in FILES.items()
        if default_storage.exists(_path(name))
    }
    package["package_url"] = default_storage.url(path)
    return package


def opendata_open(name: str):
    """An open file of the open-data folder (for the download view), or None."""
    if name not in (*FILES.values(), PACKAGE):
        return None
    path = _path(name)
    if not default_storage.exists(path):
        return None
    return default_storage.open(path, "rb")
