"""A version stamp of the whole catalog, bumped by every write that changes what visitors see.

Cached responses (API pages, badges) key on it, so a sync or a moderation invalidates them all at once
without tracking which page showed which row. It is one database row (`CatalogVersion`), read with one
primary-key query: a change committed by any process (a web worker, a Celery worker, `sync_hub`, the admin)
is seen by every other process at once, whatever cache each of them has, and an unreachable cache never
hides it. The version also names the release (`registry.code_version`): a deploy invalidates as a write does.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from registry.code_version import code_version
from registry.models import CatalogVersion

STAMP_ID = 1


def get_catalog_version() -> tuple[str, "timezone.datetime"]:
    """Return ``(version, changed_at)``, creating the stamp on first use; the version ends with the release's
    code version."""
    row = CatalogVersion.objects.filter(pk=STAMP_ID).values_list("version", "changed_at").first()
    if row is None:
        version, changed_at = _new_stamp()
        stamp, _ = CatalogVersion.objects.get_or_create(
            pk=STAMP_ID, defaults={"version": version, "changed_at": changed_at})
        row = (stamp.version, stamp.changed_at)
    return f"{row[0]}.{code_version()}", row[1]


def bump_catalog_version() -> None:
    """Give the catalog a new stamp once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(_write_new_stamp)


def _write_new_stamp() -> None:
    version, changed_at = _new_stamp()
    CatalogVersion.objects.update_or_create(pk=STAMP_ID, defaults={"version": version, "changed_at": changed_at})


def _new_stamp():
    return (uuid.uuid4().hex, timezone.now().replace(microsecond=0))
