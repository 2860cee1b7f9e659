"""Signals sent after an innovation's transaction commits.

Other layers (the search index, caches) listen to these instead of the domain
calling them, so imports keep pointing one way: registry ← search ← cms.
Receivers get `innovation_id`; the row may be gone for `innovation_deleted`.
"""

from django.dispatch import Signal

innovation_changed = Signal()  # created or edited (a draft revision or a direct write)
innovation_published = Signal()
innovation_unpublished = Signal()
innovation_deleted = Signal()
# Many rows written at once (an import, the generator): receivers get `innovation_ids`.
innovations_bulk_changed = Signal()
