"""The set-up command and the image install exact, hashed versions of every declared dependency."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pinned(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    return {canonical(name): version for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", text, re.M)}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {canonical(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]) for requirement in requirements}


def test_every_declared_dependency_is_pinned_in_the_locks():
    runtime = declared(PYPROJECT["project"]["dependencies"])
    development = declared(PYPROJECT["project"]["optional-dependencies"]["dev"])
    assert runtime <= set(pinned("base.lock")), runtime - set(pinned("base.lock"))
    assert runtime | development <= set(pinned("dev.lock")), (runtime | development) - set(pinned("dev.lock"))


def test_every_pinned_package_carries_hashes_and_no_machine_specific_index():
    for lock in ("base.lock", "dev.lock"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text.split("\n\n", 1)[-1])
        assert all("--hash=sha256:" in entry for entry in entries if "==" in entry), lock
        assert "--extra-index-url" not in text and "--find-links" not in text


def test_the_set_up_command_and_the_image_install_from_the_locks_with_hashes():
    assert "--require-hashes -r requirements/dev.lock" in (ROOT / "scripts" / "_venv.sh").read_text()
    assert "--require-hashes -r requirements/base.lock" in (ROOT / "Dockerfile").read_text()
