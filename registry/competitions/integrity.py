"""Scores must match the audit chain.

When a judge submits, the service writes the scores' sha256 digest both on the
assignment and into the hash-chained audit event. `verify_audit_log` (through
the record checks registered in registry.audit.services) recomputes the digest
of every submitted assignment's current score rows and compares it with the
latest event: a value changed by hand in the database no longer matches.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

SCORE_SUBMIT_ACTION = "competition.score.submit"


def canonical_value(value) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def scores_digest(values: dict) -> str:
    """values: {criterion_id: value} (comments are not part of the verdict)."""
    payload = json.dumps({str(k): canonical_value(v) for k, v in values.items()}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def verify_scores() -> list[str]:
    from registry.audit.models import AuditEvent
    from registry.competitions.models import Assignment, AssignmentStatus, Score

    recorded: dict[str, tuple[int, str]] = {}
    events = AuditEvent.objects.filter(action=SCORE_SUBMIT_ACTION, target_type="competitions.assignment")
    for sequence, target_id, data in events.order_by("sequence").values_list("sequence", "target_id", "data").iterator():
        recorded[target_id] = (sequence, data.get("digest", ""))
    current: dict[int, dict] = {}
    rows = Score.objects.filter(assignment__status=AssignmentStatus.SUBMITTED).values_list(
        "assignment_id", "criterion_id", "value"
    )
    for assignment_id, criterion_id, value in rows.iterator():
        current.setdefault(assignment_id, {})[criterion_id] = value
    problems = []
    submitted = Assignment.objects.filter(status=AssignmentStatus.SUBMITTED).order_by("pk")
    for assignment_id, stored_digest in submitted.values_list("pk", "digest").iterator():
        sequence, digest = recorded.get(str(assignment_id), (None, None))
        actual = scores_digest(current.get(assignment_id, {}))
        if sequence is None:
            problems.append(f"competition assignment #{assignment_id}: submitted scores have no audit event")
        elif actual != digest or stored_digest != digest:
            problems.append(
                f"competition assignment #{assignment_id}: scores differ from what audit event #{sequence} recorded"
            )
    return problems
