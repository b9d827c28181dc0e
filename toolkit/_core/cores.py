"""How many processes a parallel step uses: every core this process may run on, by default."""

from __future__ import annotations

import os

from toolkit._core.checks import check_int

__all__ = ["available_cores", "resolve_n_jobs"]


def available_cores() -> int:
    """Return the cores this process may run on (its CPU affinity, else the machine's).

    Examples
    --------
    >>> available_cores() >= 1
    True
    """
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return max(1, count() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def resolve_n_jobs(n_jobs: int | None) -> int:
    """Turn ``n_jobs`` into a number of processes, with joblib's meaning of negative values.

    ``None`` (the default of every parallel step) and ``-1`` use every
    available core, ``-2`` all but one, and so on; a positive number is taken as given.

    Examples
    --------
    >>> resolve_n_jobs(1), resolve_n_jobs(None) == available_cores()
    (1, True)
    >>> resolve_n_jobs(0)
    Traceback (most recent call last):
    ...
    ValueError: n_jobs=0 is invalid; must be None, a positive number of processes or a negative one (-1: all cores, -2: all but one)
    """
    if n_jobs is None:
        return available_cores()
    check_int("n_jobs", n_jobs)
    if n_jobs == 0:
        raise ValueError("n_jobs=0 is invalid; must be None, a positive number of processes "
                         "or a negative one (-1: all cores, -2: all but one)")
    return n_jobs if n_jobs > 0 else max(1, available_cores() + 1 + n_jobs)
