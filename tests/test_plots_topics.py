"""Every topic figure of notebook 02, drawn as the notebook draws it, read as a reader would.

The same check as ``tests/test_plots_figures.py`` (issue 17), measured on the rendered
artists: no two text boxes overlap, no text leaves its axes or the figure, every figure
has a caption, no matplotlib warning. On real text: State of the Union messages since
1990 (annual bins) and 50 UN General Debate speeches dated one a month, from two wires,
like a small news corpus (when ``../shared`` has them). Small sweeps and two passes keep
the fits short; the figures are the notebook's, titles included.
"""

from __future__ import annotations

import logging

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from toolkit import corpus as tc, style, topics  # noqa: E402
from toolkit.plots import topics as plots  # noqa: E402
from toolkit.plots.checks import text_overlaps, texts_outside  # noqa: E402

SEED_WORDS = {"economy": ["economy", "tax", "jobs"],
              "security": ["war", "military", "terrorism"]}
NAMES = ["topics-sweep", "topics-top-terms", "topics-frex-terms", "topics-map",
         "topics-prevalence", "topics-prevalence-by-group", "topics-guided-prevalence"]


@pytest.fixture(autouse=True)
def _house_style():
    style.apply_style()
    yield
    plt.close("all")
    matplotlib.rcdefaults()


def _fitted(docs: pd.DataFrame, freq: str) -> dict:
    paras = topics.model_units(docs, "auto", min_chars=100)
    tokens = topics.tokenize(paras)
    result = topics.sweep(paras, [4, 6, 8], seeds=[1, 2], tokens=tokens, passes=2, n_jobs=1)
    model = topics.fit(paras, result.k, seed=2015, tokens=tokens, passes=2, cache=False)
    model = topics.align(model, result.reference)
    guided = topics.fit(paras, result.k, seed=2015, tokens=tokens, passes=2, cache=False,
                        seed_words=SEED_WORDS)
    group, _ = topics.choose_covariate(paras, None)
    return {"paras": paras, "result": result, "model": model, "guided": guided,
            "labels": topics.labels(model, n=3), "guided_labels": topics.labels(guided, n=4),
            "prev": topics.prevalence(model, paras, freq=freq, n_boot=50, seed=1),
            "guided_prev": topics.prevalence(guided, paras, freq=freq, n_boot=50, seed=1),
            "group": group,
            "by_group": topics.prevalence_by(model, paras, group, n_boot=50, seed=1)}


@pytest.fixture(scope="module")
def sotu():
    return _fitted(tc.load("sotu", start="1990"), "Y")


@pytest.fixture(scope="module")
def un_news():
    from toolkit._core import ungdc_parquet

    path = ungdc_parquet()
    if path is None or not path.exists():
        pytest.skip("the UN General Debate corpus is not in ../shared")
    table = pd.read_parquet(path)
    table = table[table["year"] >= 1975]
    rng = np.random.default_rng(2015)
    rows = pd.DataFrame([g.iloc[rng.integers(len(g))] for _, g in table.groupby("year")])
    docs = tc.from_frame(pd.DataFrame({
        "doc_id": (rows["country"] + "_" + rows["year"].astype(str)).to_numpy(),
        "date": pd.date_range("2020-01-15", periods=len(rows), freq="MS").to_numpy(),
        "source": np.where(np.arange(len(rows)) % 2, "Wire A", "Wire B"),
        "title": "", "text": rows["text"].to_numpy()}))
    return _fitted(docs, "M")


def _figures(d: dict) -> dict:
    """The seven figures of notebook 02, with the notebook's titles."""
    model, labels, result = d["model"], d["labels"], d["result"]
    out = {}
    axes = plots.sweep(result.table, chosen=result.k, min_stability=result.min_stability,
                       note=result.reason)
    axes[0].figure.suptitle("Choosing the number of topics")
    out["topics-sweep"] = axes[0].figure
    for name, terms, title in (
            ("topics-top-terms", topics.top_terms(model, 10), "Most probable terms per topic"),
            ("topics-frex-terms", topics.frex_terms(model, 10),
             "FREX terms per topic: frequent and exclusive")):
        ax = plots.top_terms(terms, labels=labels)
        ax.set_title(title)
        out[name] = ax.figure
    ax = plots.topic_map(topics.topic_map(model), labels=labels)
    ax.set_title("Intertopic distances")
    out["topics-map"] = ax.figure
    axes = plots.prevalence(d["prev"], labels=labels)
    axes[0].figure.suptitle("Topic prevalence over time (six largest topics)")
    out["topics-prevalence"] = axes[0].figure
    top = int(topics.doc_topics(model, aggregate=False).mean().idxmax())
    ax = plots.prevalence_by(d["by_group"], top, label=labels[top])
    ax.set_title(f"Topic {top} by {d['group']}")
    out["topics-prevalence-by-group"] = ax.figure
    axes = plots.prevalence(d["guided_prev"], topics=list(range(len(SEED_WORDS))),
                            labels=d["guided_labels"])
    axes[0].figure.suptitle("Prevalence of the guided topics")
    out["topics-guided-prevalence"] = axes[0].figure
    return out


def _problems(figs: dict) -> dict:
    problems = {}
    for name, fig in figs.items():
        fig.canvas.draw()
        found = {"overlaps": text_overlaps(fig), "outside": texts_outside(fig),
                 "caption": [] if len(style.get_caption(fig)) > 60 else ["no caption"]}
        found = {k: v for k, v in found.items() if v}
        if found:
            problems[name] = found
    return problems


def test_every_topic_figure_reads_on_the_default_corpus(sotu, caplog):
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        figs = _figures(sotu)
        assert _problems(figs) == {}
    assert [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")] == []
    assert sorted(figs) == sorted(NAMES)


@pytest.mark.ungdc
def test_every_topic_figure_reads_on_a_small_news_corpus_in_monthly_bins(un_news, caplog):
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        figs = _figures(un_news)
        assert _problems(figs) == {}
    assert [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")] == []
    # 50 months: a handful of date ticks per narrow panel, not one every six months
    fig = figs["topics-prevalence"]
    bottom = [ax for ax in fig.axes if ax.get_visible()][-1]  # the others share its x axis
    ticks = [t for t in bottom.get_xticklabels() if t.get_text()]
    assert 2 <= len(ticks) <= 5
    assert fig.get_supxlabel() == "month"


def test_prevalence_bands_only_where_readable(sotu):
    prev = sotu["prev"]
    axes = plots.prevalence(prev, labels=sotu["labels"])
    drawn = [ax for ax in axes if ax.get_visible()]
    banded = [ax for ax in drawn if any(isinstance(c, PolyCollection) for c in ax.collections)]
    # annual bins of ~100 paragraphs: narrow intervals on the shared scale, drawn
    assert banded and all(len(ax.get_lines()) == 1 for ax in drawn)
    caption = style.get_caption(axes[0].figure)
    assert "95% bootstrap interval (50 resamples" in caption
    assert ("not drawn" in caption) == (len(banded) < len(drawn))
    # a band as wide as the scale is left out, and the caption says so
    wide, ids = prev.copy(), list(topics.topic_ids(sotu["model"]))
    for t in ids:
        wide[(t, "lower")], wide[(t, "upper")] = 0.0, 1.0
    axes = plots.prevalence(wide, topics=ids[:2])
    assert not [c for ax in axes for c in ax.collections if isinstance(c, PolyCollection)]
    assert "interval not drawn in 2 of 2 panels" in style.get_caption(axes[0].figure)


def test_sweep_says_what_the_rule_could_not_find(sotu):
    table = sotu["result"].table
    axes = plots.sweep(table, chosen=sotu["result"].k, min_stability=0.6)
    caption = style.get_caption(axes[0].figure)
    # on these short fits no K is stable and NPMI is negative everywhere: said in words
    assert (table["stability"] < 0.6).all() and (table["c_npmi"] < 0).all()
    assert axes[1].get_title(loc="right") == "no K reaches stability 0.6"
    assert axes[0].get_title(loc="right") == "NPMI < 0 for every K"
    assert "No K reaches the stability rule of 0.6" in caption
    assert "held-out NPMI is negative for every K" in caption


def _disc_overlaps(ax) -> int:
    discs = ax.collections[0]
    ax.figure.canvas.draw()
    page = ax.transData.transform(discs.get_offsets())
    radii = np.sqrt(discs.get_sizes() / np.pi) * ax.figure.dpi / 72
    gaps = np.hypot(*(page[:, None] - page[None, :]).transpose(2, 0, 1)) \
        - (radii[:, None] + radii[None, :])
    return int((np.triu(gaps < -0.5, 1)).sum())


def test_topic_map_discs_never_hide_each_other(sotu):
    ax = plots.topic_map(topics.topic_map(sotu["model"]), labels=sotu["labels"])
    assert _disc_overlaps(ax) == 0
    # two topics at one spot (as MDS places near-identical topics): nudged, and said so
    tmap = pd.DataFrame({"x": [0.1, 0.1, -0.2], "y": [0.0, 0.0, 0.3],
                         "prevalence": [0.5, 0.3, 0.2]}, index=pd.Index([0, 1, 2], name="topic"))
    ax = plots.topic_map(tmap)
    assert _disc_overlaps(ax) == 0
    assert "nudged apart" in style.get_caption(ax)
    assert sorted(t.get_text() for t in ax.texts) == ["0", "1", "2"]
