"""The REST API, versioned under /api/v1/. URL names are `api:<resource>-list|detail`."""

from django.urls import include, path, re_path, register_converter

from api import views
from api.not_found import not_found
from api.views.submissions import CorrectionCreate, SubmissionCreate
from api.views.tokens import OwnToken

app_name = "api"


class RepoTypeConverter:
    regex = "model|dataset"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class RepoIdConverter:
    """A Hub id, slash included (`namespace/name`); no control characters, which no Hub id holds
    and PostgreSQL refuses in text (NUL), so such a path is an API 404, not a database error."""

    regex = r"[^\x00-\x1f\x7f]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RepoTypeConverter, "repo_type")
register_converter(RepoIdConverter, "repo_id")

v1 = [
    path("", views.ApiIndex.as_view(), name="index"),
    path("projects/", views.ProjectList.as_view(), name="project-list"),
    path("projects/<slug:slug>/", views.ProjectDetail.as_view(), name="project-detail"),
    path("projects/<slug:slug>/corrections/", CorrectionCreate.as_view(), name="project-correction-list"),
    path("hub-repos/", views.HubRepoList.as_view(), name="hub-repo-list"),
    path("hub-repos/<repo_type:repo_type>/<repo_id:repo_id>/", views.HubRepoDetail.as_view(),
         name="hub-repo-detail"),
    path("organisations/", views.OrganisationList.as_view(), name="organisation-list"),
    path("licenses/", views.LicenceList.as_view(), name="license-list"),
    path("changes/", views.ChangeList.as_view(), name="change-list"),
    path("stats/", views.Stats.as_view(), name="stats"),
    path("sync-runs/", views.SyncRunList.as_view(), name="sync-run-list"),
    path("submissions/", SubmissionCreate.as_view(), name="submission-list"),
    path("token/", OwnToken.as_view(), name="token"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
]

urlpatterns = [
    path("v1/", include(v1)),
    # Any path ending in a slash (newlines included), so APPEND_SLASH still redirects
    # /api/v1/projects to /api/v1/projects/.
    re_path(r"^[\s\S]*/$", not_found, name="not-found"),
]
