"""Tests of toolkit.topics.effects (and covariates, plots.effects): covariate effects on
topic prevalence with intervals that carry the topic shares' uncertainty.

The synthetic corpora have known effects: documents from source "a" use topic 0 twice
as much as those from "b", and topic 1 rises linearly with the date.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit import topics
from toolkit.corpus import from_frame
from toolkit.plots import effects as eplots
from toolkit.style import get_caption
from toolkit.topics.covariates import natural_spline, parse_spec
from toolkit.topics.effects import (
    EFFECT_COLUMNS,
    effect_contrast,
    effect_curve,
    estimate_effects,
)

ALPHA = 0.1  # the prior of the shares' posterior, as LDA's alpha
VOCAB = {0: "nuclear weapons disarmament treaty missile warhead",
         1: "climate warming ocean emissions island carbon",
         2: "trade tariff market export import investment"}


def _truth(source: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Expected shares: topic 0 is 0.30 in "a" and 0.15 in "b"; topic 1 rises 0.1 -> 0.5."""
    t0 = np.where(source == "a", 0.30, 0.15)
    t1 = 0.1 + 0.4 * (year - 2000) / 20
    return np.column_stack([t0, t1, 1 - t0 - t1])


def _simulate(n: int = 600, tokens: int = 40, spread: float = 20.0, seed: int = 0):
    """Documents of ``tokens`` words whose true shares scatter around the truth as
    Dirichlet(spread * truth): every topic in every document with ``spread=20``, mostly
    one topic per document with ``spread=2``."""
    rng = np.random.default_rng(seed)
    source = np.where(np.arange(n) % 2 == 0, "a", "b")
    year = rng.uniform(2000, 2020, n)
    theta = np.array([rng.dirichlet(spread * m) for m in _truth(source, year)])
    counts = np.array([rng.multinomial(tokens, p) for p in theta])
    dates = pd.to_datetime("1970-01-01") + pd.to_timedelta((year - 1970) * 365.25, unit="D")
    words = {k: v.split() for k, v in VOCAB.items()}
    texts = [" ".join(w for k in range(3) for w in rng.choice(words[k], size=c[k]))
             for c in counts]
    corpus = from_frame(pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n)], "text": texts,
                                      "date": dates.round("D"), "source": source}))
    # the posterior mean of the shares given the counts, as an LDA would report them
    shares = pd.DataFrame((counts + ALPHA) / (tokens + 3 * ALPHA), index=corpus["doc_id"])
    return corpus, shares, float(tokens + 3 * ALPHA)


@pytest.fixture(scope="module")
def simulated():
    return _simulate()


@pytest.fixture(scope="module")
def fx(simulated):
    corpus, shares, conc = simulated
    return estimate_effects(shares, corpus, "s(date, 3) + source", concentration=conc,
                            n_sims=100, seed=3)


def _width(table: pd.DataFrame) -> np.ndarray:
    return (table["upper"] - table["lower"]).to_numpy()


# --------------------------------------------------------------------------- the estimator


def test_the_table_is_tidy_and_says_how_it_was_made(fx):
    table = fx.table
    assert tuple(table.columns) == EFFECT_COLUMNS
    assert sorted(set(table["covariate"])) == ["date", "source"]
    # per topic: five dates over the data's range, then the two sources
    assert table.groupby("topic").size().tolist() == [7, 7, 7]
    assert table.query("topic == 0 and covariate == 'source'")["value"].tolist() == ["a", "b"]
    dates = table.query("topic == 0 and covariate == 'date'")["value"]
    assert all(isinstance(d, pd.Timestamp) for d in dates) and dates.is_monotonic_increasing
    assert (table["lower"] < table["estimate"]).all() and (table["estimate"] < table["upper"]).all()
    assert table.attrs["n_documents"] == 600 and table.attrs["uncertainty"] == "global"
    assert fx.draws.shape == (100 * 20, 1 + 3 + 1, 3)
    assert fx.coefficients["term"].unique().tolist() == [
        "(intercept)", "s(date)[1]", "s(date)[2]", "s(date)[3]", "source[b]"]


def test_source_a_uses_topic_0_twice_as_much_and_the_interval_holds_it(fx):
    ratio = effect_contrast(fx, "source", "a", "b", kind="ratio")
    row = ratio.set_index("topic").loc[0]
    assert row["lower"] < 2.0 < row["upper"]
    assert row["estimate"] == pytest.approx(2.0, rel=0.1)
    # topic 1 does not depend on the source: its ratio's interval holds 1
    assert ratio.at[1, "lower"] < 1.0 < ratio.at[1, "upper"]
    shares = fx.table.query("topic == 0 and covariate == 'source'").set_index("value")
    assert shares.at["a", "lower"] < 0.30 < shares.at["a", "upper"]
    assert shares.at["b", "lower"] < 0.15 < shares.at["b", "upper"]


def test_topic_1_rises_linearly_with_the_date(fx):
    curve = effect_curve(fx, "date", n_points=21, topics=[1])
    years = 1970 + (curve["value"] - pd.Timestamp("1970-01-01")).dt.days / 365.25
    truth = 0.1 + 0.4 * (years - 2000) / 20
    assert np.abs(curve["estimate"] - truth).max() < 0.03
    inside = (curve["lower"] <= truth) & (truth <= curve["upper"])
    assert inside.mean() >= 0.9
    rise = effect_contrast(fx, "date", curve["value"].iloc[-1], curve["value"].iloc[0])
    assert rise.at[1, "lower"] < 0.4 * (years.iloc[-1] - years.iloc[0]) / 20 < rise.at[1, "upper"]
    assert rise.at[0, "lower"] < 0 < rise.at[0, "upper"]  # topic 0 does not move with time


def test_tables_show_topic_ids_not_positions(simulated, fx):
    # issue 14: after topics.align a model's ids need not be 0..K-1 (notebook 02 failed
    # with "topics entry=5" when an aligned K = 5 model had topic 5)
    corpus, shares, conc = simulated
    renamed = shares.set_axis([7, 2, 5], axis=1)
    again = estimate_effects(renamed, corpus, "s(date, 3) + source", concentration=conc,
                             n_sims=100, seed=3)
    assert again.topic_ids == (7, 2, 5) and sorted(set(again.table["topic"])) == [2, 5, 7]
    ids = {0: 7, 1: 2, 2: 5}
    for column in ("estimate", "lower", "upper"):
        np.testing.assert_allclose(again.table.set_index(["topic", "covariate", "value"])
                                   [column].sort_index().to_numpy(),
                                   fx.table.assign(topic=fx.table["topic"].map(ids))
                                   .set_index(["topic", "covariate", "value"])[column]
                                   .sort_index().to_numpy())
    curve = effect_curve(again, "date", n_points=5, topics=[2])
    pd.testing.assert_frame_equal(curve.drop(columns="topic"),
                                  effect_curve(fx, "date", n_points=5, topics=[1])
                                  .drop(columns="topic"))
    assert set(curve["topic"]) == {2}
    ratio = effect_contrast(again, "source", "a", "b", kind="ratio").set_index("topic")
    assert ratio.at[7, "lower"] < 2.0 < ratio.at[7, "upper"]  # the source effect of topic 0
    assert set(again.coefficients["topic"]) == {2, 5, 7}
    with pytest.raises(ValueError, match="topics entry=1 is invalid; must be one of 7, 2, 5"):
        effect_curve(again, "date", topics=[1])


def test_intervals_are_wider_than_the_naive_regression_on_the_shares(simulated, fx):
    corpus, shares, conc = simulated
    naive = estimate_effects(shares, corpus, "s(date, 3) + source", concentration=conc,
                             uncertainty="none", n_sims=100, seed=3)
    assert (_width(fx.table) > _width(naive.table)).all()
    assert (_width(fx.table) / _width(naive.table)).mean() > 1.1
    # the point estimates hardly move: only the intervals carry the shares' uncertainty
    np.testing.assert_allclose(fx.table["estimate"], naive.table["estimate"], atol=0.01)
    # and short documents (less sure shares) widen them more than long ones
    long_corpus, long_shares, long_conc = _simulate(tokens=400)
    wide = estimate_effects(long_shares, long_corpus, "s(date, 3) + source",
                            concentration=long_conc, n_sims=100, seed=3)
    narrow = estimate_effects(long_shares, long_corpus, "s(date, 3) + source",
                              concentration=long_conc, uncertainty="none", n_sims=100, seed=3)
    assert (_width(wide.table) / _width(narrow.table)).mean() < \
        (_width(fx.table) / _width(naive.table)).mean()


def test_documents_without_a_value_are_left_out(simulated):
    corpus, shares, conc = simulated
    unknown = corpus.assign(source=np.where(np.arange(600) < 100, "", corpus["source"]))
    fx = estimate_effects(shares, unknown, "s(date, 3) + source", concentration=conc, n_sims=5)
    assert fx.n_documents == 500 and fx.terms[1].levels == ("a", "b")


def test_same_seed_same_table_other_seed_other_draws(simulated, fx):
    corpus, shares, conc = simulated
    again = estimate_effects(shares, corpus, "s(date, 3) + source", concentration=conc,
                             n_sims=100, seed=3)
    pd.testing.assert_frame_equal(again.table, fx.table)
    other = estimate_effects(shares, corpus, "s(date, 3) + source", concentration=conc,
                             n_sims=100, seed=4)
    assert not np.allclose(other.table["lower"], fx.table["lower"])
    assert np.allclose(other.table["estimate"], fx.table["estimate"], atol=0.01)


def test_paragraphs_of_one_speech_widen_the_interval_when_clustered():
    # 60 speeches of 10 paragraphs; each speech has its own level of topic 0
    rng = np.random.default_rng(5)
    parent = np.repeat(np.arange(60), 10)
    level = rng.uniform(0.1, 0.5, 60)[parent]
    theta = np.column_stack([level, 1 - level]) + rng.normal(0, 0.02, (600, 1)) * [1, -1]
    corpus = from_frame(pd.DataFrame({
        "doc_id": [f"s{p}#p{i % 10}" for i, p in enumerate(parent)], "text": "...",
        "parent_id": [f"s{p}" for p in parent],
        "source": np.where(parent % 2 == 0, "a", "b")}))
    shares = pd.DataFrame(theta, index=corpus["doc_id"])
    robust = estimate_effects(shares, corpus, "source", concentration=200, n_sims=20)
    plain = estimate_effects(shares, corpus, "source", concentration=200, n_sims=20,
                             cluster=None)
    assert robust.cluster == "parent_id" and plain.cluster is None
    assert (_width(robust.table) > 2 * _width(plain.table)).all()


def test_a_fitted_model_recovers_the_source_effect():
    # LDA separates topics that documents mostly use alone (with spread=20 it merges them)
    corpus, _, _ = _simulate(spread=2.0)
    model = topics.fit(corpus, 3, seed=1, passes=10, no_below=1, no_above=1.0, min_tokens=1,
                       cache=False)
    fx = estimate_effects(model, corpus, "s(date, 3) + source", n_sims=50, seed=2)
    top = topics.top_terms(model, 3)
    arms = int(top[top["term"].isin(VOCAB[0].split())]["topic"].mode()[0])
    ratio = effect_contrast(fx, "source", "a", "b", kind="ratio").set_index("topic").loc[arms]
    # LDA's shares are estimates of their own (a little of each topic leaks into the
    # others), so the fitted effect is near 2 rather than at it
    assert 1.0 < ratio["lower"] and ratio["estimate"] == pytest.approx(2.0, rel=0.15)
    # the concentration is alpha + tokens in the vocabulary: 40 words + 3 x alpha
    tokens = topics.tokenize(corpus)
    explicit = estimate_effects(model, corpus, "s(date, 3) + source", tokens=tokens,
                                n_sims=50, seed=2)
    pd.testing.assert_frame_equal(explicit.table, fx.table)


# --------------------------------------------------------------------------- the spec


def test_natural_spline_is_linear_beyond_its_boundary_knots():
    knots = np.array([0.0, 0.3, 0.6, 1.0])
    x = np.array([1.0, 1.5, 2.0, 3.0])
    basis = natural_spline(x, knots)
    slopes = np.diff(basis, axis=0) / np.diff(x)[:, None]
    np.testing.assert_allclose(slopes, np.repeat(slopes[:1], 3, axis=0), atol=1e-9)
    # and cubic inside: a straight line is not in its span without the cubic terms
    inner = natural_spline(np.linspace(0, 1, 50), knots)
    assert np.linalg.matrix_rank(inner) == 3


def test_bad_specs_and_inputs_are_named(simulated):
    corpus, shares, conc = simulated
    with pytest.raises(ValueError, match=r"cannot read the term 'log\(date\)'"):
        estimate_effects(shares, corpus, "log(date)", concentration=conc)
    with pytest.raises(ValueError, match=r"spec column='party' is invalid; must be one of"):
        estimate_effects(shares, corpus, "party", concentration=conc)
    with pytest.raises(ValueError, match=r"s\(source\) needs a date or numeric column"):
        estimate_effects(shares, corpus, "s(source)", concentration=conc)
    with pytest.raises(ValueError, match=r"title has 0 value\(s\) \[\], so it has no effect"):
        estimate_effects(shares, corpus, "title", concentration=conc)  # '' is unknown
    with pytest.raises(ValueError, match=r"only 0 documents have a value of every covariate"):
        estimate_effects(shares.set_axis([f"x{i}" for i in range(600)]), corpus, "source",
                         concentration=conc)
    with pytest.raises(ValueError, match=r"source has 1 value\(s\) \['a'\]"):
        estimate_effects(shares, corpus.assign(source="a"), "source", concentration=conc)
    with pytest.raises(ValueError, match=r"degrees of freedom of s\(date\)=0 is invalid"):
        estimate_effects(shares, corpus, "s(date, 0)", concentration=conc)
    with pytest.raises(ValueError, match=r"concentration is needed with a doc_topics table"):
        estimate_effects(shares, corpus, "source")
    with pytest.raises(ValueError, match=r"uncertainty='local' is invalid"):
        estimate_effects(shares, corpus, "source", concentration=conc, uncertainty="local")
    with pytest.raises(TypeError, match=r"(?s)model=.* must be a fitted TopicModel"):
        estimate_effects(shares.to_numpy(), corpus, "source", concentration=conc)
    twin = corpus.assign(origin=corpus["source"])
    with pytest.raises(ValueError, match=r"covariates are collinear"):
        estimate_effects(shares, twin, "source + origin", concentration=conc)
    fx = estimate_effects(shares, corpus, "source", concentration=conc, n_sims=2)
    with pytest.raises(ValueError, match=r"covariate='date' is invalid"):
        effect_curve(fx, "date")
    with pytest.raises(ValueError, match=r"value='c' is invalid; must be one of 'a', 'b'"):
        effect_contrast(fx, "source", "c", "a")


def test_parse_spec_reads_formula_terms():
    frame = pd.DataFrame({"year": [1990, 2000, 2010, 2020], "n": [1.0, 2.0, 3.0, 5.0],
                          "party": ["D", "R", "D", "W"]})
    terms = parse_spec("~s(year, df=2) + n + party", frame)
    assert [(t.column, t.kind) for t in terms] == [("year", "smooth"), ("n", "linear"),
                                                  ("party", "categorical")]
    assert terms[0].knots == (0.0, 0.5, 1.0) and terms[2].levels == ("D", "R", "W")


# --------------------------------------------------------------------------- figures


def test_plots_draw_the_curve_and_the_levels_with_a_caption(fx):
    curve = effect_curve(fx, "date", n_points=30, topics=[0, 1])
    ax = eplots.effect_curve(curve, labels={0: "arms", 1: "climate"})
    assert len(ax.get_lines()) == 3  # two topics and the zero line
    caption = get_caption(ax)
    assert "topics 0, 1 by date" in caption and "600 documents" in caption
    assert "100 draws" in caption and "method of composition" in caption
    plt.close(ax.figure)
    ax = eplots.effects(fx.table, "source", topics=[0])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert "per source" in get_caption(ax)
    plt.close(ax.figure)
    with pytest.raises(ValueError, match=r"covariate='party' is invalid"):
        eplots.effects(fx.table, "party")
    with pytest.raises(ValueError, match=r"curve is missing columns"):
        eplots.effect_curve(curve.drop(columns="lower"))
