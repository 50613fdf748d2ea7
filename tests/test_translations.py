"""The French catalog is complete: every string the site marks for translation has a French text, none is
fuzzy (a guess gettext leaves for a translator to check), and each keeps the placeholders of its English."""

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def _catalog(language: str, domain: str = "django"):
    with open(LOCALE / language / "LC_MESSAGES" / f"{domain}.po", "rb") as po:
        return read_po(po, locale=language, abort_invalid=True)


def _texts(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def test_every_french_message_is_translated_and_none_is_fuzzy():
    catalog = _catalog("fr")
    untranslated = [message.id for message in catalog if message.id and not all(_texts(message.string))]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]

    assert len(catalog) > 20
    assert not catalog.fuzzy, "the catalog's header is marked fuzzy: Babel would not compile it"
    assert untranslated == []
    assert fuzzy == []


def test_french_translations_keep_the_placeholders_of_the_english():
    mismatched = []
    for message in _catalog("fr"):
        if not message.id:
            continue
        english = {name for text in _texts(message.id) for name in PLACEHOLDER.findall(text)}
        for text in _texts(message.string):
            if {name for name in PLACEHOLDER.findall(text)} - english or english - set(PLACEHOLDER.findall(text)):
                mismatched.append((message.id, text))
    assert mismatched == []


@pytest.mark.skipif(not Path("/usr/bin/xgettext").exists(), reason="makemessages needs gettext's xgettext")
def test_makemessages_finds_no_string_missing_from_the_french_catalog(tmp_path, settings, monkeypatch):
    """The committed .po is up to date with the code and templates: regenerating it adds no message. It runs on
    a copy of the sources, as makemessages rewrites the catalog of the tree it runs in."""
    for folder in ("api", "config", "registry", "templates", "locale"):
        shutil.copytree(LOCALE.parent / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "data"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["fr"], verbosity=0)

    with open(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po", "rb") as po:
        regenerated = read_po(po, locale="fr")
    committed = _catalog("fr")
    missing = [m.id for m in regenerated if m.id and committed.get(m.id, context=m.context) is None]
    assert missing == []
