"""A synthetic but realistic catalog of N projects, for the load benchmark (docs/benchmarks.md).

    .venv/bin/python bench/generate_catalog.py --projects 10000 \\
        --database-url postgres://postgres@127.0.0.1:5432/registry_bench

Migrates the database, refuses one that already holds projects, loads the seed catalog as the site does
(`load_catalog`, `recompute_openness`, `load_hub_snapshot`), then copies the seed until the catalog holds N
projects: copy k of every seed project, organisation, Hub namespace and repo gets the suffix `-k` (`lucie-7`,
`OpenLLM-France-7/Lucie-7B`), and brings its own copies of the seed's legs (project and checkpoint legs with
their facts, reasons, caveats), evidence, change records, Index assessments and code repositories. So every
proportion of the seed (organisations, repos, evidence and history rows per project, kinds, leg values, the
size of each row) holds at any N; only the names repeat. Rows are written with `bulk_create` in batches, with
their primary keys assigned here (sequences reset at the end); then the denormalised fields the site reads
are written as its services do: the search vector (`refresh_search_vectors`) and a new catalog version.
"""

import argparse
import io
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Copies written per transaction: 20 copies of the 64 seed projects are ~1,300 projects, ~13,000 leg rows.
COPIES_PER_BATCH = 20
BATCH_SIZE = 2000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, required=True, help="projects in the catalog, seed included")
    parser.add_argument("--database-url", help="the database to fill (default: DATABASE_URL)")
    options = parser.parse_args(argv)
    if options.database_url:
        os.environ["DATABASE_URL"] = options.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")  # a secret key is not needed to write rows
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        started = time.monotonic()
        counted = generate(options.projects, log=print)
    except CatalogNotEmpty as exc:
        print(exc, file=sys.stderr)
        return 2
    vacuum_analyze()
    print(f"{options.projects} projects in {time.monotonic() - started:.0f} s")
    print(format_proportions(counted))
    return 0


class CatalogNotEmpty(Exception):
    pass


def generate(projects: int, *, log=lambda message: None) -> dict[str, dict[str, int]]:
    """Fill the (migrated, empty) default database with `projects` projects; return the seed's and the
    catalog's `counts()`: {"seed": …, "catalog": …}."""
    from django.core.management import call_command
    from django.db import transaction

    from registry.models import Project
    from registry.services.catalog_version import _write_new_stamp
    from registry.services.search_index import refresh_search_vectors

    existing = Project.objects.count()
    if existing:
        raise CatalogNotEmpty(f"The database already holds {existing} projects: the generator only fills an empty "
                              "catalog. Give it a new database (--database-url) or drop this one.")
    started = time.monotonic()
    for command in ("load_catalog", "recompute_openness", "load_hub_snapshot"):
        call_command(command, verbosity=0, stdout=io.StringIO())
    seed, seed_counts = Seed.read(), counts()
    log(f"seed: {len(seed.projects)} projects ({time.monotonic() - started:.1f} s)")
    copies, remainder = divmod(projects - len(seed.projects), len(seed.projects))
    ids = IdAllocator()
    batches = [list(range(first, min(first + COPIES_PER_BATCH, copies + 1))) for first in range(1, copies + 1, COPIES_PER_BATCH)]
    if remainder > 0:
        batches.append([copies + 1])
    for batch in batches:
        rows = defaultdict(list)
        for copy in batch:
            limit = remainder if copy == copies + 1 else len(seed.projects)
            seed.copy(copy, limit, ids, rows)
        with transaction.atomic():
            for model in (*_models(), Project.organisations.through):
                name = "through" if model is Project.organisations.through else model.__name__
                model.objects.bulk_create(rows.get(name, []), batch_size=BATCH_SIZE)
        log(f"copies {batch[0]}-{batch[-1]}: {Project.objects.count()} projects ({time.monotonic() - started:.0f} s)")
    ids.reset_sequences()
    with transaction.atomic():
        refresh_search_vectors()
        _write_new_stamp()
    log(f"search vectors and catalog version ({time.monotonic() - started:.0f} s)")
    return {"seed": seed_counts, "catalog": counts()}


def vacuum_analyze() -> None:
    """Give a database that bulk writes just filled the planner statistics and visibility map autovacuum would
    leave some minutes later (without them, PostgreSQL planned the legs' prefetch at 158 ms instead of 1 ms).
    Outside a transaction: what generated the catalog calls it once `generate` returned."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# The tables a copy writes, in an order where every foreign key points at a row already written.
COPIED_MODELS = ("Organisation", "HubNamespace", "Project", "HubRepo", "LegAssessment", "Evidence", "ChangeRecord",
                 "IndexAssessment", "CodeRepository")


def _models() -> list:
    from django.apps import apps

    return [apps.get_model("registry", name) for name in COPIED_MODELS]


class IdAllocator:
    """Primary keys handed out above each table's largest, so rows can point at each other before insertion."""

    def __init__(self):
        self.next: dict[type, int] = {}

    def __call__(self, model) -> int:
        if model not in self.next:
            from django.db.models import Max

            self.next[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        value = self.next[model]
        self.next[model] = value + 1
        return value

    def reset_sequences(self) -> None:
        from django.core.management.color import no_style
        from django.db import connection

        from registry.models import Project

        statements = connection.ops.sequence_reset_sql(no_style(), [*_models(), Project.organisations.through])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _values(model) -> list[dict]:
    """Every row of `model` as a dict of its concrete fields (attnames: `project_id`), primary key included."""
    names = [field.attname for field in model._meta.concrete_fields]
    return list(model.objects.order_by("pk").values(*names))


class Seed:
    """The seed catalog's rows, read once, and how to copy them."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.tables = tables
        self.projects = tables["Project"]
        self.memberships = tables["through"]
        by_project = defaultdict(lambda: defaultdict(list))
        for name in ("HubRepo", "Evidence", "IndexAssessment", "CodeRepository"):
            for row in tables[name]:
                if row["project_id"] is not None:
                    by_project[row["project_id"]][name].append(row)
        repo_projects = {row["id"]: row["project_id"] for row in tables["HubRepo"]}
        for name in ("LegAssessment", "ChangeRecord"):
            for row in tables[name]:
                owner = row["project_id"] or repo_projects.get(row["hub_repo_id"])
                if owner is not None:
                    by_project[owner][name].append(row)
        for row in self.memberships:
            by_project[row["project_id"]]["through"].append(row)
        self.by_project = by_project

    @classmethod
    def read(cls) -> "Seed":
        from registry.models import Project

        tables = {model.__name__: _values(model) for model in _models()}
        through = Project.organisations.through
        tables["through"] = list(through.objects.order_by("pk").values("project_id", "organisation_id"))
        return cls(tables)

    def copy(self, copy: int, limit: int, ids: IdAllocator, rows: dict) -> None:
        """Copy `copy` of every organisation and namespace, and of the first `limit` projects with their rows."""
        Organisation, HubNamespace, Project, HubRepo, LegAssessment, Evidence, ChangeRecord, IndexAssessment, \
            CodeRepository = _models()

        suffix = f"-{copy}"
        organisations = {}
        for row in self.tables["Organisation"]:
            organisations[row["id"]] = ids(Organisation)
            rows["Organisation"].append(Organisation(**{**row, "id": organisations[row["id"]],
                                                        "name": f"{row['name']} {copy}", "slug": row["slug"] + suffix}))
        namespaces = {}
        for row in self.tables["HubNamespace"]:
            namespaces[row["id"]] = ids(HubNamespace)
            rows["HubNamespace"].append(HubNamespace(**{
                **row, "id": namespaces[row["id"]], "name": row["name"] + suffix,
                "organisation_id": organisations.get(row["organisation_id"])}))
        for project in self.projects[:limit]:
            project_id = ids(Project)
            own = self.by_project[project["id"]]
            repos, repo_ids = {}, {}
            for row in own["HubRepo"]:
                repos[row["id"]] = ids(HubRepo)
                repo_ids[row["repo_id"]] = _suffixed_repo_id(row["repo_id"], suffix)
                rows["HubRepo"].append(HubRepo(**{
                    **row, "id": repos[row["id"]], "repo_id": repo_ids[row["repo_id"]], "project_id": project_id,
                    "namespace_id": namespaces.get(row["namespace_id"])}))
            rows["Project"].append(Project(**{
                **project, "id": project_id, "name": f"{project['name']} {copy}", "slug": project["slug"] + suffix,
                "base_models": [repo_ids.get(base, base) for base in project["base_models"]],
                "search_vector": None}))
            for row in own["through"]:
                rows["through"].append(Project.organisations.through(
                    project_id=project_id, organisation_id=organisations[row["organisation_id"]]))
            for row in own["LegAssessment"]:
                on_project = row["project_id"] is not None
                rows["LegAssessment"].append(LegAssessment(**{
                    **row, "id": ids(LegAssessment), "project_id": project_id if on_project else None,
                    "hub_repo_id": None if on_project else repos[row["hub_repo_id"]],
                    "decided_by": repo_ids.get(row["decided_by"], row["decided_by"])}))
            for row in own["Evidence"]:
                rows["Evidence"].append(Evidence(**{
                    **row, "id": ids(Evidence), "project_id": project_id,
                    "hub_repo_id": repos.get(row["hub_repo_id"])}))
            for row in own["ChangeRecord"]:
                rows["ChangeRecord"].append(ChangeRecord(**{
                    **row, "id": ids(ChangeRecord), "project_id": project_id if row["project_id"] else None,
                    "hub_repo_id": repos.get(row["hub_repo_id"])}))
            for row in own["IndexAssessment"]:
                rows["IndexAssessment"].append(IndexAssessment(**{
                    **row, "id": ids(IndexAssessment), "project_id": project_id,
                    "system_name": f"{row['system_name']} {copy}"}))
            for row in own["CodeRepository"]:
                rows["CodeRepository"].append(CodeRepository(**{**row, "id": ids(CodeRepository),
                                                                 "project_id": project_id}))


def _suffixed_repo_id(repo_id: str, suffix: str) -> str:
    namespace, _, name = repo_id.partition("/")
    return f"{namespace}{suffix}/{name}{suffix}" if name else repo_id + suffix


# --- Proportions ---------------------------------------------------------------------------------------------

def counts() -> dict[str, int]:
    """Row counts the proportions are computed from."""
    Organisation, HubNamespace, Project, HubRepo, LegAssessment, Evidence, ChangeRecord, IndexAssessment, \
        CodeRepository = _models()

    result: Counter = Counter()
    result["projects"] = Project.objects.count()
    for kind, number in _count_by(Project.objects, "kind"):
        result[f"kind:{kind}"] = number
    for model, name in ((Organisation, "organisations"), (HubNamespace, "namespaces"), (HubRepo, "hub_repos"),
                        (Evidence, "evidence"), (ChangeRecord, "change_records"), (IndexAssessment, "index"),
                        (CodeRepository, "code_repositories")):
        result[name] = model.objects.count()
    result["project_legs"] = LegAssessment.objects.filter(project__isnull=False).count()
    result["repo_legs"] = LegAssessment.objects.filter(hub_repo__isnull=False).count()
    for value, number in _count_by(LegAssessment.objects.filter(project__isnull=False), "computed_value"):
        result[f"project_leg:{value}"] = number
    return dict(result)


def proportions(counted: dict[str, int]) -> dict[str, float]:
    """Every count per project."""
    return {name: number / counted["projects"] for name, number in sorted(counted.items()) if name != "projects"}


def format_proportions(counted: dict[str, dict[str, int]]) -> str:
    """Rows and rows per project of the catalog, beside the seed's."""
    seed, catalog = proportions(counted["seed"]), proportions(counted["catalog"])
    lines = [f"  {'rows':<24} {'catalog':>9} {'per project':>11} {'seed':>6}"]
    for name, number in sorted(counted["catalog"].items()):
        if name != "projects":
            lines.append(f"  {name:<24} {number:>9} {catalog[name]:11.3f} {seed.get(name, 0):6.3f}")
    return "\n".join(lines)


def _count_by(queryset, field: str):
    """(value, rows) pairs of `field` over `queryset`."""
    from django.db.models import Count

    return queryset.order_by().values_list(field).annotate(rows=Count("pk")).values_list(field, "rows")


if __name__ == "__main__":
    sys.exit(main())
