"""The browser tests' fixtures: Playwright on Debian's Chromium (see tests/browser/conftest.py)."""

from tests.browser.conftest import browser_type_launch_args, console_errors  # noqa: F401
