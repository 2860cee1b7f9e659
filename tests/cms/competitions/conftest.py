from tests.fixtures_competitions import (  # noqa: F401
    conflicted_judge,
    desk_entry,
    edition,
    entrant_agency,
    entrant_innovation,
    entrant_submitter,
    entrant_verifier,
    panel,
    secretariat,
)
