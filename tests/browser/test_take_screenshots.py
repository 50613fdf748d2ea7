"""The take_screenshots command writes a PNG of each main page at desktop and phone width from a running server."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from registry.management.commands.take_screenshots import PAGES, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded():
    from registry.services.catalog_loader import load_catalog
    from registry.services.openness import recompute_all_openness

    load_catalog()
    recompute_all_openness()


def test_the_command_writes_a_png_of_every_main_page_at_both_widths(live_server, seeded, tmp_path):
    # In its own process, as a person runs it: pytest-playwright's browser fixtures keep an asyncio loop
    # running in this worker, where Playwright's sync API refuses to start.
    subprocess.run([sys.executable, "manage.py", "take_screenshots", "--base-url", live_server.url,
                    "--output", str(tmp_path)], cwd=ROOT, check=True, capture_output=True, timeout=300)

    written = sorted(file.name for file in tmp_path.iterdir())
    assert written == sorted(f"{name}-{width}.png" for name in PAGES for width in WIDTHS)
    assert all((tmp_path / name).read_bytes().startswith(PNG_SIGNATURE) for name in written)


def test_the_command_says_clearly_when_no_server_answers(tmp_path):
    with pytest.raises(CommandError, match="No server answers at http://127.0.0.1:9"):
        call_command("take_screenshots", base_url="http://127.0.0.1:9", output=str(tmp_path))


def test_the_command_says_clearly_when_chromium_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr("registry.management.commands.take_screenshots.CHROMIUM", "/nowhere/chromium")

    with pytest.raises(CommandError, match="Debian's Chromium is not at /nowhere/chromium"):
        call_command("take_screenshots", output=str(tmp_path))
