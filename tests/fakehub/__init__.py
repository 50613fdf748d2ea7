"""A fake Hugging Face Hub for tests and benchmarks, and the pytest plugin that provides it.

Load it with `-p tests.fakehub` (or `pytest_plugins`). Fixtures:

* `fake_hub`: a FakeHub serving tests/data/hub, fresh for each test, with `HF_HOME` in the test's tmp dir.
* `hub_client`: a `registry.hub.HubClient` pointed at it, with its own README cache.

Outside pytest: `with FakeHub() as hub: ...`, or `python -m tests.fakehub --help` for a standalone server.
"""

import pytest

from tests.fakehub.server import DEFAULT_PAGE_SIZE, FakeHub, LoggedRequest

__all__ = ["DEFAULT_PAGE_SIZE", "FakeHub", "LoggedRequest"]


@pytest.fixture(scope="session")
def fake_hub_server():
    """One server per test session (or xdist worker): stopping one takes up to half a second."""
    with FakeHub() as hub:
        yield hub


@pytest.fixture
def fake_hub(fake_hub_server, tmp_path, monkeypatch):
    """The session's FakeHub, reset to the recorded fixtures; fails the test if the fake itself crashed."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    fake_hub_server.reset()
    yield fake_hub_server
    fake_hub_server.check_errors()


@pytest.fixture
def hub_client(fake_hub):
    """A HubClient reading `fake_hub` anonymously."""
    from registry.hub import HubClient  # imports huggingface_hub: only for the tests that need it

    return HubClient(endpoint=fake_hub.url, token=None)
