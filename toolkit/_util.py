"""Shared helpers: project paths, the default seed, argument checks.

One source of truth for each of these facts; every module imports them from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

#: Root of the project checkout (the folder holding ``pyproject.toml``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Shipped corpora, the corpus format spec, the events file.
CORPUS_DIR = PROJECT_ROOT / "corpus"
#: Where ``make figures`` writes figures and the manifest.
FIGURES_DIR = PROJECT_ROOT / "figures"
#: On-disk cache of expensive steps (topic models, ...); override with ``TOOLKIT_CACHE``.
CACHE_DIR = Path(os.environ.get("TOOLKIT_CACHE", PROJECT_ROOT / ".cache"))
#: Data shared beside the repository (the UN General Debate corpus); override with
#: ``TOOLKIT_SHARED``.
SHARED_DIR = Path(os.environ.get("TOOLKIT_SHARED", PROJECT_ROOT.parent / "shared"))
#: The UN General Debate corpus used by tests and benchmarks.
UNGDC_PARQUET = SHARED_DIR / "data" / "ungdc" / "ungdc-1946-2024.parquet"

#: The seed every random step uses unless told otherwise.
DEFAULT_SEED = 2015


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> None:
    """Raise a ``ValueError`` naming the argument when ``value`` is not one of ``choices``.

    Examples
    --------
    >>> check_choice("unit", "sentence", ["sentence", "document"])
    >>> check_choice("unit", "page", ["sentence", "document"])
    Traceback (most recent call last):
    ...
    ValueError: unit='page' is invalid; must be one of 'sentence', 'document'
    """
    choices = list(choices)
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name}={value!r} is invalid; must be one of {allowed}")


def random_state(seed: int | np.random.Generator | None = None) -> np.random.Generator:
    """Turn a seed into a numpy ``Generator`` (``None`` means :data:`DEFAULT_SEED`).

    Examples
    --------
    >>> int(random_state(1).integers(100)) == int(random_state(1).integers(100))
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        seed = DEFAULT_SEED
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int or numpy Generator, not {type(seed).__name__}")
    return np.random.default_rng(int(seed))
