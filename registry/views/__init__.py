"""The public website's pages, the embeddable badges and the moderators' review list."""

from registry.views.badges import badge, badge_leg
from registry.views.compare import project_compare
from registry.views.grid import project_grid
from registry.views.health import healthz
from registry.views.moderation import moderation_review
from registry.views.pages import home, methodology, project_detail
from registry.views.project_list import project_list

__all__ = [
    "badge", "badge_leg", "healthz", "home", "methodology", "moderation_review", "project_compare", "project_detail",
    "project_grid", "project_list",
]
