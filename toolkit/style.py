"""The house style: one palette, one colour per topic and actor, one style sheet, captions.

Every colour a figure uses comes from here (or from ``toolkit/data/house.mplstyle``, which
this module applies), so a topic, an actor or an actor kind has the same colour in every
figure: :func:`topic_color`, :func:`actor_color` (and :func:`actor_colors` for several
actors in one figure), :data:`KIND_COLORS`. Plot functions attach a caption to their figure
with :func:`set_caption`; :func:`toolkit.figures.save` completes it and writes it next to
the figure.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from toolkit._core import data_path

__all__ = [
    "CAPTION_ATTRIBUTE",
    "DIVERGING_CMAP",
    "KIND_COLORS",
    "MUTED",
    "PALETTE",
    "SEQUENTIAL_CMAP",
    "STYLE_PATH",
    "actor_color",
    "actor_colors",
    "add_caption",
    "apply_style",
    "get_caption",
    "is_panel_title",
    "panel_title",
    "save_dpi",
    "set_caption",
    "style",
    "topic_color",
]

#: The house style: the one file that decides how figures look.
STYLE_PATH = data_path("house.mplstyle")
#: The one qualitative palette, in the order of the style's colour cycle: topics, actors,
#: communities and series take their colours from it. Blue (Okabe-Ito), rose, indigo,
#: olive, teal (Paul Tol's muted), brown, purple and green (Tol's bright): no paired shades
#: (unlike ``tab20``: every two colours are at least 25 degrees of hue apart), none too
#: light for a line on white, every pair at least 14 CIELAB units apart in normal,
#: deuteranope and protanope vision and neighbours (the last and the first too) at least
#: 39 (``tests/test_plots_style.py`` measures it); the first four also far apart in grey.
PALETTE: tuple[str, ...] = ("#0072B2", "#CC6677", "#332288", "#999933", "#44AA99", "#8C510A",
                            "#AA3377", "#228833")
#: Grey for what is context rather than data (other series, small communities, places).
MUTED = "#9a9a9a"
#: Colour of each actor kind in network figures (places and regions are ``other``).
KIND_COLORS: dict[str, str] = {"state": PALETTE[0], "person": PALETTE[1],
                               "organisation": PALETTE[4], "armed_group": PALETTE[6],
                               "other": PALETTE[5]}
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


def topic_color(topic: int) -> str:
    """Return the colour of a topic id, the same in every figure and table.

    Topic ``k`` takes the palette's colour ``k mod 8``: neighbours never share a colour or
    a shade; topics eight apart do (their labels tell them apart).

    Examples
    --------
    >>> topic_color(0), topic_color(1), topic_color(8) == topic_color(0)
    ('#0072B2', '#CC6677', True)
    """
    return PALETTE[int(topic) % len(PALETTE)]


def actor_color(actor: str) -> str:
    """Return the colour of an actor id (e.g. ``"RUS"``), the same in every figure.

    The colour comes from a checksum of the id (CRC-32, the same on every machine and
    run), so a figure of Russia alone and a figure of Russia among others agree. Two
    actors may share a colour; :func:`actor_colors` keeps the actors of one figure apart.

    Examples
    --------
    >>> actor_color("RUS") == actor_color("RUS") and actor_color("RUS") in PALETTE
    True
    """
    return PALETTE[zlib.crc32(str(actor).encode("utf-8")) % len(PALETTE)]


def actor_colors(actors: Iterable[str]) -> dict[str, str]:
    """Return distinct colours for the actors of one figure, each its own where possible.

    Each actor gets :func:`actor_color` unless an earlier actor of the list already has
    it; then it takes the next free colour of the palette (grey once all eight are
    taken).

    Examples
    --------
    >>> colours = actor_colors(["DEU", "RUS", "IRQ", "CHN"])
    >>> len(set(colours.values())), colours["RUS"] == actor_color("RUS")
    (4, True)
    """
    out: dict[str, str] = {}
    for actor in actors:
        actor = str(actor)
        if actor in out:
            continue
        start = PALETTE.index(actor_color(actor))
        free = [PALETTE[(start + i) % len(PALETTE)] for i in range(len(PALETTE))
                if PALETTE[(start + i) % len(PALETTE)] not in out.values()]
        out[actor] = free[0] if free else MUTED
    return out


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
    """Return the caption attached by :func:`set_caption` ("" when there is none).

    ``fig`` may be a Figure or an Axes.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> get_caption(Figure())
    ''
    """
    fig = fig if hasattr(fig, "savefig") else fig.figure
    return getattr(fig, CAPTION_ATTRIBUTE, "")


def add_caption(target: Any, text: str) -> None:
    """Append a sentence to the caption of ``target``'s figure (e.g. what was left out).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> set_caption(fig, "Documents per year.")
    >>> add_caption(fig, "3 events without room for a label are not drawn.")
    >>> get_caption(fig)
    'Documents per year. 3 events without room for a label are not drawn.'
    """
    text = str(text).strip()
    if text:
        before = get_caption(target)
        set_caption(target, f"{before} {text}" if before else text)


#: The figure attribute listing the titles that name a panel's content (not decoration).
_PANEL_TITLES = "toolkit_panel_titles"


def panel_title(ax: Any, text: str, **kwargs: Any) -> Any:
    """Set an Axes title that names what the panel shows (kept when titles are left out).

    A panel's name ("RUS", a topic's label, "K used: 8") is part of the figure's content;
    ``figures.save(..., title=False)`` leaves such titles in place and removes only the
    titles that decorate the figure. ``kwargs`` go to ``Axes.set_title``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot()
    >>> t = panel_title(ax, "RUS", loc="left")
    >>> is_panel_title(t), is_panel_title(ax.title)
    (True, False)
    >>> _ = t.set_text("a title set over it"); is_panel_title(t)
    False
    """
    artist = ax.set_title(text, **kwargs)
    fig = ax.figure
    marked = getattr(fig, _PANEL_TITLES, None)
    if marked is None:
        marked = {}
        setattr(fig, _PANEL_TITLES, marked)
    marked[id(artist)] = artist.get_text()
    return artist


def is_panel_title(artist: Any) -> bool:
    """Whether ``artist`` is a title set by :func:`panel_title` and still shows its text."""
    fig = artist.get_figure() if hasattr(artist, "get_figure") else None
    marked = getattr(fig, _PANEL_TITLES, None) or {}
    return marked.get(id(artist)) == artist.get_text()
