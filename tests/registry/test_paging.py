"""Reading a page in two steps: its keys in the list's order, then its rows."""

import pytest

from registry.models import Project
from registry.paging import keys_in_order, rows_in_key_order
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_keys_follow_the_order_of_the_list():
    beta, alpha = ProjectFactory(name="Beta"), ProjectFactory(name="Alpha")
    assert list(keys_in_order(Project.objects.order_by("name"))) == [alpha.pk, beta.pk]


def test_rows_come_in_the_order_of_their_keys_and_a_row_gone_since_is_left_out():
    first, second = ProjectFactory(), ProjectFactory()
    gone = ProjectFactory()
    keys = [second.pk, gone.pk, first.pk]
    gone.delete()
    assert rows_in_key_order(Project.objects.order_by("name"), keys) == [second, first]
