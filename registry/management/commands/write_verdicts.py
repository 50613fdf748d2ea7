"""Write docs/verdicts.md: every model family's legs with the deciding fact and source."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from registry.services.verdicts_report import verdicts_markdown


class Command(BaseCommand):
    help = "Write every model family's three legs, with the deciding fact and its source, to docs/verdicts.md."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "verdicts.md"))

    def handle(self, *args, output, **options):
        Path(output).write_text(verdicts_markdown(), encoding="utf-8")
        self.stdout.write(f"Wrote {output}")
