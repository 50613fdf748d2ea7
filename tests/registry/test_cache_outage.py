"""With the cache's Redis down, badges and pages answer from the database."""

import pytest
from django.urls import reverse

from tests.cache_outage import cache_redis_down  # noqa: F401 (fixture)
from tests.factories import LegAssessmentFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family():
    project = ProjectFactory(slug="claire")
    for leg in ("code", "model", "corpus"):
        LegAssessmentFactory(project=project, leg=leg, computed_value="open")
    return project


@pytest.mark.parametrize("url", [reverse("registry:badge", kwargs={"slug": "claire"}),
                                 reverse("registry:badge-leg", kwargs={"slug": "claire", "leg": "model"})])
def test_badges_answer_while_the_cache_redis_is_down(client, family, cache_redis_down, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
