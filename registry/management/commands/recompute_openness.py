"""Recompute every model family's openness legs from the stored evidence."""

from django.core.management.base import BaseCommand

from registry.services.openness import recompute_all_openness

RECOMPUTE_CAUSE = "recomputed from the stored evidence (the seed catalog: OSAI Index, curated facts, card copies)"


class Command(BaseCommand):
    help = "Recompute the openness legs of every model family from the evidence in the database."

    def handle(self, *args, **options):
        recorded = recompute_all_openness(cause=RECOMPUTE_CAUSE)
        self.stdout.write(f"Openness recomputed: {recorded} leg changes recorded.")
