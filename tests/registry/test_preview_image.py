"""Each model family's PNG preview for social sites: its name, E2E label and three legs, at the size OpenGraph asks."""

from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image, ImageColor, ImageFont

from registry.badges import LABEL_COLOURS, VALUE_COLOURS, Badge
from registry.models import Project
from registry.preview_image import _fitted, preview_png
from tests.factories import ProjectFactory
from tests.registry.test_badges import project_with_legs


def preview_url(project) -> str:
    return reverse("registry:project-preview", kwargs={"slug": project.slug})


def pixel(png: bytes, xy: tuple[int, int]) -> tuple[int, int, int]:
    return Image.open(BytesIO(png)).convert("RGB").getpixel(xy)


def test_the_preview_is_a_1200_by_630_png_coloured_by_the_label_and_each_leg():
    badge = Badge(code="closed", model="open", corpus="partial")
    png = preview_png(badge, name="Claire")

    image = Image.open(BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert pixel(png, (80, 274)) == ImageColor.getrgb(LABEL_COLOURS[badge.label])
    # The outline of each leg's box, left to right: code, model, corpus.
    assert [pixel(png, (x, 362)) for x in (200, 600, 1000)] == [
        ImageColor.getrgb(VALUE_COLOURS[value]) for value in ("closed", "open", "partial")]


def test_names_and_verdicts_make_different_images():
    claire = preview_png(Badge(model="open"), name="Claire")
    assert preview_png(Badge(model="open"), name="Lucie") != claire
    assert preview_png(Badge(model="partial"), name="Claire") != claire


def test_a_name_too_long_for_the_image_is_cut_with_an_ellipsis():
    font = ImageFont.load_default(size=72)
    name = "A very long model family name that would never fit on one line of a preview image"

    fitted = _fitted(name, font, 1056)

    assert fitted.endswith("…") and name.startswith(fitted[:-1].rstrip())
    assert font.getlength(fitted) <= 1056
    assert _fitted("Lucie", font, 1056) == "Lucie"


@pytest.mark.django_db
def test_a_model_familys_preview_is_served_as_png_and_revalidated(client):
    project = project_with_legs(code="open", model="open", corpus="open")

    response = client.get(preview_url(project))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == preview_png(Badge("open", "open", "open"), name=project.name)
    assert client.get(preview_url(project), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.django_db
def test_only_visible_model_families_have_a_preview(client):
    dataset = ProjectFactory(kind=Project.Kind.DATASET)
    hidden = ProjectFactory(status=Project.Status.HIDDEN)

    assert client.get(preview_url(dataset)).status_code == 404
    assert client.get(preview_url(hidden)).status_code == 404
    assert client.get("/projects/nobody/preview.png").status_code == 404
