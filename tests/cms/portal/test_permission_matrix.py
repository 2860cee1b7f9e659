"""Who may do what with agency A's innovation, through real HTTP requests.

Every cell of roles × actions is one test. Whatever is not allowed leaves the
database exactly as it was (row, children, revisions, audit log).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from registry.innovations.models import Innovation, ModerationStatus
from tests import factories_portal as portal

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "submitter_a", "submitter_b", "verifier_a", "verifier_b", "ministry_admin"]

# What happens: the action takes effect, the user is sent to sign in, the record of
# another agency is not found, or the service refuses with an Indonesian message.
OK, LOGIN, NOT_FOUND, REFUSED, NO_ADMIN = "ok", "login", "404", "refused", "no-admin"


@dataclass(frozen=True)
class Action:
    state: str
    method: str
    path: Callable[[Innovation], str]
    took_effect: Callable[[Innovation, object], bool]
    data: Callable[[Innovation], dict] = lambda innovation: {}


def _row(innovation):
    return Innovation.objects.get(pk=innovation.pk)


ACTIONS = {
    "view_draft": Action(
        "draft", "get", lambda i: f"/portal/inovasi/{i.pk}/",
        lambda i, response: response.status_code == 200 and i.title in response.content.decode(),
    ),
    "edit": Action(
        "draft", "post", lambda i: f"/portal/inovasi/{i.pk}/ubah/",
        lambda i, response: _row(i).get_latest_revision_as_object().title == "Judul dari matriks",
        lambda i: portal.form_post_data(title="Judul dari matriks"),
    ),
    "submit": Action(
        "draft", "post", lambda i: f"/portal/inovasi/{i.pk}/ajukan/",
        lambda i, response: _row(i).moderation_status == ModerationStatus.IN_MODERATION,
    ),
    "approve": Action(
        "in_moderation", "post", lambda i: f"/portal/inovasi/{i.pk}/terbitkan/",
        lambda i, response: _row(i).live and _row(i).moderation_status == ModerationStatus.PUBLISHED,
    ),
    "return": Action(
        "in_moderation", "post", lambda i: f"/portal/inovasi/{i.pk}/kembalikan/",
        lambda i, response: _row(i).moderation_status == ModerationStatus.RETURNED,
        lambda i: {"comment": "Tambahkan data indikator tahun 2019."},
    ),
    "unpublish": Action(
        "published", "post", lambda i: f"/portal/inovasi/{i.pk}/tarik/",
        lambda i, response: _row(i).moderation_status == ModerationStatus.UNPUBLISHED and not _row(i).live,
        lambda i: {"reason": "Layanan sudah tidak berjalan."},
    ),
    "view_public": Action(
        "published", "get", lambda i: f"/inovasi/{i.slug}/",
        lambda i, response: response.status_code == 200 and i.title in response.content.decode(),
    ),
    "open_admin": Action("draft", "get", lambda i: "/admin/", lambda i, response: response.status_code == 200),
}

EXPECTED = {
    #                anonymous  submitter_a  submitter_b  verifier_a  verifier_b  ministry_admin
    "view_draft":   (LOGIN,     OK,          NOT_FOUND,   OK,         NOT_FOUND,  OK),
    "edit":         (LOGIN,     OK,          NOT_FOUND,   OK,         NOT_FOUND,  OK),
    "submit":       (LOGIN,     OK,          NOT_FOUND,   OK,         NOT_FOUND,  OK),
    "approve":      (LOGIN,     REFUSED,     NOT_FOUND,   OK,         NOT_FOUND,  OK),
    "return":       (LOGIN,     REFUSED,     NOT_FOUND,   OK,         NOT_FOUND,  OK),
    "unpublish":    (LOGIN,     REFUSED,     NOT_FOUND,   OK,         NOT_FOUND,  OK),
    "view_public":  (OK,        OK,          OK,          OK,         OK,         OK),
    "open_admin":   (LOGIN,     NO_ADMIN,    NO_ADMIN,    NO_ADMIN,   NO_ADMIN,   OK),
}  # fmt: skip

CASES = [(action, role, EXPECTED[action][ROLES.index(role)]) for action in EXPECTED for role in ROLES]

REFUSAL_MESSAGE = "Hanya verifikator instansi ini yang boleh memverifikasi inovasinya."


@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_permission_matrix(request, client, make_innovation, action, role, expected):
    spec = ACTIONS[action]
    innovation = make_innovation(spec.state)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    before = portal.database_state(innovation.pk)

    response = getattr(client, spec.method)(spec.path(innovation), spec.data(innovation))

    if expected == OK:
        assert response.status_code in (200, 302)
        assert spec.took_effect(innovation, response)
        return
    if expected == LOGIN:
        assert response.status_code == 302
        assert "/masuk/" in response["Location"] or "/admin/login/" in response["Location"]
    elif expected == NOT_FOUND:
        assert response.status_code == 404
    elif expected == REFUSED:
        assert response.status_code == 302
        followed = client.get(response["Location"])
        assert REFUSAL_MESSAGE in followed.content.decode()
    elif expected == NO_ADMIN:
        # Wagtail sends staff without admin access back to its login page.
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/login/" in response["Location"]
    assert portal.database_state(innovation.pk) == before
