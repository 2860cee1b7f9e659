"""Exports (django-import-export) for the secretariat and for judges.

- EntryResultResource: one row per entry, its score in each round and its final score.
- ScoreResource: the full score sheet, one row per judge and criterion (secretariat only).
- JudgeScoreResource: a judge's own submitted scores; in blind rounds the entry is
  identified by its number and a redacted title only, like on the judge's pages.

Each takes its rows from the caller (already scoped), so nothing here decides
who may export what.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from registry.competitions.models import AssignmentStatus, Entry, EntryRoundResult, Score
from registry.competitions.snapshot import for_judge


def _field(attribute, label):
    return fields.Field(attribute=attribute, column_name=str(label))


class EntryResultResource(resources.Resource):
    """Rows: dicts built by `rows()` from a competition's entries and round results."""

    code = _field("code", _("nomor"))
    title = _field("title", _("judul"))
    agency = _field("agency", _("instansi"))
    group = _field("group", _("kelompok"))
    category = _field("category", _("kategori"))
    status = _field("status", _("status"))
    final_score = _field("final_score", _("nilai akhir"))
    final_rank = _field("final_rank", _("peringkat akhir"))

    class Meta:
        export_order = ("code", "title", "agency", "group", "category", "status", "final_score", "final_rank")

    def __init__(self, competition, **kwargs):
        super().__init__(**kwargs)
        self.competition = competition
        self.rounds = [r for r in competition.rounds.order_by("sort_order") if r.is_judged]
        for round_ in self.rounds:
            self.fields[f"round_{round_.pk}"] = _field(f"round_{round_.pk}", round_.name)

    def get_export_order(self):
        return (*self._meta.export_order, *(f"round_{r.pk}" for r in self.rounds))

    def rows(self):
        scores = {}
        for entry_id, round_id, score in EntryRoundResult.objects.filter(round__competition=self.competition).values_list(
            "entry_id", "round_id", "score"
        ):
            scores[(entry_id, round_id)] = None if score is None else round(score, 4)
        entries = Entry.objects.filter(competition=self.competition).select_related("agency", "group", "category").order_by("code")
        for entry in entries:
            row = {
                "code": entry.code,
                "title": entry.title,
                "agency": entry.agency.name,
                "group": entry.group.name,
                "category": entry.category.name,
                "status": str(entry.get_status_display()),
                "final_score": None if entry.final_score is None else round(entry.final_score, 4),
                "final_rank": entry.final_rank,
            }
            for round_ in self.rounds:
                row[f"round_{round_.pk}"] = scores.get((entry.pk, round_.pk))
            yield row

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=list(self.rows()) if queryset is None else queryset, **kwargs)


class ScoreResource(resources.Resource):
    """The full score sheet of a competition for the secretariat."""

    entry = _field("assignment__entry__code", _("entri"))
    title = fields.Field(column_name=str(_("judul")))
    agency = _field("assignment__entry__agency__name", _("instansi"))
    round = _field("assignment__round__name", _("babak"))
    judge = _field("assignment__judge__user__username", _("juri"))
    criterion_name = _field("criterion__name", _("kriteria"))
    weight = _field("criterion__weight", _("bobot"))
    value = _field("value", _("nilai"))
    comment = _field("comment", _("komentar"))
    total = _field("assignment__total", _("total juri"))
    confidence = _field("assignment__confidence", _("keyakinan"))
    submitted_at = _field("assignment__submitted_at", _("dikirim"))

    class Meta:
        export_order = (
            "entry", "title", "agency", "round", "judge", "criterion_name", "weight", "value", "comment", "total",
            "confidence", "submitted_at",
        )

    def __init__(self, competition, **kwargs):
        super().__init__(**kwargs)
        self.competition = competition

    def get_queryset(self):
        return (
            Score.objects.filter(assignment__round__competition=self.competition, assignment__status=AssignmentStatus.SUBMITTED)
            .select_related("assignment__entry__agency", "assignment__round", "assignment__judge__user", "criterion")
            .order_by("assignment__entry__code", "assignment__round__sort_order", "assignment__judge__user__username", "criterion__sort_order")
        )

    def dehydrate_title(self, score):
        return score.assignment.entry.title

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=self.get_queryset() if queryset is None else queryset, **kwargs)


class JudgeScoreResource(resources.Resource):
    """A judge's own submitted scores. Only what the judge's pages show: blind rounds stay blind."""

    entry = _field("entry", _("entri"))
    title = _field("title", _("judul"))
    round = _field("round", _("babak"))
    criterion_name = _field("criterion", _("kriteria"))
    value = _field("value", _("nilai"))
    comment = _field("comment", _("komentar"))
    total = _field("total", _("total"))

    class Meta:
        export_order = ("entry", "title", "round", "criterion_name", "value", "comment", "total")

    def __init__(self, assignments, **kwargs):
        super().__init__(**kwargs)
        self.assignments = list(assignments)

    def rows(self):
        scores = Score.objects.filter(assignment__in=self.assignments).select_related("criterion").order_by("criterion__sort_order")
        by_assignment = {}
        for score in scores:
            by_assignment.setdefault(score.assignment_id, []).append(score)
        for assignment in self.assignments:
            view = for_judge(assignment.entry.snapshot, blind=assignment.round.is_blind)
            for score in by_assignment.get(assignment.pk, []):
                yield {
                    "entry": assignment.entry.code,
                    "title": view["title"],
                    "round": assignment.round.name,
                    "criterion": score.criterion.name,
                    "value": score.value,
                    "comment": score.comment,
                    "total": None if assignment.total is None else round(assignment.total, 4),
                }

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=list(self.rows()) if queryset is None else queryset, **kwargs)
