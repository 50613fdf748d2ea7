"""What base.html puts in every page's <head> for sharing and following: the page's OpenGraph and
Twitter meta, and its Atom feeds.

No queries: it reads the request and, on a project's page, the `project` its view put in the context.
"""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from registry.models import Project

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context) -> dict:
    """`url` (absolute, no query), `description` (a project's summary), `image` (a model family's PNG preview:
    its name and badge, absolute, from the request's host) and `project_feed` (its changes feed)."""
    request = context.get("request")
    project = context.get("project")
    meta = {"url": request.build_absolute_uri(request.path) if request else "",
            "description": "", "image": "", "image_alt": "", "project_feed": "", "project_name": ""}
    if isinstance(project, Project):
        meta["description"] = project.summary
    if isinstance(project, Project) and project.kind == Project.Kind.MODEL_FAMILY and request:
        # Only model families have a badge and a history of openness.
        preview = reverse("registry:project-preview", kwargs={"slug": project.slug})
        meta.update(
            image=request.build_absolute_uri(preview),
            image_alt=f"E2E openness badge of {project.name}",
            project_feed=reverse("registry:project-changes-feed", kwargs={"slug": project.slug}),
            project_name=project.name,
        )
    return meta


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        text = self.nodelist.render(context).strip()
        # Autoescaped output holds no bare quote but literal template text may: escape it so the
        # text also fits in an attribute.
        context[self.name] = mark_safe(text.replace('"', "&quot;"))
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: the rendered content, stored as `name` and not shown, so
    one block (a page's title) can fill several places (<title>, og:title)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
