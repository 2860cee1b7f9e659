"""A clear page, not a server error, when an upload meets a full disk.

Portal and service code turns a full disk into a form error through
registry.core.storage.refuse_when_storage_full(). Uploads that do not pass
through our services (the Wagtail admin's document and image screens) reach
this middleware instead: the storage has already removed the partial file and
the database row was never written (Django writes the file before the INSERT),
so all that is left is to tell the person, with 507 Insufficient Storage.
"""

from django.template.response import TemplateResponse

from registry.core.storage import is_storage_full


class StorageFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_storage_full(exception):
            return None
        return TemplateResponse(request, "security/storage_full.html", status=507).render()
