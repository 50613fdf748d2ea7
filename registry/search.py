"""Finding projects by text, and the orders a list of them can be shown in.

PostgreSQL matches the stored `Project.search_vector` (web-search syntax, plus a prefix match of every
word so results come while typing) or a name close to the text by trigram word similarity, so a typo
still finds the project; relevance is the text rank plus, for those close names, that similarity. Other
databases match a case-insensitive substring of the name, slug, summary or an organisation's name.

Relevance is an alias, not a selected column: it is computed only when the list is sorted by it.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connections
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from registry.models import HubRepo, Organisation, Project
from registry.services.search_index import SEARCH_CONFIG

SORTS = {
    "relevance": _("Best match"),
    "name": _("Name"),
    "updated": _("Recently updated"),
    "downloads": _("Downloads"),
    "likes": _("Likes"),
}


def search_projects(queryset: QuerySet, text: str) -> QuerySet:
    """Projects matching `text`, with the alias `relevance` (higher is better) to sort by."""
    if connections[queryset.db].vendor == "postgresql":
        return _full_text(queryset, text)
    return _substring(queryset, text)


def _full_text(queryset: QuerySet, text: str) -> QuerySet:
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    words = re.findall(r"\w+", text)
    if words:
        prefixes = " & ".join(f"{word}:*" for word in words)
        query |= SearchQuery(prefixes, search_type="raw", config=SEARCH_CONFIG)
    # The close names are read from the trigram index once, and a row's own name is compared only when it is
    # among them: the comparison costs more than the text match, and as a plain OR or a similarity for every
    # match it would run on every project. It stays in the filter so PostgreSQL estimates how few rows it keeps.
    close_names = Project.objects.filter(name__trigram_word_similar=text).values("pk")
    close_name = Q(pk__in=close_names) & Q(name__trigram_word_similar=text)
    similarity = Case(When(pk__in=close_names, then=TrigramWordSimilarity(text, "name")), default=Value(0.0),
                      output_field=FloatField())
    rank = SearchRank(F("search_vector"), query) + similarity
    return queryset.filter(Q(search_vector=query) | close_name).alias(relevance=rank)


def _substring(queryset: QuerySet, text: str) -> QuerySet:
    organisations = Organisation.objects.filter(name__icontains=text, projects=OuterRef("pk"))
    own_text = Q(name__icontains=text) | Q(slug__icontains=text) | Q(summary__icontains=text)
    relevance = Case(When(name__istartswith=text, then=Value(3.0)), When(name__icontains=text, then=Value(2.0)),
                     default=Value(1.0), output_field=FloatField())
    return queryset.filter(own_text | Exists(organisations)).alias(relevance=relevance)


def order_projects(queryset: QuerySet, sort: str) -> QuerySet:
    """`queryset` in the order named by `sort` (a key of SORTS); the name breaks ties.

    "relevance" needs the `relevance` alias of `search_projects` and is the name order without it;
    downloads and likes are the sums over the project's Hub repos, projects without any last.
    """
    by_name = [Lower("name"), "pk"]
    if sort == "relevance" and "relevance" in queryset.query.annotations:
        return queryset.order_by(F("relevance").desc(), *by_name)
    if sort == "updated":
        return queryset.order_by("-updated_at", *by_name)
    if sort in ("downloads", "likes"):
        total = _hub_total(sort)
        return queryset.annotate(**{f"total_{sort}": total}).order_by(F(f"total_{sort}").desc(nulls_last=True), *by_name)
    return queryset.order_by(*by_name)


def _hub_total(field: str) -> Subquery:
    totals = HubRepo.objects.filter(project=OuterRef("pk")).order_by().values("project").annotate(total=Sum(field))
    return Subquery(totals.values("total")[:1])


__all__ = ["SORTS", "order_projects", "search_projects"]
