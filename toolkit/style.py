"""The house style: one palette, one colour per topic and actor kind, one style sheet.

Every colour a figure uses comes from here (or from ``toolkit/data/house.mplstyle``, which
this module applies), so a topic or an actor kind has the same colour in every figure.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from toolkit._core import data_path

__all__ = [
    "CAPTION_ATTRIBUTE",
    "DIVERGING_CMAP",
    "PALETTE",
    "SEQUENTIAL_CMAP",
    "STYLE_PATH",
    "apply_style",
    "get_caption",
    "save_dpi",
    "set_caption",
    "style",
    "topic_color",
]

#: The house style: the one file that decides how figures look.
STYLE_PATH = data_path("house.mplstyle")
#: Okabe-Ito colour-blind-safe palette, in the order of the style's colour cycle (the first
#: four also differ in lightness, for greyscale print).
PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
                            "#F0E442", "#000000")
#: Colour map for sequential data (perceptually uniform, colour-blind safe, monotone in grey).
SEQUENTIAL_CMAP = "cividis"
#: Colour map for diverging data (colour-blind safe).
DIVERGING_CMAP = "PuOr"


def _prefer_bundled_fonts() -> None:
    """Make DejaVu Sans resolve to the copy bundled with matplotlib on every machine.

    A system-wide DejaVu of another version would change glyph outlines, hence bytes.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    bundled = str(Path(mpl.get_data_path()) / "fonts")
    fm = font_manager.fontManager
    fm.ttflist.sort(key=lambda f: not str(f.fname).startswith(bundled))
    with contextlib.suppress(AttributeError):
        fm._findfont_cached.cache_clear()


def apply_style() -> None:
    """Reset matplotlib to its defaults and apply the house style (used by :func:`setup`).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> apply_style()
    >>> mpl.rcParams["svg.fonttype"], mpl.rcParams["image.cmap"]
    ('path', 'cividis')
    >>> mpl.rcdefaults()
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    mpl.rcdefaults()  # the same starting point in JupyterLab and in the headless runner
    plt.style.use(STYLE_PATH)
    _prefer_bundled_fonts()


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the house style inside a ``with`` block only.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with style():
    ...     mpl.rcParams["font.size"]
    9.5
    """
    import matplotlib.pyplot as plt

    with plt.style.context(STYLE_PATH, after_reset=True):
        yield


def save_dpi() -> float:
    """Return the DPI the house style saves raster figures at.

    Examples
    --------
    >>> save_dpi() > 0
    True
    """
    import matplotlib as mpl

    return float(mpl.rc_params_from_file(STYLE_PATH, use_default_template=False)["savefig.dpi"])


def topic_color(topic: int) -> tuple[float, float, float, float]:
    """Return the colour of a topic id, the same in every figure and table.

    Examples
    --------
    >>> topic_color(0) == topic_color(20)
    True
    """
    import matplotlib.pyplot as plt

    return plt.get_cmap("tab20")(int(topic) % 20)


#: The figure attribute that carries a figure's caption from the plot to the saved file.
CAPTION_ATTRIBUTE = "toolkit_caption"


def set_caption(target: Any, text: str) -> None:
    """Attach a caption to the figure of ``target`` (an Axes or a Figure).

    Plot functions say what is shown, the unit, N and the method;
    :func:`toolkit.figures.save` adds the corpus and parameters and writes the caption
    next to the figure.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> set_caption(ax, "Documents per year.")
    >>> get_caption(fig)
    'Documents per year.'
    >>> plt.close(fig)
    """
    fig = target if hasattr(target, "savefig") else target.figure
    setattr(fig, CAPTION_ATTRIBUTE, str(text).strip())


def get_caption(fig: Any) -> str:
    """Return the caption attached by :func:`set_caption` ("" when there is none)."""
    return getattr(fig, CAPTION_ATTRIBUTE, "")
