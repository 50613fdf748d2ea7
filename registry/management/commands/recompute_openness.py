"""Recompute every model family's openness legs from the stored evidence."""

from django.core.management.base import BaseCommand

from registry.services.openness import recompute_all_openness


class Command(BaseCommand):
    help = "Recompute the openness legs of every model family from the evidence in the database."

    def handle(self, *args, **options):
        recorded = recompute_all_openness()
        self.stdout.write(f"Openness recomputed: {recorded} leg changes recorded.")
