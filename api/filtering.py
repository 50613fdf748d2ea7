"""The FilterSets of `registry.filters`, applied to API lists with our error shape."""

from django_filters.rest_framework import DjangoFilterBackend

from api.errors import InvalidParameters


class FilterSetBackend(DjangoFilterBackend):
    """django-filter's backend: the view's `filterset_class` filters the queryset; a value the
    FilterSet rejects is a 400 naming the parameter, with the FilterSet's messages."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise InvalidParameters(filterset.errors)
        return filterset.qs
