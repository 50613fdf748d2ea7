"""Playwright drives Debian's Chromium (never a downloaded browser) against the live test server."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told it is safe. Test code only: never set this in production.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture
def console_errors(page):
    """Console errors (CSP violations included) seen while the test runs."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors
