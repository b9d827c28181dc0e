"""Save figures byte-reproducibly, with their provenance and a manifest.

Every notebook calls, right after loading its corpus::

    figures.setup(notebook="02-topics", corpus=corpus, parameters={...})

which applies the house style (``toolkit/house.mplstyle``) and records the provenance of
what follows: the notebook, the corpus label and its content fingerprint, the
parameters, the seed and the library versions. Then each figure is written with::

    figures.save(fig, "topics-sweep")   # -> [<out>/topics-sweep.svg, <out>/topics-sweep.png]

Two runs with the same inputs write files with the same SHA-256: metadata holds no
dates or absolute paths, SVG ids are salted with a fixed value, SVG text is written as
paths in a bundled font, and the DPI is fixed. Each file carries its provenance (SVG
``<dc:description>``, PNG ``Description`` text chunk), and ``<out>/manifest.csv`` has one
row per figure file (see :data:`MANIFEST_COLUMNS`).

The output folder is, in order: the ``out`` argument, ``$TOOLKIT_FIGURES_DIR`` (set by
``python -m toolkit figures``), ``figures/`` for the default corpus, or
``figures-<corpus name>/`` for any other, so the default figures are never overwritten by
another corpus. A folder holding figures of another corpus (or of the same notebook on
other content: another date range, an updated file) is never written into unless
``force=True`` (or ``TOOLKIT_FIGURES_FORCE=1``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import logging
import os
import random
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit import _core as _util
from toolkit.cache import atomic_write, fingerprint, versions
from toolkit.style import (
    DIVERGING_CMAP,
    PALETTE,
    SEQUENTIAL_CMAP,
    STYLE_PATH,
    apply_style,
    save_dpi,
    style,
)

logger = logging.getLogger(__name__)

__all__ = [
    "STYLE_PATH", "PALETTE", "SEQUENTIAL_CMAP", "DIVERGING_CMAP", "MANIFEST_COLUMNS",
    "OutputConflictError", "setup", "save", "render", "style", "apply_style", "provenance",
    "output_dir", "read_manifest", "remove_entries", "sha256",
]

#: The corpus whose figures go to ``figures/`` (the others go to ``figures-<name>/``).
DEFAULT_CORPUS = "sotu"
#: Salt for SVG element ids: any fixed value makes ids reproducible.
SVG_HASHSALT = "toolkit-house-style"
#: Figure file formats written by :func:`save`.
Format = Literal["svg", "png"]
FORMATS: tuple[str, ...] = ("svg", "png")
#: Columns of ``manifest.csv``, one row per figure file, sorted by ``file``.
MANIFEST_COLUMNS: tuple[str, ...] = (
    "file", "figure", "format", "notebook", "corpus", "corpus_fingerprint", "n_documents",
    "parameters", "seed", "python", "numpy", "pandas", "scipy", "gensim", "nltk", "networkx",
    "matplotlib", "pillow", "toolkit", "toolkit_source", "bytes", "sha256",
)
MANIFEST = "manifest.csv"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ENV_OUT, _ENV_FORCE, _ENV_RUNLOG = "TOOLKIT_FIGURES_DIR", "TOOLKIT_FIGURES_FORCE", \
    "TOOLKIT_FIGURES_RUNLOG"

# what setup() recorded: the provenance of every figure saved after it
_STATE: dict[str, Any] = {}


class OutputConflictError(RuntimeError):
    """The output folder holds figures made from a different corpus."""


# --------------------------------------------------------------------------- provenance


def _corpus_label(corpus: Any) -> str:
    if corpus is None:
        return ""
    text = str(corpus)
    path = Path(text)
    if path.is_absolute():
        # keep provenance free of machine-specific prefixes where we can
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(_util.project_dir()).as_posix()
    return text


def _slug(text: str) -> str:
    stem = Path(text.rstrip("/")).name
    for suffix in (".parquet", ".csv", ".tsv", ".jsonl", ".ndjson", ".json"):
        stem = stem.removesuffix(suffix)
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", stem).strip("_.") or "corpus"


def output_dir(corpus: str | None = None, *, out: str | Path | None = None) -> Path:
    """Return the folder figures are written to.

    ``out`` if given, else ``$TOOLKIT_FIGURES_DIR``, else ``figures/`` for the default
    corpus (or none), else ``figures-<corpus name>/`` beside it.

    Examples
    --------
    >>> output_dir("sotu", out="/tmp/x").as_posix()
    '/tmp/x'
    """
    if out is not None:
        return Path(out)
    env = os.environ.get(_ENV_OUT, "").strip()
    if env:
        return Path(env)
    if corpus in (None, "", DEFAULT_CORPUS):
        return _util.project_dir() / "figures"
    return _util.project_dir() / f"figures-{_slug(str(corpus))}"


def _json_safe(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, Path):
        return _corpus_label(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(_json_safe(value), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True)


def setup(notebook: str, corpus: pd.DataFrame | None = None,
          parameters: Mapping[str, Any] | None = None, *, out: str | Path | None = None,
          force: bool | None = None, seed_globals: bool = True) -> dict[str, Any]:
    """Apply the house style and record the provenance of the figures saved next.

    Parameters
    ----------
    notebook
        Name of the notebook (or script) making the figures, e.g. ``"02-topics"``.
    corpus
        The Corpus table the figures are made from; its content fingerprint goes into
        the provenance and guards the output folder.
    parameters
        The notebook's parameters cell as a dict (``corpus``, ``seed``, ``start``, ...).
    out
        Output folder; default :func:`output_dir` of ``parameters["corpus"]``.
    force
        Write into a folder made from a different corpus, deleting that corpus's
        figures there. Default: ``TOOLKIT_FIGURES_FORCE=1`` in the environment.
    seed_globals
        Also seed Python's and numpy's global random generators with
        ``parameters["seed"]``: a safety net for library code that ignores ``seed``.

    Returns
    -------
    dict
        The provenance recorded (also embedded in each file and the manifest).

    Raises
    ------
    OutputConflictError
        The output folder's manifest records figures made from a different corpus.

    Examples
    --------
    >>> import tempfile
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Peace."]})
    >>> info = setup("00-demo", corpus, {"corpus": "sample", "seed": 1}, out=tempfile.mkdtemp())
    >>> info["notebook"], info["seed"], info["n_documents"], len(info["corpus_fingerprint"])
    ('00-demo', 1, 1, 64)
    >>> import matplotlib as mpl; mpl.rcdefaults()
    """
    if not isinstance(notebook, str) or not notebook.strip():
        raise ValueError(f"notebook={notebook!r} is invalid; must be the notebook's name, "
                         "e.g. '02-topics'")
    if corpus is not None and not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"corpus must be the Corpus DataFrame (or None), not "
                        f"{type(corpus).__name__}")
    if parameters is not None and not isinstance(parameters, Mapping):
        raise TypeError(f"parameters must be a dict of the parameters cell, not "
                        f"{type(parameters).__name__}")
    params = dict(parameters or {})
    label = _corpus_label(params.get("corpus"))
    folder = output_dir(label, out=out)
    if force is None:
        force = os.environ.get(_ENV_FORCE, "").strip().lower() in {"1", "true", "yes"}
    info = {
        "notebook": notebook,
        "corpus": label,
        "corpus_fingerprint": fingerprint(corpus) if corpus is not None else "",
        "n_documents": int(len(corpus)) if corpus is not None else 0,
        "parameters": _json_safe(params),
        "seed": _json_safe(params.get("seed")),
        "versions": dict(versions()),
    }
    if info["corpus_fingerprint"]:
        _guard(folder, info, force=bool(force))
    apply_style()
    if seed_globals and isinstance(info["seed"], int):
        random.seed(info["seed"])
        np.random.seed(info["seed"] % 2**32)
    _STATE.clear()
    _STATE.update(info, out=folder)
    logger.info("figures: %s on %s (%d documents, fingerprint %s) -> %s", notebook,
                label or "no corpus", info["n_documents"],
                info["corpus_fingerprint"][:12] or "-", folder)
    return dict(info)


def provenance() -> dict[str, Any]:
    """Return the provenance recorded by the last :func:`setup` (empty before it).

    Examples
    --------
    >>> isinstance(provenance(), dict)
    True
    """
    return {k: v for k, v in _STATE.items() if k != "out"}


def _guard(folder: Path, info: Mapping[str, Any], *, force: bool) -> None:
    """Refuse to mix corpora in one folder.

    Conflicts: figures of another corpus (by name), or figures of this same notebook made
    from different content (another date range, an updated corpus file). Notebooks may
    legitimately pass different tables of one corpus (documents, paragraphs), so other
    notebooks' fingerprints are not compared.
    """
    manifest = read_manifest(folder)
    if manifest.empty:
        return
    other = manifest[(manifest["corpus"] != info["corpus"]) | (
        (manifest["notebook"] == info["notebook"])
        & (manifest["corpus_fingerprint"] != info["corpus_fingerprint"]))]
    if other.empty:
        return
    corpora = ", ".join(sorted({f"{c or '?'} ({f[:12]})" for c, f in
                                zip(other["corpus"], other["corpus_fingerprint"])}))
    if not force:
        raise OutputConflictError(
            f"{folder} holds {len(other)} figure files made from other corpus content "
            f"[{corpora}] than this run of {info['notebook']} [{info['corpus'] or '?'} "
            f"({info['corpus_fingerprint'][:12]})]; write elsewhere (out=..., "
            f"TOOLKIT_FIGURES_DIR or --out DIR) or replace them (force=True, --force)")
    logger.warning("figures: replacing %d figure files of %s in %s", len(other), corpora,
                   folder)
    remove_entries(folder, other["file"].tolist())


# --------------------------------------------------------------------------- saving


def sha256(path_or_bytes: str | Path | bytes) -> str:
    """Return the SHA-256 hex digest of a file or of bytes.

    Examples
    --------
    >>> sha256(b"")[:12]
    'e3b0c44298fc'
    """
    if isinstance(path_or_bytes, (bytes, bytearray)):
        return hashlib.sha256(path_or_bytes).hexdigest()
    return hashlib.sha256(Path(path_or_bytes).read_bytes()).hexdigest()


def render(fig: Any, fmt: Format = "svg", *, metadata: Mapping[str, Any] | None = None,
           dpi: float | None = None) -> bytes:
    """Render a figure to reproducible bytes (no dates, fixed ids, text as paths).

    Parameters
    ----------
    fig
        A matplotlib ``Figure``.
    fmt
        ``"svg"`` or ``"png"``.
    metadata
        Extra metadata (SVG: Dublin Core keys such as ``Title``, ``Description``;
        PNG: text chunks). Dates and the matplotlib version string are always removed.
    dpi
        Resolution for PNG; default the house style's ``savefig.dpi``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); _ = fig.add_subplot().plot([1, 3, 2])
    >>> render(fig, "svg") == render(fig, "svg")
    True
    >>> render(fig, "png")[:4]
    b'\\x89PNG'
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    _util.check_choice("fmt", fmt, FORMATS)
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, not {type(fig).__name__} "
                        "(for an Axes pass ax.figure)")
    # None removes an entry, including matplotlib's defaults that name its version
    meta: dict[str, Any] = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    meta.update(metadata or {})
    buf = io.BytesIO()
    # enforced whatever style is active: these decide whether the bytes are stable
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        fig.savefig(buf, format=fmt, metadata=meta, dpi=dpi if dpi is not None else save_dpi())
    return buf.getvalue()


def save(fig: Any, name: str, *, formats: Sequence[Format] = FORMATS,
         out: str | Path | None = None, close: bool = False) -> list[Path]:
    """Write ``fig`` as ``<out>/<name>.svg`` and ``.png`` and record them in the manifest.

    Parameters
    ----------
    fig
        A matplotlib ``Figure`` (for an ``Axes`` pass ``ax.figure``).
    name
        File name without extension: letters, digits, ``-``, ``_``, ``.``; e.g.
        ``"topics-sweep"``.
    formats
        Which of ``"svg"``, ``"png"`` to write.
    out
        Output folder; default the one chosen by :func:`setup`.
    close
        Close the figure after saving (off: the caller owns the figure).

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile, matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> folder = tempfile.mkdtemp()
    >>> _ = setup("00-demo", pd.DataFrame({"text": ["x"]}), {"corpus": "sample"}, out=folder)
    >>> fig = Figure(); _ = fig.add_subplot().bar(["a", "b"], [3, 1])
    >>> [p.name for p in save(fig, "demo-bars")]
    ['demo-bars.svg', 'demo-bars.png']
    >>> read_manifest(folder)[["file", "notebook", "corpus"]].values.tolist()
    [['demo-bars.png', '00-demo', 'sample'], ['demo-bars.svg', '00-demo', 'sample']]
    >>> matplotlib.rcdefaults()
    """
    if not _STATE:
        raise RuntimeError("call figures.setup(notebook=..., corpus=..., parameters=...) "
                           "before figures.save(), so each figure records where it came from")
    if not isinstance(name, str) or not _NAME.match(name) or name.endswith(FORMATS):
        raise ValueError(f"name={name!r} is invalid; must be a file name without extension "
                         "(letters, digits, '-', '_', '.'), e.g. 'topics-sweep'")
    if isinstance(formats, str):
        formats = (formats,)
    for fmt in formats:
        _util.check_choice("formats", fmt, FORMATS)
    folder = Path(out) if out is not None else Path(_STATE["out"])
    folder.mkdir(parents=True, exist_ok=True)
    info = provenance()
    versions_ = info["versions"]
    creator = f"toolkit {versions_['toolkit']} with matplotlib {versions_['matplotlib']}"
    written, rows = [], []
    for fmt in formats:
        file = f"{name}.{fmt}"
        described = _dumps({**info, "figure": name, "file": file})
        meta = ({"Title": name, "Creator": creator, "Description": described} if fmt == "svg"
                else {"Title": name, "Software": creator, "Description": described})
        data = render(fig, fmt, metadata=meta)
        path = atomic_write(folder / file, data)
        written.append(path)
        rows.append({
            "file": file, "figure": name, "format": fmt, "notebook": info["notebook"],
            "corpus": info["corpus"], "corpus_fingerprint": info["corpus_fingerprint"],
            "n_documents": info["n_documents"], "parameters": _dumps(info["parameters"]),
            "seed": "" if info["seed"] is None else str(info["seed"]),
            **{k: versions_.get(k, "") for k in MANIFEST_COLUMNS if k in versions_},
            "bytes": len(data), "sha256": sha256(data),
        })
    _update_manifest(folder, rows)
    runlog = os.environ.get(_ENV_RUNLOG)
    if runlog:
        with open(runlog, "a", encoding="utf-8") as f:
            f.write("".join(f"{row['file']}\n" for row in rows))
    logger.info("figures: wrote %s", ", ".join(str(p) for p in written))
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return written


# --------------------------------------------------------------------------- manifest


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".manifest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def read_manifest(folder: str | Path | None = None) -> pd.DataFrame:
    """Read ``<folder>/manifest.csv`` (empty table with :data:`MANIFEST_COLUMNS` if absent).

    Examples
    --------
    >>> import tempfile
    >>> read_manifest(tempfile.mkdtemp()).columns[:3].tolist()
    ['file', 'figure', 'format']
    """
    path = Path(folder if folder is not None else output_dir()) / MANIFEST
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype=str) for c in MANIFEST_COLUMNS})
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("n_documents", "bytes"):
        if col in table:
            table[col] = pd.to_numeric(table[col]).astype("int64")
    return table


def _write_manifest(folder: Path, table: pd.DataFrame) -> None:
    table = table.reindex(columns=list(MANIFEST_COLUMNS)).fillna("")
    table = table.sort_values("file", kind="stable").reset_index(drop=True)
    atomic_write(folder / MANIFEST, table.to_csv(index=False, lineterminator="\n").encode())


def _update_manifest(folder: Path, rows: list[dict[str, Any]]) -> None:
    with _locked(folder):
        table = read_manifest(folder)
        table = table[~table["file"].isin([r["file"] for r in rows])]
        new = pd.DataFrame(rows, columns=list(MANIFEST_COLUMNS))
        _write_manifest(folder, pd.concat([table.astype(object), new.astype(object)],
                                          ignore_index=True))


def remove_entries(folder: str | Path, files: Sequence[str]) -> int:
    """Delete figure files and their manifest rows; return how many rows were removed.

    Used to drop figures a notebook no longer makes, or another corpus's figures.

    Examples
    --------
    >>> import tempfile
    >>> remove_entries(tempfile.mkdtemp(), ["gone.svg"])
    0
    """
    folder = Path(folder)
    with _locked(folder):
        table = read_manifest(folder)
        drop = table["file"].isin(list(files))
        for file in table.loc[drop, "file"]:
            with contextlib.suppress(FileNotFoundError):
                (folder / file).unlink()
        if drop.any():
            _write_manifest(folder, table[~drop])
    return int(drop.sum())
