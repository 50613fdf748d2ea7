"""Write full-page screenshots of the site's main pages at desktop and phone width, for a person to look at.

Playwright drives Debian's Chromium (never a downloaded browser) against a server that is already running.
"""

import os
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = {"desktop": 1280, "phone": 390}
PAGES = {
    "home": "/",
    "projects": "/projects/",
    "grid": "/grid/",
    "compare": "/compare/?projects=lucie,salamandra,apertus",
    "project-lucie": "/projects/lucie/",
    "organisations": "/organisations/",
    "country-fr": "/countries/FR/",
    "methodology": "/methodology/",
    "status": "/status/",
}


class Command(BaseCommand):
    help = ("Write PNG screenshots of the main pages at desktop (1280 px) and phone (390 px) width, "
            "from a running server, with Debian's Chromium.")

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="where the site is served")
        parser.add_argument("--output", default="screenshots", help="directory the PNGs are written to")

    def handle(self, *args, base_url, output, **options):
        base_url = base_url.rstrip("/")
        _check_chromium()
        _check_server(base_url)
        out = Path(output)
        out.mkdir(parents=True, exist_ok=True)
        failed = self._take_all(base_url, out)
        if failed:
            raise CommandError("These pages answered with an error (their screenshots were written anyway): "
                               + ", ".join(failed))

    def _take_all(self, base_url: str, out: Path) -> list[str]:
        """Screenshot every page at every width; returns the pages that answered 4xx or 5xx."""
        from playwright.sync_api import sync_playwright

        failed = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for width_name, width in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    for name, path in PAGES.items():
                        response = page.goto(base_url + path, wait_until="load")
                        file = out / f"{name}-{width_name}.png"
                        page.screenshot(path=str(file), full_page=True)
                        status = response.status if response else 0
                        if status >= 400:
                            failed[path] = f"{path} ({status})"
                        self.stdout.write(f"{file} ({status})")
                    page.close()
            finally:
                browser.close()
        return list(failed.values())


def _check_chromium():
    if not os.path.exists(CHROMIUM):
        raise CommandError(f"Debian's Chromium is not at {CHROMIUM}: run 'sudo apt-get install chromium' "
                           "(or set CHROMIUM_PATH).")


def _check_server(base_url: str):
    try:
        urllib.request.urlopen(base_url + "/", timeout=10).close()
    except urllib.error.HTTPError:
        return  # a server answered, even if with an error: the screenshots will show it
    except (urllib.error.URLError, OSError) as error:
        raise CommandError(f"No server answers at {base_url} ({error}); start one first, for example "
                           "'python manage.py runserver', or pass --base-url.") from error
