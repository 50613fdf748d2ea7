"""The catalog's domain model: who builds what, where it lives on the Hub, and how open it is."""

from registry.models.catalog import CatalogVersion, Organisation, Project, SourceDataset
from registry.models.code import CodeCoverage, CodeRepository
from registry.models.hub import CheckpointRole, DataOrigin, DownloadCount, HubNamespace, HubRepo, RepoType, SyncRun
from registry.models.licences import Licence, LicenceClass
from registry.models.openness import (
    ChangeRecord,
    Evidence,
    IndexAssessment,
    Leg,
    LegAssessment,
    LegValue,
)
from registry.models.replies import AssessmentReply, Representative
from registry.models.submissions import Submission, SubmissionVersion
from registry.models.sync import SyncStep

__all__ = [
    "AssessmentReply",
    "CatalogVersion",
    "ChangeRecord",
    "CheckpointRole",
    "CodeCoverage",
    "CodeRepository",
    "DataOrigin",
    "DownloadCount",
    "Evidence",
    "HubNamespace",
    "HubRepo",
    "IndexAssessment",
    "Leg",
    "LegAssessment",
    "LegValue",
    "Licence",
    "LicenceClass",
    "Organisation",
    "Project",
    "RepoType",
    "Representative",
    "SourceDataset",
    "Submission",
    "SubmissionVersion",
    "SyncRun",
    "SyncStep",
]
