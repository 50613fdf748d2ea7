"""The API's views, one module per group of resources."""

from api.views.docs import DocsView, SchemaView
from api.views.history import ChangeList, SyncRunList
from api.views.index import ApiIndex
from api.views.resources import (
    HubRepoDetail,
    HubRepoList,
    LicenceList,
    OrganisationList,
    ProjectDetail,
    ProjectList,
    Stats,
)

__all__ = [
    "ApiIndex",
    "ChangeList",
    "DocsView",
    "HubRepoDetail",
    "HubRepoList",
    "LicenceList",
    "OrganisationList",
    "ProjectDetail",
    "ProjectList",
    "SchemaView",
    "Stats",
    "SyncRunList",
]
