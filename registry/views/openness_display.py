"""What the pages show of a project's openness: badges, each leg's explanation, checkpoints, embed snippets.

Reads only what the selectors prefetched (no queries of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, gettext_lazy

from registry.badges import LEG_ORDER, Badge
from registry.models import HubRepo, LegAssessment, Project, RepoType
from registry.models import Leg as LegName
from registry.views.project_display import HUB, HubData, hub_data, role_label, web_url

LEG_TITLES = {leg.value: leg.label for leg in LegName}  # "Open code", ...
# How a fact's source reads: a source is "<head>:<detail>"; the detail shows only where it helps a reader
# (a Hub field path or a moderator's row key does not, the fact's link and text say the rest).
SOURCE_NAMES = {
    "hub": ("Hugging Face Hub", ""),
    "osai-index": ("European Open Source AI Index", " ({})"),
    "checkpoint": (gettext_lazy("checkpoint"), " {}"),
    "base-model": (gettext_lazy("base model"), " {}"),
    "code-repository": (gettext_lazy("code repository"), ""),
    "moderator": (gettext_lazy("moderator"), ""),
    "contributor": (gettext_lazy("contributor"), ""),
}
CURATION = "moderator:curated"


@dataclass(frozen=True)
class FactView:
    source: str
    shows: str
    reason: str
    value: str
    kind: str
    url: str | None
    seen: str
    revision: str
    seen_via: str
    attribution: str | None


@dataclass(frozen=True)
class LegView:
    row: LegAssessment
    title: str
    facts: tuple[FactView, ...]
    reason: str
    decided_by: str
    decided_by_url: str | None


@dataclass(frozen=True)
class CheckpointView:
    repo: HubRepo
    badge: Badge
    notes: tuple[dict, ...]
    role: str
    data: HubData
    # The titles of the legs this checkpoint, on its own data, rates more open than the project shows them.
    more_open_than_project: tuple[str, ...] = ()


def project_badge(project: Project) -> Badge | None:
    """The badge of a model family (from its leg columns); None for projects that are not rated."""
    if project.kind != Project.Kind.MODEL_FAMILY:
        return None
    return Badge.of_project(project)


def leg_views(rows) -> list[LegView]:
    """The project's legs in code, model, corpus order, each with its facts ready to show."""
    by_leg = {row.leg: row for row in rows}
    ordered = [by_leg[leg.value] for leg in LEG_ORDER if leg.value in by_leg]
    return [leg_view(row) for row in ordered]


def leg_view(row: LegAssessment) -> LegView:
    """One leg with its reason as a sentence, its facts, and the checkpoint that decided it (linked to the Hub)."""
    return LegView(
        row=row,
        title=LEG_TITLES[row.leg],
        facts=tuple(map(fact_view, row.facts)),
        reason=sentence(row.reason),
        decided_by=row.decided_by,
        decided_by_url=f"{HUB}{row.decided_by}" if row.decided_by else None,
    )


def sentence(text: str) -> str:
    """`text` as a sentence: a final full stop, and the first letter capitalised unless the text starts with a URL
    or a Hub id ("utter-project/EuroLLM-9B"), which are case-sensitive."""
    text = text.strip()
    if not text:
        return ""
    if "/" not in text.split(maxsplit=1)[0]:
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def fact_view(fact: dict) -> FactView:
    return FactView(
        source=source_label(fact.get("source", "")),
        shows=fact.get("shows", ""),
        reason=fact.get("reason", ""),
        value=fact.get("value", "unknown"),
        kind=fact.get("kind", ""),
        url=fact.get("url"),
        seen=(fact.get("seen_at") or "")[:10],
        revision=(fact.get("revision_at") or "")[:10],
        seen_via=fact.get("seen_via") or "",
        attribution=fact.get("attribution"),
    )


def source_label(source: str) -> str:
    """A fact's source for people: "osai-index:weights_endmodel" reads "European Open Source AI Index
    (weights_endmodel)", "checkpoint:org/name" "checkpoint org/name", "moderator:curated:…" "Registry curation"."""
    if source == CURATION or source.startswith(f"{CURATION}:"):
        return gettext("Registry curation")
    head, _, detail = source.partition(":")
    name, detail_format = SOURCE_NAMES.get(head, (source, ""))
    return f"{name}{detail_format.format(detail)}" if detail and detail_format else str(name)


# How open a value is, for comparing a checkpoint's leg with the project's.
_OPENNESS_RANK = {"open": 3, "partial": 2, "unknown": 1, "closed": 0}


def checkpoint_views(project: Project) -> list[CheckpointView]:
    """The project's model repositories, each rated on its own data; where statements about the whole project
    (the producer's, a moderator's, the Index's) make a project leg lower, the checkpoint says which."""
    project_legs = Badge.from_legs(project.legs.all())
    views = []
    for repo in project.hub_repos.all():
        if repo.repo_type != RepoType.MODEL:
            continue
        badge = Badge.from_legs(repo.legs.all())
        views.append(CheckpointView(
            repo=repo, badge=badge, notes=_notes(repo), role=role_label(repo), data=hub_data(repo),
            more_open_than_project=tuple(
                str(LEG_TITLES[leg.leg]) for leg in badge.legs
                if _OPENNESS_RANK[leg.value] > _OPENNESS_RANK[getattr(project_legs, leg.leg)]),
        ))
    return views


def _notes(repo: HubRepo) -> tuple[dict, ...]:
    notes = [(gettext("usage request"), note) for note in repo.usage_requests] + [
        (gettext("training data named in prose"), note) for note in repo.training_data_in_prose
    ]
    return tuple(_note(kind, note if isinstance(note, dict) else {"text": note}) for kind, note in notes)


def _note(kind: str, note: dict) -> dict:
    return {"kind": kind, "text": note.get("text", ""), "quote": note.get("quote"), "url": web_url(note.get("url"))}


def embed_snippets(project: Project, *, absolute: Callable[[str], str]) -> dict[str, str]:
    """Markdown and HTML that producers paste into a model card: the badge, linking to the project page.

    `absolute` turns a path into an absolute URL on the site's own host (`request.build_absolute_uri`)."""
    image = absolute(reverse("registry:badge", kwargs={"slug": project.slug}))
    page = absolute(project.get_absolute_url())
    alt = gettext("E2E openness of %(name)s (European Open LLM Registry)") % {"name": project.name}
    markdown_alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return {
        "image": image,
        "leg_image": absolute(reverse("registry:badge-leg", kwargs={"slug": project.slug, "leg": "model"})),
        "markdown": f"[![{markdown_alt}]({image})]({page})",
        "html": f'<a href="{escape(page)}"><img src="{escape(image)}" alt="{escape(alt)}"></a>',
    }
