"""Base models a repository names outside its card's `base_model`: in its name or in its card's prose.

A fine-tune that says it is "Mistral-7B-Instruct-v0.2-turkish" is built on Mistral 7B whether or not its card
declares `base_model`; its corpus and code legs must then cover that base, so they cannot be open on the
fine-tuning data alone.
"""

import re

# Families of other organisations' base models, as repositories and prose name them.
_FAMILIES = {
    "Mistral 7B": r"mistral[-_ ]?7b",
    "Mixtral": r"mixtral",
    "Llama": r"llama[-_ ]?[123]|llama(?=[-_ ]?\d)",
    "Falcon": r"falcon[-_ ]?\d",
    "Phi": r"\bphi[-_ ]?[1-4]\b",
    "Pythia": r"pythia",
    "Gemma": r"gemma",
    "Qwen": r"qwen",
}


def named_base_families(repo_id: str, prose: str = "") -> tuple[str, ...]:
    """The base-model families that the repository's name (not its namespace) or `prose` names."""
    name = repo_id.split("/", 1)[-1]
    found = []
    for family, pattern in _FAMILIES.items():
        if re.search(pattern, name, re.IGNORECASE) or re.search(pattern, prose, re.IGNORECASE):
            found.append(f"{family} (named by {repo_id}, not declared as base_model)")
    return tuple(found)
