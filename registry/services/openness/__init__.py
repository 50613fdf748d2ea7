"""Openness storage and workflows: recomputing the legs from stored evidence, moderator overrides, review.

The pure rules live in `registry.openness`; these services feed them what the registry has stored, keep
their results in LegAssessment rows with an append-only history (ChangeRecord), and keep overrides.
"""

from registry.services.openness.overrides import clear_override, mark_project_reviewed, override_leg
from registry.services.openness.recompute import recompute_all_openness, recompute_project_openness

__all__ = [
    "clear_override",
    "mark_project_reviewed",
    "override_leg",
    "recompute_all_openness",
    "recompute_project_openness",
]
