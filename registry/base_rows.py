"""Rows the site needs from its first request: the "moderator" group with its permissions, and the catalog's
version stamp. Migrations made them once; this keeps them after every `migrate` and every `flush` (both send
post_migrate), so that emptying the tables never leaves the site without its moderators' group."""

from django.contrib.auth.models import Group, Permission

from registry.accounts import MODERATOR_GROUP
from registry.services.catalog_version import get_catalog_version

# What the group may do in the admin and the moderation pages: review and edit, never delete.
MODERATOR_PERMISSIONS = {
    "submission": ("view", "change", "moderate"),
    "project": ("view", "add", "change"),
    "organisation": ("view", "add", "change"),
    "hubrepo": ("view", "add", "change"),
    "coderepository": ("view", "add", "change"),
    "evidence": ("view", "add", "change"),
    "licence": ("view",),
    "changerecord": ("view",),
}


def ensure_base_rows(*, using: str = "default", **_) -> None:
    """The post_migrate receiver: create what is missing, change nothing that exists."""
    group, _ = Group.objects.using(using).get_or_create(name=MODERATOR_GROUP)
    codenames = [f"{action}_{model}" for model, actions in MODERATOR_PERMISSIONS.items() for action in actions]
    group.permissions.add(*Permission.objects.using(using).filter(content_type__app_label="registry",
                                                                  codename__in=codenames))
    get_catalog_version()
