"""List the longest functions and the longest modules of the toolkit (issue 10's measure).

Run: ``python scripts/longest_functions.py [N]``. A function's length counts every line from
its ``def`` to its last line, docstring included.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "toolkit"


def main(n: int = 15) -> None:
    rows, modules = [], []
    for path in sorted(ROOT.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        modules.append((len(source.splitlines()), path.relative_to(ROOT.parent)))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                rows.append((node.end_lineno - node.lineno + 1, f"{path.relative_to(ROOT.parent)}:{node.name}"))
    print(f"{'lines':>5}  function")
    for length, name in sorted(rows, reverse=True)[:n]:
        print(f"{length:5d}  {name}")
    print(f"\n{'lines':>5}  module (over 400)")
    for length, name in sorted(modules, reverse=True):
        if length > 400:
            print(f"{length:5d}  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
