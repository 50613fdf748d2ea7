"""Atom feeds: projects as they join the catalog, and changes of a project's openness (the whole
catalog's, and one project's), each change with old → new, the reason and what caused it.

An entry's summary is HTML in Atom (`type="html"`), so its text is escaped once here; titles are text. Under
/fr/ the feeds' own words are French; names, summaries and recorded reasons stay as stored.
Each feed reads one selector (a fixed number of queries, whatever the number of entries). Like the
pages, they are cached and revalidated on the catalog version (`registry.page_cache`, in the URLs).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext, gettext_lazy

from registry import selectors, vocabulary
from registry.models import ChangeRecord, Leg, Project
from registry.views.project_display import change_credit

SITE_NAME = gettext_lazy("European Open LLM Registry")


class NewProjectsFeed(Feed):
    feed_type = Atom1Feed
    subtitle = gettext_lazy("European open LLM projects as they join the registry.")
    link = reverse_lazy("registry:home")
    feed_url = reverse_lazy("registry:feed-projects")

    def title(self) -> str:
        return f"{gettext('New projects')} · {SITE_NAME}"

    def items(self):
        return selectors.list_new_projects()

    def item_title(self, project: Project) -> str:
        return project.name

    def item_description(self, project: Project) -> str:
        organisations = ", ".join(organisation.name for organisation in project.organisations.all())
        by = gettext("By %(organisations)s.") % {"organisations": organisations} if organisations else ""
        parts = [project.get_kind_display(), project.summary, by]
        return escape(" ".join(part for part in parts if part))

    def item_pubdate(self, project: Project):
        return project.created_at

    def item_updateddate(self, project: Project):
        return project.updated_at

    def item_categories(self, project: Project):
        return [project.get_kind_display()]


class OpennessChangesFeed(Feed):
    """Every project's leg changes, newest first."""

    feed_type = Atom1Feed
    subtitle = gettext_lazy("When the registry's verdict on a project's code, model or corpus changes, and why.")
    link = reverse_lazy("registry:home")
    feed_url = reverse_lazy("registry:feed-changes")

    def title(self) -> str:
        return f"{gettext('Openness changes')} · {SITE_NAME}"

    def items(self):
        return selectors.list_openness_changes()

    def item_title(self, change: ChangeRecord) -> str:
        return f"{change.project.name}{vocabulary.label_separator()} {change_summary(change)}"

    def item_description(self, change: ChangeRecord) -> str:
        reason = f"{change.reason.rstrip('.')}. " if change.reason else ""
        caused_by = gettext("Caused by %(credit)s.") % {"credit": change_credit(change)}
        return escape(f"{change_summary(change)}. {reason}{caused_by}")

    def item_link(self, change: ChangeRecord) -> str:
        return f"{change.project.get_absolute_url()}#history-title"

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for item in feed.items:  # Django makes links absolute, not ids; Atom wants both absolute
            item["unique_id"] = request.build_absolute_uri(item["unique_id"])
        return feed

    def item_guid(self, change: ChangeRecord) -> str:
        # Several changes share a project page: the entry's id must still be its own.
        return f"{change.project.get_absolute_url()}#change-{change.pk}"

    def item_guid_is_permalink(self, change: ChangeRecord) -> bool:
        return False

    def item_pubdate(self, change: ChangeRecord):
        return change.created_at


class ProjectChangesFeed(OpennessChangesFeed):
    """One project's leg changes: /projects/<slug>/changes.atom."""

    def get_object(self, request, slug):
        try:
            return selectors.get_badge_project(slug=slug)
        except Project.DoesNotExist:
            raise Http404("No such model family.") from None

    def title(self, project: Project) -> str:
        return gettext("Openness changes of %(name)s") % {"name": project.name} + f" · {SITE_NAME}"

    def link(self, project: Project) -> str:
        return project.get_absolute_url()

    def feed_url(self, project: Project) -> str:
        return reverse("registry:project-changes-feed", kwargs={"slug": project.slug})

    def items(self, project: Project):
        return selectors.list_openness_changes(project=project)


def change_summary(change: ChangeRecord) -> str:
    """"open model: partial → open", in the legs' own words and the feed's language."""
    leg = change.field.removeprefix("leg:")
    title = Leg(leg).label.lower() if leg in Leg.values else leg
    old, new = (vocabulary.value_name(value) if value else gettext("none")
                for value in (change.old_value, change.new_value))
    return f"{title}{vocabulary.label_separator()} {old} → {new}"


new_projects_feed = NewProjectsFeed()
openness_changes_feed = OpennessChangesFeed()
project_changes_feed = ProjectChangesFeed()
