from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.services.catalog_loader import DATA_DIR, CatalogDataError, load_catalog


class Command(BaseCommand):
    help = "Load the shipped seed catalog (OpenLLM-Europe list, OSAI Index, licences); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    def handle(self, *args, data_dir, **options):
        try:
            report = load_catalog(data_dir=data_dir)
        except CatalogDataError as exc:
            raise CommandError(f"Nothing was loaded: {exc}") from exc
        self.stdout.write(report.summary())
        if report.skipped:
            self.stdout.write(f"Skipped {len(report.skipped)} rows: " + "; ".join(report.skipped))
