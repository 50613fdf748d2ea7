"""Pass criteria, printed as PASS/FAIL lines with their numbers, and saved as JSON under bench/results/."""

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[1] / "results"


@dataclass
class Check:
    name: str
    passed: bool
    detail: str


@dataclass
class Report:
    """The checks of one scenario, and the measurements worth keeping."""

    scenario: str
    started: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    checks: list[Check] = field(default_factory=list)
    numbers: dict = field(default_factory=dict)

    def check(self, name: str, passed: bool, detail: str = "") -> bool:
        self.checks.append(Check(name, bool(passed), detail))
        print(f"  {'PASS' if passed else 'FAIL'}  {name}: {detail}", flush=True)
        return bool(passed)

    def note(self, text: str, **numbers) -> None:
        self.numbers.update(numbers)
        print(f"  ....  {text}", flush=True)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)

    def save(self) -> Path:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"faults-{self.scenario}-{self.started.replace(':', '')}.json"
        path.write_text(json.dumps(asdict(self) | {"passed": self.passed}, indent=2), encoding="utf-8")
        return path
