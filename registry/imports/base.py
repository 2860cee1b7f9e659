"""What every registry resource shares: natural keys, Indonesian headers, fast checks.

django-import-export drives the rows (widgets, validation, new/update/skip), tuned
for large files:

- the existing rows of the whole file are loaded in one query (`NaturalKeyLoader`);
- a row is "unchanged" when its values equal a snapshot of the stored object,
  without the library's deep copies and HTML diffs;
- nothing is written row by row: objects are collected and written in bulk by
  `write()` after every row passed, inside the caller's single transaction;
- a key that appears twice in the file is an error on both rows.
"""

from collections import Counter

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader

from registry.imports.widgets import cell_text


class PendingField(fields.Field):
    """A column written after the rows themselves (many-to-many, children, self references)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.__dict__.setdefault("_import_pending", {})[self.attribute] = self.clean(row, **kwargs)


class KeyField(fields.Field):
    """The natural key column."""


class NaturalKeyLoader(BaseInstanceLoader):
    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        keys = {resource.key_of_row(row) for row in resource.iter_rows(dataset)}
        keys.discard(None)
        self.instances = resource.load_existing(keys)

    def get_instance(self, row):
        return self.instances.get(self.resource.key_of_row(row))


class RegistryResource(resources.ModelResource):
    """Subclasses declare their fields with Indonesian column names and set:

    - `key_columns`: the column(s) holding the natural key;
    - `required_columns`: columns the file must have (the key among them);
    - `export_only_columns`: columns an export has that an import ignores;
    - `label_column`: what the preview shows for a row;
    - `notes`: {column: (explanation, allowed values or "")} for the template.
    """

    key_columns: tuple[str, ...] = ()
    required_columns: tuple[str, ...] = ()
    export_only_columns: tuple[str, ...] = ()
    label_column: str = ""
    notes: dict[str, tuple[str, str]] = {}
    example_row: dict[str, str] = {}
    # Who may import this resource besides ministry admins ("verifier" for innovations).
    agency_verifiers_may_import = False

    class Meta:
        use_bulk = True
        skip_diff = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = NaturalKeyLoader

    def __init__(self, *, user=None, publish=True, allowed_agency_ids=None, write=True, progress=None):
        super().__init__()
        self.user, self.publish, self.allowed_agency_ids = user, publish, allowed_agency_ids
        self.write_enabled, self.progress = write, progress
        self.to_create, self.to_update, self.written_ids = [], [], []
        self._snapshots: dict[int, dict] = {}
        self._duplicate_keys: set = set()

    # --- Natural keys -------------------------------------------------------------------
    def iter_rows(self, dataset):
        headers = dataset.headers
        for values in dataset:
            yield dict(zip(headers, values, strict=True))

    def key_of_row(self, row):
        parts = tuple(self.normalise_key_part(column, row.get(column)) for column in self.key_columns)
        if not all(parts):
            return None
        return parts[0] if len(parts) == 1 else parts

    def normalise_key_part(self, column, value) -> str:
        return cell_text(value)

    def key_of_instance(self, instance):
        raise NotImplementedError

    def load_existing(self, keys) -> dict:
        """{natural key: instance} for the keys of the file; default: scan the whole table."""
        return {self.key_of_instance(obj): obj for obj in self.get_queryset()}

    def prepare_lookups(self, dataset) -> None:
        """Fill the widgets' code → object dicts, once per import."""

    # --- Headers --------------------------------------------------------------------------
    @classmethod
    def import_columns(cls) -> list[str]:
        return [
            field.column_name
            for field in cls().get_import_fields()
            if field.column_name not in cls.export_only_columns and not field.readonly
        ]

    @classmethod
    def header_problems(cls, headers) -> list[str]:
        """Messages for a file whose header row is not this resource's; empty when it is."""
        headers = [cell_text(h) for h in headers or []]
        known = set(cls.import_columns()) | set(cls.export_only_columns)
        problems = []
        duplicated = sorted(h for h, n in Counter(headers).items() if n > 1 and h)
        if duplicated:
            problems.append(_("Kolom ganda: %(columns)s.") % {"columns": ", ".join(duplicated)})
        missing = [c for c in cls.required_columns if c not in headers]
        if missing:
            problems.append(_("Kolom wajib tidak ada: %(columns)s.") % {"columns": ", ".join(missing)})
        unknown = [h for h in headers if h not in known]
        if unknown:
            problems.append(
                _("Kolom tidak dikenal: %(columns)s. Pakai templat XLSX agar judul kolom sesuai.")
                % {"columns": ", ".join(h or _("(kosong)") for h in unknown)}
            )
        return problems

    # --- Row flow (hooks of django-import-export) ---------------------------------------------
    def get_import_fields(self):
        # The library recomputes this ordered list for every row; it never changes.
        if not hasattr(self, "_import_fields_cache"):
            self._import_fields_cache = super().get_import_fields()
        return self._import_fields_cache

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """The library's Field.save without its generic path handling: one widget call, one setattr."""
        if not field.attribute or field.readonly or field.column_name not in row:
            return
        value = field.widget.clean(row[field.column_name], row=row, **kwargs)
        if isinstance(field, PendingField):
            instance.__dict__.setdefault("_import_pending", {})[field.attribute] = value
        else:
            setattr(instance, field.attribute, value)

    # Model fields whose value the resource checks itself (clean_fields would refuse a blank one).
    unvalidated_attributes: tuple[str, ...] = ()

    def before_import(self, dataset, **kwargs):
        headers = set(dataset.headers or [])
        self._present_attributes = {
            field.attribute for field in self.get_import_fields() if field.attribute and field.column_name in headers
        }
        self.prepare_lookups(dataset)
        counts = Counter(self.key_of_row(row) for row in self.iter_rows(dataset))
        self._duplicate_keys = {key for key, n in counts.items() if n > 1 and key is not None}

    def before_import_row(self, row, **kwargs):
        if self.progress is not None:
            self.progress(kwargs.get("row_number", 0))

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new:
            self._snapshots[id(instance)] = self.snapshot(instance)

    def snapshot(self, instance) -> dict:
        """The stored values an import may change, to tell an unchanged row from an update."""
        values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
        values.update(self.current_pending(instance))
        return values

    def current_pending(self, instance) -> dict:
        """Stored values of the PendingField columns (relations), comparable with the cleaned ones."""
        return {}

    def comparable_pending(self, instance) -> dict:
        return dict(instance.__dict__.get("_import_pending", {}))

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        key = self.key_of_row(row)
        if key is not None and key in self._duplicate_keys:
            first_key_field = self.fields[self.column_to_field(self.key_columns[0])].attribute
            errors.setdefault(first_key_field, []).append(
                ValidationError(_("Kunci \"%(key)s\" muncul lebih dari sekali dalam berkas.") % {"key": self.key_label(key)})
            )
        self.check_row(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def key_label(self, key) -> str:
        return " / ".join(key) if isinstance(key, tuple) else str(key)

    def check_row(self, instance, row, errors: dict) -> None:
        """Rules across columns and permissions; add {attribute: [messages]} to errors."""

    def column_to_field(self, column: str) -> str:
        for name, field in self.fields.items():
            if field.column_name == column:
                return name
        raise KeyError(column)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None:
            return False
        before = self._snapshots.get(id(instance))
        if before is None:
            return False
        after = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
        after.update({k: v for k, v in self.comparable_pending(instance).items()})
        changed = [name for name, value in after.items() if before.get(name) != value]
        if not changed:
            return True
        self.check_update_allowed(instance, changed)
        return False

    def check_update_allowed(self, instance, changed_fields) -> None:
        """Raise ValidationError({attribute: message}) when this user may not change the row."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=False):
        errors = dict(import_validation_errors or {})
        imported = self._present_attributes - set(self.unvalidated_attributes)
        # Relations were resolved by the code widgets from the lookups; Django would
        # check each one again with a query per row.
        exclude = [f.name for f in instance._meta.fields if f.name not in imported or f.name in errors or f.is_relation]
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors:
            try:
                instance.clean()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # Collected only: `write()` stores everything in bulk once every row has passed.
        (self.to_create if is_create else self.to_update).append(instance)

    def save_m2m(self, instance, row, **kwargs):
        pass

    def after_import(self, dataset, result, **kwargs):
        if not self.write_enabled or result.has_errors() or result.has_validation_errors():
            return
        self.write()

    def write(self) -> None:
        raise NotImplementedError

    # --- Errors for people ---------------------------------------------------------------------
    def column_of(self, attribute: str) -> str:
        if attribute == NON_FIELD_ERRORS:
            return ""
        for field in self.fields.values():
            if field.attribute == attribute:
                return field.column_name
        return attribute

    def row_label(self, row) -> str:
        return cell_text(row.get(self.label_column))[:120] if self.label_column else ""
