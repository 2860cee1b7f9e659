"""Innovations in and out of spreadsheets, keyed by `external_id`.

Sectors are written as codes, SDGs as numbers, outcome indicators one per line
in a single cell. Who may import what, and what an import publishes:

- a ministry admin imports for every agency; with `publish=True` (the default
  of the admin screen) new and changed rows are published at once, as the
  ministry is the authority that curates national datasets;
- an agency verifier imports only its own agency's innovations, and always as
  drafts: the rows were not reviewed one by one, so they go through the normal
  submit → approve flow in the portal. A draft import may not change an
  innovation that is already published or awaiting verification (that would
  change the public record without moderation); such rows are refused.

Rows are validated by django-import-export's widgets and the model's clean(),
then written in bulk (rows, sectors, SDGs, indicators) in the caller's single
transaction; the search index hears about them through `innovations_bulk_changed`.
"""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from registry.agencies.models import Agency
from registry.geo.models import Province, Regency
from registry.imports.base import KeyField, PendingField, RegistryResource
from registry.imports.widgets import (
    BooleanWidget,
    ChoiceWidget,
    CodeListWidget,
    CodeWidget,
    DateWidget,
    IntegerWidget,
    NullableTextWidget,
    RegionCodeWidget,
    TextWidget,
    cell_text,
    parse_decimal,
    render_decimal,
    sdg_number,
)
from registry.innovations.models import (
    Initiator,
    Innovation,
    InnovationForm,
    InnovationKind,
    LifecycleStage,
    ModerationStatus,
    OutcomeIndicator,
    Sdg,
    Sector,
)

INDICATOR_PARTS = ["name", "unit", "baseline", "baseline_year", "value", "year", "note"]
FALLBACK_KEY_PREFIX = "registri:"


class IndicatorsWidget(TextWidget):
    """One indicator per line: name | unit | baseline | baseline year | value | year | note."""

    def __init__(self):
        super().__init__(plain=False)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        indicators = []
        for number, line in enumerate((line for line in text.splitlines() if line.strip()), start=1):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) > len(INDICATOR_PARTS):
                raise ValueError(_("Indikator ke-%(n)d punya lebih dari 7 bagian yang dipisah \"|\".") % {"n": number})
            parts += [""] * (len(INDICATOR_PARTS) - len(parts))
            item = dict(zip(INDICATOR_PARTS, parts, strict=True))
            if not item["name"]:
                raise ValueError(_("Indikator ke-%(n)d: nama indikator wajib diisi.") % {"n": number})
            if len(item["name"]) > 255 or len(item["unit"]) > 50 or len(item["note"]) > 255:
                raise ValueError(_("Indikator ke-%(n)d: teks terlalu panjang.") % {"n": number})
            for part in ("baseline", "value"):
                try:
                    item[part] = parse_decimal(item[part])
                except ValueError as error:
                    raise ValueError(_("Indikator ke-%(n)d: %(error)s") % {"n": number, "error": error}) from None
            for part in ("baseline_year", "year"):
                if item[part] and not item[part].isdigit():
                    raise ValueError(_("Indikator ke-%(n)d: tahun harus berupa angka.") % {"n": number})
                item[part] = int(item[part]) if item[part] else None
            indicators.append(item)
        return tuple(_indicator_key(item) for item in indicators)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        rows = value.all() if hasattr(value, "all") else value
        lines = []
        for row in rows:
            parts = [
                row.name,
                row.unit,
                render_decimal(row.baseline),
                "" if row.baseline_year is None else str(row.baseline_year),
                render_decimal(row.value),
                "" if row.year is None else str(row.year),
                row.note,
            ]
            while parts and parts[-1] == "":
                parts.pop()
            lines.append(" | ".join(parts))
        return "\n".join(lines)


def _indicator_key(item: dict) -> tuple:
    # Decimals are normalised so that 60 and 60.0000 compare equal.
    def number(v):
        return None if v is None else v.normalize()

    return (item["name"], item["unit"], number(item["baseline"]), item["baseline_year"], number(item["value"]), item["year"], item["note"])


def _text(name, column, max_length=None, required=False, multiline=False):
    return fields.Field(
        attribute=name,
        column_name=column,
        widget=TextWidget(max_length=max_length, required=required, multiline=multiline),
    )


def _choices_note(choices) -> str:
    return ", ".join(f"{value} ({label})" for value, label in choices)


class InnovationResource(RegistryResource):
    external_id = KeyField(
        attribute="external_id", column_name="ID eksternal", widget=NullableTextWidget(max_length=64, required=True)
    )
    slug = fields.Field(attribute="slug", column_name="Slug", widget=TextWidget(max_length=255))
    title = _text("title", "Judul", 255, required=True)
    summary = _text("summary", "Ringkasan", required=True, multiline=True)
    product = _text("product", "Produk inovasi", 500)
    agency = fields.Field(
        attribute="agency",
        column_name="Kode instansi",
        widget=CodeWidget(kind=gettext_lazy("instansi"), required=True, code_of=lambda a: a.code),
    )
    unit_name = _text("unit_name", "Unit pelaksana", 255)
    province = fields.Field(
        attribute="province",
        column_name="Kode provinsi",
        widget=RegionCodeWidget(kind=gettext_lazy("wilayah"), digits_after_dot=0, code_of=lambda p: p.code),
    )
    regency = fields.Field(
        attribute="regency",
        column_name="Kode kabupaten/kota",
        widget=RegionCodeWidget(kind=gettext_lazy("wilayah"), digits_after_dot=2, code_of=lambda r: r.code),
    )
    initiator = fields.Field(attribute="initiator", column_name="Penggagas", widget=ChoiceWidget(Initiator.choices))
    form = fields.Field(attribute="form", column_name="Bentuk inovasi", widget=ChoiceWidget(InnovationForm.choices))
    is_digital = fields.Field(attribute="is_digital", column_name="Inovasi digital", widget=BooleanWidget())
    kind = fields.Field(attribute="kind", column_name="Jenis inovasi", widget=ChoiceWidget(InnovationKind.choices))
    sectors = PendingField(
        attribute="sectors", column_name="Sektor", widget=CodeListWidget(kind=gettext_lazy("sektor"), code_of=lambda s: s.code)
    )
    sdgs = PendingField(
        attribute="sdgs",
        column_name="TPB/SDG",
        widget=CodeListWidget(kind=gettext_lazy("TPB/SDG"), code_of=lambda s: str(s.number), parse=sdg_number),
    )
    stage = fields.Field(
        attribute="stage",
        column_name="Tahap",
        widget=ChoiceWidget(LifecycleStage.choices, default=LifecycleStage.PENERAPAN),
    )
    year_started = fields.Field(attribute="year_started", column_name="Tahun dimulai", widget=IntegerWidget())
    year_implemented = fields.Field(attribute="year_implemented", column_name="Tahun diterapkan", widget=IntegerWidget())
    implemented_on = fields.Field(attribute="implemented_on", column_name="Tanggal mulai diterapkan", widget=DateWidget())
    problem = _text("problem", "Masalah dan tujuan", multiline=True)
    novelty = _text("novelty", "Kebaruan", multiline=True)
    implementation_steps = _text("implementation_steps", "Langkah penerapan", multiline=True)
    results = _text("results", "Hasil dan manfaat", multiline=True)
    resources = _text("resources", "Sumber daya dan biaya", multiline=True)
    sustainability = _text("sustainability", "Keberlanjutan", multiline=True)
    replication_prerequisites = _text("replication_prerequisites", "Prasyarat replikasi", multiline=True)
    enabling_factors = _text("enabling_factors", "Faktor pendorong", multiline=True)
    hindering_factors = _text("hindering_factors", "Faktor penghambat", multiline=True)
    video_url = _text("video_url", "Tautan video", 200)
    contact_name = _text("contact_name", "Nama kontak", 150)
    contact_email = _text("contact_email", "Surel kontak", 254)
    contact_phone = _text("contact_phone", "Telepon kontak", 40)
    source_note = _text("source_note", "Sumber data", multiline=True)
    indicators = PendingField(attribute="indicators", column_name="Indikator", widget=IndicatorsWidget())
    moderation_status = fields.Field(
        attribute="moderation_status", column_name="Status", readonly=True, widget=TextWidget()
    )

    key_columns = ("ID eksternal",)
    required_columns = ("ID eksternal", "Judul", "Ringkasan", "Kode instansi")
    export_only_columns = ("Status",)
    label_column = "Judul"
    verbose_name = gettext_lazy("Inovasi")
    agency_verifiers_may_import = True
    unvalidated_attributes = ("slug",)
    notes = {
        "ID eksternal": (gettext_lazy("Kunci baris dari sistem asal, misalnya lan:52. Impor ulang dengan ID yang sama memperbarui inovasi itu."), ""),
        "Slug": (gettext_lazy("Alamat halaman (opsional); dibuat dari judul bila kosong."), ""),
        "Judul": (gettext_lazy("Nama inovasi, paling banyak 255 karakter."), ""),
        "Ringkasan": (gettext_lazy("Paling banyak 200 kata: masalah, apa yang dilakukan, dan hasilnya."), ""),
        "Produk inovasi": (gettext_lazy("Produk atau keluaran inovasi."), ""),
        "Kode instansi": (gettext_lazy("Kode instansi pemilik inovasi (lihat daftar instansi)."), ""),
        "Unit pelaksana": (gettext_lazy("Nama unit/OPD pelaksana."), ""),
        "Kode provinsi": (gettext_lazy("Kode Kemendagri provinsi; kosong berarti wilayah instansi."), ""),
        "Kode kabupaten/kota": (gettext_lazy("Kode Kemendagri kabupaten/kota, misalnya 33.72. Format sel sebagai teks."), ""),
        "Penggagas": (gettext_lazy("Siapa yang menggagas."), _choices_note(Initiator.choices)),
        "Bentuk inovasi": (gettext_lazy("Bentuk inovasi."), _choices_note(InnovationForm.choices)),
        "Inovasi digital": (gettext_lazy("ya atau tidak."), "ya, tidak"),
        "Jenis inovasi": (gettext_lazy("Jenis inovasi."), _choices_note(InnovationKind.choices)),
        "Sektor": (gettext_lazy("Satu atau lebih kode sektor dipisah koma."), "SECTORS"),
        "TPB/SDG": (gettext_lazy("Nomor TPB/SDG 1–17 dipisah koma, misalnya 3, 16."), "1–17"),
        "Tahap": (gettext_lazy("Tahap inovasi; kosong berarti penerapan."), _choices_note(LifecycleStage.choices)),
        "Tahun dimulai": (gettext_lazy("Tahun, misalnya 2014."), "1945–2100"),
        "Tahun diterapkan": (gettext_lazy("Tahun, misalnya 2015."), "1945–2100"),
        "Tanggal mulai diterapkan": (gettext_lazy("Tanggal TTTT-BB-HH; bila diisi, tahun diterapkan mengikutinya."), ""),
        "Masalah dan tujuan": (gettext_lazy("Teks biasa; baris baru diperbolehkan."), ""),
        "Kebaruan": (gettext_lazy("Teks biasa."), ""),
        "Langkah penerapan": (gettext_lazy("Teks biasa."), ""),
        "Hasil dan manfaat": (gettext_lazy("Teks biasa."), ""),
        "Sumber daya dan biaya": (gettext_lazy("Teks biasa."), ""),
        "Keberlanjutan": (gettext_lazy("Teks biasa."), ""),
        "Prasyarat replikasi": (gettext_lazy("Teks biasa."), ""),
        "Faktor pendorong": (gettext_lazy("Teks biasa."), ""),
        "Faktor penghambat": (gettext_lazy("Teks biasa."), ""),
        "Tautan video": (gettext_lazy("Alamat lengkap video, diawali https://."), ""),
        "Nama kontak": (gettext_lazy("Kontak publik unit."), ""),
        "Surel kontak": (gettext_lazy("Surel publik unit."), ""),
        "Telepon kontak": (gettext_lazy("Telepon publik unit."), ""),
        "Sumber data": (gettext_lazy("Asal data, misalnya nama direktori atau dokumen."), ""),
        "Indikator": (
            gettext_lazy(
                "Satu indikator per baris: nama | satuan | nilai awal | tahun nilai awal | nilai capaian | tahun capaian | keterangan. Angka memakai titik desimal."
            ),
            "",
        ),
        "Status": (gettext_lazy("Hanya di berkas ekspor; diabaikan saat impor."), ""),
    }
    example_row = {
        "ID eksternal": "pemkot-surakarta:2019-01",
        "Judul": "Layanan Jemput Bola Akta Kelahiran",
        "Ringkasan": "Petugas dukcapil mendatangi kelurahan untuk menerbitkan akta kelahiran di tempat.",
        "Produk inovasi": "Akta kelahiran terbit di kelurahan",
        "Kode instansi": "pemkot-33-72",
        "Unit pelaksana": "Dinas Kependudukan dan Pencatatan Sipil",
        "Kode provinsi": "33",
        "Kode kabupaten/kota": "33.72",
        "Penggagas": "opd",
        "Bentuk inovasi": "pelayanan_publik",
        "Inovasi digital": "tidak",
        "Jenis inovasi": "proses",
        "Sektor": "administrasi-kependudukan",
        "TPB/SDG": "16",
        "Tahap": "penerapan",
        "Tahun dimulai": "2018",
        "Tahun diterapkan": "2019",
        "Masalah dan tujuan": "Banyak anak belum memiliki akta kelahiran karena jarak ke kantor dukcapil.",
        "Langkah penerapan": "Pendataan, jadwal keliling, penerbitan di tempat.",
        "Hasil dan manfaat": "Cakupan akta kelahiran naik dari 60% menjadi 95%.",
        "Indikator": "Cakupan akta kelahiran anak | % | 60 | 2018 | 95 | 2020 | Data dukcapil",
    }

    class Meta:
        model = Innovation
        fields = (
            "external_id", "slug", "title", "summary", "product", "agency", "unit_name", "province", "regency",
            "initiator", "form", "is_digital", "kind", "sectors", "sdgs", "stage", "year_started",
            "year_implemented", "implemented_on", "problem", "novelty", "implementation_steps", "results",
            "resources", "sustainability", "replication_prerequisites", "enabling_factors", "hindering_factors",
            "video_url", "contact_name", "contact_email", "contact_phone", "source_note", "indicators",
            "moderation_status",
        )  # fmt: skip
        import_id_fields = ("external_id",)

    # --- Export -------------------------------------------------------------------------------
    def get_queryset(self):
        return Innovation.objects.select_related("agency", "province", "regency").prefetch_related(
            "sectors", "sdgs", "indicators"
        )

    def dehydrate_external_id(self, innovation):
        return innovation.external_id or f"{FALLBACK_KEY_PREFIX}{innovation.pk}"

    # --- Natural keys ---------------------------------------------------------------------------
    def key_of_instance(self, instance):
        return instance.external_id or f"{FALLBACK_KEY_PREFIX}{instance.pk}"

    def load_existing(self, keys):
        keys = list(keys)
        fallback_pks = [int(k[len(FALLBACK_KEY_PREFIX):]) for k in keys if k.startswith(FALLBACK_KEY_PREFIX) and k[len(FALLBACK_KEY_PREFIX):].isdigit()]
        found = {}
        queryset = Innovation.objects.select_related("agency", "province", "regency").prefetch_related("sectors", "sdgs", "indicators")
        for start in range(0, len(keys), 2000):
            for innovation in queryset.filter(external_id__in=keys[start : start + 2000]):
                found[innovation.external_id] = innovation
        for start in range(0, len(fallback_pks), 2000):
            for innovation in queryset.filter(pk__in=fallback_pks[start : start + 2000], external_id__isnull=True):
                found[f"{FALLBACK_KEY_PREFIX}{innovation.pk}"] = innovation
        return found

    def prepare_lookups(self, dataset):
        self.fields["agency"].widget.lookup = {a.code: a for a in Agency.objects.select_related("province", "regency")}
        self.fields["province"].widget.lookup = {p.code: p for p in Province.objects.all()}
        self.fields["regency"].widget.lookup = {r.code: r for r in Regency.objects.select_related("province")}
        self.fields["sectors"].widget.lookup = {s.code: s for s in Sector.objects.all()}
        self.fields["sdgs"].widget.lookup = {s.number: s for s in Sdg.objects.all()}
        self._taken_slugs = dict(Innovation.objects.values_list("slug", "pk"))
        self._file_slugs: dict[str, str] = {}

    # --- Rows ---------------------------------------------------------------------------------
    def current_pending(self, instance):
        return {
            "sectors": sorted(s.pk for s in instance.sectors.all()),
            "sdgs": sorted(s.pk for s in instance.sdgs.all()),
            "indicators": tuple(
                _indicator_key({part: getattr(i, part) for part in INDICATOR_PARTS}) for i in instance.indicators.all()
            ),
        }

    def comparable_pending(self, instance):
        pending = dict(instance.__dict__.get("_import_pending", {}))
        for name in ("sectors", "sdgs"):
            if name in pending:
                pending[name] = sorted(obj.pk for obj in pending[name])
        return pending

    def import_instance(self, instance, row, **kwargs):
        self._original_agency_id = instance.agency_id if instance.pk else None
        super().import_instance(instance, row, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "external_id" and instance.pk and instance.external_id is None:
            # A record made in the registry is exported as "registri:<id>"; keep its key empty.
            if cell_text(row.get(field.column_name)) == f"{FALLBACK_KEY_PREFIX}{instance.pk}":
                return
        if field.attribute == "slug" and not cell_text(row.get(field.column_name)):
            return  # keep the stored slug; a new one is made from the title when saving
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def check_row(self, instance, row, errors):
        if instance.implemented_on:
            instance.year_implemented = instance.implemented_on.year
        if instance.regency_id and not instance.province_id:
            instance.province = instance.regency.province
        if not instance.province_id and not instance.regency_id and instance.agency_id:
            instance.province, instance.regency = instance.agency.province, instance.agency.regency
        allowed = self.allowed_agency_ids
        if allowed is not None:
            if instance.agency_id and instance.agency_id not in allowed:
                errors.setdefault("agency", []).append(_("Anda hanya boleh mengimpor inovasi instansi Anda sendiri."))
            if self._original_agency_id and self._original_agency_id not in allowed:
                errors.setdefault("external_id", []).append(_("ID eksternal ini sudah dipakai inovasi instansi lain."))
        if instance.slug:
            owner = self._taken_slugs.get(instance.slug)
            in_file = self._file_slugs.get(instance.slug)
            key = self.key_of_row(row)
            if (owner is not None and owner != instance.pk) or (in_file is not None and in_file != key):
                errors.setdefault("slug", []).append(_("Slug \"%(slug)s\" sudah dipakai inovasi lain.") % {"slug": instance.slug})
            elif "slug" not in errors:
                self._file_slugs[instance.slug] = key
            if instance.slug != slugify(instance.slug):
                errors.setdefault("slug", []).append(_("Slug hanya boleh huruf kecil, angka dan tanda hubung."))

    def check_update_allowed(self, instance, changed_fields):
        if self.publish:
            return
        if instance.live or instance.moderation_status == ModerationStatus.IN_MODERATION:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "external_id": _(
                        "Inovasi ini sudah terbit atau sedang diverifikasi; impor draf tidak boleh mengubahnya. Ubah lewat portal."
                    )
                }
            )

    # --- Writing ------------------------------------------------------------------------------------
    def _unique_slug(self, title: str) -> str:
        base = slugify(title)[:200].strip("-") or "inovasi"
        slug, n = base, 1
        while slug in self._taken_slugs or slug in self._file_slugs:
            n += 1
            slug = f"{base}-{n}"
        self._taken_slugs[slug] = None
        return slug

    @transaction.atomic
    def write(self):
        now = timezone.now()
        for innovation in self.to_create:
            if not innovation.slug:
                innovation.slug = self._unique_slug(innovation.title)
            innovation.created_by = self.user if getattr(self.user, "is_authenticated", False) else None
            self._set_state(innovation, now)
        for innovation in self.to_update:
            innovation.updated_at = now
            if self.publish:
                self._set_state(innovation, now)
        Innovation.objects.bulk_create(self.to_create, batch_size=500)
        state_fields = {"province", "regency", "year_implemented", "updated_at", "live", "moderation_status",
                        "first_published_at", "last_published_at", "has_unpublished_changes", "moderation_comment"}
        update_fields = [
            f.name for f in Innovation._meta.concrete_fields if f.name in self.imported_attributes() | state_fields
        ]
        Innovation.objects.bulk_update(self.to_update, update_fields, batch_size=200)
        everything = self.to_create + self.to_update
        self._write_relations(everything)
        self.written_ids = [i.pk for i in everything]

    def imported_attributes(self) -> set[str]:
        return {f.attribute for f in self.get_import_fields() if not f.readonly and not isinstance(f, PendingField)}

    def _set_state(self, innovation, now) -> None:
        if self.publish:
            innovation.live = True
            innovation.has_unpublished_changes = False
            innovation.moderation_status = ModerationStatus.PUBLISHED
            innovation.moderation_comment = ""
            innovation.first_published_at = innovation.first_published_at or now
            innovation.last_published_at = now
        elif innovation.pk is None:
            innovation.live = False
            innovation.has_unpublished_changes = True
            innovation.moderation_status = ModerationStatus.DRAFT

    def _write_relations(self, innovations) -> None:
        for name in ("sectors", "sdgs"):
            through = getattr(Innovation, name).through
            target_column = "sector_id" if name == "sectors" else "sdg_id"
            touched = [i for i in innovations if name in i.__dict__.get("_import_pending", {})]
            _delete_in_chunks(through.objects, self.to_update, touched)
            insert_rows(
                through._meta.db_table,
                ["innovation_id", target_column],
                [(i.pk, target.pk) for i in touched for target in i.__dict__["_import_pending"][name]],
            )
        touched = [i for i in innovations if "indicators" in i.__dict__.get("_import_pending", {})]
        _delete_in_chunks(OutcomeIndicator.objects, self.to_update, touched)
        insert_rows(
            OutcomeIndicator._meta.db_table,
            ["innovation_id", "sort_order", *INDICATOR_PARTS],
            [
                (i.pk, order, *item)
                for i in touched
                for order, item in enumerate(i.__dict__["_import_pending"]["indicators"])
            ],
        )


def insert_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Plain INSERTs of many small rows (relations, indicators) without building model objects.

    PostgreSQL gets them through COPY, the fastest way in; other databases through executemany.
    """
    if not rows:
        return
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})", rows)


def _delete_in_chunks(manager, existing, touched) -> None:
    """Remove the old relations of rows that existed before this import (new rows have none)."""
    existing_ids = {i.pk for i in existing}
    ids = [i.pk for i in touched if i.pk in existing_ids]
    for start in range(0, len(ids), 2000):
        manager.filter(innovation_id__in=ids[start : start + 2000]).delete()
