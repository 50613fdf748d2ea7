"""What changed and when: the change log and the Hub sync runs."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from api.serializers import ChangeSerializer, SyncRunSerializer
from api.views.base import ApiListView
from registry import selectors
from registry.filters import ChangeRecordFilterSet, SyncRunFilterSet


@extend_schema_view(get=extend_schema(summary="List changes"))
class ChangeList(ApiListView):
    """Openness and metadata changes of visible projects and their Hub repos, newest first."""

    serializer_class = ChangeSerializer
    filterset_class = ChangeRecordFilterSet
    ordering_fields = ["created_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return selectors.list_changes()


@extend_schema_view(get=extend_schema(summary="List Hub sync runs"))
class SyncRunList(ApiListView):
    """Passes of the Hub sync, newest first: what each looked at, cost and changed."""

    serializer_class = SyncRunSerializer
    filterset_class = SyncRunFilterSet
    ordering_fields = ["started_at"]
    ordering = ["-started_at"]

    def get_queryset(self):
        return selectors.list_sync_runs()
