"""Replication projects in and out of spreadsheets (ministry admins only).

Natural key: the origin innovation (its external ID, or its slug when it has
none), the adopter's agency code and the date the project started. A file
may bring historical projects at any stage, but an import never moves an
existing project between stages: that is a decision with evidence, made in the
portal through `replication_transition`. After writing, the origins'
replication counters are recounted and the stage signals sent, as the services do.
Imported projects that are already at evaluasi or later get no replica
innovation (the replica is written by the adopter, not by a spreadsheet).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from registry.agencies.models import Agency
from registry.audit.services import audit_record
from registry.imports.base import KeyField, RegistryResource
from registry.imports.widgets import (
    ChoiceWidget,
    CodeWidget,
    DateWidget,
    DecimalWidget,
    TextWidget,
    cell_text,
)
from registry.innovations.models import Innovation
from registry.innovations.signals import innovations_bulk_changed
from registry.replication import signals
from registry.replication.models import ReplicationProject, ReplicationStage, ReplicationStageChange
from registry.replication.services import recount_origin_counters

# The innovation resource exports records without an external ID as "registri:<id>".
REGISTRY_KEY_PREFIX = "registri:"
WRITTEN_FIELDS = [
    "origin", "adopter", "facilitator", "local_name", "stage", "interest_statement", "adaptation_plan",
    "adaptations", "budget", "budget_source", "team", "planned_start", "planned_end", "agreement_signed_on",
    "implementation_started_on", "evaluation_summary", "stop_reason", "created_at",
]


def innovation_key(innovation: Innovation) -> str:
    return innovation.external_id or innovation.slug


def _text(column, attribute, *, max_length=None, required=False, multiline=True):
    return fields.Field(
        attribute=attribute,
        column_name=column,
        widget=TextWidget(max_length=max_length, required=required, multiline=multiline),
    )


class ReplicationProjectResource(RegistryResource):
    origin = KeyField(
        attribute="origin",
        column_name="Inovasi asal",
        widget=CodeWidget(kind=gettext_lazy("inovasi"), required=True, code_of=innovation_key),
    )
    adopter = KeyField(
        attribute="adopter",
        column_name="Kode instansi pereplikasi",
        widget=CodeWidget(kind=gettext_lazy("instansi"), required=True, code_of=lambda a: a.code),
    )
    started_on = KeyField(attribute="started_on", column_name="Tanggal mulai", widget=DateWidget())
    facilitator = fields.Field(
        attribute="facilitator",
        column_name="Kode instansi fasilitator",
        widget=CodeWidget(kind=gettext_lazy("instansi"), code_of=lambda a: a.code),
    )
    local_name = _text("Nama lokal", "local_name", max_length=255, multiline=False)
    stage = fields.Field(
        attribute="stage", column_name="Tahap", widget=ChoiceWidget(ReplicationStage.choices, default=ReplicationStage.MINAT)
    )
    interest_statement = _text("Alasan minat", "interest_statement")
    adaptation_plan = _text("Rencana adaptasi", "adaptation_plan")
    adaptations = _text("Perubahan dari inovasi asal", "adaptations")
    budget = fields.Field(attribute="budget", column_name="Anggaran (Rp)", widget=DecimalWidget())
    budget_source = _text("Sumber anggaran", "budget_source", max_length=255, multiline=False)
    team = _text("Tim pelaksana", "team")
    planned_start = fields.Field(attribute="planned_start", column_name="Rencana mulai", widget=DateWidget())
    planned_end = fields.Field(attribute="planned_end", column_name="Rencana selesai", widget=DateWidget())
    agreement_signed_on = fields.Field(
        attribute="agreement_signed_on", column_name="Tanggal kesepakatan", widget=DateWidget()
    )
    implementation_started_on = fields.Field(
        attribute="implementation_started_on", column_name="Tanggal mulai implementasi", widget=DateWidget()
    )
    evaluation_summary = _text("Ringkasan evaluasi", "evaluation_summary")
    stop_reason = _text("Alasan dihentikan", "stop_reason")
    # Export only: what a reader of the sheet wants next to the codes.
    origin_title = fields.Field(attribute="origin__title", column_name="Judul inovasi asal", readonly=True)
    adopter_name = fields.Field(attribute="adopter__name", column_name="Instansi pereplikasi", readonly=True)
    adopter_province = fields.Field(attribute="adopter__province__name", column_name="Provinsi pereplikasi", readonly=True)
    replica = fields.Field(attribute="replica__slug", column_name="Slug inovasi replika", readonly=True)

    key_columns = ("Inovasi asal", "Kode instansi pereplikasi", "Tanggal mulai")
    required_columns = ("Inovasi asal", "Kode instansi pereplikasi", "Tanggal mulai")
    export_only_columns = ("Judul inovasi asal", "Instansi pereplikasi", "Provinsi pereplikasi", "Slug inovasi replika")
    label_column = "Nama lokal"
    verbose_name = gettext_lazy("Proyek replikasi")
    notes = {
        "Inovasi asal": (gettext_lazy("ID eksternal inovasi yang direplikasi (misalnya lan:52), atau slug-nya bila tidak punya ID eksternal."), ""),
        "Kode instansi pereplikasi": (gettext_lazy("Kode instansi yang mereplikasi."), ""),
        "Tanggal mulai": (gettext_lazy("Tanggal proyek dimulai (TTTT-BB-HH); bersama dua kolom sebelumnya menjadi kunci baris."), ""),
        "Kode instansi fasilitator": (gettext_lazy("Kode instansi pendamping (opsional)."), ""),
        "Nama lokal": (gettext_lazy("Nama replikasi di daerah pereplikasi (opsional)."), ""),
        "Tahap": (
            gettext_lazy("Tahap proyek baru; tahap proyek yang sudah ada hanya berubah lewat portal."),
            ", ".join(ReplicationStage.values),
        ),
        "Alasan minat": (gettext_lazy("Teks biasa."), ""),
        "Rencana adaptasi": (gettext_lazy("Teks biasa."), ""),
        "Perubahan dari inovasi asal": (gettext_lazy("Teks biasa."), ""),
        "Anggaran (Rp)": (gettext_lazy("Angka tanpa pemisah ribuan."), ""),
        "Sumber anggaran": (gettext_lazy("Misalnya APBD 2024."), ""),
        "Tim pelaksana": (gettext_lazy("Nama dan peran, satu per baris."), ""),
        "Rencana mulai": (gettext_lazy("Tanggal (TTTT-BB-HH)."), ""),
        "Rencana selesai": (gettext_lazy("Tanggal (TTTT-BB-HH)."), ""),
        "Tanggal kesepakatan": (gettext_lazy("Tanggal penandatanganan MoU/PKS."), ""),
        "Tanggal mulai implementasi": (gettext_lazy("Tanggal (TTTT-BB-HH)."), ""),
        "Ringkasan evaluasi": (gettext_lazy("Teks biasa."), ""),
        "Alasan dihentikan": (gettext_lazy("Wajib bila tahapnya dihentikan."), ""),
    }
    example_row = {
        "Inovasi asal": "lan:52",
        "Kode instansi pereplikasi": "pemkab-33-09",
        "Tanggal mulai": "2019-03-01",
        "Nama lokal": "Akta Lahir Jemput Bola Boyolali",
        "Tahap": "implementasi",
        "Anggaran (Rp)": "150000000",
        "Tanggal kesepakatan": "2019-05-20",
        "Tanggal mulai implementasi": "2019-08-01",
    }

    class Meta:
        model = ReplicationProject
        fields = (
            "origin", "adopter", "started_on", "facilitator", "local_name", "stage", "interest_statement",
            "adaptation_plan", "adaptations", "budget", "budget_source", "team", "planned_start", "planned_end",
            "agreement_signed_on", "implementation_started_on", "evaluation_summary", "stop_reason",
            "origin_title", "adopter_name", "adopter_province", "replica",
        )
        import_id_fields = ("origin", "adopter", "started_on")

    def get_queryset(self):
        return ReplicationProject.objects.select_related(
            "origin", "adopter", "adopter__province", "facilitator", "replica"
        ).order_by("pk")

    # --- Natural keys -------------------------------------------------------------------------
    def key_of_instance(self, instance):
        return (innovation_key(instance.origin), instance.adopter.code, instance.started_on.isoformat())

    def normalise_key_part(self, column, value) -> str:
        if column == "Inovasi asal":
            innovation = self.fields["origin"].widget.lookup.get(cell_text(value))
            return innovation_key(innovation) if innovation is not None else cell_text(value)
        if column == "Tanggal mulai":
            try:
                parsed = DateWidget().clean(value)
            except ValueError:
                return cell_text(value)
            return parsed.isoformat() if parsed else ""
        return cell_text(value)

    def prepare_lookups(self, dataset):
        headers = dataset.headers or []
        wanted = {cell_text(v) for v in dataset["Inovasi asal"]} if "Inovasi asal" in headers else set()
        registry_pks = [int(k[len(REGISTRY_KEY_PREFIX):]) for k in wanted if k.startswith(REGISTRY_KEY_PREFIX) and k[len(REGISTRY_KEY_PREFIX):].isdigit()]
        lookup = {}
        for innovation in Innovation.objects.filter(external_id__in=wanted).select_related("agency"):
            lookup[innovation.external_id] = innovation
        for innovation in Innovation.objects.filter(slug__in=wanted).select_related("agency"):
            lookup.setdefault(innovation.slug, innovation)
        for innovation in Innovation.objects.filter(pk__in=registry_pks).select_related("agency"):
            lookup[f"{REGISTRY_KEY_PREFIX}{innovation.pk}"] = innovation
        self.fields["origin"].widget.lookup = lookup
        agencies = {agency.code: agency for agency in Agency.objects.all()}
        self.fields["adopter"].widget.lookup = agencies
        self.fields["facilitator"].widget.lookup = agencies
        self._open_pairs = {
            (origin_id, adopter_id): started
            for origin_id, adopter_id, started in ReplicationProject.objects.exclude(stage=ReplicationStage.DIHENTIKAN)
            .values_list("origin_id", "adopter_id", "pk")
        }
        self._file_open_pairs: dict[tuple[int, int], object] = {}

    def load_existing(self, keys):
        return {self.key_of_instance(project): project for project in self.get_queryset()}

    # --- Rows -------------------------------------------------------------------------------------
    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "started_on" and instance.pk:
            return  # part of the key: an existing project keeps its exact start time
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def check_row(self, instance, row, errors):
        if not instance.origin_id or not instance.adopter_id:
            return
        if instance.adopter_id in instance.origin.agency.related_ids():
            errors.setdefault("adopter", []).append(_("Instansi tidak dapat mereplikasi inovasinya sendiri."))
        if instance.facilitator_id and instance.facilitator_id in {instance.adopter_id, instance.origin.agency_id}:
            errors.setdefault("facilitator", []).append(_("Fasilitator harus instansi lain."))
        if instance.stage == ReplicationStage.DIHENTIKAN and not instance.stop_reason:
            errors.setdefault("stop_reason", []).append(_("Tuliskan alasan proyek dihentikan."))
        if instance.stage != ReplicationStage.DIHENTIKAN:
            pair, key = (instance.origin_id, instance.adopter_id), self.key_of_row(row)
            open_pk = self._open_pairs.get(pair)
            if (open_pk is not None and open_pk != instance.pk) or self._file_open_pairs.get(pair, key) != key:
                errors.setdefault("adopter", []).append(
                    _("Instansi ini sudah memiliki proyek replikasi yang belum dihentikan untuk inovasi tersebut.")
                )
            else:
                self._file_open_pairs[pair] = key

    def check_update_allowed(self, instance, changed_fields):
        if "stage" in changed_fields:
            from django.core.exceptions import ValidationError

            raise ValidationError({"stage": _("Tahap proyek yang sudah ada hanya dapat diubah lewat portal, dengan buktinya.")})

    # --- Writing ----------------------------------------------------------------------------------
    @transaction.atomic
    def write(self):
        now = timezone.now()
        for project in self.to_create:
            project.stage_changed_at = project.created_at
            project.last_activity_at = now
            project.created_by = self.user if getattr(self.user, "is_authenticated", False) else None
        ReplicationProject.objects.bulk_create(self.to_create)
        ReplicationProject.objects.bulk_update(self.to_update, WRITTEN_FIELDS)
        ReplicationStageChange.objects.bulk_create(
            ReplicationStageChange(
                project=project, to_stage=project.stage, changed_at=project.created_at,
                changed_by=project.created_by, note=_("Diimpor dari berkas."),
            )
            for project in self.to_create
        )
        everything = self.to_create + self.to_update
        origin_ids = sorted({project.origin_id for project in everything})
        for origin_id in origin_ids:
            recount_origin_counters(origin_id)
        for project in self.to_create:
            audit_record(actor=self.user, action="replication.import", target=project, data={"stage": project.stage})
        self.written_ids = [project.pk for project in everything]
        announced = [
            {"project_id": p.pk, "origin_id": p.origin_id, "adopter_id": p.adopter_id, "stage": p.stage}
            for p in self.to_create
        ]

        def announce():
            for payload in announced:
                signals.replication_stage_changed.send(ReplicationProject, **payload)
            innovations_bulk_changed.send(Innovation, innovation_ids=origin_ids)

        transaction.on_commit(announce)
