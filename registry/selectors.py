"""Reads of the catalog: querysets with the joins and prefetches their pages need."""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Case, Count, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower, NullIf

from registry.json_lists import count_list_items, count_rows_by_item
from registry.models import (
    ChangeRecord,
    CheckpointRole,
    CodeRepository,
    DataOrigin,
    DownloadCount,
    HubNamespace,
    HubRepo,
    Leg,
    LegAssessment,
    LegValue,
    Licence,
    LicenceClass,
    Organisation,
    Project,
    RepoType,
    SyncRun,
)
from registry.openness.labels import label_for
from registry.per_version import per_catalog_version


def _legs(*, with_evidence: bool) -> Prefetch:
    """The `legs` prefetch; without their evidence (`facts`, the bulk of a leg) unless asked."""
    legs = LegAssessment.objects.all() if with_evidence else LegAssessment.objects.defer("facts")
    return Prefetch("legs", queryset=legs)


def list_projects(*, with_evidence: bool = True) -> QuerySet[Project]:
    """Visible projects with their organisations, Hub repos, legs (with their evidence unless told otherwise)
    and OSAI Index assessment, in name order."""
    return _visible_projects(organisations=Organisation.objects.all(), hub_repos=HubRepo.objects.all(),
                             legs=_legs(with_evidence=with_evidence))


# What no list row shows of a project: its description, search vector, and editing and review bookkeeping.
UNLISTED_PROJECT_FIELDS = ("description", "search_vector", "sources", "base_models", "review_reason", "person_edited")


def list_project_rows(*, with_evidence: bool = True) -> QuerySet[Project]:
    """`list_projects` without what no list row shows: the description, the search vector, the editing and
    review bookkeeping; of each organisation and Hub repo only what refers to it."""
    return _visible_projects(
        organisations=Organisation.objects.only("slug", "name", "country"),
        hub_repos=HubRepo.objects.only("project_id", "repo_type", "repo_id", "role", "data_origin"),
        legs=_legs(with_evidence=with_evidence),
    ).defer(*UNLISTED_PROJECT_FIELDS, "index_assessment__dimensions")


def _visible_projects(*, organisations: QuerySet, hub_repos: QuerySet, legs: Prefetch) -> QuerySet[Project]:
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .select_related("index_assessment")
        .prefetch_related(
            Prefetch("organisations", queryset=organisations.order_by("name")),
            Prefetch("hub_repos", queryset=hub_repos.order_by("repo_type", "repo_id")),
            Prefetch("code_repositories", queryset=CodeRepository.objects.order_by("pk")),
            legs,
        )
        .order_by("name")
    )


def list_project_cards() -> QuerySet[Project]:
    """Visible projects as the website's project list shows them: with their organisations and, for the
    download and like totals, their Hub repos' counts; badges read the leg columns. In name order."""
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .defer(*UNLISTED_PROJECT_FIELDS)
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("hub_repos", queryset=HubRepo.objects.only("project_id", "downloads", "likes")),
        )
        .order_by("name")
    )


def get_project(*, slug: str) -> Project:
    """One visible project by slug; raises Project.DoesNotExist."""
    return list_projects().prefetch_related("hub_repos__legs").get(slug=slug)


def list_related_projects(*, project: Project, limit: int = 12) -> QuerySet[Project]:
    """Other visible projects sharing an organisation or a base model with `project` (named in its
    `base_models`, built on one of its Hub repos, or owning the repo it is built on), in name order
    (case-insensitive), at most `limit`; with organisations, and as `base_repos` those of their Hub repos that
    `project` is built on (badges read the leg columns). Reads `project`'s prefetched organisations and Hub repos;
    at most four queries whatever the number of organisations, repos or results."""
    bases = [repo_id for repo_id in project.base_models if isinstance(repo_id, str)]
    own_repos = [repo.repo_id for repo in project.hub_repos.all()]
    # Read first: as a subquery beside ORDER BY … LIMIT, PostgreSQL walked the name index and compared every row
    # with every related id (a base model thousands of fine-tunes share: 4.4 s at 100,000 projects).
    related = list(_related_project_ids(project, bases=bases, own_repos=own_repos))
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .filter(pk__in=related)
        .exclude(pk=project.pk)
        # Only what the list shows: a popular base model relates thousands of projects, all sorted for the page.
        .only("name", "slug", "kind", "status", "base_models", "code_leg", "model_leg", "corpus_leg")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("hub_repos", queryset=HubRepo.objects.filter(repo_id__in=bases).only("repo_id", "project_id"),
                     to_attr="base_repos"),
        )
        .order_by(Lower("name"), "pk")[:limit]
    )


def _related_project_ids(project: Project, *, bases: list[str], own_repos: list[str]) -> QuerySet:
    """The ids of the projects related to `project`, as a UNION of one index-backed read per relation (an OR
    across the joins made PostgreSQL scan every project)."""
    # Imported here: registry.filters reads this module's openness expressions at import time.
    from registry.filters import json_list_contains

    by_organisation = Project.organisations.through.objects.filter(
        organisation__in=[org.pk for org in project.organisations.all()]
    ).order_by().values_list("project_id", flat=True)
    owning_a_base = HubRepo.objects.filter(repo_id__in=bases, project__isnull=False).order_by().values_list("project_id", flat=True)
    built_on = Q()
    for repo_id in bases + own_repos:
        built_on |= json_list_contains("base_models", repo_id, using=Project.objects.db)
    reads = [by_organisation, owning_a_base]
    if built_on:
        reads.append(Project.objects.filter(built_on).order_by().values_list("pk", flat=True))
    return reads[0].union(*reads[1:])


def list_organisations() -> QuerySet[Organisation]:
    """Organisations with the number of their visible projects, in name order."""
    return Organisation.objects.annotate(
        project_count=Count("projects", distinct=True)
    ).order_by("name")


def get_catalog_stats() -> dict:
    """The numbers shown on the home page."""
    projects = Project.objects.exclude(status=Project.Status.HIDDEN)
    by_kind = dict(projects.values_list("kind").annotate(n=Count("id")).order_by())
    return {
        "projects": projects.count(),
        "organisations": Organisation.objects.count(),
        "hub_repos": HubRepo.objects.filter(project__isnull=False).count(),
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in Project.Kind.choices],
    }


# --- Reads for the REST API (and any page that lists these resources) -------------------------

OPENNESS_LEGS = ("code", "model", "corpus")


def repo_leg_value(leg: str) -> Coalesce:
    """SQL for one leg's value of a Hub repo after a moderator override; `unknown` when the leg has no row yet."""
    value = Coalesce(NullIf("override_value", Value("")), "computed_value")
    assessment = LegAssessment.objects.filter(leg=leg, hub_repo=OuterRef("pk"))
    return Coalesce(Subquery(assessment.annotate(v=value).values("v")[:1]), Value(LegValue.UNKNOWN))


def with_openness(queryset: QuerySet) -> QuerySet:
    """Alias `code_value`, `model_value`, `corpus_value` and `openness_label` for filtering.

    Works on projects and Hub repos; the values are the ones the API and the pages show.
    """
    if queryset.model is Project:  # the recompute keeps each project's effective values in its own columns
        legs = {f"{leg}_value": F(f"{leg}_leg") for leg in OPENNESS_LEGS}
    else:
        legs = {f"{leg}_value": repo_leg_value(leg) for leg in OPENNESS_LEGS}
    return queryset.alias(**legs).alias(openness_label=_label_expression())


def _label_expression() -> Case:
    """`label_for` in SQL, built from `label_for` itself so the two cannot drift apart."""
    all_open = {f"{leg}_value": LegValue.OPEN for leg in OPENNESS_LEGS}
    e2e = When(**all_open, then=Value(label_for(code="open", model="open", corpus="open")))
    by_model = [
        When(model_value=value, then=Value(label_for(code="closed", model=value, corpus="closed")))
        for value in LegValue.values
    ]
    return Case(e2e, *by_model, default=Value(label_for(code="closed", model="unknown", corpus="closed")))


def licence_class_of_repo() -> Coalesce:
    """SQL for a Hub repo's licence class: our class of its licence id, "unknown" when not in our table."""
    licence_class = Licence.objects.filter(identifier=OuterRef("license")).values("licence_class")
    return Coalesce(Subquery(licence_class[:1]), Value(LicenceClass.UNKNOWN))


def list_hub_repos(*, with_evidence: bool = True) -> QuerySet[HubRepo]:
    """Hub repos of visible projects, with their project (without what no list row shows), licence class
    (`license_class`, "unknown" when the licence is not in our table) and legs (with their evidence unless told
    otherwise), in type then id order."""
    return (
        HubRepo.objects.filter(project__isnull=False)
        .exclude(project__status=Project.Status.HIDDEN)
        .select_related("project")
        .defer(*(f"project__{name}" for name in UNLISTED_PROJECT_FIELDS))
        .annotate(license_class=licence_class_of_repo())
        .prefetch_related(_legs(with_evidence=with_evidence))
        .order_by("repo_type", "repo_id")
    )


def get_hub_repo(*, repo_type: str, repo_id: str) -> HubRepo:
    """One Hub repo of a visible project; raises HubRepo.DoesNotExist."""
    return list_hub_repos().get(repo_type=repo_type, repo_id=repo_id)


def list_licences() -> QuerySet[Licence]:
    """Every licence identifier the Hub accepts, with our class, in identifier order."""
    return Licence.objects.order_by("identifier")


def list_changes() -> QuerySet[ChangeRecord]:
    """The history of visible projects and their repos, newest first."""
    return (
        ChangeRecord.objects.exclude(project__status=Project.Status.HIDDEN)
        .exclude(hub_repo__project__status=Project.Status.HIDDEN)
        .select_related("project", "hub_repo")
        .order_by("-created_at", "-id")
    )


def list_sync_runs() -> QuerySet[SyncRun]:
    """Hub sync runs, newest first."""
    return SyncRun.objects.order_by("-started_at", "-id")


# --- Reads for the openness pages: badges, a project's leg history, the moderation list ---------


def get_badge_project(*, slug: str) -> Project:
    """One visible model family, for its SVG badge (read from its leg columns); raises Project.DoesNotExist."""
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .filter(kind=Project.Kind.MODEL_FAMILY)
        .get(slug=slug)
    )


# The history names a person's edit of these as such (a created attachment is recorded under its label).
PUBLIC_FIELD_CHANGES = ("name", "kind", "summary", "website", "paper_url", "code_url", "countries", "languages",
                        "organisations", "hub_repo", "code_repository", "evidence")


def list_leg_changes(*, project: Project, limit: int = 100) -> QuerySet[ChangeRecord]:
    """The newest `limit` leg changes of a project and its checkpoints, the record of the project's own
    addition (which credits its contributor), and the people's edits of its fields and of what is attached to
    it (corrections included), with who or what made them."""
    added = Q(field="project", hub_repo__isnull=True)
    edited = (Q(field__in=PUBLIC_FIELD_CHANGES) | Q(field__startswith="code_repository:")
              | Q(field="project", hub_repo__isnull=False)) & Q(changed_by__isnull=False)
    return (
        ChangeRecord.objects.filter(Q(field__startswith="leg:") | added | edited, project=project)
        .select_related("hub_repo", "changed_by", "sync_run")
        .order_by("-created_at", "-id")[:limit]
    )


def list_new_projects(*, limit: int = 50) -> QuerySet[Project]:
    """The `limit` most recently added visible projects, newest first, with their organisations."""
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("-created_at", "-id")[:limit]
    )


def list_sitemap_projects() -> QuerySet[Project]:
    """Visible projects, only what a link to each needs (slug, last change), in slug order."""
    return Project.objects.exclude(status=Project.Status.HIDDEN).only("slug", "updated_at").order_by("slug")


def list_openness_changes(*, project: Project | None = None, limit: int = 50) -> QuerySet[ChangeRecord]:
    """The newest `limit` changes of visible projects' own leg values (`leg:<leg>`, not a checkpoint's
    nor an overridden computed value), of one project when given, with who or what made them."""
    changes = ChangeRecord.objects.filter(
        field__in=[f"leg:{leg}" for leg in Leg.values], hub_repo__isnull=True
    ).exclude(project__status=Project.Status.HIDDEN)
    if project is not None:
        changes = changes.filter(project=project)
    return changes.select_related("project", "changed_by", "sync_run").order_by("-created_at", "-id")[:limit]


def list_projects_needing_review() -> QuerySet[Project]:
    """Projects whose newly computed facts contradict a moderator's override, in name order."""
    return Project.objects.filter(needs_review=True).order_by("name")


# --- Reads for the Hub sync status page ----------------------------------------------------------


def get_latest_sync_run() -> SyncRun | None:
    """The most recently finished sync run (a Hub sync or the bundled snapshot), or None.

    Its `trigger` is "snapshot" when the Hub metadata shown comes from the bundled snapshot, whose
    date its `note` gives.
    """
    return SyncRun.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-id").first()


def has_live_sync_run() -> bool:
    """Whether a sync has ever read the Hub itself (the bundled snapshot does not count)."""
    return SyncRun.objects.exclude(trigger=SyncRun.Trigger.SNAPSHOT).filter(finished_at__isnull=False).exists()


def count_hub_repos_by_origin() -> dict[str, int]:
    """How many tracked Hub repos hold each kind of metadata, keyed by the `DataOrigin` member's name in lower case
    ("hub", "card_copy", "constructed", "none"; 0 when none); "total" counts them all. One query."""
    counts = dict(HubRepo.objects.order_by().values_list("data_origin").annotate(n=Count("pk")))
    by_origin = {origin.name.lower(): counts.get(origin.value, 0) for origin in DataOrigin}
    return by_origin | {"total": sum(by_origin.values())}


def list_hub_repos_needing_attention() -> QuerySet[HubRepo]:
    """Repos whose last sync failed, that the Hub did not find lately, or marked missing; with their project."""
    trouble = Q(sync_status__in=[HubRepo.SyncStatus.ERROR, HubRepo.SyncStatus.MISSING]) | Q(not_found_count__gt=0)
    return (
        HubRepo.objects.filter(trouble)
        .select_related("project")
        .only("repo_id", "repo_type", "sync_status", "last_error", "last_error_at", "error_count",
              "not_found_count", "last_synced_at", "project__name", "project__slug")
        .order_by("-last_error_at", "repo_id")
    )


# --- Reads for the openness grid and the compare page --------------------------------------------

LEG_RANK = {LegValue.OPEN: 0, LegValue.PARTIAL: 1, LegValue.CLOSED: 2, LegValue.UNKNOWN: 3}


def list_grid_projects() -> QuerySet[Project]:
    """Visible model families with their organisations and OSAI Index assessment, in name order
    (case-insensitive); the openness aliases of `with_openness` are there for filters and `order_grid`."""
    return (
        with_openness(Project.objects.exclude(status=Project.Status.HIDDEN).filter(kind=Project.Kind.MODEL_FAMILY))
        .select_related("index_assessment")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by(Lower("name"), "pk")
    )


def order_grid(queryset: QuerySet[Project], *, key: str, descending: bool = False) -> QuerySet[Project]:
    """`list_grid_projects()` ordered by "name", a leg ("code", "model", "corpus": most open first) or "score"
    (the OSAI Index score, lowest first; projects without a score always last); ties in name order.

    Raises ValueError for any other key.
    """
    if key == "name":
        first = Lower("name").desc() if descending else Lower("name").asc()
    elif key in OPENNESS_LEGS:
        rank = Case(*(When(**{f"{key}_value": value}, then=Value(n)) for value, n in LEG_RANK.items()), default=Value(4))
        first = rank.desc() if descending else rank.asc()
    elif key == "score":
        score = F("index_assessment__score")
        first = score.desc(nulls_last=True) if descending else score.asc(nulls_last=True)
    else:
        raise ValueError(f"Cannot order the grid by {key!r}.")
    return queryset.order_by(first, Lower("name"), "pk")


@per_catalog_version
def get_grid_summary() -> dict[str, int]:
    """How many visible model families there are (`families`), how many are E2E open (`e2e_open`) and how many
    have open weights, E2E open ones included (`open_weights`). One query."""
    families = with_openness(
        Project.objects.exclude(status=Project.Status.HIDDEN).filter(kind=Project.Kind.MODEL_FAMILY)
    )
    all_open = Q(code_value=LegValue.OPEN, model_value=LegValue.OPEN, corpus_value=LegValue.OPEN)
    return families.aggregate(
        families=Count("pk"),
        e2e_open=Count("pk", filter=all_open),
        open_weights=Count("pk", filter=Q(model_value=LegValue.OPEN)),
    )


@per_catalog_version
def list_grid_countries() -> list[str]:
    """The country codes of visible model families, sorted, each once. One query."""
    families = Project.objects.exclude(status=Project.Status.HIDDEN).filter(kind=Project.Kind.MODEL_FAMILY)
    return [code for code, _ in count_list_items(families, "countries", case="upper")]


def list_projects_to_compare(*, slugs: list[str]) -> QuerySet[Project]:
    """The visible projects among `slugs`, with their legs, organisations, Index assessment, code repositories
    and model checkpoints (own ones first; each with `license_class`, "unknown" when not in our table)."""
    licence_class = Licence.objects.filter(identifier=OuterRef("license")).values("licence_class")
    checkpoints = (
        HubRepo.objects.filter(repo_type=RepoType.MODEL)
        .annotate(license_class=Coalesce(Subquery(licence_class[:1]), Value(LicenceClass.UNKNOWN)))
        .annotate(own_first=Case(When(role=CheckpointRole.OWN, then=Value(0)), default=Value(1)))
        .order_by("own_first", "repo_id")
        .prefetch_related("legs")
    )
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .filter(slug__in=slugs)
        .select_related("index_assessment")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("hub_repos", queryset=checkpoints, to_attr="model_checkpoints"),
            Prefetch("code_repositories", queryset=CodeRepository.objects.order_by("url")),
            "legs",
        )
    )


def list_comparable_projects() -> QuerySet[Project]:
    """Names and slugs of the visible model families, to pick from when comparing, in name order."""
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .filter(kind=Project.Kind.MODEL_FAMILY)
        .only("name", "slug")
        .order_by(Lower("name"), "pk")
    )


# --- Reads for the organisation, country and language pages and the home page's numbers -------------------


def list_catalog_projects() -> QuerySet[Project]:
    """Visible projects with their organisations (in name order), in name order (case-insensitive): the rows of
    the organisation, country and language pages."""
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by(Lower("name"), "pk")
    )


def list_organisation_index() -> QuerySet[Organisation]:
    """Every organisation with `project_count`, the number of its visible projects, in name order
    (case-insensitive)."""
    visible = Q(projects__status__in=[Project.Status.ACTIVE, Project.Status.ARCHIVED])
    return Organisation.objects.annotate(
        project_count=Count("projects", filter=visible, distinct=True)
    ).order_by(Lower("name"), "pk")


def get_organisation(*, slug: str) -> Organisation:
    """One organisation with its Hub namespaces (in name order); raises Organisation.DoesNotExist."""
    namespaces = Prefetch("namespaces", queryset=HubNamespace.objects.order_by("name"))
    return Organisation.objects.prefetch_related(namespaces).get(slug=slug)


def list_organisation_projects(*, organisation: Organisation) -> QuerySet[Project]:
    """`list_catalog_projects()` of one organisation."""
    return list_catalog_projects().filter(organisations=organisation)


@per_catalog_version
def count_projects_by_country() -> list[tuple[str, int]]:
    """(ISO 3166-1 alpha-2 code, number of visible projects in it) for every country that a visible project
    names or that one of its organisations is in; most projects first, then by code. One query."""
    visible = Project.objects.exclude(status=Project.Status.HIDDEN)
    organisation_countries = Project.organisations.through.objects.filter(
        project__in=visible, organisation__country__gt="").values(row=F("project_id"), item=F("organisation__country"))
    return count_rows_by_item(visible, "countries", case="upper", also=organisation_countries)


def list_country_projects(*, code: str) -> QuerySet[Project]:
    """`list_catalog_projects()` that name the country `code` (ISO 3166-1 alpha-2) or have an organisation in it."""
    in_country = Q(organisations__country__iexact=code) | _json_list_contains("countries", code.upper())
    return list_catalog_projects().filter(pk__in=Project.objects.filter(in_country).values("pk"))


def list_country_organisations(*, code: str) -> QuerySet[Organisation]:
    """`list_organisation_index()` of the organisations in the country `code`."""
    return list_organisation_index().filter(country__iexact=code)


@per_catalog_version
def count_projects_by_language() -> list[tuple[str, int]]:
    """(ISO 639 code, number of visible projects declaring it) for every language a visible project declares;
    most projects first, then by code. One query."""
    return count_rows_by_item(Project.objects.exclude(status=Project.Status.HIDDEN), "languages", case="lower")


def list_language_projects(*, code: str) -> QuerySet[Project]:
    """`list_catalog_projects()` whose languages include `code` (ISO 639)."""
    return list_catalog_projects().filter(_json_list_contains("languages", code.lower()))


def _json_list_contains(field: str, item: str) -> Q:
    # Imported here: registry.filters reads this module's openness expressions at import time.
    from registry.filters import json_list_contains

    return json_list_contains(field, item, using=Project.objects.db)


@per_catalog_version
def count_catalog() -> dict[str, int]:
    """How many visible projects (`projects`) and organisations (`organisations`) there are. Two queries."""
    return {
        "projects": Project.objects.exclude(status=Project.Status.HIDDEN).count(),
        "organisations": Organisation.objects.count(),
    }


def _visible_families() -> QuerySet[Project]:
    return with_openness(
        Project.objects.exclude(status=Project.Status.HIDDEN).filter(kind=Project.Kind.MODEL_FAMILY)
    )


@per_catalog_version
def count_family_legs() -> dict[str, dict[str, int]]:
    """For each leg ("code", "model", "corpus"), how many visible model families have each of its values
    (open, partial, closed, unknown; a moderator override wins). One query."""
    counts = _visible_families().aggregate(**{
        f"{leg}_{value}": Count("pk", filter=Q(**{f"{leg}_value": value}))
        for leg in OPENNESS_LEGS for value in LegValue.values
    })
    return {leg: {value: counts[f"{leg}_{value}"] for value in LegValue.values} for leg in OPENNESS_LEGS}


@per_catalog_version
def count_families_by_release_year() -> tuple[list[tuple[int, dict[str, int]]], int]:
    """(year, {openness label: number}) of the visible model families by the year of their first release, oldest
    first, and how many families have no known release date. A family's first release is the earlier of the
    Index's release month and the Hub's creation date of its earliest own checkpoint. One query."""
    rows = _visible_families().annotate(
        label=F("openness_label"), index_release=F("index_assessment__release_month"),
        hub_created=Min(KeyTextTransform("createdAt", "hub_repos__raw"),
                        filter=Q(hub_repos__role=CheckpointRole.OWN)),
    ).values_list("label", "index_release", "hub_created")
    by_year: dict[int, Counter] = defaultdict(Counter)
    undated = 0
    for label, index_release, hub_created in rows:
        years = [int(value[:4]) for value in (index_release, hub_created) if value and value[:4].isdigit()]
        if years:
            by_year[min(years)][label] += 1
        else:
            undated += 1
    return [(year, dict(labels)) for year, labels in sorted(by_year.items())], undated


def list_download_totals(*, limit: int = 12) -> list[tuple[date, int]]:
    """(day, total) for the newest `limit` days on which a sync recorded a change of a repo's downloads (the
    Hub's count of the last 30 days), oldest first: the total is the sum, over the repos of visible projects, of
    each one's latest recorded count at the end of that day. [] when no sync has recorded downloads. One query.
    """
    rows = (
        DownloadCount.objects.filter(hub_repo__project__isnull=False)
        .exclude(hub_repo__project__status=Project.Status.HIDDEN)
        .order_by("day", "hub_repo_id")
        .values_list("hub_repo_id", "day", "downloads")
    )
    latest: dict[int, int] = {}
    total, totals = 0, {}
    for repo, day, downloads in rows:
        total += downloads - latest.get(repo, 0)
        latest[repo] = downloads
        totals[day] = total
    return list(totals.items())[-limit:]

@per_catalog_version
def get_current_downloads() -> dict[str, int | None]:
    """The sum of the downloads (last 30 days) held now for the Hub repos of visible projects (`total`, None
    when none has a count) and how many repos have a count (`repos`). One query."""
    return HubRepo.objects.filter(project__isnull=False).exclude(project__status=Project.Status.HIDDEN).aggregate(
        total=Sum("downloads"), repos=Count("pk", filter=Q(downloads__isnull=False))
    )
