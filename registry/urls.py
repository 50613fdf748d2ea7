from django.urls import path, re_path

from registry import views
from registry.filters import ProjectFilterSet
from registry.page_cache import public_page
from registry.views import api_token, corrections, discovery, feeds, moderation, privacy, replies, status, submissions

app_name = "registry"

# The query parameters the project list and the grid read: their URLs with only these are cached whole.
LISTING_PARAMETERS = frozenset(ProjectFilterSet.base_filters) | {"sort", "page"}
PAGED = frozenset({"page"})

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("methodology/", public_page(views.methodology), name="methodology"),
    path("privacy/", public_page(privacy.privacy), name="privacy"),
    path("grid/", public_page(views.project_grid, parameters=LISTING_PARAMETERS), name="grid"),
    path("compare/", public_page(views.project_compare, parameters=frozenset({"projects"})), name="compare"),
    path("projects/", public_page(views.project_list, parameters=LISTING_PARAMETERS), name="project-list"),
    path("projects/<slug:slug>/", public_page(views.project_detail), name="project-detail"),
    path("organisations/", public_page(views.organisation_list, parameters=PAGED), name="organisation-list"),
    path("organisations/<slug:slug>/", public_page(views.organisation_detail, parameters=PAGED), name="organisation-detail"),
    path("countries/", public_page(views.country_list), name="country-list"),
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", public_page(views.country_detail, parameters=PAGED), name="country-detail"),
    path("languages/", public_page(views.language_list), name="language-list"),
    re_path(r"^languages/(?P<code>[A-Za-z]{2,3})/$", public_page(views.language_detail, parameters=PAGED), name="language-detail"),
    path("projects/<slug:slug>/changes.atom", public_page(feeds.project_changes_feed), name="project-changes-feed"),
    path("projects/<slug:slug>/preview.png", public_page(views.project_preview), name="project-preview"),
    path("badges/<slug:slug>.svg", views.badge, name="badge"),
    re_path(r"^badges/(?P<slug>[-a-zA-Z0-9_]+)/(?P<leg>code|model|corpus)\.svg$", views.badge_leg, name="badge-leg"),
    path("moderation/", moderation.moderation_queue, name="moderation-queue"),
    path("moderation/submissions/<int:pk>/", moderation.moderation_submission, name="moderation-submission"),
    path("moderation/review/", views.moderation_review, name="moderation-review"),
    path("status/", status.sync_status, name="sync-status"),
    path("submit/", submissions.submit, name="submit"),
    path("projects/<slug:slug>/report/", submissions.project_report, name="project-report"),
    path("account/submissions/", submissions.submission_list, name="submission-list"),
    path("account/submissions/<int:pk>/", submissions.submission_detail, name="submission-detail"),
    path("account/submissions/<int:pk>/resubmit/", corrections.resubmit_view, name="submission-resubmit"),
    path("projects/<slug:slug>/correct/", corrections.suggest_correction_view, name="project-correct"),
    path("projects/<slug:slug>/reply/", replies.reply_to_assessment, name="project-reply"),
    path("organisations/<slug:slug>/represent/", replies.represent_organisation, name="organisation-represent"),
    path("moderation/representatives/<int:pk>/", replies.decide_claim, name="moderation-claim"),
    path("moderation/replies/<int:pk>/hide/", replies.hide_reply, name="moderation-hide-reply"),
    path("account/token/", api_token.api_token, name="api-token"),
    path("feeds/projects.atom", public_page(feeds.new_projects_feed), name="feed-projects"),
    path("feeds/changes.atom", public_page(feeds.openness_changes_feed), name="feed-changes"),
    path("sitemap.xml", public_page(discovery.sitemap_index), name="sitemap"),
    path("sitemap-<slug:section>.xml", public_page(discovery.sitemap_section, parameters=frozenset({"p"})),
         name="sitemap-section"),
    path("robots.txt", discovery.robots_txt, name="robots"),
    path("favicon.ico", discovery.favicon, name="favicon"),
]
