"""Agencies and memberships in and out of spreadsheets (natural keys: agency code, username)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from registry.agencies.models import Agency, AgencyType, Membership, MembershipRole
from registry.geo.models import Province, Regency
from registry.imports.base import KeyField, PendingField, RegistryResource
from registry.imports.widgets import (
    BooleanWidget,
    ChoiceWidget,
    CodeWidget,
    RegionCodeWidget,
    TextWidget,
    cell_text,
)

AGENCY_FIELDS = ["name", "short_name", "type", "province", "regency", "website", "email", "is_active"]


class AgencyResource(RegistryResource):
    code = KeyField(attribute="code", column_name="Kode instansi", widget=TextWidget(max_length=80, required=True))
    name = fields.Field(attribute="name", column_name="Nama", widget=TextWidget(max_length=255, required=True))
    short_name = fields.Field(attribute="short_name", column_name="Nama singkat", widget=TextWidget(max_length=80))
    type = fields.Field(attribute="type", column_name="Jenis", widget=ChoiceWidget(AgencyType.choices, required=True))
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
    parent = PendingField(
        attribute="parent",
        column_name="Kode instansi induk",
        widget=CodeWidget(kind=gettext_lazy("instansi"), code_of=lambda a: a.code if hasattr(a, "code") else str(a)),
    )
    website = fields.Field(attribute="website", column_name="Situs web", widget=TextWidget(max_length=200))
    email = fields.Field(attribute="email", column_name="Surel", widget=TextWidget(max_length=254))
    is_active = fields.Field(attribute="is_active", column_name="Aktif", widget=BooleanWidget(default=True))

    key_columns = ("Kode instansi",)
    required_columns = ("Kode instansi", "Nama", "Jenis")
    label_column = "Nama"
    verbose_name = gettext_lazy("Instansi")
    notes = {
        "Kode instansi": (gettext_lazy("Kode tetap instansi: huruf kecil, angka dan tanda hubung, misalnya pemkot-33-72 (kunci baris)."), ""),
        "Nama": (gettext_lazy("Nama resmi instansi."), ""),
        "Nama singkat": (gettext_lazy("Singkatan, misalnya Pemkot Surakarta."), ""),
        "Jenis": (gettext_lazy("Jenis instansi."), ", ".join(v for v, _l in AgencyType.choices)),
        "Kode provinsi": (gettext_lazy("Kode Kemendagri provinsi (untuk pemda dan BUMD)."), ""),
        "Kode kabupaten/kota": (gettext_lazy("Kode Kemendagri kabupaten/kota, misalnya 33.72. Format sel sebagai teks."), ""),
        "Kode instansi induk": (gettext_lazy("Kode instansi di atasnya (pemda atau kementerian); boleh instansi lain di berkas yang sama."), ""),
        "Situs web": (gettext_lazy("Alamat lengkap, diawali https://."), ""),
        "Surel": (gettext_lazy("Alamat surel resmi."), ""),
        "Aktif": (gettext_lazy("ya atau tidak (kosong berarti ya)."), "ya, tidak"),
    }
    example_row = {
        "Kode instansi": "pemkot-33-72",
        "Nama": "Pemerintah Kota Surakarta",
        "Nama singkat": "Pemkot Surakarta",
        "Jenis": "pemkot",
        "Kode provinsi": "33",
        "Kode kabupaten/kota": "33.72",
        "Kode instansi induk": "",
        "Situs web": "https://surakarta.go.id",
        "Surel": "humas@surakarta.go.id",
        "Aktif": "ya",
    }

    class Meta:
        model = Agency
        fields = ("code", "name", "short_name", "type", "province", "regency", "parent", "website", "email", "is_active")
        import_id_fields = ("code",)

    def get_queryset(self):
        return Agency.objects.select_related("parent", "province", "regency")

    def key_of_instance(self, instance):
        return instance.code

    def prepare_lookups(self, dataset):
        self.fields["province"].widget.lookup = {p.code: p for p in Province.objects.all()}
        self.fields["regency"].widget.lookup = {r.code: r for r in Regency.objects.all()}
        # A parent may be in the database or further down the same file.
        codes = {code: code for code in Agency.objects.values_list("code", flat=True)}
        if "Kode instansi" in (dataset.headers or []):
            codes.update({c: c for c in (cell_text(v) for v in dataset["Kode instansi"]) if c})
        self.fields["parent"].widget.lookup = codes

    def current_pending(self, instance):
        return {"parent": instance.parent.code if instance.parent_id else None}

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.regency_id and not instance.province_id:
            instance.province = instance.regency.province

    def check_row(self, instance, row, errors):
        if instance.regency_id and instance.province_id and instance.regency.province_id != instance.province_id:
            errors.setdefault("regency", []).append(_("Kabupaten/kota ini tidak berada di provinsi yang ditulis."))
        parent = instance.__dict__.get("_import_pending", {}).get("parent")
        if parent and parent == instance.code:
            errors.setdefault("parent", []).append(_("Instansi tidak boleh menjadi induk dirinya sendiri."))

    @transaction.atomic
    def write(self):
        Agency.objects.bulk_create(self.to_create)
        Agency.objects.bulk_update(self.to_update, [f if f not in ("province", "regency") else f + "_id" for f in AGENCY_FIELDS])
        ids = dict(Agency.objects.values_list("code", "pk"))
        with_parent = []
        for agency in self.to_create + self.to_update:
            pending = agency.__dict__.get("_import_pending", {})
            if "parent" in pending:
                agency.parent_id = ids[pending["parent"]] if pending["parent"] else None
                with_parent.append(agency)
        Agency.objects.bulk_update(with_parent, ["parent"])
        self.written_ids = [a.pk for a in self.to_create + self.to_update]


class MembershipResource(RegistryResource):
    user = KeyField(
        attribute="user",
        column_name="Nama pengguna",
        widget=CodeWidget(kind=gettext_lazy("pengguna"), required=True, code_of=lambda u: u.get_username()),
    )
    agency = KeyField(
        attribute="agency",
        column_name="Kode instansi",
        widget=CodeWidget(kind=gettext_lazy("instansi"), required=True, code_of=lambda a: a.code),
    )
    role = fields.Field(attribute="role", column_name="Peran", widget=ChoiceWidget(MembershipRole.choices, required=True))
    is_verified = fields.Field(attribute="is_verified", column_name="Terverifikasi", widget=BooleanWidget(default=False))

    key_columns = ("Nama pengguna", "Kode instansi")
    required_columns = ("Nama pengguna", "Kode instansi", "Peran")
    label_column = "Nama pengguna"
    verbose_name = gettext_lazy("Keanggotaan")
    notes = {
        "Nama pengguna": (gettext_lazy("Nama pengguna akun yang sudah terdaftar."), ""),
        "Kode instansi": (gettext_lazy("Kode instansi tempat pengguna bekerja."), ""),
        "Peran": (gettext_lazy("Peran di instansi."), ", ".join(v for v, _l in MembershipRole.choices)),
        "Terverifikasi": (gettext_lazy("ya bila keanggotaan sudah diperiksa (kosong berarti tidak)."), "ya, tidak"),
    }
    example_row = {"Nama pengguna": "pengusul.surakarta", "Kode instansi": "pemkot-33-72", "Peran": "submitter", "Terverifikasi": "ya"}

    class Meta:
        model = Membership
        fields = ("user", "agency", "role", "is_verified")
        import_id_fields = ("user", "agency")

    def get_queryset(self):
        return Membership.objects.select_related("user", "agency")

    def key_of_instance(self, instance):
        return (instance.user.get_username(), instance.agency.code)

    def prepare_lookups(self, dataset):
        usernames = {cell_text(v) for v in dataset["Nama pengguna"]} if "Nama pengguna" in (dataset.headers or []) else set()
        users = get_user_model().objects.filter(username__in=usernames)
        self.fields["user"].widget.lookup = {u.get_username(): u for u in users}
        self.fields["agency"].widget.lookup = {a.code: a for a in Agency.objects.all()}

    @transaction.atomic
    def write(self):
        Membership.objects.bulk_create(self.to_create)
        Membership.objects.bulk_update(self.to_update, ["role", "is_verified"])
        self.written_ids = [m.pk for m in self.to_create + self.to_update]
