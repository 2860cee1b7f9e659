"""Every moderation transition of an innovation, allowed and refused.

A refused transition must leave the database exactly as it was: the row, its
children, its revisions and the audit log (compared as snapshots).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from registry.audit.models import AuditEvent
from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.innovations import services
from registry.innovations.models import Innovation, ModerationStatus
from tests import factories_portal as portal

pytestmark = pytest.mark.django_db

STATES = ["draft", "in_moderation", "returned", "published", "unpublished"]


@pytest.fixture
def make_innovation(submitter_a, verifier_a, agency_a):
    """An innovation of agency A in the given moderation state, made through the services."""
    return lambda state: portal.in_state(state, submitter=submitter_a, verifier=verifier_a, agency=agency_a)


ACTIONS = {
    "edit": lambda user, i: services.innovation_update(user=user, innovation=i, data={"title": "Judul lain"}),
    "autosave": lambda user, i: services.innovation_update(user=user, innovation=i, data={"title": "Judul lain"}, autosave=True),
    "submit": lambda user, i: services.innovation_submit(user=user, innovation=i),
    "withdraw": lambda user, i: services.innovation_withdraw_submission(user=user, innovation=i),
    "approve": lambda user, i: services.innovation_approve(user=user, innovation=i),
    "return": lambda user, i: services.innovation_return(user=user, innovation=i, comment="Lengkapi indikator."),
    "unpublish": lambda user, i: services.innovation_unpublish(user=user, innovation=i, reason="Data kedaluwarsa."),
    "delete": lambda user, i: services.innovation_delete(user=user, innovation=i),
    "attach_document": lambda user, i: services.innovation_attach_document(
        user=user, innovation=i, file=portal.upload("sop.pdf", portal.pdf_bytes()), title="SOP"
    ),
    "attach_image": lambda user, i: services.innovation_attach_image(
        user=user, innovation=i, file=portal.upload("foto.png", portal.png_bytes()), caption="Foto"
    ),
}

# The state each action needs (any state for edits by a stranger, who is refused first).
ALLOWED_STATE = {
    "edit": "draft",
    "autosave": "draft",
    "submit": "draft",
    "withdraw": "in_moderation",
    "approve": "in_moderation",
    "return": "in_moderation",
    "unpublish": "published",
    "delete": "draft",
    "attach_document": "draft",
    "attach_image": "draft",
}


def _actor(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


def _assert_refused(request, innovation, actor_name, action, expected):
    before = portal.database_state(innovation.pk)
    with pytest.raises(expected):
        ACTIONS[action](_actor(request, actor_name), innovation)
    assert portal.database_state(innovation.pk) == before


# --- Refused: wrong agency ------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["submitter_b", "verifier_b", "anonymous"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_another_agency_or_anonymous_is_refused_every_action(request, make_innovation, actor, action):
    innovation = make_innovation(ALLOWED_STATE[action])
    _assert_refused(request, innovation, actor, action, PermissionDenied)


# --- Refused: wrong role ---------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["approve", "return", "unpublish", "delete"])
def test_submitter_cannot_moderate_own_agency(request, make_innovation, action):
    innovation = make_innovation(ALLOWED_STATE[action])
    _assert_refused(request, innovation, "submitter_a", action, PermissionDenied)


# --- Refused: wrong state ------------------------------------------------------------------------------

WRONG_STATES = [
    (action, state)
    for action, allowed in {
        "submit": {"draft", "returned", "unpublished"},
        "withdraw": {"in_moderation"},
        "approve": {"in_moderation"},
        "return": {"in_moderation"},
        "unpublish": {"published"},
        "edit": {"draft", "returned", "published", "unpublished"},
        "autosave": {"draft", "returned", "published", "unpublished"},
        "attach_document": {"draft", "returned", "published", "unpublished"},
        "attach_image": {"draft", "returned", "published", "unpublished"},
    }.items()
    for state in STATES
    if state not in allowed
]


@pytest.mark.parametrize(("action", "state"), WRONG_STATES)
def test_action_in_the_wrong_state_is_refused(request, make_innovation, action, state):
    innovation = make_innovation(state)
    _assert_refused(request, innovation, "verifier_a", action, TransitionNotAllowed)


@pytest.mark.parametrize("state", ["published", "unpublished"])
def test_verifier_cannot_delete_what_was_ever_published(request, make_innovation, state):
    _assert_refused(request, make_innovation(state), "verifier_a", "delete", TransitionNotAllowed)


# --- Refused: bad input -------------------------------------------------------------------------------


def test_submit_refuses_an_incomplete_draft(request, submitter_a, agency_a):
    innovation = portal.draft(submitter_a, agency_a, problem="", results="")
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError) as refused:
        services.innovation_submit(user=submitter_a, innovation=innovation)
    assert "masalah dan tujuan" in str(refused.value) and "hasil dan manfaat" in str(refused.value)
    assert portal.database_state(innovation.pk) == before


def test_return_needs_a_comment(make_innovation, verifier_a):
    innovation = make_innovation("in_moderation")
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError):
        services.innovation_return(user=verifier_a, innovation=innovation, comment="  <b></b> ")
    assert portal.database_state(innovation.pk) == before


def test_unpublish_needs_a_reason(make_innovation, verifier_a):
    innovation = make_innovation("published")
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError):
        services.innovation_unpublish(user=verifier_a, innovation=innovation, reason="")
    assert portal.database_state(innovation.pk) == before


def test_edit_over_the_word_limit_is_refused(make_innovation, submitter_a):
    innovation = make_innovation("draft")
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError) as refused:
        services.innovation_update(user=submitter_a, innovation=innovation, data={"summary": "kata " * 201})
    assert "201 kata" in str(refused.value)
    assert portal.database_state(innovation.pk) == before


# --- Allowed transitions ---------------------------------------------------------------------------------


def _last_event():
    return AuditEvent.objects.order_by("-sequence").first()


def test_create_makes_a_private_draft_with_one_revision(submitter_a, agency_a):
    innovation = portal.draft(submitter_a, agency_a)
    assert innovation.moderation_status == ModerationStatus.DRAFT and not innovation.live
    assert innovation.revisions.count() == 1
    assert (innovation.province_id, innovation.regency_id) == (agency_a.province_id, agency_a.regency_id)
    assert _last_event().action == "innovation.create"


@pytest.mark.parametrize("state", ["draft", "returned", "unpublished"])
def test_submit_sends_to_verification(make_innovation, submitter_a, state):
    innovation = services.innovation_submit(user=submitter_a, innovation=make_innovation(state))
    assert innovation.moderation_status == ModerationStatus.IN_MODERATION
    assert innovation.submitted_at is not None and innovation.moderation_comment == ""
    assert _last_event().action == "innovation.submit"


def test_withdraw_returns_to_draft(make_innovation, submitter_a):
    innovation = services.innovation_withdraw_submission(user=submitter_a, innovation=make_innovation("in_moderation"))
    assert innovation.moderation_status == ModerationStatus.DRAFT
    assert _last_event().action == "innovation.withdraw"


@pytest.mark.parametrize("moderator", ["verifier_a", "ministry_admin"])
def test_approve_publishes(request, make_innovation, moderator):
    innovation = services.innovation_approve(user=request.getfixturevalue(moderator), innovation=make_innovation("in_moderation"))
    assert innovation.live and innovation.moderation_status == ModerationStatus.PUBLISHED
    assert Innovation.objects.published().filter(pk=innovation.pk).exists()
    assert _last_event().action == "innovation.publish"


def test_return_keeps_the_comment_for_the_submitter(make_innovation, verifier_a):
    innovation = services.innovation_return(user=verifier_a, innovation=make_innovation("in_moderation"), comment="Tambah <i>data</i>.")
    assert innovation.moderation_status == ModerationStatus.RETURNED
    assert innovation.moderation_comment == "Tambah data."
    assert _last_event().data["comment"] == "Tambah data."


def test_unpublish_takes_it_out_of_the_catalog_and_keeps_history(make_innovation, verifier_a):
    innovation = make_innovation("published")
    revisions = innovation.revisions.count()
    innovation = services.innovation_unpublish(user=verifier_a, innovation=innovation, reason="Data kedaluwarsa.")
    assert not innovation.live and innovation.moderation_status == ModerationStatus.UNPUBLISHED
    assert innovation.moderation_comment == "Data kedaluwarsa."
    assert innovation.revisions.count() == revisions
    assert not Innovation.objects.published().filter(pk=innovation.pk).exists()


@pytest.mark.parametrize("state", ["draft", "returned", "published", "unpublished"])
def test_edit_makes_a_draft_revision_and_keeps_the_public_version(make_innovation, submitter_a, state):
    innovation = make_innovation(state)
    public_title = innovation.title
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Judul baru"})
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.moderation_status == ModerationStatus.DRAFT
    assert row.get_latest_revision_as_object().title == "Judul baru"
    if row.live:
        assert row.title == public_title


def test_autosave_overwrites_own_draft_revision_without_audit(make_innovation, submitter_a, verifier_a):
    innovation = make_innovation("draft")
    revisions, events = innovation.revisions.count(), AuditEvent.objects.count()
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Satu"}, autosave=True)
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Dua"}, autosave=True)
    assert innovation.revisions.count() == revisions
    assert AuditEvent.objects.count() == events
    assert Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object().title == "Dua"
    # Someone else's latest revision is never overwritten.
    services.innovation_update(user=verifier_a, innovation=innovation, data={"title": "Tiga"}, autosave=True)
    assert innovation.revisions.count() == revisions + 1


def test_autosave_never_overwrites_the_published_revision(make_innovation, submitter_a):
    innovation = make_innovation("published")
    published_revision = innovation.live_revision_id
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Usulan"}, autosave=True)
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.latest_revision_id != published_revision
    assert row.live_revision.as_object().title == "Akta Kelahiran Jemput Bola"


@pytest.mark.parametrize("actor", ["verifier_a", "ministry_admin"])
def test_delete_a_never_published_draft(request, make_innovation, actor):
    innovation = make_innovation("draft")
    services.innovation_delete(user=request.getfixturevalue(actor), innovation=innovation)
    assert not Innovation.objects.filter(pk=innovation.pk).exists()
    assert _last_event().action == "innovation.delete"
