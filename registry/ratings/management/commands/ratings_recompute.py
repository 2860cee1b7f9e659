"""Compare the rating aggregates stored on innovations with a recomputation from the reviews.

    manage.py ratings_recompute --check          # report drift; exit status 1 if any
    manage.py ratings_recompute --fix            # repair every drifted innovation
    manage.py ratings_recompute --refresh-prior  # store the catalog mean as the Bayesian prior

The services keep the aggregates exact; drift only comes from writes that bypass them
(raw SQL, a restored backup, a bug). --refresh-prior is the slow-moving part of the
Bayesian mean (see registry/ratings/aggregates.py) and is meant for a nightly job.
"""

from django.core.management.base import BaseCommand, CommandError

from registry.innovations.models import Innovation
from registry.ratings.services import aggregates_find_drift, aggregates_repair, rating_prior_refresh

SHOWN = 50


class Command(BaseCommand):
    help = "Check (or with --fix repair) the rating aggregates stored on innovations against their reviews."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Report drift (the default).")
        parser.add_argument("--fix", action="store_true", help="Recompute every innovation that drifted.")
        parser.add_argument(
            "--refresh-prior", action="store_true", help="Recompute the catalog mean used as the Bayesian prior first."
        )

    def handle(self, *args, check=False, fix=False, refresh_prior=False, **options):
        if refresh_prior:
            prior = rating_prior_refresh()
            self.stdout.write(f"Bayesian prior: {prior.mean:.4f} from {prior.review_count} reviews")
        drift = aggregates_find_drift()
        if not drift:
            self.stdout.write(self.style.SUCCESS("rating aggregates match the reviews"))
            return
        slugs = dict(Innovation.objects.filter(pk__in=[pk for pk, _ in drift[:SHOWN]]).values_list("pk", "slug"))
        for pk, fields in drift[:SHOWN]:
            self.stdout.write(f"drift: innovation {pk} ({slugs.get(pk, '?')}): {', '.join(fields)}")
        if len(drift) > SHOWN:
            self.stdout.write(f"... and {len(drift) - SHOWN} more")
        if not fix:
            raise CommandError(f"{len(drift)} innovation(s) have drifted; run with --fix to repair")
        repaired = aggregates_repair(innovation_ids=[pk for pk, _ in drift])
        remaining = aggregates_find_drift()
        if remaining:
            raise CommandError(f"{len(remaining)} innovation(s) still drift after repair")
        self.stdout.write(self.style.SUCCESS(f"repaired {repaired} innovation(s)"))
