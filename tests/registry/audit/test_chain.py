import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from registry.audit.models import AuditEvent
from registry.audit.services import audit_record, audit_verify_chain
from registry.geo.models import Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(ministry_admin):
    target = Province.objects.get(code="33")
    return [
        audit_record(actor=ministry_admin, action=f"test.action{i}", target=target, data={"i": i, "score": 7.5})
        for i in range(5)
    ]


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_events_link_to_their_predecessor(chain):
    assert [e.sequence for e in chain] == [1, 2, 3, 4, 5]
    for previous, event in zip(chain, chain[1:], strict=False):
        assert event.previous_hash == previous.hash
    assert audit_verify_chain().ok
    call_command("verify_audit_log")


def test_altering_a_past_row_is_found_at_that_row(chain):
    _raw(f"UPDATE {AuditEvent._meta.db_table} SET data = %s WHERE sequence = 3", ['{"i": 2, "score": 9.5}'])
    report = audit_verify_chain()
    assert report.broken_at == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("verify_audit_log")


def test_removing_a_row_is_found(chain):
    _raw(f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence = 2", [])
    assert audit_verify_chain().broken_at == 2


def test_rewriting_the_last_row_with_a_fresh_hash_is_found(chain):
    last = AuditEvent.objects.get(sequence=5)
    last.data = {"i": 4, "score": 10}
    forged = last.compute_hash()
    _raw(f"UPDATE {AuditEvent._meta.db_table} SET data = %s, hash = %s WHERE sequence = 5", ['{"i": 4, "score": 10}', forged])
    assert audit_verify_chain().broken_at == 5


def test_events_cannot_be_changed_or_deleted_through_the_orm(chain):
    event = chain[0]
    event.action = "forged"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
