"""E2E openness rules: evidence in, assessment out.

A pure package (no Django, no network): the sync worker and the storage layer gather the evidence, these
rules turn it into three legs (code, model, corpus), each with a value and the facts behind it, and into the
other schemes' verdicts. The methodology users read is docs/methodology.md
(in French, docs/methodology.fr.md: a change to the rules changes both).
"""

from registry.openness.evidence import AssertedFact, CodeEvidence, Coverage, DatasetEvidence, ModelEvidence
from registry.openness.licence_names import normalise_licence_name
from registry.openness.licence_reading import (
    LicenceReading,
    read_code_licence,
    read_data_licence,
    read_model_licence,
)
from registry.openness.licences import Licence, LicenceTable, default_licence_table, load_licence_table
from registry.openness.osai import OSAI_ATTRIBUTION, OSAI_CITATION, OSAI_INDEX_URL, osai_asserted_facts
from registry.openness.rules import assess_model
from registry.openness.schemes import (
    WHY_SCHEMES_DISAGREE,
    SchemeEstimate,
    mof_class_estimate,
    osai_score,
    osaid_conditions,
)
from registry.openness.summary import most_open_checkpoint, summarise_project
from registry.openness.types import Assessment, Fact, Gate, Kind, Label, Leg, LegResult, Value

__all__ = [
    "OSAI_ATTRIBUTION",
    "OSAI_CITATION",
    "OSAI_INDEX_URL",
    "WHY_SCHEMES_DISAGREE",
    "AssertedFact",
    "Assessment",
    "CodeEvidence",
    "Coverage",
    "DatasetEvidence",
    "Fact",
    "Gate",
    "Kind",
    "Label",
    "Leg",
    "LegResult",
    "Licence",
    "LicenceReading",
    "LicenceTable",
    "ModelEvidence",
    "SchemeEstimate",
    "Value",
    "assess_model",
    "default_licence_table",
    "load_licence_table",
    "mof_class_estimate",
    "most_open_checkpoint",
    "normalise_licence_name",
    "osai_asserted_facts",
    "osai_score",
    "osaid_conditions",
    "read_code_licence",
    "read_data_licence",
    "read_model_licence",
    "summarise_project",
]
