"""The API's views, one module per group of resources."""

from api.views.docs import DocsView, SchemaView
from api.views.history import ChangeList, SyncRunList
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
