"""Every state change of a competition: permission check, one transaction, an audit event.

Import from here; the modules split the functions by stage of the edition.
"""

from registry.competitions.services.entries import (
    eligibility_problems,
    entry_admin_check,
    entry_submit,
    entry_withdraw,
)
from registry.competitions.services.judging import (
    assignment_add,
    assignment_remove,
    assignment_reopen,
    assignments_import_csv,
    conflict_declare,
    entry_assign_judges,
    scores_save,
)
from registry.competitions.services.results import (
    competition_decide_winners,
    competition_publish_finalists,
    competition_publish_results,
    objection_decide,
    objection_submit,
    recount_awards,
)
from registry.competitions.services.rounds import (
    compute_round,
    result_add_judge,
    result_resolve_flag,
    round_advance,
    round_aggregate,
    round_close,
    round_publish_results,
)

__all__ = [
    "assignment_add",
    "assignment_remove",
    "assignment_reopen",
    "assignments_import_csv",
    "competition_decide_winners",
    "competition_publish_finalists",
    "competition_publish_results",
    "compute_round",
    "conflict_declare",
    "eligibility_problems",
    "entry_admin_check",
    "entry_assign_judges",
    "entry_submit",
    "entry_withdraw",
    "objection_decide",
    "objection_submit",
    "recount_awards",
    "result_add_judge",
    "result_resolve_flag",
    "round_advance",
    "round_aggregate",
    "round_close",
    "round_publish_results",
    "scores_save",
]
