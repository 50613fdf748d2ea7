"""How each resource looks in the API. Serializers only read: the public API writes nothing."""

from api.serializers.catalog import LicenceSerializer, OrganisationSerializer, StatsSerializer
from api.serializers.errors import ErrorSerializer
from api.serializers.history import ChangeSerializer, SyncRunSerializer
from api.serializers.hub_repos import HubRepoSerializer
from api.serializers.index import ApiIndexSerializer
from api.serializers.projects import ProjectSerializer

__all__ = [
    "ApiIndexSerializer",
    "ChangeSerializer",
    "ErrorSerializer",
    "HubRepoSerializer",
    "LicenceSerializer",
    "OrganisationSerializer",
    "ProjectSerializer",
    "StatsSerializer",
    "SyncRunSerializer",
]
