"""Helpers shared by the benchmarks: timing, peak memory, machine description, output."""

from __future__ import annotations

import os
import platform
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[Any, float]:
    """Run ``fn`` ``repeat`` times; return its last result and the best wall time in seconds."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return result, best


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    """One line saying where and under which load the figures were measured."""
    load = os.getloadavg()
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load average at start "
            f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}")


def write(area: str, markdown: str) -> str:
    """Write one benchmark's Markdown section to ``bench/results/<area>.md`` and return it."""
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{area}.md").write_text(markdown.rstrip() + "\n", encoding="utf-8")
    return markdown
