"""Issue 17 for the topic figures: journal widths, labels instead of ids, no overlapping
text, size legends, one band per panel, units on the axes, captions; issue 14: persistent
colours."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit import topics
from toolkit.corpus import from_frame
from toolkit.plots import topics as tplots
from toolkit.plots.checks import text_overlaps, texts_outside
from toolkit.style import get_caption, style, topic_color

THEMES = ["nuclear weapons disarmament treaty missile warhead inspection arsenal",
          "trade tariff market export import investment duty goods",
          "climate warming ocean emissions island carbon flood storm",
          "health hospital vaccine disease doctor patient clinic epidemic",
          "refugee migration border asylum camp displacement shelter return",
          "election democracy parliament vote constitution reform court judge"]


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(3)
    rows = []
    for i in range(60):
        paras = [" ".join(rng.choice(THEMES[int(rng.integers(6))].split(), size=14))
                 for _ in range(3)]
        rows.append({"doc_id": f"d{i:02d}", "text": "\n\n".join(paras),
                     "date": f"{2000 + i % 12}-03-01",
                     "source": ["Agency A", "Agency B", "Daily C"][i % 3]})
    paras = topics.model_units(from_frame(pd.DataFrame(rows)), "paragraph", min_chars=1)
    model = topics.fit(paras, 6, cache=False, passes=4, no_below=1, no_above=1.0,
                       min_tokens=1)
    return paras, model, topics.labels(model, n=3)


def _clean(fig) -> str:
    fig.canvas.draw()
    assert text_overlaps(fig) == [], text_overlaps(fig)
    assert texts_outside(fig) == [], texts_outside(fig)
    caption = get_caption(fig)
    assert len(caption) > 60, caption
    return caption


def test_top_terms_fit_a_page_with_labels(fitted):
    _, model, labels = fitted
    with style():
        ax = tplots.top_terms(topics.frex_terms(model, 10), labels=labels)
        width, _ = ax.figure.get_size_inches()
        assert width <= 7.5
        assert [t.get_text() for t in ax.get_yticklabels()] == list(labels)
        caption = _clean(ax.figure)
    assert "10 top terms of each of 6 topics" in caption
    # the colour of topic k is its palette colour, not a paired shade
    assert ax.patches[0].get_facecolor()[:3] == pytest.approx(
        matplotlib.colors.to_rgb(topic_color(0)))
    plt.close("all")


def test_topic_map_labels_every_disc_with_a_size_legend(fitted):
    _, model, labels = fitted
    with style():
        ax = tplots.topic_map(topics.topic_map(model), labels=labels)
        caption = _clean(ax.figure)
    texts = [t.get_text() for t in ax.texts]
    assert sorted(texts) == sorted(labels)
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "share of the corpus"
    assert all(t.get_text().endswith("%") for t in legend.get_texts())
    assert "disc area proportional" in caption
    plt.close("all")


def test_prevalence_panels_one_band_each_with_the_unit(fitted):
    paras, model, labels = fitted
    prev = topics.prevalence(model, paras, n_boot=30)
    with style():
        axes = tplots.prevalence(prev, labels=labels)
        fig = axes[0].figure
        caption = _clean(fig)
    drawn = [ax for ax in axes if ax.get_visible()]
    assert len(drawn) == 6
    # five documents a year: intervals about as wide as the scale, so not drawn (issue 17)
    assert all(len(ax.collections) == 0 and len(ax.get_lines()) == 1 for ax in drawn)
    assert "interval not drawn in 6 of 6 panels" in caption
    assert all(ax.get_legend() is None for ax in drawn)
    assert fig.get_supylabel() == "share of paragraphs"
    assert fig.get_supxlabel() == "year"
    assert len({ax.get_ylim() for ax in drawn}) == 1  # one scale
    assert "95% bootstrap interval (30 resamples" in caption
    plt.close("all")


def test_prevalence_by_group_sorted_by_share_with_counts(fitted):
    paras, model, labels = fitted
    by = topics.prevalence_by(model, paras, "source", n_boot=30)
    with style():
        ax = tplots.prevalence_by(by, 2, label=labels[2])
        caption = _clean(ax.figure)
    shares = by[(2, "share")].sort_values(ascending=False)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert [t.split(" (n=")[0] for t in ticks] == shares.index.tolist()
    assert ax.get_xlabel() == f"share of paragraphs: {labels[2]}"
    assert "groups sorted by share" in caption
    plt.close("all")


def test_sweep_figure_has_one_scale_per_panel_and_the_threshold():
    table = pd.DataFrame({"c_npmi": [0.05, 0.08, 0.07], "c_npmi_sd": [0.01, 0.02, 0.01],
                          "stability": [0.8, 0.7, 0.5], "diversity": [0.95, 0.9, 0.8]},
                         index=pd.Index([10, 20, 30], name="num_topics"))
    with style():
        axes = tplots.sweep(table, chosen=30, min_stability=0.6)
        fig = axes[0].figure
        _clean(fig)
    assert len(fig.axes) == 2  # no twin axes
    assert axes[0].get_title(loc="left") == "K used: 30"
    assert axes[0].get_title(loc="right") == "" and axes[1].get_title(loc="right") == ""
    labels = [t.get_text() for t in axes[1].get_legend().get_texts()]
    assert "stability rule (0.6)" in labels
    plt.close("all")


def test_aligned_topics_keep_their_colour(fitted):
    paras, model, _ = fitted
    other = topics.fit(paras, 7, seed=9, cache=False, passes=4, no_below=1, no_above=1.0,
                       min_tokens=1)
    aligned = topics.align(other, model)
    sim = topics.topic_similarity(aligned, model)
    with style():
        ax = tplots.top_terms(topics.top_terms(aligned, 3))
    rows = sorted(topics.topic_ids(aligned))
    for row, t in enumerate(rows):
        patch = ax.patches[3 * row]
        assert patch.get_facecolor()[:3] == pytest.approx(matplotlib.colors.to_rgb(
            topic_color(t)))
        if t in sim.columns:
            assert sim.loc[t, t] >= 0.5
    plt.close("all")


@pytest.mark.parametrize("start, end", [("2001-12-01", "2001-12-31"),  # a month of news
                                        ("1990-01-01", "2020-12-31"),  # decades of speeches
                                        ("2010-01-01", "2011-06-30")])
def test_effect_curve_date_labels_never_run_into_each_other(start, end):
    # On 50 news stories dated over December 2001, notebook 02's effect-of-date figure
    # labelled every fourth day in full and the last two ran together ("2001-12-2902-01-01")
    from toolkit.plots import effects as effect_plots

    days = pd.date_range(start, end, periods=40)
    curve = pd.DataFrame({"topic": np.repeat([0, 1], 40), "covariate": "date",
                          "value": np.tile(days, 2), "estimate": 0.5, "lower": 0.3,
                          "upper": 0.7})
    with style():
        ax = effect_plots.effect_curve(curve, labels={0: "fire, sydney", 1: "india"})
        _clean(ax.figure)
        shown = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(shown) >= 3, shown
    plt.close("all")
