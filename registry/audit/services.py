import json
from dataclasses import dataclass
from datetime import UTC

from django.db import models, transaction
from django.utils import timezone

from registry.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent


def _json_safe(data) -> dict:
    # Decimals, dates and UUIDs become strings now, so the stored JSON and the
    # hashed JSON are the same thing.
    return json.loads(json.dumps(data or {}, default=str, sort_keys=True))


def audit_record(*, actor, action: str, target: models.Model, data: dict | None = None) -> AuditEvent:
    """Append one event to the chain. Call it inside the service's transaction."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        event = AuditEvent(
            sequence=head.sequence + 1,
            created_at=timezone.now().astimezone(UTC),
            actor=actor_obj,
            actor_label=actor_obj.get_username() if actor_obj else "",
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_label=str(target)[:255],
            data=_json_safe(data),
            previous_hash=head.hash,
        )
        event.hash = event.compute_hash()
        event.save()
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None  # sequence of the first event whose link does not hold
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def audit_verify_chain(*, batch_size: int = 2000) -> ChainReport:
    previous_hash, expected_sequence, checked = GENESIS_HASH, 1, 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            return ChainReport(checked, expected_sequence, "missing event")
        if event.previous_hash != previous_hash:
            return ChainReport(checked, event.sequence, "previous hash does not match")
        if event.compute_hash() != event.hash:
            return ChainReport(checked, event.sequence, "content does not match its hash")
        previous_hash, expected_sequence, checked = event.hash, expected_sequence + 1, checked + 1
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and head.sequence != checked:
        return ChainReport(checked, checked + 1, "events after the last one were removed")
    if head is not None and head.hash != previous_hash:
        return ChainReport(checked - 1, checked, "the last event does not match the chain head")
    return ChainReport(checked, None)


# Checks that compare an app's own rows with what the chain recorded (e.g. submitted
# competition scores against their events). Apps register them in AppConfig.ready();
# verify_audit_log runs them after the chain itself. Each returns a list of problems.
_record_checks: list = []


def register_record_check(check) -> None:
    if check not in _record_checks:
        _record_checks.append(check)


def audit_verify_records() -> list[str]:
    problems = []
    for check in _record_checks:
        problems.extend(check())
    return problems


def audit_events_for(target: models.Model):
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).select_related(
        "actor"
    )
