"""The public website's pages, the embeddable badges and the moderators' review list."""

from registry.views.badges import badge, badge_leg, project_preview
from registry.views.catalog_pages import (
    country_detail,
    country_list,
    language_detail,
    language_list,
    organisation_detail,
    organisation_list,
)
from registry.views.compare import project_compare
from registry.views.grid import project_grid
from registry.views.health import healthz
from registry.views.home import home
from registry.views.moderation import moderation_review
from registry.views.pages import methodology, project_detail
from registry.views.project_list import project_list

__all__ = [
    "badge", "badge_leg", "country_detail", "country_list", "healthz", "home", "language_detail", "language_list",
    "methodology", "moderation_review", "organisation_detail", "organisation_list", "project_compare",
    "project_detail", "project_grid", "project_list", "project_preview",
]
