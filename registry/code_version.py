"""A digest of the code and texts that make the site's responses, so that a release never serves what an older
one cached or tagged: every cache key and ETag built on the catalog version carries it too.

Read once per process. Covers what shapes a response: Python code, templates, translations (the compiled .mo
included), static files and the methodology documents.
"""

import hashlib
from functools import cache

from django.conf import settings

FOLDERS = ("api", "config", "registry", "templates", "static", "locale", "docs")
SUFFIXES = frozenset({".py", ".html", ".txt", ".xml", ".mo", ".css", ".js", ".svg", ".md", ".json", ".yaml"})


@cache
def code_version() -> str:
    digest = hashlib.sha256()
    for folder in FOLDERS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
