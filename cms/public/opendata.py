"""/data/: the published catalog as open data (CSV, JSON and a Data Package description).

The files are made by registry.imports.opendata in the background whenever the
catalog changes; this page lists them with their date, size and licence and
serves them (so they work without a separate media server). When they have
never been made yet, the page asks the task queue for them.
"""

from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from registry.imports.opendata import FILES, PACKAGE, licence, opendata_open, opendata_status
from registry.imports.tasks import opendata_regenerate_task


@require_GET
def opendata_page(request):
    status = opendata_status()
    if status is None:
        opendata_regenerate_task.enqueue()
        status = opendata_status()
    downloads = [
        (file_format, FILES[file_format], info["size"]) for file_format, info in (status or {}).get("files", {}).items()
    ]
    return TemplateResponse(
        request,
        "public/opendata.html",
        {"package": status, "downloads": downloads, "licence": licence(), "package_name": PACKAGE},
    )


@require_GET
def opendata_download(request, name):
    handle = opendata_open(name)
    if handle is None:
        raise Http404
    content_type = {"csv": "text/csv; charset=utf-8", "json": "application/json"}[name.rsplit(".", 1)[-1]]
    response = FileResponse(handle, as_attachment=name != PACKAGE, filename=name, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response
