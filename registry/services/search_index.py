"""The stored full-text search vector of projects, written by every service that writes a project.

On PostgreSQL `Project.search_vector` holds the project's name and slug (weight A), summary (B) and its
organisations' names (C); `registry.search` matches and ranks it. Other databases search the text
columns directly, so there the vector stays empty.
"""

from collections.abc import Iterable

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from registry.models import Organisation, Project

SEARCH_CONFIG = "english"


def refresh_search_vectors(*, project_ids: Iterable[int] | None = None) -> int:
    """Rewrite the search vector of the given projects (all of them when None) in one UPDATE.

    Idempotent; a no-op returning 0 outside PostgreSQL. Returns the number of rows written. Call it
    after the project's text or its organisations change, inside the writing transaction.
    """
    if connection.vendor != "postgresql":
        return 0
    projects = Project.objects.all() if project_ids is None else Project.objects.filter(pk__in=list(project_ids))
    return projects.update(search_vector=_vector())


def _vector():
    names = (Organisation.objects.filter(projects=OuterRef("pk")).order_by()
             .values("projects").annotate(names=StringAgg("name", " ")).values("names"))
    return (
        SearchVector("name", "slug", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector(Coalesce(Subquery(names[:1]), Value(""), output_field=TextField()), weight="C", config=SEARCH_CONFIG)
    )
