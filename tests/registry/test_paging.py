"""Reading a page in two steps: its keys in the list's order, then its rows."""

import pytest

from registry.models import Project
from registry.paging import KeysPaginator, keys_in_order, rows_in_key_order
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


def test_a_page_reads_the_number_of_rows_with_its_keys(django_assert_num_queries):
    alpha, beta, _ = (ProjectFactory(name=name) for name in ("Alpha", "Beta", "Gamma"))
    with django_assert_num_queries(1):
        page = KeysPaginator(keys_in_order(Project.objects.order_by("name")), 2).get_page("1")
        assert (list(page), page.paginator.count, page.paginator.num_pages) == ([alpha.pk, beta.pk], 3, 2)


def test_given_the_number_of_rows_a_page_reads_only_its_keys(django_assert_num_queries):
    _, _, gamma = (ProjectFactory(name=name) for name in ("Alpha", "Beta", "Gamma"))
    keys = keys_in_order(Project.objects.order_by("name"))
    with django_assert_num_queries(1):
        page = KeysPaginator(keys, 2, count=3).get_page("2")
    with django_assert_num_queries(0):
        assert (list(page), page.paginator.count, page.has_next()) == ([gamma.pk], 3, False)


@pytest.mark.parametrize("count", [None, 3], ids=["counted with the keys", "given"])
@pytest.mark.parametrize(("number", "expected"), [
    ("3", ["Gamma"]), ("9" * 30, ["Gamma"]), ("last", ["Alpha", "Beta"]), (None, ["Alpha", "Beta"]),
])
def test_a_page_past_the_end_is_the_last_one_and_one_that_is_not_a_number_the_first(number, expected, count):
    for name in ("Alpha", "Beta", "Gamma"):
        ProjectFactory(name=name)
    projects = Project.objects.order_by("name")
    page = KeysPaginator(keys_in_order(projects), 2, count=count).get_page(number)
    assert [project.name for project in rows_in_key_order(projects, list(page))] == expected
