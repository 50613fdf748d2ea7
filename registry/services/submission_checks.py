"""The Hub check of a submission: what the Hub says of each repo id it names, and the legs the rules read.

Only the Hub is asked (through registry.hub); no other address a contributor typed is ever fetched. The Hub
is called outside any transaction; the result is written in one short update. A failure is recorded on the
row (`last_check_error`, `check_attempts`) and the submission stays pending: the task retries it.
"""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from registry.hub import HubClient, HubError, HubNotFound
from registry.hub.records import HubDataset, HubModel
from registry.models import Submission
from registry.openness import (
    CodeEvidence,
    Coverage,
    DatasetEvidence,
    Gate,
    ModelEvidence,
    assess_model,
    summarise_project,
)
from registry.openness.types import Assessment
from registry.services.hub_sync.retry import RETRYABLE
from registry.services.openness.licence_table import current_licence_table

MAX_DATASETS_PER_MODEL = 10
# After this many failed checks the periodic retry gives up; a moderator sees the last error.
MAX_CHECK_ATTEMPTS = 24
SEEN_VIA = "Hub API (submission check)"
_TO_CHECK = (Submission.CheckStatus.PENDING, Submission.CheckStatus.FAILED)


def check_submission_hub(*, submission_id: int, client: HubClient) -> Submission | None:
    """Check the submission's Hub repos and store the facts and a pre-assessment of the three legs.

    Returns the submission (None if it is gone). Idempotent: a submission already checked, or with nothing
    to check, is returned untouched. Raises the HubError that stopped the check, after recording it.
    """
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None or submission.check_status not in _TO_CHECK:
        return submission
    Submission.objects.filter(pk=submission_id).update(check_attempts=F("check_attempts") + 1)
    try:
        results = {repo["repo_id"]: _check_repo(client, repo) for repo in submission.data.get("hub_repos", [])}
    except HubError as error:
        record_check_failure(submission_id=submission_id, error=error)
        raise
    with transaction.atomic():
        Submission.objects.filter(pk=submission_id).update(
            check_status=Submission.CheckStatus.DONE, checked_at=timezone.now(), last_check_error="",
            hub_check={repo_id: result for repo_id, (result, _, _) in results.items()},
            pre_assessment=_pre_assessment(submission.data, results),
        )
    submission.refresh_from_db()
    return submission


def record_check_failure(*, submission_id: int, error: BaseException) -> None:
    """Record why the Hub check failed; the submission stays pending and the check is due again."""
    Submission.objects.filter(pk=submission_id).update(
        check_status=Submission.CheckStatus.FAILED, last_check_error=f"{type(error).__name__}: {error}"[:2000],
        last_check_error_at=timezone.now(),
    )


def _check_repo(client: HubClient, repo: dict) -> tuple[dict, HubModel | None, dict[str, HubDataset | None]]:
    """(what to store, the model record, its declared datasets) for one repo; only retryable errors escape."""
    read = client.model_info if repo["repo_type"] == "model" else client.dataset_info
    try:
        info = read(repo["repo_id"])
    except HubNotFound:
        return {"repo_type": repo["repo_type"], "exists": False}, None, {}
    except HubError as error:
        if _retryable(error):
            raise
        return {"repo_type": repo["repo_type"], "exists": None, "error": str(error)[:500]}, None, {}
    datasets = {}
    if isinstance(info, HubModel):
        datasets = {dataset_id: _dataset(client, dataset_id) for dataset_id in info.datasets[:MAX_DATASETS_PER_MODEL]}
    return _facts(repo["repo_type"], info, datasets), info if isinstance(info, HubModel) else None, datasets


def _dataset(client: HubClient, dataset_id: str) -> HubDataset | None:
    try:
        return client.dataset_info(dataset_id)
    except HubNotFound:
        return None
    except HubError as error:
        if _retryable(error):
            raise
        return None


def _retryable(error: HubError) -> bool:
    return isinstance(error, RETRYABLE)


def _facts(repo_type: str, info: HubModel | HubDataset, datasets: dict[str, HubDataset | None]) -> dict:
    facts = {"repo_type": repo_type, "exists": True, "gated": info.gated, "private": info.private,
             "licence": info.license, "licence_name": info.license_name, "sha": info.sha}
    if isinstance(info, HubModel):
        facts["base_models"] = list(info.base_models)
        facts["datasets"] = {dataset_id: _dataset_facts(dataset) for dataset_id, dataset in datasets.items()}
    return facts


def _dataset_facts(dataset: HubDataset | None) -> dict:
    if dataset is None:
        return {"exists": False}
    return {"exists": True, "gated": dataset.gated, "licence": dataset.license}


def _pre_assessment(data: dict, results: dict) -> dict:
    """The legs the rules give from the Hub facts and the code repository the contributor named."""
    table = current_licence_table()
    code = _code_evidence(data)
    checkpoints = {}
    for repo_id, (_, model, datasets) in results.items():
        if model is not None:
            checkpoints[repo_id] = assess_model(_model_evidence(model), _datasets_evidence(datasets), code, (),
                                                licences=table)
    if not checkpoints and not code:
        return {}
    project = summarise_project(list(checkpoints.values()), (), code, subject=data.get("name", ""), licences=table)
    return {"project": _legs(project), "checkpoints": {repo_id: _legs(a) for repo_id, a in checkpoints.items()}}


def _model_evidence(model: HubModel) -> ModelEvidence:
    return ModelEvidence(repo_id=model.repo_id, license=model.license, license_name=model.license_name,
                         license_link=model.license_link, tags=model.tags, gated=Gate(model.gated),
                         datasets=model.datasets, base_models=model.base_models, seen_at=timezone.now(),
                         revision_at=model.last_modified, seen_via=SEEN_VIA)


def _datasets_evidence(datasets: dict[str, HubDataset | None]) -> dict[str, DatasetEvidence]:
    return {dataset_id: DatasetEvidence(repo_id=dataset_id, exists=False) if dataset is None else
            DatasetEvidence(repo_id=dataset_id, gated=Gate(dataset.gated), license=dataset.license,
                            seen_at=timezone.now(), revision_at=dataset.last_modified, seen_via=SEEN_VIA)
            for dataset_id, dataset in datasets.items()}


def _code_evidence(data: dict) -> tuple[CodeEvidence, ...]:
    # Contributor-stated, never fetched. Without a stated coverage the code leg stays unknown rather than
    # be read as pre-training code (which alone can make it open).
    if not data.get("code_url") or not data.get("code_coverage"):
        return ()
    return (CodeEvidence(code_url=data["code_url"], code_license=data.get("code_licence") or None,
                         covers=Coverage(data["code_coverage"]), source="contributor"),)


def _legs(assessment: Assessment) -> dict:
    return {
        "label": str(assessment.label),
        **{result.leg.value: {"value": str(result.value), "reason": result.reason,
                              "caveats": list(result.caveats), "warnings": list(result.warnings)}
           for result in assessment.legs},
    }


def submissions_due_for_check(*, failed_before) -> list[int]:
    """Ids of pending submissions whose last Hub check failed before `failed_before` (below MAX_CHECK_ATTEMPTS),
    or whose check, due since before `failed_before`, never started (its task could not be queued or was lost)."""
    failed = Q(check_status=Submission.CheckStatus.FAILED, last_check_error_at__lt=failed_before,
               check_attempts__lt=MAX_CHECK_ATTEMPTS)
    never_started = Q(check_status=Submission.CheckStatus.PENDING, check_attempts=0, created_at__lt=failed_before)
    return list(Submission.objects.filter(failed | never_started, status=Submission.Status.PENDING)
                .values_list("pk", flat=True))
