"""Signals of the replication app, sent after the transaction commits.

`replication_stage_changed` lets other apps react without the replication
services importing them (the ratings app sets the "implementer" badge of a
reviewer whose agency replicates the innovation).
Keyword arguments: project_id, origin_id (Innovation), adopter_id (Agency), stage.
"""

from django.dispatch import Signal

replication_stage_changed = Signal()
