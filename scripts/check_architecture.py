"""Print the architecture test's findings, optionally only for modules under a prefix.

Run: ``python scripts/check_architecture.py [toolkit.topics]``. The same checks run in
``tests/test_architecture.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_architecture as arch  # noqa: E402


def main(prefix: str = "toolkit") -> int:
    found = 0
    for check in (arch.layer_violations, arch.private_imports, arch.all_mismatches,
                  arch.long_modules):
        for line in check(ROOT / "toolkit"):
            if line.startswith(prefix):
                print(f"{check.__name__}: {line}")
                found += 1
    for cycle in arch.cycles(ROOT / "toolkit"):
        if any(m.startswith(prefix) for m in cycle):
            print(f"cycle: {' -> '.join(cycle)}")
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
