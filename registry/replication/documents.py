"""Files attached to replication projects, stored as Wagtail documents.

They live in their own collection, which only signed-in users may download:
letters and agreements between agencies are working papers, not catalog
content. Uploads pass the same checks as an innovation's documents (size,
accepted kind, content that matches the name).
"""

from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from registry.core.exceptions import ValidationError
from registry.core.storage import refuse_when_storage_full
from registry.innovations.uploads import check_document_upload

COLLECTION_NAME = "Dokumen replikasi"


def replication_collection() -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=COLLECTION_NAME))
        CollectionViewRestriction.objects.create(collection=collection, restriction_type=BaseViewRestriction.LOGIN)
    return collection


def store_document(*, user, file, title: str):
    if file is None or not getattr(file, "name", ""):
        raise ValidationError({"file": _("Pilih berkas yang akan diunggah.")})
    try:
        check_document_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    document = get_document_model()(
        title=title[:255], file=file, collection=replication_collection(), uploaded_by_user=user
    )
    document._set_document_file_metadata()
    with refuse_when_storage_full():  # disk or quota full: nothing kept, a clear message
        document.save()
    return document
