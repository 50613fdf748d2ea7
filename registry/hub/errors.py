"""Our exceptions for Hub failures, and their translation from huggingface_hub's and httpx2's.

Callers decide on these alone: HubNotFound (gone, private, or an impossible repo id) may mean "mark missing
after a few tries"; HubGated means the files need an access grant while the metadata stays public, so it is
never "missing"; HubRateLimited and HubUnavailable are worth retrying later.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    HFValidationError,
    LocalEntryNotFoundError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
)
from huggingface_hub.utils import parse_ratelimit_headers

# When a 429 names no reset time, wait for the Hub's whole fixed window (5 minutes): it is over by then.
DEFAULT_RATE_LIMIT_RESET_SECONDS = 300.0


class HubError(Exception):
    """The Hub did not give us what we asked for (base class; also used for unexpected 4xx answers)."""


class HubNotFound(HubError):
    """No such repository, a private one, or a repo id the Hub cannot have."""


class HubGated(HubError):
    """The repository's files need an access grant (its metadata stays readable)."""


class HubRateLimited(HubError):
    """The Hub answered 429; retry after `reset_in_seconds`."""

    def __init__(self, message: str, reset_in_seconds: float):
        super().__init__(message)
        self.reset_in_seconds = reset_in_seconds


class HubUnavailable(HubError):
    """The Hub failed (5xx, 408), timed out, or could not be reached."""


# httpx2.HTTPError is the base of HfHubHTTPError and of every transport error (timeouts, connection resets...).
_TRANSLATED = (httpx2.HTTPError, LocalEntryNotFoundError, HFValidationError, OfflineModeIsEnabled)


@contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise huggingface_hub and httpx2 failures as HubError subclasses; let anything else through."""
    try:
        yield
    except _TRANSLATED as error:
        raise translate(error) from error


def translate(error: Exception) -> HubError:
    """The HubError that stands for a huggingface_hub or httpx2 exception."""
    # hf_hub_download hides the failed HEAD behind LocalEntryNotFoundError when nothing is cached.
    if isinstance(error, LocalEntryNotFoundError):
        return translate(error.__cause__) if isinstance(error.__cause__, Exception) else HubUnavailable(str(error))
    # GatedRepoError is a RepositoryNotFoundError: test it first.
    if isinstance(error, GatedRepoError):
        return HubGated(str(error))
    if isinstance(error, (RepositoryNotFoundError, HFValidationError)):
        return HubNotFound(str(error))
    if isinstance(error, HfHubHTTPError):
        return _from_status(error)
    return HubUnavailable(f"{type(error).__name__}: {error}")


def _from_status(error: HfHubHTTPError) -> HubError:
    status = error.response.status_code
    if status == 429:
        return HubRateLimited(str(error), _reset_in_seconds(error.response.headers))
    if status == 404:
        return HubNotFound(str(error))
    if status == 408 or status >= 500:
        return HubUnavailable(str(error))
    return HubError(str(error))


def _reset_in_seconds(headers: httpx2.Headers) -> float:
    ratelimit = parse_ratelimit_headers(headers)
    if ratelimit is not None:
        return float(ratelimit.reset_in_seconds)
    retry_after = headers.get("retry-after", "").strip()
    return float(retry_after) if retry_after.isdigit() else DEFAULT_RATE_LIMIT_RESET_SECONDS
