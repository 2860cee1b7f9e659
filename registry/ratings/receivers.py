"""Reactions of the ratings app to other apps' signals (connected in apps.py)."""

from django.dispatch import receiver

from registry.replication.signals import replication_stage_changed


@receiver(replication_stage_changed, dispatch_uid="ratings.implementer_badge")
def update_implementer_badge(sender, *, origin_id, adopter_id, stage, **kwargs):
    from registry.ratings.services import review_refresh_implementer

    review_refresh_implementer(innovation_id=origin_id, adopter_id=adopter_id, stage=stage)
