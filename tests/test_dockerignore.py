""".dockerignore keeps secrets, history and local environments out of the image (`COPY . .`)."""

from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def rules() -> list[tuple[bool, str]]:
    """(excludes, pattern) per line of .dockerignore, in order; comments and blanks dropped."""
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [(not p.startswith("!"), p.removeprefix("!").strip("/")) for p in patterns]


def matches(pattern: str, path: str) -> bool:
    """Docker's reading: the pattern names the path or one of its parent folders; `**/` any depth."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    candidates = {pattern, pattern.removeprefix("**/")}
    return any(fnmatch(prefix, candidate) for prefix in prefixes for candidate in candidates)


def excluded(path: str) -> bool:
    """The last matching line decides, as in Docker."""
    verdict = False
    for excludes, pattern in rules():
        if matches(pattern, path):
            verdict = excludes
    return verdict


@pytest.mark.parametrize("path", [
    ".env", ".env.production", ".git", ".git/config", ".venv", ".venv/bin/python",
    "registry/__pycache__/models.cpython-311.pyc", "db.sqlite3", "eu_open_llm_registry.egg-info/PKG-INFO",
])
def test_secrets_history_and_local_environments_stay_out_of_the_image(path):
    assert excluded(path)


@pytest.mark.parametrize("path", [
    "manage.py", "pyproject.toml", "config/settings.py", "registry/models/__init__.py",
    "registry/data/hf_licences.json", "api/urls.py", "templates", "static", "docs/methodology.md",
    "docs/methodology.fr.md",
])
def test_what_the_site_runs_on_goes_in(path):
    assert not excluded(path)
