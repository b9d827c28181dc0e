"""Plot functions, one module per area: data in, ``ax=None`` in, ``Axes`` out.

=============================  ================================================
module                         figures of
=============================  ================================================
:mod:`toolkit.plots.corpus`    volume over time, sources, lengths, duplicates
:mod:`toolkit.plots.topics`    topic sweeps, top terms, prevalence
:mod:`toolkit.plots.network`   actor co-occurrence graphs and rankings
:mod:`toolkit.plots.timeline`  attention series, bursts, change points, events
=============================  ================================================

Import an area (``from toolkit.plots import topics``) or use a function directly
(``toolkit.plots.<function>``): area modules are imported on first use, so importing
``toolkit.plots`` stays cheap and one area never breaks another. No function here calls
``show()`` or ``savefig()``; save figures with :func:`toolkit.figures.save`, which applies
the house style (``toolkit/house.mplstyle``) recorded by :func:`toolkit.figures.setup`.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

#: The area modules, in the order of the notebooks.
AREAS: tuple[str, ...] = ("corpus", "topics", "network", "timeline")

__all__ = list(AREAS)


def _area(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    """Import an area module, or find a plot function in the area modules, on first use."""
    if name in AREAS:
        return _area(name)
    if name.startswith("_"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = []
    for area in AREAS:
        try:
            module = _area(area)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{area}":
                raise
            continue
        if name in getattr(module, "__all__", ()):
            found.append(getattr(module, name))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AttributeError(f"toolkit.plots.{name} is ambiguous: defined by several areas; "
                             f"use toolkit.plots.<area>.{name} with <area> one of {AREAS}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    names = set(AREAS)
    for area in AREAS:
        try:
            names.update(getattr(_area(area), "__all__", ()))
        except ModuleNotFoundError:
            continue
    return sorted(names)
