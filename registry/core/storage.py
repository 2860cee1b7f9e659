"""Storing uploaded files when the disk (or the account's quota) is full.

A write that fails half-way leaves a partial file behind: Django's
FileSystemStorage creates the file, writes chunk after chunk and, when the disk
fills up, raises OSError(ENOSPC) (EDQUOT for a quota) with the first chunks
already on disk. `RegistryFileSystemStorage` removes that partial file, and
services wrap their file writes in `refuse_when_storage_full()`, which turns the
error into a ValidationError with a clear Indonesian message. Raised inside the
service's transaction, it also rolls back the Document/Image row, the revision
and the audit event: nothing half-written remains.
"""

import errno
from contextlib import contextmanager

from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name
from django.utils.translation import gettext_lazy as _

from registry.core.exceptions import ValidationError

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})

STORAGE_FULL_MESSAGE = _(
    "Ruang penyimpanan server sedang penuh, jadi berkas tidak tersimpan dan tidak ada yang berubah. "
    "Coba lagi nanti, atau hubungi admin kementerian."
)


class StorageFull(ValidationError):
    """The disk or quota is full: the upload was refused and nothing was kept."""

    def __init__(self):
        super().__init__(STORAGE_FULL_MESSAGE, code="storage_full")


def is_storage_full(error: BaseException) -> bool:
    return isinstance(error, StorageFull) or (isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS)


@contextmanager
def refuse_when_storage_full():
    try:
        yield
    except OSError as error:
        if error.errno in DISK_FULL_ERRNOS:
            raise StorageFull() from error
        raise


class RegistryFileSystemStorage(FileSystemStorage):
    def save(self, name, content, max_length=None):
        # Storage.save (Django 5.2), with the partial file removed when _save fails.
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        validate_file_name(name, allow_relative_path=True)
        name = self.get_available_name(name, max_length=max_length)
        validate_file_name(name, allow_relative_path=True)
        try:
            name = self._save(name, content)
        except OSError:
            # get_available_name() chose a name nobody had, so what is there now is ours.
            if self.exists(name):
                self.delete(name)
            raise
        validate_file_name(name, allow_relative_path=True)
        return name
