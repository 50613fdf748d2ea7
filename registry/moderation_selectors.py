"""Reads for moderators: who moderates, the queue of open submissions, and what a correction would change."""

from django.db.models import QuerySet, prefetch_related_objects
from django.db.models.functions import Lower
from django.utils.translation import gettext, pgettext_lazy

from registry import vocabulary
from registry.accounts import MODERATOR_GROUP
from registry.models import ChangeRecord, HubRepo, Organisation, Project, Submission, SyncRun
from registry.submission_selectors import find_possible_duplicates_of_each

# A correction's fields (as a contributor's data names them) and the project fields they change.
CORRECTABLE_FIELDS = {
    "name": "name", "project_kind": "kind", "summary": "summary", "website": "website",
    "paper_url": "paper_url", "code_url": "code_url", "countries": "countries", "languages": "languages",
}
# How the diff names each project field: its name in English, in words in French.
FIELD_LABELS = {
    "name": pgettext_lazy("project field", "name"), "kind": pgettext_lazy("project field", "kind"),
    "summary": pgettext_lazy("project field", "summary"), "website": pgettext_lazy("project field", "website"),
    "paper_url": pgettext_lazy("project field", "paper_url"), "code_url": pgettext_lazy("project field", "code_url"),
    "countries": pgettext_lazy("project field", "countries"),
    "languages": pgettext_lazy("project field", "languages"),
    "organisations": pgettext_lazy("project field", "organisations"),
}


def can_moderate(user) -> bool:
    """Staff, and members of the moderator group, moderate submissions."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=MODERATOR_GROUP).exists()


def list_moderation_queue() -> QuerySet[Submission]:
    """Pending and sent-back submissions, newest first, with their submitter and project."""
    return (Submission.objects.filter(status__in=[Submission.Status.PENDING, Submission.Status.NEEDS_CHANGES])
            .select_related("submitter", "project").order_by("-created_at", "-pk"))


def list_sync_flags(*, limit: int = 50) -> dict:
    """What the Hub syncs flagged: projects needing review (an override contradicted, sources disagreeing),
    repositories whose last sync failed or that vanished from the Hub, and the projects' leg changes made by
    the last finished sync run. At most `limit` of each."""
    last_run = SyncRun.objects.exclude(status=SyncRun.Status.RUNNING).exclude(trigger=SyncRun.Trigger.SNAPSHOT).first()
    changed = (ChangeRecord.objects.filter(sync_run=last_run, field__startswith="leg:", hub_repo__isnull=True)
               .exclude(field__endswith=":computed")
               .select_related("project").order_by("project__name", "field")[:limit] if last_run else [])
    return {
        "review": list(Project.objects.filter(needs_review=True).order_by("name")[:limit]),
        "failed": list(HubRepo.objects.filter(sync_status__in=[HubRepo.SyncStatus.ERROR, HubRepo.SyncStatus.MISSING])
                       .select_related("project").order_by("-last_error_at", "repo_id")[:limit]),
        "changed": list(changed),
    }


def get_submission_for_moderation(*, pk: int) -> Submission | None:
    return Submission.objects.select_related("submitter", "project", "moderated_by").filter(pk=pk).first()


def current_values(project: Project) -> dict:
    """The project's correctable values as a correction's data names them (organisations as sorted slugs)."""
    values = {name: getattr(project, field) for name, field in CORRECTABLE_FIELDS.items()}
    values["organisations"] = sorted(organisation.slug for organisation in project.organisations.all())
    return values


def describe_submissions(submissions: list[Submission], *, find_duplicates: bool = True) -> list[dict]:
    """What a moderator (or the contributor) reads beside each submission, in the same order: {"submission",
    "changes" (a correction's field-by-field diff), "attachments" (what a correction adds), "duplicates" (the
    projects an open new-project submission may duplicate; none when `find_duplicates` is off)}.

    Reads the database a fixed number of times whatever the number of submissions, which should come with
    their project (select_related)."""
    corrections = [s for s in submissions if s.kind == Submission.Kind.CORRECTION]
    prefetch_related_objects([s for s in corrections if s.project], "project__organisations")
    names = _organisation_names(corrections)
    repos = _hub_repos_named(corrections)
    duplicates = _duplicates_of_each(submissions) if find_duplicates else {}
    return [{"submission": submission, "changes": _correction_changes(submission, names),
             "attachments": _correction_attachments(submission, repos),
             "duplicates": duplicates.get(submission.pk, [])} for submission in submissions]


def _organisation_names(corrections: list[Submission]) -> dict[str, str]:
    """Slug to name of every organisation the corrections' projects have or the corrections propose."""
    slugs = {slug for correction in corrections for slug in correction.data.get("organisations", [])}
    slugs |= {organisation.slug for correction in corrections if correction.project
              for organisation in correction.project.organisations.all()}
    return dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}


def _hub_repos_named(corrections: list[Submission]) -> dict[tuple[str, str], HubRepo]:
    """The registry's Hub repositories the corrections would attach, keyed on (lower-case id, type)."""
    wanted = {repo["repo_id"].lower() for correction in corrections for repo in correction.data.get("hub_repos", [])}
    if not wanted:
        return {}
    repos = (HubRepo.objects.annotate(lower_id=Lower("repo_id")).filter(lower_id__in=wanted)
             .select_related("project").order_by("-repo_id"))
    # Ids differing only in case: the first by id wins, as it would have with .first().
    return {(repo.repo_id.lower(), repo.repo_type): repo for repo in repos}


def _duplicates_of_each(submissions: list[Submission]) -> dict[int, list[dict]]:
    """Projects each open new-project submission may duplicate, by submission pk."""
    open_proposals = [s for s in submissions
                      if s.kind == Submission.Kind.NEW_PROJECT and s.status != Submission.Status.APPROVED]
    candidates = [(str(s.data.get("name", "")), [repo["repo_id"] for repo in s.data.get("hub_repos", [])])
                  for s in open_proposals]
    found = find_possible_duplicates_of_each(candidates)
    return {submission.pk: duplicates for submission, duplicates in zip(open_proposals, found, strict=True)}


def _correction_changes(submission: Submission, organisation_names: dict[str, str]) -> list[dict]:
    """A correction's field-by-field diff against its project as it is now: {"field", "old", "new"} for each
    field the contributor gave a different value for (organisations by name, new ones marked). Empty for other
    kinds."""
    project = submission.project
    if submission.kind != Submission.Kind.CORRECTION or project is None:
        return []
    data, current = submission.data, current_values(project)
    changes = [_change(field, current[name], data[name])
               for name, field in CORRECTABLE_FIELDS.items() if name in data and data[name] != current[name]]
    if "organisations" in data or data.get("new_organisations"):
        proposed = data.get("organisations", current["organisations"])
        new = [organisation_names.get(slug, slug) for slug in proposed]
        new += [gettext("%(name)s (new)") % {"name": name} for name in data.get("new_organisations", [])]
        old = [organisation_names.get(slug, slug) for slug in current["organisations"]]
        if new != old:
            changes.append(_change("organisations", old, new))
    return changes


def _change(field: str, old, new) -> dict:
    def text(value) -> str:
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value or "")
    return {"field": field, "label": str(FIELD_LABELS.get(field, field)), "old": old, "new": new,
            "old_text": text(old), "new_text": text(new)}


def _correction_attachments(submission: Submission, known_repos: dict[tuple[str, str], HubRepo]) -> list[dict]:
    """What a correction adds beside its field changes, each {"what", "detail", "warning"}: Hub repositories
    (one attached to another project stays there), a code repository (an attached one gets the new licence and
    coverage), and evidence for a leg."""
    if submission.kind != Submission.Kind.CORRECTION:
        return []
    data, items = submission.data, []
    for repo in data.get("hub_repos", []):
        known = known_repos.get((repo["repo_id"].lower(), repo["repo_type"]))
        warning = ""
        if known and known.project_id and known.project_id != submission.project_id:
            warning = gettext("already attached to %(name)s: it stays there") % {"name": known.project.name}
        what = gettext("Hub dataset repository") if repo["repo_type"] == "dataset" else gettext("Hub model repository")
        items.append({"what": what, "detail": repo["repo_id"], "warning": warning})
    if code := data.get("code_repository"):
        detail = gettext("%(url)s (licence %(licence)s, covers %(covers)s)") % {
            "url": code["url"], "licence": code["licence"] or gettext("not given"), "covers": code["covers"]}
        items.append({"what": gettext("Code repository"), "detail": detail, "warning": ""})
    if evidence := data.get("evidence"):
        what = gettext("Evidence: %(leg)s leg is %(value)s") % {"leg": vocabulary.leg_name(evidence["leg"]),
                                                                 "value": vocabulary.value_name(evidence["value"])}
        items.append({"what": what,
                      "detail": f"{evidence['shows']} — {evidence['url']}", "quote": evidence.get("quote", ""),
                      "url": evidence["url"], "warning": ""})
    return items
