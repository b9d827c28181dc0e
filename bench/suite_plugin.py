"""A pytest plugin for :mod:`bench.suite`: the CPU and wall time of every test.

Loaded with ``-p bench.suite_plugin``; each pytest process (each xdist worker) writes one
JSON list of ``[nodeid, cpu_seconds, wall_seconds, kind]`` into the folder named by
``TOOLKIT_BENCH_SUITE_OUT``. A test's CPU is its process's user and system time plus that
of the children it waited for (the runners and Jupyter kernels it started), so a module
fixture counts towards the first test that uses it. ``kind`` is the first of the marks
``notebook``, ``slow`` and ``ungdc`` the test carries, else ``other``.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest

_ROWS: list[tuple[str, float, float, str]] = []
_KINDS = ("notebook", "slow", "ungdc")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    cpu, wall = _cpu(), time.perf_counter()
    yield
    kind = next((k for k in _KINDS if item.get_closest_marker(k)), "other")
    _ROWS.append((item.nodeid.split("@")[0], _cpu() - cpu, time.perf_counter() - wall, kind))


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = os.environ.get("TOOLKIT_BENCH_SUITE_OUT")
    if folder and _ROWS:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(folder, f"{worker}.json").write_text(json.dumps(_ROWS), encoding="utf-8")
