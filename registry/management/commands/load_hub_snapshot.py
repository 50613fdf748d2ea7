from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.services.hub_sync import SnapshotError, load_hub_snapshot
from registry.services.hub_sync.snapshot import SNAPSHOT_FILE


class Command(BaseCommand):
    help = ("Fill the registry's Hub repos that were never synced from the bundled, dated Hub snapshot "
            "(offline demo); idempotent, never overwrites live data.")

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=SNAPSHOT_FILE)

    def handle(self, *args, file, **options):
        try:
            report = load_hub_snapshot(path=file)
        except SnapshotError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(report.summary())
