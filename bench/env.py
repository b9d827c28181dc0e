"""Time the two commands on a fresh copy of the project, as a new user meets them.

    .venv/bin/python -m bench.env                      # everything (20 to 40 minutes)
    .venv/bin/python -m bench.env --only setup,test    # some of it
    .venv/bin/python -m bench.env --source worktree    # the working tree, not HEAD

Each step runs in a new copy (``git clone`` of HEAD, or the working tree's tracked and
untracked files with ``--source worktree``) in a temporary folder, with ``../shared``
linked beside it, exactly as a reviewer or CI meets the project:

- ``setup`` cold: ``make .venv/.installed`` with empty uv and pip caches (everything is
  downloaded), then warm: the same in another new copy with the caches that run filled;
  and the pip fallback (``INSTALLER=pip``), warm.
- ``test``: ``make test`` in a new copy (its setup is warm and counted in).
- ``figures``: ``make figures`` in a new copy (setup warm, the toolkit's cache empty), then
  again in the same copy (the cached models are reused); the two runs' manifests must
  list the same SHA-256 for every file, and notebook 02 must have made every topic figure
  of the default corpus (:func:`default_topics_problems`: the full-corpus run that was a
  test until 2026-12-02).

Writes ``bench/results/env.md`` (the section of ``bench/RESULTS.md``) and prints it.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._common import machine, write

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("setup", "test", "figures")
#: What the issue measured before the lock, xdist and the faster sweep (2 cores, fresh clone).
BEFORE = {"make figures, cold": "13 min 39 s", "make test": "6 min 13 s"}

log = logging.getLogger("bench.env")


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:02.0f} s" if seconds >= 60 else \
        f"{seconds:.1f} s"


def fresh_copy(source: str) -> Path:
    """A new copy of the project in a temporary folder, ``../shared`` linked beside it."""
    base = Path(tempfile.mkdtemp(prefix="toolkit-env-"))
    target = base / "main"
    if source == "head":
        subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    else:
        listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"],
                                cwd=ROOT, check=True, capture_output=True).stdout
        for name in filter(None, listed.decode().split("\0")):
            if (ROOT / name).is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, target / name)
    shared = ROOT.parent / "shared"
    if shared.exists():
        (base / "shared").symlink_to(shared)
    return target


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_make(folder: Path, *args: str, env: dict[str, str] | None = None,
               check: bool = True) -> tuple[float, str]:
    """Run ``make args`` in ``folder``; return the wall seconds and the output's tail.

    The tail's last line is the CPU seconds (user + system) of make and every process it
    waited for: on a shared machine, CPU seconds / cores bounds the wall time on a quiet one.
    """
    cpu = _children_cpu()
    started = time.perf_counter()
    clean = {k: v for k, v in os.environ.items()  # as a new shell: no venv, no overrides
             if not k.startswith(("TOOLKIT_", "MAKE", "VIRTUAL_ENV", "UV_", "PIP_CACHE"))}
    done = subprocess.run(["make", *args], cwd=folder, capture_output=True, text=True,
                          env={**clean, **(env or {})})
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu
    tail = (done.stdout + done.stderr).strip().splitlines()[-40:]
    if done.returncode and check:
        raise RuntimeError(f"make {' '.join(args)} failed in {folder} "
                           f"({done.returncode}):\n" + "\n".join(tail))
    return seconds, "\n".join([*tail, f"{cpu:.0f} CPU s"])


def _cpu(tail: str) -> str:
    return tail.splitlines()[-1]


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def measure_setup(source: str, rows: list[list[str]]) -> None:
    empty = Path(tempfile.mkdtemp(prefix="toolkit-env-caches-"))
    cold = {"UV_CACHE_DIR": str(empty / "uv"), "PIP_CACHE_DIR": str(empty / "pip")}
    for label, env, extra in (("setup, cold (empty uv and pip caches)", cold, ()),
                              ("setup, warm (uv cache filled)", None, ()),
                              ("setup, pip fallback (`INSTALLER=pip`), pip cache as found", None,
                               ("INSTALLER=pip",))):
        load = _load()
        seconds, tail = timed_make(fresh_copy(source), ".venv/.installed", *extra, env=env)
        rows.append([label, "`make .venv/.installed`", _minutes(seconds), "",
                     f"{load}; {_cpu(tail)}"])
        log.info("%s: %s", label, _minutes(seconds))
    shutil.rmtree(empty, ignore_errors=True)


def measure_test(source: str, rows: list[list[str]]) -> None:
    load = _load()
    # timed even when tests fail: the summary line says how many
    seconds, tail = timed_make(fresh_copy(source), "test", check=False)
    summary = next((line.strip("= ") for line in reversed(tail.splitlines())
                    if re.search(r"\d+ (passed|failed)", line)), "no pytest summary")
    rows.append(["make test (warm setup included)", "`make test`", _minutes(seconds),
                 BEFORE["make test"], f"{load}; {_cpu(tail)}; {summary}"])
    log.info("make test: %s (%s)", _minutes(seconds), summary)


def _hashes(folder: Path) -> dict[str, str]:
    import csv

    with open(folder / "figures" / "manifest.csv", newline="", encoding="utf-8") as f:
        return {row["file"]: row["sha256"] for row in csv.DictReader(f)}


#: What notebook 02 must make from the default corpus with zero overrides. This full run
#: was a test until 2026-12-02 (tests/test_topics_notebook.py, 185 CPU s: 12 fits on 21,683
#: paragraphs); full-corpus runs belong here, and the tests check the same data-derived
#: defaults (grid, covariate, smooth of date) without fitting.
DEFAULT_TOPIC_FIGURES = ["topics-effects", "topics-effects-by-group", "topics-effects-date",
                         "topics-explorer", "topics-frex-terms", "topics-map",
                         "topics-prevalence", "topics-prevalence-by-group", "topics-sweep",
                         "topics-top-terms"]


def default_topics_problems(out: Path) -> list[str]:
    """What is wrong with notebook 02's output of a zero-override default-corpus run."""
    import csv
    import json

    problems = []
    executed = json.loads((out / "notebooks" / "02-topics.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(o.get("text", "")) for c in executed["cells"]
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")
    errors = [o.get("ename") for c in executed["cells"] for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    if errors:
        problems.append(f"error outputs {errors}")
    for said in ("sweep: K in [10, 20, 30]", "Why: ", "Covariate effects: s(date, 5) + party, "
                 "over "):
        if said not in text:
            problems.append(f"did not print {said!r}")
    with open(out / "manifest.csv", newline="", encoding="utf-8") as f:
        made = sorted({row["file"].rsplit(".", 1)[0] for row in csv.DictReader(f)
                       if row["notebook"] == "02-topics"})
    if made != DEFAULT_TOPIC_FIGURES:
        problems.append(f"made {made}")
    with open(out / "topics-effects.csv", newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    if not table or list(table[0]) != ["topic", "covariate", "value", "estimate", "lower",
                                        "upper"]:
        problems.append("topics-effects.csv has other columns")
    elif {r["covariate"] for r in table} != {"date", "party"} or not all(
            float(r["lower"]) <= float(r["estimate"]) <= float(r["upper"]) for r in table):
        problems.append("topics-effects.csv: other covariates, or estimates outside intervals")
    return problems


def measure_figures(source: str, rows: list[list[str]]) -> None:
    folder = fresh_copy(source)
    load = _load()
    cold, cold_tail = timed_make(folder, "figures")
    first = _hashes(folder)
    problems = default_topics_problems(folder / "figures")
    load2 = _load()
    warm, warm_tail = timed_make(folder, "figures")
    second = _hashes(folder)
    same = first == second and all(
        (folder / "figures" / name).is_file() for name in second)
    rows.append(["make figures, cold (warm setup, empty toolkit cache)", "`make figures`",
                 _minutes(cold), BEFORE["make figures, cold"],
                 f"{load}; {_cpu(cold_tail)}; notebook 02: "
                 + ("; ".join(problems) if problems else "every topic figure, as expected")])
    rows.append(["make figures, warm (second run)", "`make figures`", _minutes(warm), "",
                 f"{load2}; {_cpu(warm_tail)}; {len(second)} files, byte-identical to the "
                 f"cold run: {same}"])
    log.info("make figures: cold %s, warm %s, identical %s, notebook 02 problems %s",
             _minutes(cold), _minutes(warm), same, problems or "none")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.env", description=__doc__.split(
        "\n")[0])
    parser.add_argument("--only", default=",".join(STEPS),
                        help=f"comma-separated steps among {', '.join(STEPS)}")
    parser.add_argument("--source", choices=("head", "worktree"), default="head",
                        help="clone HEAD (default) or copy the working tree")
    args = parser.parse_args(argv)
    steps = [s for s in args.only.split(",") if s]
    unknown = sorted(set(steps) - set(STEPS))
    if unknown:
        parser.error(f"--only: unknown steps {unknown}; choose from {', '.join(STEPS)}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        datefmt="%H:%M:%S")
    header = machine()
    rows: list[list[str]] = []
    for step in STEPS:
        if step in steps:
            {"setup": measure_setup, "test": measure_test,
             "figures": measure_figures}[step](args.source, rows)
    table = ["| what | command | now | issue 13 (before) | load average at start (1/5/15 min); notes |",
             "|---|---|---|---|---|"] + ["| " + " | ".join(r) + " |" for r in rows]
    text = (
        "## Environment: the two commands on a fresh clone (issue 13)\n\n"
        f"Command: `.venv/bin/python -m bench.env --only {','.join(steps)} --source "
        f"{args.source}`. Machine: {header}. Each row runs in a new copy of the project "
        "with `../shared` beside it; the machine is shared with other work, so the load "
        "average is given with each row.\n\n" + "\n".join(table) + "\n")
    if set(steps) == set(STEPS):
        write("env", text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
