"""Captions a paper can take: what is shown, the unit, N, the method, the corpus, the parameters.

Plot functions attach what they know to their figure with :func:`toolkit.style.set_caption`
(what is shown, the unit, N, the method). :func:`caption` completes it with the figure's
title and what :func:`toolkit.figures.setup` recorded (the corpus, its size and
fingerprint, the parameters, the notebook), and :func:`toolkit.figures.save` writes it as
``<name>.txt`` next to the figure and in the manifest's ``caption`` column.

:func:`without_titles` hides the titles baked into a figure while it is rendered, for a
journal that sets its own (``figures.save(fig, name, title=False)``, or ``titles = False``
in a notebook's parameters).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

from toolkit.style import get_caption, is_panel_title

__all__ = ["caption", "figure_titles", "without_titles"]

#: Title artists of an Axes (matplotlib keeps one per location).
_TITLE_ATTRIBUTES = ("_left_title", "title", "_right_title")
#: Parameters that say nothing about the figure's content (unset ones, None, are left out
#: too).
_QUIET_PARAMETERS = frozenset({"corpus", "titles"})


def _title_artists(fig: Any) -> list[Any]:
    """The titles that decorate the figure; panel names
    (:func:`toolkit.style.panel_title`) are content."""
    artists = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None:
        artists.append(suptitle)
    for ax in fig.axes:
        artists.extend(getattr(ax, attr) for attr in _TITLE_ATTRIBUTES if hasattr(ax, attr))
    return [a for a in artists if not is_panel_title(a)]


def figure_titles(fig: Any) -> list[str]:
    """Return the figure's non-empty titles: the suptitle first, then each Axes' titles.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.set_title("Documents per year")
    >>> figure_titles(fig)
    ['Documents per year']
    """
    return [t.get_text().strip() for t in _title_artists(fig) if t.get_text().strip()]


@contextlib.contextmanager
def without_titles(fig: Any) -> Iterator[None]:
    """Blank the figure's titles (suptitle and Axes titles) inside a ``with`` block.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.set_title("Volume")
    >>> with without_titles(fig):
    ...     figure_titles(fig)
    []
    >>> figure_titles(fig)
    ['Volume']
    """
    saved = [(t, t.get_text()) for t in _title_artists(fig)]
    try:
        for artist, _ in saved:
            artist.set_text("")
        yield
    finally:
        for artist, text in saved:
            artist.set_text(text)


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def caption(fig: Any, info: Mapping[str, Any] | None = None) -> str:
    """Return the full caption of a figure: title, the plot's caption, corpus and parameters.

    Parameters
    ----------
    fig
        A matplotlib Figure (its caption set by the plot function, if any).
    info
        The provenance recorded by :func:`toolkit.figures.setup`
        (:func:`toolkit.figures.provenance`); without it, the title and the plot's caption.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from toolkit.style import set_caption
    >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.set_title("Documents per year")
    >>> set_caption(ax, "Documents per calendar year; N = 237 documents")
    >>> info = {"notebook": "01-corpus", "corpus": "sotu", "n_documents": 237,
    ...         "corpus_fingerprint": "b9b83fa7e35ca8db53", "parameters": {"corpus": "sotu",
    ...         "freq": "Y", "start": None}}
    >>> print(caption(fig, info))
    Documents per year. Documents per calendar year; N = 237 documents. Corpus: sotu (237 documents, fingerprint b9b83fa7e35c). Parameters: freq=Y. Notebook 01-corpus.
    """
    parts = []
    own = get_caption(fig)
    titles = figure_titles(fig)
    if titles and not own.startswith(titles[0]):
        parts.append(_sentence(titles[0]))
    if own:
        parts.append(_sentence(own))
    if info:
        if info.get("corpus"):
            fp = str(info.get("corpus_fingerprint") or "")[:12]
            n = int(info.get("n_documents") or 0)
            parts.append(f"Corpus: {info['corpus']} ({n:,} document{'' if n == 1 else 's'}"
                         f"{', fingerprint ' + fp if fp else ''}).")
        params = {k: v for k, v in dict(info.get("parameters") or {}).items()
                  if k not in _QUIET_PARAMETERS and v is not None}
        if params:
            parts.append("Parameters: " + ", ".join(f"{k}={_value(v)}"
                                                    for k, v in sorted(params.items())) + ".")
        if info.get("notebook"):
            parts.append(f"Notebook {info['notebook']}.")
    return " ".join(parts)
