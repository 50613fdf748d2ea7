"""Embeddable SVG badges: accessible, escaped, cacheable, and cheap to serve."""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.badges import Badge, badge_svg
from registry.models import Project
from registry.services.catalog_version import bump_catalog_version
from tests.factories import EvidenceFactory, HubRepoFactory, LegAssessmentFactory, ProjectFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def project_with_legs(name="Claire", **values):
    project = ProjectFactory(name=name)
    for leg in ("code", "model", "corpus"):
        LegAssessmentFactory(project=project, leg=leg, computed_value=values.get(leg, "unknown"))
    return project


def badge_url(project, leg=None):
    if leg:
        return reverse("registry:badge-leg", kwargs={"slug": project.slug, "leg": leg})
    return reverse("registry:badge", kwargs={"slug": project.slug})


def texts(svg: bytes) -> list[str]:
    return [element.text for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_the_badge_is_an_svg_image_with_the_label_and_the_three_legs_in_words(client):
    project = project_with_legs(code="closed", model="partial", corpus="closed")

    response = client.get(badge_url(project))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert texts(response.content) == [
        "E2E openness", "restricted weights", "code: closed", "model: partial", "corpus: closed"]


def test_the_badge_is_accessible_with_a_role_and_a_title(client):
    project = project_with_legs(model="open")

    svg = ElementTree.fromstring(client.get(badge_url(project)).content)

    title = "E2E openness of Claire: open weights (code: unknown · model: open · corpus: unknown)"
    assert svg.get("role") == "img" and svg.get("aria-label") == title
    assert svg.find(f"{SVG}title").text == title


def test_text_in_the_badge_is_xml_escaped(client):
    project = project_with_legs(name='<script>alert("x")</script> & co')

    response = client.get(badge_url(project))

    assert b"<script>" not in response.content
    assert ElementTree.fromstring(response.content).find(f"{SVG}title").text.startswith(
        'E2E openness of <script>alert("x")</script> & co:')


def test_a_leg_badge_shows_that_leg_alone(client):
    project = project_with_legs(corpus="partial")

    response = client.get(badge_url(project, "corpus"))

    assert response["Content-Type"] == "image/svg+xml"
    assert texts(response.content) == ["E2E corpus", "partial"]


def test_a_project_without_legs_yet_shows_unknown(client):
    response = client.get(badge_url(ProjectFactory()))

    assert texts(response.content)[1] == "unknown"


@pytest.mark.parametrize("make", [
    lambda: ProjectFactory(kind=Project.Kind.TOOL),
    lambda: ProjectFactory(status=Project.Status.HIDDEN),
])
def test_projects_that_are_not_visible_model_families_have_no_badge(client, make):
    assert client.get(badge_url(make())).status_code == 404


def test_unknown_projects_and_legs_are_404(client):
    project = project_with_legs()

    assert client.get("/badges/no-such-project.svg").status_code == 404
    assert client.get(f"/badges/{project.slug}/licence.svg").status_code == 404


def test_badges_are_cacheable_and_answer_304_reading_only_the_catalog_version(client, django_assert_num_queries):
    project = project_with_legs(model="open")
    first = client.get(badge_url(project))

    with django_assert_num_queries(1):
        again = client.get(badge_url(project), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] in ("public, max-age=300", "max-age=300, public")
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"] and "max-age=300" in again["Cache-Control"]


def test_the_etag_changes_when_the_catalog_changes(client, django_capture_on_commit_callbacks):
    project = project_with_legs()
    before = client.get(badge_url(project))["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        bump_catalog_version()

    response = client.get(badge_url(project), HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and response["ETag"] != before


def test_badge_queries_do_not_grow_with_checkpoints_or_evidence(client, django_assert_max_num_queries):
    project = project_with_legs()
    HubRepoFactory.create_batch(10, project=project)
    EvidenceFactory.create_batch(10, project=project)

    with django_assert_max_num_queries(3):
        client.get(badge_url(project))
    with django_assert_max_num_queries(3):
        client.get(badge_url(project, "model"))


def test_every_segment_is_wide_enough_for_its_text():
    svg = ElementTree.fromstring(badge_svg(Badge(code="open", model="open", corpus="open"), name="x"))

    rects = [rect for rect in svg.iter(f"{SVG}rect") if rect.get("fill") != "#fff" and rect.get("x") is not None]
    for rect, text in zip(rects, svg.iter(f"{SVG}text"), strict=False):
        assert int(rect.get("width")) == int(text.get("textLength")) + 12
    assert svg.get("width") == str(sum(int(rect.get("width")) for rect in rects))


def test_a_badge_from_stored_legs_is_labelled_by_the_rules():
    class Row:
        def __init__(self, leg, value):
            self.leg, self.value = leg, value

    badge = Badge.from_legs([Row("code", "open"), Row("model", "open"), Row("corpus", "open")])

    assert (str(badge.label), badge.slug) == ("E2E open", "e2e-open")
    assert badge.legs_text == "code: open · model: open · corpus: open"


def language_page(client) -> str:
    return client.get(reverse("registry:language-detail", kwargs={"code": "fr"})).content.decode()


def test_a_catalog_page_shows_each_model_familys_badge_in_words(client):
    project_with_legs(name="Claire", code="closed", model="partial", corpus="closed")
    ProjectFactory(name="A tool", kind=Project.Kind.TOOL)
    Project.objects.update(languages=["fr"])

    html = language_page(client)

    assert '<span class="openness-label openness-label--restricted-weights">restricted weights</span>' in html
    assert '<span class="leg-value leg-value--partial">model: partial</span>' in html
    assert "Openness not rated (tool)" in html


def test_a_catalog_pages_query_count_does_not_grow_with_rated_projects(client):
    def queries_for_language_page():
        with CaptureQueriesContext(connection) as context:
            language_page(client)
        return len(context.captured_queries)

    project_with_legs()
    Project.objects.update(languages=["fr"])
    small = queries_for_language_page()
    for number in range(10):
        project_with_legs(name=f"Family {number}", model="open")
    Project.objects.update(languages=["fr"])
    assert queries_for_language_page() == small
