"""How the fake Hub answers each URL, shaped like the real Hub's answers (see tests/data/hub/README.md)."""

import base64
import hashlib
import json
import re
from urllib.parse import urlencode

from werkzeug import Request, Response

from tests.fakehub.world import DATASET, MODEL, World

JSON = "application/json; charset=utf-8"
_KINDS = {"models": MODEL, "datasets": DATASET}
_LIST = re.compile(r"^/api/(?P<kind>models|datasets)$")
_INFO = re.compile(r"^/api/(?P<kind>models|datasets)/(?P<repo_id>[^/]+/[^/]+?)(?:/revision/[^/]+)?$")
_RESOLVE = re.compile(r"^/(?:(?P<kind>datasets)/)?(?P<repo_id>[^/]+/[^/]+)/resolve/(?P<revision>[^/]+)/(?P<file>.+)$")

# What each kind of repo accepts in `expand` (huggingface_hub 2.4.0's ExpandModel/DatasetProperty_T).
EXPANDABLE = {
    MODEL: frozenset(
        "author baseModels cardData childrenModelCount config createdAt disabled downloads downloadsAllTime "
        "evalResults gated gguf inference inferenceProviderMapping lastModified library_name likes mask_token "
        "model-index pipeline_tag private resourceGroup safetensors sha siblings spaces tags transformersInfo "
        "trendingScore usedStorage widgetData".split()
    ),
    DATASET: frozenset(
        "author cardData citation createdAt description disabled downloads downloadsAllTime gated lastModified "
        "likes mainSize paperswithcode_id private resourceGroup sha siblings tags trendingScore usedStorage".split()
    ),
}
# A list row without `expand`, and what `full=true` adds (as recorded from the Hub).
_LIST_ROW = {
    MODEL: ("_id", "id", "likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag", "library_name",
            "createdAt", "modelId"),
    DATASET: ("_id", "id", "author", "disabled", "gated", "lastModified", "likes", "trendingScore", "private", "sha",
              "description", "downloads", "tags", "createdAt", "key"),
}
_FULL_ROW = ("author", "gated", "lastModified", "sha", "siblings")


class BadRequest(Exception):
    """The request asks for something the Hub refuses with a 400."""


def respond(world: World, request: Request, *, page_size: int, base_url: str) -> Response:
    """The Hub's answer to `request`, given the repos in `world`."""
    try:
        if match := _LIST.match(request.path):
            return _listing(world, request, _KINDS[match["kind"]], page_size, base_url)
        if match := _INFO.match(request.path):
            return _info(world, request, _KINDS[match["kind"]], match["repo_id"])
        if match := _RESOLVE.match(request.path):
            return _resolve(world, request, DATASET if match["kind"] else MODEL, match["repo_id"], match["file"])
    except BadRequest as error:
        return json_response({"error": str(error)}, 400)
    return json_response({"error": "Sorry, we can't find the page you are looking for."}, 404)


def json_response(body, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type=JSON)


def _listing(world: World, request: Request, repo_type: str, page_size: int, base_url: str) -> Response:
    keys = _requested_keys(request, repo_type) or _list_row_keys(request, repo_type)
    rows = world.listing(repo_type, request.args.get("author"))
    offset = _offset(request.args.get("cursor"))
    end = offset + page_size
    headers = {"Link": f'<{_next_page_url(request, base_url, end)}>; rel="next"'} if end < len(rows) else {}
    return json_response([_trim(row, keys) for row in rows[offset:end]], headers=headers)


def _info(world: World, request: Request, repo_type: str, repo_id: str) -> Response:
    repo = world.get(repo_type, repo_id)
    if repo is None or repo.data is None:
        return _repo_not_found(request)
    keys = _requested_keys(request, repo_type)
    return json_response(_trim(repo.data, keys) if keys else repo.data)


def _resolve(world: World, request: Request, repo_type: str, repo_id: str, filename: str) -> Response:
    repo = world.get(repo_type, repo_id)
    if repo is None:
        return _repo_not_found(request)
    if repo.gated:
        return _gated(request, repo_type, repo_id)
    if filename != "README.md" or repo.card is None:
        return json_response({"error": "Entry not found"}, 404,
                             {"X-Error-Code": "EntryNotFound", "X-Repo-Commit": repo.sha})
    body = repo.card.encode("utf-8")
    headers = {"X-Repo-Commit": repo.sha, "ETag": f'"{_git_blob_sha1(body)}"', "Content-Length": str(len(body))}
    # Werkzeug sends no body for HEAD but keeps our Content-Length, as the Hub does.
    return Response(body, headers=headers, content_type="text/plain; charset=utf-8")


def _requested_keys(request: Request, repo_type: str) -> tuple[str, ...] | None:
    expand = request.args.getlist("expand") + request.args.getlist("expand[]")
    if not expand:
        return None
    if unknown := sorted(set(expand) - EXPANDABLE[repo_type]):
        raise BadRequest(f"Invalid expand values: {', '.join(unknown)}")
    return ("_id", "id", *expand)


def _list_row_keys(request: Request, repo_type: str) -> tuple[str, ...]:
    keys = _LIST_ROW[repo_type]
    if request.args.get("full") == "true":
        keys += _FULL_ROW
    if request.args.get("cardData") == "true":
        keys += ("cardData",)
    return keys


def _trim(data: dict, keys: tuple[str, ...]) -> dict:
    return {key: data[key] for key in keys if key in data}


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        return int(json.loads(base64.urlsafe_b64decode(cursor))["offset"])
    except (ValueError, KeyError, TypeError) as error:
        raise BadRequest(f"Invalid cursor: {cursor}") from error


def _next_page_url(request: Request, base_url: str, offset: int) -> str:
    # Absolute, with every parameter repeated: the client follows it as is.
    cursor = base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode()
    params = [(key, value) for key, value in request.args.items(multi=True) if key != "cursor"]
    return f"{base_url}{request.path}?{urlencode([*params, ('cursor', cursor)])}"


def _repo_not_found(request: Request) -> Response:
    # Unauthenticated callers cannot tell a missing repo from a private one: 401.
    if _authenticated(request):
        return json_response({"error": "Repository not found"}, 404, {"X-Error-Code": "RepoNotFound"})
    return json_response({"error": "Invalid username or password."}, 401, {"X-Error-Code": "RepoNotFound"})


def _gated(request: Request, repo_type: str, repo_id: str) -> Response:
    if _authenticated(request):
        status, reason = 403, " and you are not in the authorized list. Visit the repo page to ask for access."
    else:
        status, reason = 401, ". You must have access to it and be authenticated to access it. Please log in."
    message = f"Access to {repo_type} {repo_id} is restricted{reason}"
    return json_response({"error": message}, status, {"X-Error-Code": "GatedRepo", "X-Error-Message": message})


def _authenticated(request: Request) -> bool:
    return request.headers.get("Authorization", "").startswith("Bearer ")


def _git_blob_sha1(body: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(body) + body).hexdigest()
