"""Image tests: the figures that matter, drawn on small fixed data, compared with baselines.

A change of layout (labels moving onto each other, a legend on the data, a colour
swapped) changes pixels, and the comparison fails. The baselines are
``tests/baseline/<name>.png``; after an intended change of a figure, look at the new
images and write them with::

    TOOLKIT_UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/test_plots_images.py

The data are built here (no corpus, no actor matching), so only the plotting code decides
the pixels.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402

from toolkit import figures, style  # noqa: E402
from toolkit.plots import corpus as cplots, network as nplots, timeline as tplots  # noqa: E402
from toolkit.plots.checks import text_overlaps, texts_outside  # noqa: E402
from toolkit.schemas import N_DOCUMENTS  # noqa: E402

BASELINE = Path(__file__).parent / "baseline"
#: RMS difference (0-255) allowed: anti-aliasing may differ by a shade between platforms.
TOLERANCE = 2.0
DPI = 80


@pytest.fixture(autouse=True)
def _house_style():
    style.apply_style()
    yield
    plt.close("all")
    matplotlib.rcdefaults()


STATES = {"USA": "United States", "RUS": "Russia", "CHN": "China", "GBR": "United Kingdom",
          "FRA": "France", "DEU": "Germany", "IRN": "Iran", "IRQ": "Iraq", "SYR": "Syria",
          "UKR": "Ukraine", "TUR": "Turkey", "ISR": "Israel"}


def graph() -> nx.Graph:
    g = nx.Graph(weight="npmi", unit="sentence", level="actor")
    for k, (code, name) in enumerate(STATES.items()):
        g.add_node(code, name=name, kind="state", mentions=40 + 37 * ((k * 5) % 12))
    g.add_node("un", name="United Nations", kind="organisation", mentions=300)
    g.add_node("putin", name="Vladimir Putin", kind="person", mentions=120)
    g.add_node("me", name="Middle East", kind="other", mentions=260)
    ties = [("USA", "GBR", .31), ("USA", "FRA", .22), ("GBR", "FRA", .4), ("FRA", "DEU", .45),
            ("GBR", "DEU", .28), ("RUS", "UKR", .52), ("RUS", "CHN", .33), ("RUS", "putin", .6),
            ("putin", "UKR", .41), ("IRN", "IRQ", .38), ("IRQ", "SYR", .35), ("SYR", "TUR", .3),
            ("ISR", "IRN", .27), ("ISR", "USA", .18), ("USA", "un", .12), ("un", "SYR", .2),
            ("me", "IRQ", .44), ("me", "ISR", .4), ("CHN", "USA", .15), ("TUR", "RUS", .14),
            ("DEU", "UKR", .16), ("un", "UKR", .19)]
    for a, b, w in ties:
        g.add_edge(a, b, weight=w, npmi=w, n_ab=int(200 * w * w) + 2)
    return g


def series() -> pd.DataFrame:
    idx = pd.period_range("1980", "2023", freq="Y")
    t = np.arange(len(idx))
    frame = pd.DataFrame({
        "RUS": 0.04 + 0.03 * np.sin(t / 4) + 0.12 * ((t > 30) & (t < 34)),
        "IRQ": 0.01 + 0.2 * ((t >= 10) & (t < 12)) + 0.15 * ((t >= 23) & (t < 29)),
        "CHN": 0.02 + 0.001 * t ** 1.5 / 3,
    }, index=idx)
    frame[N_DOCUMENTS] = 400
    frame.attrs = {"value": "share", "freq": "Y-DEC"}
    return frame


def events() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime(["1980-09-22", "1989-11-09", "1990-08-02", "1991-12-26",
                                "2001-09-11", "2003-03-20", "2014-03-18", "2022-02-24"]),
        "label": ["Iran-Iraq War begins", "Fall of the Berlin Wall", "Iraq invades Kuwait",
                  "Dissolution of the Soviet Union", "September 11 attacks",
                  "Invasion of Iraq", "Crimea annexed by Russia", "Russia invades Ukraine"],
        "actors": [("IRN", "IRQ"), ("DEU",), ("IRQ", "KWT"), ("RUS",), ("USA",),
                   ("IRQ", "USA"), ("RUS", "UKR"), ("RUS", "UKR")]})


def bursts() -> pd.DataFrame:
    return pd.DataFrame({
        "series": ["IRQ", "IRQ", "RUS"], "level": [1, 1, 1],
        "start": pd.PeriodIndex(["1990", "2003", "2011"], freq="Y"),
        "end": pd.PeriodIndex(["1991", "2008", "2013"], freq="Y"),
        "strength": [40.0, 85.0, 22.0]})


def changes() -> pd.DataFrame:
    return pd.DataFrame({
        "series": ["IRQ", "IRQ", "RUS"],
        "period": pd.PeriodIndex(["2003", "2009", "2011"], freq="Y"),
        "before": [0.02, 0.16, 0.05], "after": [0.16, 0.01, 0.15], "shift": [.14, -.15, .1],
        "before_start": pd.PeriodIndex(["1992", "2003", "1980"], freq="Y"),
        "after_end": pd.PeriodIndex(["2008", "2023", "2014"], freq="Y")})


def pair_table() -> pd.DataFrame:
    idx = pd.period_range("1990", "2023", freq="Y")
    t = np.arange(len(idx))
    frame = pd.DataFrame({"n_ab": (3 + 6 * np.abs(np.sin(t / 5))).round().astype(int),
                          "n_a": 60 + t, "n_b": 40 + t // 2, "n": 2000}, index=idx)
    p_ab, p_a, p_b = (frame[c] / frame["n"] for c in ("n_ab", "n_a", "n_b"))
    frame["npmi"] = np.log(p_ab / (p_a * p_b)) / -np.log(p_ab)
    frame.attrs = {"a": "CHN", "b": "RUS", "unit": "sentence", "window": 3}
    return frame


def periods() -> pd.DataFrame:
    idx = pd.period_range("2001", "2020", freq="Y")
    docs = np.array([3, 5, 2, 0, 7, 9, 4, 4, 6, 8, 12, 3, 0, 5, 6, 7, 9, 11, 4, 2])
    return pd.DataFrame({"documents": docs, "words": docs * 640}, index=idx.rename("period"))


def _network(ax):
    nplots.network(graph(), ax=ax, labels=12, seed=7, title="Associations")


def _communities(ax):
    g = graph()
    groups = pd.Series({"USA": 0, "GBR": 0, "FRA": 0, "DEU": 0, "un": 0, "RUS": 1, "UKR": 1,
                        "CHN": 1, "putin": 1, "TUR": 2, "IRN": 2, "IRQ": 2, "SYR": 2, "ISR": 2,
                        "me": 2})
    nplots.network(g, ax=ax, color="community", communities=groups, labels=12, seed=7)


def _ego(ax):
    nplots.ego(graph(), "RUS", ax=ax, top=8)


def _attention(ax):
    tplots.attention(series(), bursts=bursts(), changes=changes(), events=events(), ax=ax)
    ax.set_title("Attention")


def _single(ax):
    s = series()
    from toolkit.timeline import share_band

    tplots.attention(s, columns=["IRQ"], band=share_band(s), bursts=bursts(),
                     changes=changes(), events=events(), ax=ax)


def _bursts(ax):
    tplots.burst_chart(bursts(), series=["RUS", "IRQ", "CHN"], events=events(), ax=ax)


def _documents(ax):
    cplots.documents_over_time(periods(), ax=ax)
    ax.set_title("Documents per year")


CASES = {
    "network": (_network, (7, 5.5)),
    "communities": (_communities, (7, 5.5)),
    "ego": (_ego, (6, 5)),
    "attention": (_attention, (8, 3.4)),
    "attention-one": (_single, (8, 3.4)),
    "bursts": (_bursts, (8, 2.6)),
    "documents": (_documents, (6, 2.8)),
}


def _render(name: str) -> plt.Figure:
    if name == "small-multiples":
        axes = tplots.small_multiples(series(), bursts=bursts(), changes=changes(),
                                      events=events(), ncols=3)
        return axes[0].figure
    if name == "pair":
        return tplots.pair(pair_table(), events=events())[0].figure
    draw, size = CASES[name]
    fig, ax = plt.subplots(figsize=size)
    draw(ax)
    return fig


NAMES = [*CASES, "small-multiples", "pair"]


@pytest.mark.parametrize("name", NAMES)
def test_figure_matches_its_baseline(name, tmp_path):
    fig = _render(name)
    fig.canvas.draw()
    assert text_overlaps(fig) == [] and texts_outside(fig) == []
    actual = tmp_path / f"{name}.png"
    fig.savefig(actual, dpi=DPI)
    expected = BASELINE / f"{name}.png"
    if os.environ.get("TOOLKIT_UPDATE_BASELINES") == "1":
        BASELINE.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), f"no baseline {expected}; see this module's docstring"
    result = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert result is None, result


@pytest.mark.parametrize("name", ["network", "small-multiples"])
def test_rendering_twice_gives_the_same_bytes(name):
    first = figures.render(_render(name), "png")
    second = figures.render(_render(name), "png")
    assert figures.sha256(first) == figures.sha256(second)


def test_a_layout_regression_fails_the_comparison(tmp_path):
    # the same network with its labels stacked on one point: the comparison must fail
    fig = _render("network")
    for text in fig.axes[0].texts:
        text.set_position((0, 0))
    actual = tmp_path / "broken.png"
    fig.savefig(actual, dpi=DPI)
    result = compare_images(str(BASELINE / "network.png"), str(actual), tol=TOLERANCE)
    assert result is not None and "did not match" in result
