"""The Wagtail admin's document and image forms, with the portal's upload checks.

Wagtail itself only looks at a document's extension; the portal and the
replication pages also check the size and that the content is what the name
says (registry/innovations/uploads.py). settings.WAGTAILDOCS_DOCUMENT_FORM_BASE
and WAGTAILIMAGES_IMAGE_FORM_BASE make every admin upload form (single and
multiple upload, replacing a file) build on these, so no path skips the checks.
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from registry.innovations.uploads import check_document_upload, check_image_upload


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_document_upload(upload)
        return upload


class CheckedImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_image_upload(upload)
        return upload
