"""HubClient: the registry's reader of the Hugging Face Hub, built on huggingface_hub 2.4.0."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import httpx2
from huggingface_hub import DatasetInfo, HfApi, ModelInfo, hf_hub_url
from huggingface_hub.errors import RemoteEntryNotFoundError
from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

from registry.hub import session
from registry.hub.errors import HubUnavailable, translated_errors
from registry.hub.records import (
    HubCard,
    HubDataset,
    HubModel,
    card_from_text,
    dataset_from_info,
    empty_card,
    model_from_info,
)

LIBRARY_NAME = "eu-open-llm-registry"


def _library_version() -> str | None:
    try:
        return version(LIBRARY_NAME)
    except PackageNotFoundError:
        return None

# With `expand` the Hub returns only `_id`, `id` and these keys, for list rows and single repos alike,
# so a HubModel reads the same whichever call produced it. (`expand` excludes `full`/`cardData`.)
MODEL_EXPAND = (
    "author", "cardData", "createdAt", "disabled", "downloads", "downloadsAllTime", "gated", "lastModified",
    "library_name", "likes", "pipeline_tag", "private", "safetensors", "sha", "tags",
)
DATASET_EXPAND = (
    "author", "cardData", "createdAt", "disabled", "downloads", "downloadsAllTime", "gated", "lastModified",
    "likes", "private", "sha", "tags",
)


class HubClient:
    """Reads models, datasets and their cards from one Hub endpoint.

    Methods return frozen records and raise only `HubError` subclasses: `HubNotFound`, `HubGated`,
    `HubRateLimited`, `HubUnavailable`, or `HubError` itself for other refusals. Nothing is written
    anywhere.

    `requests_made` counts every HTTP request sent for this client: listing pages, retries, redirects,
    README GETs. `before_request`, if given, is called before each of them; whatever it raises
    aborts the call and reaches the caller unchanged. `timeout` (seconds) bounds every request.

    huggingface_hub retries listing pages itself (up to 5 times, 1 to 8 s apart, or after the announced
    reset on a 429) before an error reaches us; `model_info`, `dataset_info` and READMEs are never retried
    here (the sync retries the repo after the others). Not thread-safe: one client per thread or task.
    """

    def __init__(
        self,
        endpoint: str,
        token: str | None,
        timeout: float = 10.0,
        before_request: Callable[[], None] | None = None,
    ):
        session.install()
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout
        self._token = token or False
        self.before_request = before_request
        self.requests_made = 0
        # token=False: never fall back to HF_TOKEN or a token file found on the machine.
        self._api = HfApi(
            endpoint=self.endpoint,
            token=self._token,
            library_name=LIBRARY_NAME,
            library_version=_library_version(),
        )

    def list_models(self, author: str) -> Iterator[HubModel]:
        """Yield every model of the user or organisation `author`, fetching one page at a time.

        Nothing is requested before the first item is asked for; errors are raised while iterating.
        """
        return self._iterate(self._api.list_models(author=author, expand=list(MODEL_EXPAND)), model_from_info)

    def list_datasets(self, author: str) -> Iterator[HubDataset]:
        """Yield every dataset of the user or organisation `author`, like `list_models`."""
        return self._iterate(self._api.list_datasets(author=author, expand=list(DATASET_EXPAND)), dataset_from_info)

    def model_info(self, repo_id: str) -> HubModel:
        """One model, in a single request. Raises HubNotFound for a missing or private repo."""
        call = _Call(self)
        with self._observed(call):
            info = self._api.model_info(repo_id, expand=list(MODEL_EXPAND), timeout=self.timeout)
        return model_from_info(info, call.received(info.id))

    def dataset_info(self, repo_id: str) -> HubDataset:
        """One dataset, in a single request. Raises HubNotFound for a missing or private repo."""
        call = _Call(self)
        with self._observed(call):
            info = self._api.dataset_info(repo_id, expand=list(DATASET_EXPAND), timeout=self.timeout)
        return dataset_from_info(info, call.received(info.id))

    @staticmethod
    def model_from_row(raw: dict) -> HubModel:
        """The HubModel a listing row (its JSON, `HubModel.raw`) describes, without a request."""
        return model_from_info(ModelInfo(**raw), raw)

    @staticmethod
    def dataset_from_row(raw: dict) -> HubDataset:
        """The HubDataset a listing row (its JSON, `HubDataset.raw`) describes, without a request."""
        return dataset_from_info(DatasetInfo(**raw), raw)

    def model_card(self, repo_id: str, revision: str | None = None) -> HubCard:
        """A model's README at `revision` (default: main), in one GET (an empty card if it has none).
        Raises HubGated when its files need an access grant."""
        return self._card(repo_id, "model", revision)

    def dataset_card(self, repo_id: str, revision: str | None = None) -> HubCard:
        """A dataset's README, like `model_card`."""
        return self._card(repo_id, "dataset", revision)

    def _card(self, repo_id: str, repo_type: str, revision: str | None) -> HubCard:
        # One GET: hf_hub_download would first send a HEAD for its local cache, which a sync, reading a
        # README only after its commit changed, never reuses.
        url = hf_hub_url(repo_id, "README.md", repo_type=repo_type, revision=revision, endpoint=self.endpoint)
        headers = build_hf_headers(token=self._token, library_name=LIBRARY_NAME, library_version=_library_version())
        with self._observed(_Call(self)):
            try:
                response = get_session().get(url, headers=headers, timeout=self.timeout)
                hf_raise_for_status(response)
            except RemoteEntryNotFoundError:
                return empty_card(repo_id, repo_type)
            if not response.headers.get("content-type", "text/plain").startswith("text/plain"):
                # A proxy's error page or an API answer with status 200 is not the README.
                raise HubUnavailable(f"{repo_id}: the README came back as {response.headers['content-type']}")
            # utf-8-sig: a BOM would hide the front matter from the parser.
            text = response.content.decode("utf-8-sig", errors="replace")
        return card_from_text(repo_id, repo_type, text)

    def _iterate(self, infos: Iterable, build: Callable[[Any, dict], Any]) -> Iterator:
        # Observe each step only, never across a `yield`: the caller may make other calls in between.
        call = _Call(self)
        iterator = iter(infos)
        while True:
            with self._observed(call):
                info = next(iterator, None)
            if info is None:
                return
            yield build(info, call.received(info.id))

    @contextmanager
    def _observed(self, call: "_Call") -> Iterator[None]:
        with session.observed_by(call), translated_errors():
            yield

    def _prepare(self, request: httpx2.Request) -> None:
        if self.before_request is not None:
            self.before_request()
        self.requests_made += 1
        # huggingface_hub sends listing pages with timeout=None, which beats any client default:
        # a stalled page would hang the worker.
        if not any(request.extensions.get("timeout", {}).values()):
            request.extensions["timeout"] = httpx2.Timeout(self.timeout).as_dict()


class _Call:
    """The HTTP traffic of one HubClient call. Each call has its own, so that a `model_info` made while
    iterating a listing cannot mix its JSON into the listing's."""

    def __init__(self, client: HubClient):
        self._client = client
        self._received: dict[str, dict] = {}

    def on_request(self, request: httpx2.Request) -> None:
        self._client._prepare(request)

    def on_json(self, payload: Any) -> None:
        rows = payload if isinstance(payload, list) else [payload]  # a listing page, or one repo
        self._received = {row.get("id"): row for row in rows if isinstance(row, dict)}

    def received(self, repo_id: str) -> dict:
        """The JSON last received for `repo_id` ({} if none was)."""
        return self._received.get(repo_id, {})
