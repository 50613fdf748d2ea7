"""The repositories a FakeHub serves: the recorded fixtures, what tests add or change, synthetic namespaces."""

import copy
import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "data" / "hub"
MODEL, DATASET = "model", "dataset"

# Fields the Hub updates without a commit. Any other change is a commit: new sha and lastModified.
_NOT_COMMITS = frozenset(
    {"downloads", "downloadsAllTime", "likes", "trendingScore", "gated", "private", "disabled", "sha", "lastModified"}
)
_SYNTHETIC_LICENCES = ("apache-2.0", "mit", "cc-by-4.0", "cc-by-nc-4.0", "llama3.1", "other")
_SYNTHETIC_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pl", "pt", "sv", "fi")


@dataclass
class Repo:
    """One repository. `data` is its API JSON; None means the API does not know it but a README exists."""

    repo_id: str
    repo_type: str
    data: dict | None
    card: str | None = None

    @property
    def sha(self) -> str:
        return (self.data or {}).get("sha") or fake_sha(self.repo_id)

    @property
    def gated(self) -> bool:
        return bool((self.data or {}).get("gated"))

    @property
    def namespace(self) -> str:
        return self.repo_id.split("/")[0]


class World:
    """Repositories by (repo_type, repo_id), in the order the Hub lists them. Change them through methods."""

    def __init__(self) -> None:
        self._repos: dict[tuple[str, str], Repo] = {}
        # Listings are memoised until the next change: benchmarks page through 100,000s of repos.
        self._listings: dict[tuple[str, str | None], list[dict]] = {}

    def get(self, repo_type: str, repo_id: str) -> Repo | None:
        return self._repos.get((repo_type, repo_id))

    def listing(self, repo_type: str, author: str | None) -> list[dict]:
        """The API JSON of every repo of this type under `author` (every repo when None)."""
        key = (repo_type, author)
        if key not in self._listings:
            self._listings[key] = [
                repo.data
                for (kind, _), repo in self._repos.items()
                if kind == repo_type and repo.data is not None and author in (None, repo.namespace)
            ]
        return self._listings[key]

    def add(self, repo_type: str, repo_id: str, data: dict | None, card: str | None) -> Repo:
        """Add or replace a repo; missing basics (`_id`, `sha`, `gated`…) are filled in."""
        repo = Repo(repo_id, repo_type, _with_defaults(repo_id, data) if data is not None else None, card)
        self._store(repo)
        return repo

    def set_field(self, repo_type: str, repo_id: str, key: str, value) -> None:
        """Change one key of a repo's API JSON, committing (new sha) unless the Hub would not."""
        data = self._repos[(repo_type, repo_id)].data
        self._listings.clear()
        data[key] = value
        if key not in _NOT_COMMITS:
            data["sha"] = fake_sha(f"{data.get('sha')}+{key}={value!r}")
            data["lastModified"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def remove(self, repo_id: str, repo_type: str | None = None) -> None:
        """Delete the model and/or dataset called `repo_id`."""
        for kind in (repo_type,) if repo_type else (MODEL, DATASET):
            self._repos.pop((kind, repo_id), None)
        self._listings.clear()

    def load_fixtures(self, directory: Path = FIXTURES_DIR) -> None:
        """Add every repo recorded under `directory` (layout of tests/data/hub)."""
        for repo in _fixture_repos(directory):
            self._store(copy.deepcopy(repo))

    def add_synthetic_namespace(self, namespace: str, n_models: int, n_datasets: int = 0, with_cards: bool = True):
        """Add `n_models` models (and `n_datasets` datasets) with varied licences, languages and datasets."""
        for index in range(n_models):
            data, card = _synthetic_model(f"{namespace}/model-{index:06d}", index)
            self.add(MODEL, data["id"], data, card if with_cards else None)
        for index in range(n_datasets):
            data, card = _synthetic_dataset(f"{namespace}/corpus-{index:06d}", index)
            self.add(DATASET, data["id"], data, card if with_cards else None)

    def _store(self, repo: Repo) -> None:
        self._repos[(repo.repo_type, repo.repo_id)] = repo
        self._listings.clear()


def fake_sha(seed: str) -> str:
    """A 40-hex id that looks like a git sha, stable for a given seed."""
    return hashlib.sha1(seed.encode()).hexdigest()


def _with_defaults(repo_id: str, data: dict) -> dict:
    defaults = {
        "_id": fake_sha(f"_id:{repo_id}")[:24], "id": repo_id, "author": repo_id.split("/")[0],
        "sha": fake_sha(repo_id), "lastModified": "2025-01-01T00:00:00.000Z", "createdAt": "2024-06-01T00:00:00.000Z",
        "private": False, "gated": False, "disabled": False, "tags": [],
    }
    return defaults | data


@functools.cache
def _fixture_repos(directory: Path) -> tuple[Repo, ...]:
    repos: dict[tuple[str, str], Repo] = {}
    for repo_type, folder in ((MODEL, "models"), (DATASET, "datasets")):
        # List rows first: they fix the listing order; full JSON then replaces a row in place.
        for path in sorted((directory / "lists").glob(f"{folder}_author_*.json")):
            for row in json.loads(path.read_text(encoding="utf-8")):
                repos[(repo_type, row["id"])] = Repo(row["id"], repo_type, row)
        for path in sorted((directory / folder).glob("*.json")):
            if not path.name.endswith(".blobs.json"):
                data = json.loads(path.read_text(encoding="utf-8"))
                repos[(repo_type, data["id"])] = Repo(data["id"], repo_type, data)
        for path in sorted((directory / folder).glob("*.README.md")):
            # Repo names contain dots (Claire-7B-0.1): strip the exact suffix, never Path.stem/with_suffix.
            repo_id = path.name.removesuffix(".README.md").replace("__", "/", 1)
            repo = repos.setdefault((repo_type, repo_id), Repo(repo_id, repo_type, None))
            repo.card = path.read_text(encoding="utf-8")
    return tuple(repos.values())


def _synthetic_model(repo_id: str, index: int) -> tuple[dict, str]:
    card = _synthetic_card_data(repo_id, index) | {"pipeline_tag": "text-generation"}
    card["datasets"] = [f"{repo_id.split('/')[0]}/corpus-{index % 10:06d}"]
    parameters = 1_000_000_000 * (1 + index % 70)
    data = _synthetic_data(repo_id, index, card) | {
        "library_name": "transformers",
        "pipeline_tag": "text-generation",
        "safetensors": {"parameters": {"BF16": parameters}, "total": parameters},
        "tags": ["transformers", "safetensors", "text-generation", *card["language"],
                 *(f"dataset:{dataset}" for dataset in card["datasets"]), f"license:{card['license']}", "region:eu"],
    }
    return data, _render_card(card, repo_id)


def _synthetic_dataset(repo_id: str, index: int) -> tuple[dict, str]:
    card = _synthetic_card_data(repo_id, index)
    data = _synthetic_data(repo_id, index, card) | {
        "tags": [*(f"language:{code}" for code in card["language"]), f"license:{card['license']}", "region:eu"],
    }
    return data, _render_card(card, repo_id)


def _synthetic_card_data(repo_id: str, index: int) -> dict:
    licence = _SYNTHETIC_LICENCES[index % len(_SYNTHETIC_LICENCES)]
    languages = [_SYNTHETIC_LANGUAGES[(index + step) % len(_SYNTHETIC_LANGUAGES)] for step in range(1 + index % 3)]
    card = {"license": licence, "language": languages}
    if licence == "other":
        card |= {"license_name": "synthetic-licence", "license_link": f"https://example.org/{repo_id}/LICENSE"}
    return card


def _synthetic_data(repo_id: str, index: int, card: dict) -> dict:
    return _with_defaults(repo_id, {
        "sha": fake_sha(f"{repo_id}@1"),
        "downloads": (index * 7919) % 100_000,
        "downloadsAllTime": (index * 7919) % 100_000 * 12,
        "likes": index % 250,
        "cardData": card,
    })


def _render_card(card: dict, repo_id: str) -> str:
    # JSON values are valid YAML (flow style), and writing them is a hundred times faster than PyYAML.
    front_matter = "".join(f"{key}: {json.dumps(value)}\n" for key, value in card.items())
    return f"---\n{front_matter}---\n\n# {repo_id}\n\nA synthetic repository for benchmarks.\n"
