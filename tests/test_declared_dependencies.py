"""Every third-party package the code imports is declared in pyproject.toml (issue 9, point 11): the
application's against the runtime dependencies, the tests' and benchmarks' against runtime + dev. A package
that only arrives as another's dependency (kombu under celery, redis under celery[redis]) is declared too, so
that an upgrade of the other cannot silently remove it."""

import ast
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from tests.test_lock_files import PYPROJECT, canonical, declared

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"config", "registry", "api", "tests", "bench"}
APPLICATION = ["config", "registry", "api", "manage.py"]
DEVELOPMENT = ["tests", "bench"]
# Developer commands shipped with the app but run only from a development set-up (they say so when it is missing).
DEV_TOOLS = {Path("registry/management/commands/take_screenshots.py")}


def imported_distributions(paths: list[Path]) -> dict[str, set[str]]:
    """Distribution name -> the files importing it, for every absolute import outside the stdlib and our code."""
    modules = packages_distributions()
    found: dict[str, set[str]] = {}
    for path in paths:
        for name in _top_level_imports(path) - set(sys.stdlib_module_names) - LOCAL:
            for distribution in modules.get(name, [f"<unknown: {name}>"]):
                found.setdefault(canonical(distribution), set()).add(str(path))
    return found


def _top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def python_files(roots: list[str]) -> list[Path]:
    files = []
    for root in roots:
        path = ROOT / root
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [file.relative_to(ROOT) for file in files if ".venv" not in file.parts]


def undeclared(paths: list[Path], allowed: set[str]) -> dict[str, set[str]]:
    return {name: files for name, files in imported_distributions(paths).items() if name not in allowed}


RUNTIME = declared(PYPROJECT["project"]["dependencies"])
DEV = RUNTIME | declared(PYPROJECT["project"]["optional-dependencies"]["dev"])


def test_the_application_imports_only_runtime_dependencies():
    application = [path for path in python_files(APPLICATION) if path not in DEV_TOOLS]
    assert undeclared(application, RUNTIME) == {}


def test_tests_benchmarks_and_developer_commands_import_only_declared_dependencies():
    assert undeclared(python_files(DEVELOPMENT) + sorted(DEV_TOOLS), DEV) == {}
