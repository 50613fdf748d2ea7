"""Legacy, un-namespaced dataset ids that the Hub redirects to namespaced repositories.

Cards declare `mc4`, `c4` or `oscar`; the Hub answers for them by redirecting to the namespaced repository that
now holds the dataset. The registry follows the same mapping, so a legacy id is never read as "not on the Hub".
The targets are the repositories those ids resolve to on the Hub (seen 2026-12-01 in public links to
https://huggingface.co/datasets/legacy-datasets/mc4, /allenai/c4 and /oscar-corpus/oscar).
"""

LEGACY_DATASET_IDS = {
    "mc4": "legacy-datasets/mc4",
    "c4": "allenai/c4",
    "oscar": "oscar-corpus/oscar",
}


def canonical_dataset_id(repo_id: str) -> str:
    """The namespaced repository the Hub serves for `repo_id` (itself when it is not a legacy id)."""
    return LEGACY_DATASET_IDS.get(repo_id.strip().lower(), repo_id) if "/" not in repo_id else repo_id
