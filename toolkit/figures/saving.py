"""Byte-reproducible figure files: :func:`render`, :func:`save` and :func:`sha256`.

Each figure is written with::

    figures.save(fig, "topics-sweep")   # -> <out>/topics-sweep.svg, .png and .txt (caption)

Two runs with the same inputs write files with the same SHA-256: metadata holds no
dates or absolute paths, SVG ids are salted with a fixed value, SVG text is written as
paths in a bundled font, and the DPI is fixed. Each file carries its provenance (SVG
``<dc:description>``, PNG ``Description`` text chunk, with the caption) and gets a row in
``<out>/manifest.csv``; the caption (:mod:`toolkit.figures.captions`) is also written as
``<name>.txt``. :func:`save_artifact` writes other files (an HTML explorer) by the same
rules.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from toolkit._core.checks import check_choice, check_type
from toolkit.cache import atomic_write
from toolkit.figures.captions import caption, without_titles
from toolkit.figures.folders import shown
from toolkit.figures.manifest import MANIFEST_COLUMNS, _update_manifest, check_replace
from toolkit.figures.session import _STATE, _dumps, provenance
from toolkit.style import save_dpi

logger = logging.getLogger(__name__)

__all__ = ["FORMATS", "Format", "SVG_HASHSALT", "SavedFigure", "SavedFile", "render", "save",
           "save_artifact", "sha256"]

#: Salt for SVG element ids: any fixed value makes ids reproducible.
SVG_HASHSALT = "toolkit-house-style"
#: Figure file formats written by :func:`save`.
Format = Literal["svg", "png"]
FORMATS: tuple[str, ...] = ("svg", "png")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ARTIFACT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*)\.([A-Za-z0-9]+)$")
_ENV_RUNLOG = "TOOLKIT_FIGURES_RUNLOG"
_ENV_FORCE = "TOOLKIT_FIGURES_FORCE"


def _forced() -> bool:
    return os.environ.get(_ENV_FORCE, "").strip().lower() in {"1", "true", "yes"}


def _show_saved(fig: Any, png: bytes) -> bool:
    """In a headless run (``make figures``), show the PNG just written and close ``fig``.

    Jupyter's inline backend would otherwise draw every open figure once more at the end
    of the cell, for the executed notebook: notebook 04 on sotu 2000-2012 took 15.0-15.7
    CPU s with that draw, 9.9-11.6 with no backend to show figures; now it costs what a
    run without a backend costs, within their spread (``python -m bench.overheads``: 8-11
    CPU s for either over several runs today). The executed notebook
    shows the saved file itself, at the size the inline backend used. Returns whether it
    did; interactive sessions (JupyterLab) keep their figures as they were.
    """
    import matplotlib

    if not os.environ.get(_ENV_RUNLOG) or "inline" not in matplotlib.get_backend():
        return False
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:
        return False
    if get_ipython() is None:
        return False
    import matplotlib.pyplot as plt

    display(Image(data=png, width=round(fig.get_figwidth() * fig.dpi)))
    plt.close(fig)
    return True


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

    check_choice("fmt", fmt, FORMATS)
    check_type("fig", fig, Figure, "a matplotlib Figure (for an Axes pass ax.figure)")
    # None removes an entry, including matplotlib's defaults that name its version
    meta: dict[str, Any] = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    meta.update(metadata or {})
    buf = io.BytesIO()
    # enforced whatever style is active: these decide whether the bytes are stable
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        fig.savefig(buf, format=fmt, metadata=meta, dpi=dpi if dpi is not None else save_dpi())
    return buf.getvalue()


#: The order :func:`save` renders in: the PNG first, whose layout the SVG then reuses.
_RENDER_ORDER = ("png", "svg")


@contextlib.contextmanager
def _one_layout(fig: Any) -> Iterator[None]:
    """Inside the block, :func:`_freeze_layout` may keep ``fig``'s layout as it is; the
    figure's layout engine (constrained layout in the house style) is back afterwards.

    :func:`save` lays the figure out once, for the PNG at the house DPI, and writes the
    SVG with the same positions: the two files show the same layout (laid out again at the
    SVG's 72 dpi, labels could move by a fraction of a point), and the layout, about half
    of each render of a figure of many panels, is not computed twice (a 3 x 4 grid of
    titled panels: 1.5-2.2 -> 1.2-1.5 CPU s per save, ``python -m bench.overheads``).
    """
    engine = fig.get_layout_engine()
    try:
        yield
    finally:
        if engine is not None and fig.get_layout_engine() is not engine:
            fig.set_layout_engine(engine)


def _freeze_layout(fig: Any) -> None:
    """Keep the positions of ``fig``'s last draw: its next draws lay nothing out."""
    if fig.get_layout_engine() is not None:
        fig.set_layout_engine("none")


def _check_save(fig: Any, name: Any, formats: Any) -> tuple[str, ...]:
    from matplotlib.figure import Figure

    if not _STATE:
        raise RuntimeError("call figures.setup(notebook=..., corpus=..., parameters=...) "
                           "before figures.save(), so each figure records where it came from")
    check_type("fig", fig, Figure, "a matplotlib Figure (for an Axes pass ax.figure)")
    check_type("name", name, str, "a file name without extension, e.g. 'topics-sweep'")
    if not _NAME.match(name) or name.endswith(FORMATS):
        raise ValueError(f"name={name!r} is invalid; must be a file name without extension "
                         "(letters, digits, '-', '_', '.'), e.g. 'topics-sweep'")
    formats = (formats,) if isinstance(formats, str) else tuple(formats)
    for fmt in formats:
        check_choice("formats", fmt, FORMATS)
    return formats


def _manifest_row(info: Mapping[str, Any], name: str, fmt: str, data: bytes,
                  caption_text: str = "") -> dict[str, Any]:
    versions = info["versions"]
    return {
        "file": f"{name}.{fmt}", "figure": name, "format": fmt, "notebook": info["notebook"],
        "corpus": info["corpus"], "corpus_fingerprint": info["corpus_fingerprint"],
        "n_documents": info["n_documents"], "parameters": _dumps(info["parameters"]),
        "seed": "" if info["seed"] is None else str(info["seed"]),
        **{k: versions.get(k, "") for k in MANIFEST_COLUMNS if k in versions},
        "lock": info.get("lock", ""),
        "bytes": len(data), "sha256": sha256(data), "caption": caption_text,
    }


class SavedFigure(list):
    """The files :func:`save` wrote (a list of Path), with a one-line repr for notebooks.

    ``caption`` is the caption text, ``caption_file`` the ``<name>.txt`` holding it.
    """

    def __init__(self, files: Sequence[Path], *, caption: str = "",
                 caption_file: Path | None = None) -> None:
        super().__init__(files)
        self.caption = caption
        self.caption_file = caption_file

    def __repr__(self) -> str:
        if not self:
            return "<saved nothing>"
        kinds = " ".join(p.suffix for p in self)
        kinds += " .txt" if self.caption_file is not None else ""
        return f"<saved {self[0].stem} ({kinds}) in {shown(self[0]).parent.name}/>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython
        printer.text(repr(self))


class SavedFile(type(Path())):  # type: ignore[misc]  # PosixPath or WindowsPath
    """The file :func:`save_artifact` wrote (a Path), with a one-line repr for notebooks
    (a cell ending in ``save_artifact(...)`` showed ``PosixPath('<out>/.staging.../...')``).

    Examples
    --------
    >>> SavedFile("/work/figures/.staging.1.ab/topics-explorer.html")
    <saved topics-explorer.html in figures/>
    """

    def __repr__(self) -> str:
        return f"<saved {self.name} in {shown(self).parent.name}/>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython
        printer.text(repr(self))


def _titles_wanted(title: bool | None, info: Mapping[str, Any]) -> bool:
    if title is None:
        title = (info.get("parameters") or {}).get("titles", True)
    check_type("title", title, bool, "True (keep the titles) or False (leave them out)")
    return bool(title)


def save(fig: Any, name: str, *, formats: Sequence[Format] = FORMATS,
         out: str | Path | None = None, close: bool = False, title: bool | None = None
         ) -> SavedFigure:
    """Write ``fig`` as ``<out>/<name>.svg``, ``.png`` and its caption ``.txt``; record them.

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
        Output folder; default the one chosen by :func:`toolkit.figures.setup`.
    close
        Close the figure after saving (off: the caller owns the figure). In a headless
        run (``make figures``) under Jupyter's inline backend the saved PNG is shown as
        the cell's image and the figure closed either way, so that it is not drawn once
        more for the executed notebook.
    title
        Keep the titles baked into the figure (``True``) or leave them out (``False``),
        for a journal that sets its own; the caption keeps the title's words either way.
        Default: the ``titles`` parameter given to :func:`toolkit.figures.setup`, else
        ``True``.

    Returns
    -------
    SavedFigure
        The figure files written, in the order of ``formats`` (a list of Path whose repr
        is one short line, so a notebook cell ending in ``save(...)`` stays quiet), with
        the caption text and file.

    Examples
    --------
    >>> import tempfile, matplotlib, pandas as pd
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> from toolkit.figures import read_manifest, setup
    >>> folder = tempfile.mkdtemp()
    >>> _ = setup("00-demo", pd.DataFrame({"text": ["x"]}), {"corpus": "sample"}, out=folder)
    >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.bar(["a", "b"], [3, 1])
    >>> _ = ax.set_title("Two bars")
    >>> saved = save(fig, "demo-bars")
    >>> saved
    <saved demo-bars (.svg .png .txt) in ...>
    >>> [p.name for p in saved]
    ['demo-bars.svg', 'demo-bars.png']
    >>> saved.caption_file.read_text()
    'Two bars. Corpus: sample (1 document, fingerprint ...). Notebook 00-demo.\\n'
    >>> read_manifest(folder)["file"].tolist()
    ['demo-bars.png', 'demo-bars.svg', 'demo-bars.txt']
    >>> matplotlib.rcdefaults()
    """
    formats = _check_save(fig, name, formats)
    folder = Path(out) if out is not None else Path(_STATE["out"])
    folder.mkdir(parents=True, exist_ok=True)
    info = provenance()
    keep_titles = _titles_wanted(title, info)
    text = caption(fig, info)
    creator = (f"toolkit {info['versions']['toolkit']} with matplotlib "
               f"{info['versions']['matplotlib']}")
    # never over a file the toolkit did not write (the researcher's own), unless forced
    check_replace(folder, [f"{name}.{fmt}" for fmt in (*formats, "txt")], force=_forced())
    rendered: dict[str, bytes] = {}
    with contextlib.nullcontext() if keep_titles else without_titles(fig), _one_layout(fig):
        for fmt in sorted(formats, key=_RENDER_ORDER.index):
            described = _dumps({**info, "figure": name, "file": f"{name}.{fmt}",
                                "caption": text})
            meta = ({"Title": name, "Creator": creator, "Description": described}
                    if fmt == "svg"
                    else {"Title": name, "Software": creator, "Description": described})
            rendered[fmt] = render(fig, fmt, metadata=meta)
            _freeze_layout(fig)
    written = [atomic_write(folder / f"{name}.{fmt}", rendered[fmt]) for fmt in formats]
    rows = [_manifest_row(info, name, fmt, rendered[fmt], text) for fmt in formats]
    png = rendered.get("png")
    caption_bytes = (text + "\n").encode("utf-8")
    caption_file = atomic_write(folder / f"{name}.txt", caption_bytes)
    rows.append(_manifest_row(info, name, "txt", caption_bytes, text))
    _update_manifest(folder, rows)
    runlog = os.environ.get(_ENV_RUNLOG)
    if runlog:
        with open(runlog, "a", encoding="utf-8") as f:
            f.write("".join(f"{row['file']}\n" for row in rows))
    logger.info("figures: wrote %s", ", ".join(str(shown(p)) for p in [*written, caption_file]))
    displayed = png is not None and _show_saved(fig, png)
    if close and not displayed:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return SavedFigure(written, caption=text, caption_file=caption_file)


def _check_artifact(data: Any, filename: Any) -> tuple[bytes, str, str]:
    if not _STATE:
        raise RuntimeError("call figures.setup(notebook=..., corpus=..., parameters=...) "
                           "before figures.save_artifact(), so each file records where it "
                           "came from")
    check_type("data", data, (bytes, bytearray, str), "bytes, or str (written as UTF-8)")
    check_type("filename", filename, str, "a file name with extension, e.g. 'topics.html'")
    match = _ARTIFACT.match(filename)
    if match is None or match.group(1).endswith("."):
        raise ValueError(f"filename={filename!r} is invalid; must be a file name with an "
                         "extension and no folder (letters, digits, '-', '_', '.'), e.g. "
                         "'topics-explorer.html'")
    if filename == "manifest.csv":
        raise ValueError(f"filename={filename!r} is invalid; it is the folder's manifest")
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return payload, match.group(1), match.group(2)


def save_artifact(data: bytes | str, filename: str, *, out: str | Path | None = None
                  ) -> SavedFile:
    """Write a non-figure file (e.g. an HTML explorer) next to the figures.

    The file goes to the folder chosen by :func:`toolkit.figures.setup` (the same
    output-folder and provenance rules as :func:`save`), is written atomically, and gets
    a manifest row with ``figure`` = the file's stem and ``format`` = its extension. The
    bytes are written as given: for byte-identical reruns they must hold no dates or
    absolute paths.

    Parameters
    ----------
    data
        The file's content; ``str`` is written as UTF-8.
    filename
        File name with extension and no folder, e.g. ``"topics-explorer.html"``.
    out
        Output folder; default the one chosen by :func:`toolkit.figures.setup`.

    Returns
    -------
    SavedFile
        The file written (a Path that shows itself in one line).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from toolkit.figures import read_manifest, setup
    >>> folder = tempfile.mkdtemp()
    >>> _ = setup("00-demo", pd.DataFrame({"text": ["x"]}), {"corpus": "sample"}, out=folder)
    >>> save_artifact("<p>topics</p>", "demo-explorer.html").name
    'demo-explorer.html'
    >>> read_manifest(folder)[["file", "figure", "format"]].values.tolist()
    [['demo-explorer.html', 'demo-explorer', 'html']]
    >>> import matplotlib; matplotlib.rcdefaults()
    """
    payload, stem, ext = _check_artifact(data, filename)
    folder = Path(out) if out is not None else Path(_STATE["out"])
    folder.mkdir(parents=True, exist_ok=True)
    info = provenance()
    check_replace(folder, [filename], force=_forced())
    path = atomic_write(folder / filename, payload)
    _update_manifest(folder, [_manifest_row(info, stem, ext, payload)])
    runlog = os.environ.get(_ENV_RUNLOG)
    if runlog:
        with open(runlog, "a", encoding="utf-8") as f:
            f.write(f"{filename}\n")
    logger.info("figures: wrote %s", shown(path))
    return SavedFile(path)
