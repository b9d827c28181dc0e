"""The one palette: distinct neighbours (also for colour-blind readers), stable topic and actor colours."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from toolkit import style  # noqa: E402

# sRGB -> CIELAB (D65), and Machado et al. (2009) simulations of full deuteranopia and
# protanopia on linear RGB
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_DEUTAN = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                    [-0.011820, 0.042940, 0.968881]])
_PROTAN = np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                    [-0.003882, -0.048116, 1.051998]])


def _linear(colour):
    c = np.asarray(to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear):
    xyz = _XYZ @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a, b, vision=None):
    la, lb = _linear(a), _linear(b)
    if vision is not None:
        la, lb = np.clip(vision @ la, 0, 1), np.clip(vision @ lb, 0, 1)
    return float(np.linalg.norm(_lab(la) - _lab(lb)))


def worst(a, b):
    return min(delta_e(a, b, v) for v in (None, _DEUTAN, _PROTAN))


def hue_gap(a, b):
    """Degrees of CIELAB hue between two colours."""
    ha, hb = (np.degrees(np.arctan2(lab[2], lab[1])) % 360
              for lab in (_lab(_linear(a)), _lab(_linear(b))))
    return min(abs(ha - hb), 360 - abs(ha - hb))


def test_palette_has_no_paired_shades():
    palette = style.PALETTE
    assert len(palette) == len(set(palette)) == 8
    pairs = [(a, b) for i, a in enumerate(palette) for b in palette[i + 1:]]
    # no two shades of one hue: every pair at least 25 degrees of hue apart
    assert min(hue_gap(a, b) for a, b in pairs) >= 25
    # tab20, the palette it replaces, pairs each colour with a light shade of it
    import matplotlib.pyplot as plt

    tab20 = [plt.get_cmap("tab20")(k) for k in range(20)]
    assert all(hue_gap(tab20[k], tab20[k + 1]) < 15 for k in range(0, 20, 2))
    # distinct for normal, deuteranope and protanope readers; neighbours (the last and
    # the first too: topics 7 and 8 sit side by side) far apart
    neighbours = [worst(palette[i], palette[(i + 1) % len(palette)])
                  for i in range(len(palette))]
    assert min(neighbours) > 39
    assert min(worst(a, b) for a, b in pairs) > 14
    # no colour too light to draw a line on white
    assert max(_lab(_linear(c))[0] for c in palette) < 72


def test_topic_colours_are_the_palette_in_order():
    assert [style.topic_color(k) for k in range(8)] == list(style.PALETTE)
    assert style.topic_color(9) == style.topic_color(1)
    assert all(style.topic_color(k) != style.topic_color(k + 1) for k in range(30))


def test_actor_colours_are_stable_and_distinct_within_a_figure():
    assert style.actor_color("RUS") == style.actor_color("RUS")
    states = ["DEU", "RUS", "IRQ", "CHN", "USA", "GBR", "FRA", "JPN"]
    colours = style.actor_colors(states)
    assert len(set(colours.values())) == 8
    # an actor alone and an actor among others: the same colour unless taken before it
    assert colours["DEU"] == style.actor_color("DEU")
    assert style.actor_colors(["RUS"])["RUS"] == style.actor_color("RUS")
    assert style.actor_colors(states + ["IND"])["IND"] == style.MUTED


def test_kind_colours_come_from_the_palette():
    assert set(style.KIND_COLORS.values()) <= set(style.PALETTE)
    assert len(set(style.KIND_COLORS.values())) == len(style.KIND_COLORS)


@pytest.mark.parametrize("fn", [style.actor_color])
def test_actor_colour_does_not_depend_on_the_hash_seed(fn):
    import subprocess
    import sys

    code = "from toolkit.style import actor_color; print(actor_color('RUS'), actor_color('CHN'))"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1
    assert outs.pop().split() == [fn("RUS"), fn("CHN")]


def test_dollar_signs_from_the_data_are_text_not_math(tmp_path):
    # a source name (or an event label, a term) with two '$' was TeX math to matplotlib:
    # garbled, or the figure failed to save with a ParseException (r"\frac" here)
    import pandas as pd
    from matplotlib.figure import Figure

    from toolkit.corpus import summary
    from toolkit.plots import corpus as cplots

    source = r"Fund $700bn \frac TARP$"
    docs = pd.DataFrame({"doc_id": ["a", "b"], "date": pd.to_datetime(["2008-10-03"] * 2),
                         "source": [source, "Wire"], "title": ["", ""],
                         "text": ["The fund was agreed.", "Markets fell again."]})
    with style.style():
        ax = cplots.documents_by_source(summary(docs, duplicates=False)["sources"])
        ax.figure.savefig(tmp_path / "sources.png")
        assert source in [t.get_text() for t in ax.get_yticklabels()]
        # the one log axis keeps plain numbers without TeX
        lengths = cplots.length_distribution(docs, ax=Figure().subplots())
        lengths.figure.savefig(tmp_path / "lengths.png")
        ticks = [t.get_text() for t in lengths.xaxis.get_majorticklabels()
                 + lengths.xaxis.get_minorticklabels() if t.get_text()]
        assert ticks and not any("$" in t for t in ticks), ticks
