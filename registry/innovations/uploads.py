"""Checks on the files agencies attach to an innovation.

A file is judged by its size and by its content, never by its name alone: a
renamed executable must not become a "PDF" in the public catalog. The services
call these before anything is stored.
"""

import os
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from registry.core.exceptions import ValidationError

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # .doc, .xls, .ppt (Compound File Binary)
ZIP_MAGIC = b"PK\x03\x04"  # .docx, .xlsx, .pptx (OOXML) and .odt, .ods (OpenDocument)
# The part every OOXML package of that kind contains.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
TEXT_EXTENSIONS = {"txt", "csv"}
# Pillow's name for the format each image extension must really be.
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _check_size(file) -> None:
    limit = settings.REGISTRY_MAX_UPLOAD_BYTES
    if file.size == 0:
        raise ValidationError(_("Berkas kosong."))
    if file.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); paling besar %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )


def _head(file, length: int = 8) -> bytes:
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def _is_office_package(file, extension: str) -> bool:
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(n.startswith(OOXML_PARTS[extension]) for n in names)
            return "mimetype" in names and package.read("mimetype").strip() == ODF_MIMETYPES[extension]
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        file.seek(0)


def _is_plain_text(file) -> bool:
    file.seek(0)
    sample = file.read(64 * 1024)
    file.seek(0)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(sample) - 3
    return True


def _content_matches(file, extension: str) -> bool:
    if extension == "pdf":
        return _head(file, len(PDF_MAGIC)) == PDF_MAGIC
    if extension in {"doc", "xls", "ppt"}:
        return _head(file) == OLE2_MAGIC
    if extension in OOXML_PARTS or extension in ODF_MIMETYPES:
        return _head(file, 4) == ZIP_MAGIC and _is_office_package(file, extension)
    if extension in TEXT_EXTENSIONS:
        return _is_plain_text(file)
    return False


def check_document_upload(file) -> str:
    """Refuse a document that is too big, of a kind not accepted, or not what its name says."""
    extension = extension_of(file.name)
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        raise ValidationError(
            _("Jenis berkas .%(ext)s tidak diterima. Gunakan: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)}
        )
    _check_size(file)
    if not _content_matches(file, extension):
        raise ValidationError(
            _("Isi berkas tidak sesuai dengan jenisnya (.%(ext)s). Unggah dokumen asli, bukan berkas yang diganti namanya.")
            % {"ext": extension}
        )
    return extension


def check_image_upload(file) -> str:
    """Refuse an image that is too big, not JPEG/PNG/WebP, or that Pillow cannot read."""
    extension = extension_of(file.name)
    if extension not in settings.WAGTAILIMAGES_EXTENSIONS or extension not in IMAGE_FORMATS:
        raise ValidationError(
            _("Jenis gambar .%(ext)s tidak diterima. Gunakan: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(settings.WAGTAILIMAGES_EXTENSIONS)}
        )
    _check_size(file)
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("Berkas ini bukan gambar yang dapat dibaca.")) from None
    finally:
        file.seek(0)
    if image_format != IMAGE_FORMATS[extension]:
        raise ValidationError(
            _("Isi gambar (%(format)s) tidak sesuai dengan namanya (.%(ext)s).")
            % {"format": image_format, "ext": extension}
        )
    return extension
