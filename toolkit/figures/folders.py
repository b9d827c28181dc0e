"""Where figures go: one rule for ``make figures``, scripts and JupyterLab, and where never.

The output folder is, in order:

1. the ``out`` argument (``--out DIR`` on the command line, ``make figures OUT=DIR``);
2. ``$TOOLKIT_FIGURES_DIR`` (set by ``python -m toolkit figures`` for the notebooks it runs);
3. in an interactive Jupyter kernel (JupyterLab; not one started by ``python -m toolkit
   figures``): ``figures-lab/`` in the project (``figures-lab-<corpus>/`` for a corpus
   other than the default), a scratch folder, never ``figures/``;
4. else a folder in the researcher's project (:func:`toolkit._core.project_dir`, never
   inside the installed package) named after the corpus (:func:`folder_name`):
   ``figures/`` for the default corpus with its default parameters, ``figures-<corpus
   name>/`` otherwise (``figures-my-news/`` for ``corpus/my-news.csv``). The parameters
   are recorded in the manifest (columns ``parameters`` and ``overrides``), not in the
   folder name. When that folder already holds figures of another corpus or of other
   parameters, the next free name is used (``figures-my-news-2/``), so a run never writes
   over a folder made with other parameters.

Whatever the rule chose, :func:`check_output_dir` refuses a folder that is, contains, or
lies inside the project's ``notebooks/``, the project's ``corpus/``, the corpus being
read, or the toolkit package (``OUT=.`` would put executed notebooks over
``notebooks/``); the error names the folder and says why.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import json
import logging
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from toolkit._core import DEFAULT_SEED, project_dir

logger = logging.getLogger(__name__)

__all__ = [
    "COMMON_DEFAULTS",
    "DEFAULT_CORPUS",
    "LAB_FOLDER",
    "OutputFolderError",
    "STAGING_PREFIX",
    "changed_parameters",
    "check_output_dir",
    "folder_name",
    "in_lab",
    "notebook_defaults",
    "output_dir",
    "overrides_text",
    "parameters_cell",
    "shown",
]

#: The corpus whose figures go to ``figures/`` (the others go to ``figures-<name>/``).
DEFAULT_CORPUS = "sotu"
#: The parameters every notebook's parameters cell starts with, and their defaults.
COMMON_DEFAULTS: Mapping[str, Any] = {"corpus": DEFAULT_CORPUS, "seed": DEFAULT_SEED,
                                      "start": None, "end": None}
#: The folder of interactive runs (JupyterLab) of the default corpus.
LAB_FOLDER = "figures-lab"
_ENV_OUT = "TOOLKIT_FIGURES_DIR"
#: ``python -m toolkit figures`` gives each notebook a folder ``<out>/.staging.<pid>.<x>/``,
#: whose files it moves into ``<out>`` when the notebook has run.
STAGING_PREFIX = ".staging."
_BASE = "figures"
_SHIPPED = ("sample", "sotu", "ungdc")
#: How many numbered names (``figures-x-2`` ...) are tried before giving up.
_MAX_TRIES = 100


class OutputFolderError(ValueError):
    """An output folder the toolkit will not write into; the message says why."""


def _corpus_label(corpus: Any) -> str:
    """The corpus as recorded in provenance: a path relative to the project where possible."""
    if corpus is None:
        return ""
    text = str(corpus)
    path = Path(text)
    if path.is_absolute():
        # keep provenance free of machine-specific prefixes where we can
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(project_dir()).as_posix()
    return text


def _slug(text: str) -> str:
    stem = Path(text.rstrip("/")).name
    for suffix in (".parquet", ".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".txt"):
        stem = stem.removesuffix(suffix)
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", stem).strip("_.") or "corpus"


def _plain(value: Any) -> Any:
    """A JSON-ready copy: tuples as lists, numpy numbers as numbers, the rest as text."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        with contextlib.suppress(Exception):
            return _plain(value.item())
    return str(value)


def overrides_text(parameters: Mapping[str, Any] | None) -> str:
    """Return the manifest's ``overrides`` value: the changed parameters as sorted JSON.

    ``corpus`` is left out (it has its own column).

    Examples
    --------
    >>> overrides_text({"start": "2000", "corpus": "x", "grid": (5, 10)})
    '{"grid":[5,10],"start":"2000"}'
    >>> overrides_text(None)
    '{}'
    """
    params = {k: v for k, v in (parameters or {}).items() if k != "corpus"}
    return json.dumps(_plain(params), sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def folder_name(corpus: str | None = None, parameters: Mapping[str, Any] | None = None, *,
                lab: bool = False) -> str:
    """Return the name of the figures folder of a corpus (before any numbering).

    Parameters
    ----------
    corpus
        A shipped corpus name or a path; ``None`` or ``""`` is the default corpus.
    parameters
        The parameters that differ from their defaults (``corpus`` is ignored). They do not
        appear in the name; any change keeps the default corpus out of ``figures/``.
    lab
        The folder of interactive runs (``figures-lab``...).

    Examples
    --------
    >>> folder_name("sotu"), folder_name(None), folder_name("sotu", {"num_topics": 30})
    ('figures', 'figures', 'figures-sotu')
    >>> folder_name("/data/my-news.csv"), folder_name("corpus/my-news.csv", {"seed": 1})
    ('figures-my-news', 'figures-my-news')
    >>> folder_name("sotu", lab=True), folder_name("corpus/my-news.csv", lab=True)
    ('figures-lab', 'figures-lab-my-news')
    """
    params = {k: v for k, v in (parameters or {}).items() if k != "corpus"}
    corpus = corpus or DEFAULT_CORPUS
    base = LAB_FOLDER if lab else _BASE
    if corpus == DEFAULT_CORPUS and (lab or not params):
        return base
    return f"{base}-{_slug(str(corpus))}"


def in_lab() -> bool:
    """Return whether this process is an interactive Jupyter kernel (not the figure runner).

    A kernel started by ``python -m toolkit figures`` has ``$TOOLKIT_FIGURES_DIR`` set and
    is not interactive.

    Examples
    --------
    >>> in_lab()
    False
    """
    if os.environ.get(_ENV_OUT, "").strip():
        return False
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _protected(corpus: str | Path | None, notebooks_dir: str | Path | None
               ) -> list[tuple[Path, str]]:
    root = project_dir()
    places = [(root / "notebooks", "the project's notebooks/ folder"),
              (root / "corpus", "the project's corpus/ folder"),
              (Path(__file__).resolve().parents[1], "the toolkit package")]
    if notebooks_dir is not None:
        places.append((Path(notebooks_dir), "the notebooks being run"))
    if corpus is not None and str(corpus) not in _SHIPPED and str(corpus):
        places.append((Path(corpus).expanduser(), "the corpus being read"))
    return [(p.resolve(), what) for p, what in places]


def check_output_dir(folder: str | Path, *, corpus: str | Path | None = None,
                     notebooks_dir: str | Path | None = None) -> Path:
    """Refuse an output folder that is, contains or is inside a place never written to.

    Those places are the project's ``notebooks/`` and ``corpus/``, the notebooks being run,
    the corpus being read and the toolkit package. Symlinks are followed, so a link to
    ``notebooks/`` is refused too.

    Returns
    -------
    Path
        ``folder``, as given.

    Raises
    ------
    OutputFolderError
        Naming the folder, the place and what to do.

    Examples
    --------
    >>> check_output_dir(project_dir() / "figures-x").name
    'figures-x'
    >>> check_output_dir(project_dir())
    Traceback (most recent call last):
    ...
    toolkit.figures.folders.OutputFolderError: output folder ... contains the project's notebooks/ folder ...
    """
    path = Path(folder).expanduser()
    target = path.resolve()
    for place, what in _protected(corpus, notebooks_dir):
        relation = ("is" if target == place else "contains" if place.is_relative_to(target)
                    else "is inside" if target.is_relative_to(place) else "")
        if relation:
            raise OutputFolderError(
                f"output folder {str(folder)!r} ({target}) {relation} {what} ({place}); "
                "figures and executed notebooks would be written there. Choose a folder of "
                "its own, e.g. --out figures-mine (make figures OUT=figures-mine)")
    return Path(folder)


def _folder_runs(folder: Path) -> set[tuple[str, str]] | None:
    """The (corpus, overrides) pairs recorded in a folder's manifest; an empty set for a
    folder that does not exist or is empty; ``None`` for a folder that is not ours."""
    if not folder.exists():
        return set()
    manifest = folder / "manifest.csv"
    if not manifest.is_file():
        # the executed notebooks of a run whose notebooks all failed are ours too
        visible = [p for p in folder.iterdir() if not p.name.startswith(".")
                   and not (p.name == "notebooks" and p.is_dir() and not p.is_symlink())]
        return set() if folder.is_dir() and not visible else None
    try:
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if rows and not {"file", "corpus"} <= set(rows[0]):
        return None
    return {(r.get("corpus") or "", r.get("overrides") or "{}") for r in rows}


def _label(corpus: str | None) -> str:
    """The corpus label the notebooks record for ``corpus`` (see :func:`_corpus_label`)."""
    corpus = corpus or DEFAULT_CORPUS
    if corpus in _SHIPPED:
        return corpus
    path = Path(corpus).expanduser()
    return _corpus_label(path.resolve()) if path.exists() else corpus


def output_dir(corpus: str | None = None, parameters: Mapping[str, Any] | None = None, *,
               out: str | Path | None = None) -> Path:
    """Return the folder figures are written to (the one rule; see the module notes).

    ``out`` if given, else ``$TOOLKIT_FIGURES_DIR``, else ``figures-lab[-<corpus>]/`` in
    an interactive kernel, else ``<project>/`` :func:`folder_name` ``(corpus,
    parameters)``, numbered (``-2``, ``-3``...) when that folder holds figures of another
    corpus or of other parameters. The folder is checked with :func:`check_output_dir`.

    Parameters
    ----------
    corpus
        A shipped corpus name or a path.
    parameters
        The parameters that differ from their defaults: the ``-p`` values of
        ``python -m toolkit figures``, or :func:`changed_parameters` of a notebook.
    out
        An explicit folder, returned as given (after the check).

    Raises
    ------
    OutputFolderError
        The folder is refused (see :func:`check_output_dir`), or a hundred numbered names
        are all taken.

    Examples
    --------
    >>> output_dir("sotu", out="/tmp/x").as_posix()
    '/tmp/x'
    """
    if out is not None:
        return check_output_dir(out, corpus=corpus)
    env = os.environ.get(_ENV_OUT, "").strip()
    if env:
        return check_output_dir(env, corpus=corpus)
    if in_lab():
        return check_output_dir(project_dir() / folder_name(corpus, lab=True), corpus=corpus)
    name = folder_name(corpus, parameters)
    wanted = (_label(corpus), overrides_text(parameters))
    for n in range(1, _MAX_TRIES + 1):
        candidate = project_dir() / (name if n == 1 else f"{name}-{n}")
        runs = _folder_runs(candidate)
        if runs is not None and runs <= {wanted}:
            if n > 1:
                logger.info("figures: %s holds figures of other parameters or another corpus; "
                            "writing to %s", project_dir() / name, candidate)
            return check_output_dir(candidate, corpus=corpus)
    raise OutputFolderError(f"{project_dir() / name} and {_MAX_TRIES - 1} numbered folders "
                            "beside it hold other figures; choose a folder with --out")


def parameters_cell(path: str | Path) -> dict[str, Any]:
    """Return the values of a notebook's cell tagged ``parameters``, read without running it.

    A value that is not a literal reads as ``...`` (it counts as any value).

    Raises ``ValueError`` naming the notebook when it cannot be read.

    Examples
    --------
    >>> parameters_cell(project_dir() / "notebooks" / "01-corpus.ipynb")["corpus"]
    'sotu'
    """
    path = Path(path)
    found: dict[str, Any] = {}
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        for cell in cells:
            if "parameters" not in cell.get("metadata", {}).get("tags", []):
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for node in ast.parse(source).body:
                if isinstance(node, (ast.Assign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name) and node.value is not None:
                            try:
                                found[target.id] = ast.literal_eval(node.value)
                            except (ValueError, TypeError, SyntaxError):
                                found[target.id] = ...
    except (OSError, ValueError, SyntaxError, AttributeError) as exc:
        raise ValueError(f"cannot read the parameters cell of {path} ({type(exc).__name__}: "
                         f"{exc})") from None
    return found


def _notebook_file(notebook: str) -> Path | None:
    for folder in (Path.cwd(), project_dir() / "notebooks"):
        path = folder / f"{notebook}.ipynb"
        if path.is_file():
            return path
    return None


def notebook_defaults(notebook: str) -> dict[str, Any]:
    """Return the values of a notebook's parameters cell, over :data:`COMMON_DEFAULTS`.

    The notebook is ``<notebook>.ipynb`` in the working directory or in the project's
    ``notebooks/``; its cell tagged ``parameters`` is read without running it
    (:func:`parameters_cell`). Without such a notebook (a script), the common defaults.

    Examples
    --------
    >>> notebook_defaults("00-no-such-notebook")["seed"]
    2015
    """
    defaults = dict(COMMON_DEFAULTS)
    path = _notebook_file(notebook)
    if path is None:
        return defaults
    try:
        defaults.update(parameters_cell(path))
    except ValueError as exc:
        logger.warning("figures: %s", exc)
    return defaults


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except (TypeError, ValueError):  # arrays and other values without one truth value
        return False


def changed_parameters(notebook: str, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Return the parameters that differ from the notebook's parameters cell (not ``corpus``).

    Parameters the cell does not define count as changed.

    Examples
    --------
    >>> changed_parameters("00-no-such-notebook", {"corpus": "ungdc", "seed": 2015,
    ...                                           "start": "2000", "end": None})
    {'start': '2000'}
    """
    defaults = notebook_defaults(notebook)
    return {k: v for k, v in parameters.items()
            if k != "corpus" and (k not in defaults
                                  or (defaults[k] is not ... and not _same(v, defaults[k])))}


def shown(path: str | Path) -> Path:
    """Where the reader finds ``path`` after the run: without the staging folder (see
    :data:`STAGING_PREFIX`), which is gone when the executed notebook is read.

    Examples
    --------
    >>> str(shown("/work/figures/.staging.123.ab1/topics-map.svg")), str(shown("f/a.svg"))
    ('/work/figures/topics-map.svg', 'f/a.svg')
    """
    path = Path(path)
    return Path(*[part for part in path.parts if not part.startswith(STAGING_PREFIX)])
