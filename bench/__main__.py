"""Run every benchmark, each in its own process, and assemble ``bench/RESULTS.md``.

    make bench                              # all of them
    .venv/bin/python -m bench corpus actors # some of them
    .venv/bin/python -m bench --collect     # only join the recorded sections

Each ``bench/<area>.py`` writes ``bench/results/<area>.md``; this script runs them one
after the other (never in parallel: they time things) and joins the sections.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["corpus", "actors", "network", "coherence", "topics", "explorer", "timeline", "scale",
         "blas", "overheads", "suite", "env", "figures"]

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
log = logging.getLogger("bench")


def main(argv: list[str]) -> int:
    known = [a for a in ORDER if (HERE / f"{a}.py").exists()]
    collect_only = argv == ["--collect"]
    wanted = [] if collect_only else (argv or known)
    unknown = [a for a in wanted if a not in known]
    if unknown:
        log.error("unknown benchmark(s) %s; choose from %s", unknown, known)
        return 2
    failed = []
    for area in wanted:
        log.info("bench.%s ...", area)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", f"bench.{area}"], cwd=HERE.parent)
        log.info("bench.%s %s in %.0f s", area, "done" if done.returncode == 0 else "FAILED",
                 time.perf_counter() - t0)
        if done.returncode:
            failed.append(area)
    sections = [(HERE / "results" / f"{a}.md").read_text(encoding="utf-8")
                for a in known if (HERE / "results" / f"{a}.md").exists()]
    header = ("# Benchmark results\n\n"
              "Every figure below was measured on this project's reference machine (2 cores, "
              "24 GiB) by the command given with it; `make bench` reruns them all and rewrites "
              "this file. Sections are written by `bench/<area>.py` into `bench/results/`.\n")
    (HERE / "RESULTS.md").write_text(header + "\n" + "\n\n".join(s.rstrip() for s in sections)
                                     + "\n", encoding="utf-8")
    if failed:
        log.error("failed: %s", failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
