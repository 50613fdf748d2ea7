"""The moderators' group and the catalog's version stamp survive an emptied database: `migrate` and `flush` both
recreate them (transactional tests flush every table between tests, and so may an operator)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from registry.accounts import MODERATOR_GROUP
from registry.base_rows import MODERATOR_PERMISSIONS
from registry.models import CatalogVersion

pytestmark = pytest.mark.django_db


def test_a_flushed_database_gets_the_moderator_group_and_the_version_stamp_back():
    call_command("flush", interactive=False, verbosity=0)

    group = Group.objects.get(name=MODERATOR_GROUP)
    granted = set(group.permissions.values_list("codename", flat=True))
    assert granted == {f"{action}_{model}" for model, actions in MODERATOR_PERMISSIONS.items() for action in actions}
    assert "delete_project" not in granted
    assert CatalogVersion.objects.count() == 1


def test_the_group_a_migration_made_is_the_same_one_kept_after_migrate():
    before = set(Group.objects.get(name=MODERATOR_GROUP).permissions.values_list("codename", flat=True))

    call_command("migrate", verbosity=0)

    assert set(Group.objects.get(name=MODERATOR_GROUP).permissions.values_list("codename", flat=True)) == before
    assert Group.objects.filter(name=MODERATOR_GROUP).count() == 1
