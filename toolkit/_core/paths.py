"""Where things are: the package's own data, the researcher's project, the shared corpora.

Two kinds of location, never mixed:

* **Package data** (actor dictionary, stopwords, style sheet, the sample corpus, events
  lists) is read through :mod:`importlib.resources`, so it is found the same way from a
  source checkout, an editable install or a wheel in ``site-packages``.
* **The researcher's project** is where everything the toolkit *writes* goes (figures,
  the cache) and where relative corpus paths are read from: ``$TOOLKIT_PROJECT`` when set,
  else the nearest folder at or above the working directory that holds ``pyproject.toml``
  or ``.git``, else the working directory itself. It is never inside the installed package.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["data_path", "project_dir", "shared_dir", "ungdc_parquet", "UNGDC_PARQUET"]

_MARKERS = ("pyproject.toml", ".git")


def data_path(*parts: str) -> Path:
    """Return the path of a file or folder shipped in ``toolkit/data``.

    Examples
    --------
    >>> data_path("actors").is_dir()
    True
    >>> data_path("house.mplstyle").name
    'house.mplstyle'
    """
    root = resources.files("toolkit") / "data"
    for part in parts:
        root = root / part
    # the toolkit is installed as files (never zipped), so the resource is a real path
    return Path(str(root))


def project_dir() -> Path:
    """Return the researcher's project folder (see the module notes for the rule).

    Examples
    --------
    >>> project_dir().is_dir()
    True
    """
    env = os.environ.get("TOOLKIT_PROJECT")
    if env:
        return Path(env).expanduser().resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in _MARKERS):
            return folder
    return here


def shared_dir() -> Path:
    """Return the folder of shared corpora: ``$TOOLKIT_SHARED``, else ``shared/`` beside the
    project folder, else beside the source checkout the toolkit was imported from."""
    env = os.environ.get("TOOLKIT_SHARED")
    if env:
        return Path(env).expanduser()
    candidates = [project_dir().parent / "shared",
                  Path(__file__).resolve().parents[3] / "shared"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def ungdc_parquet() -> Path:
    """Return where the UN General Debate corpus is expected (it may be absent)."""
    return shared_dir() / "data" / "ungdc" / "ungdc-1946-2024.parquet"


#: The UN General Debate corpus used by tests and benchmarks (resolved at import).
UNGDC_PARQUET = ungdc_parquet()
