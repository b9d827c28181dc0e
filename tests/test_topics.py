"""Tests of toolkit.topics: the model, labels, prevalence, the sweep, and their plots."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit import cache, topics
from toolkit._core import UNGDC_PARQUET
from toolkit.corpus import from_frame
from toolkit.plots import topics as tplots

# three clearly separated themes, with a shared word ("nations") in all of them
THEMES = {
    "arms": "nuclear weapons disarmament treaty missile warhead nations",
    "trade": "trade tariff market export import investment nations",
    "climate": "climate warming ocean emissions island carbon nations",
}
FAST = {"passes": 5, "no_below": 1, "no_above": 1.0, "min_tokens": 1}


def _docs(n_per: int = 10, seed: int = 0) -> list[list[str]]:
    """Token lists: each document samples 8 words of one theme (arms most frequent)."""
    rng = np.random.default_rng(seed)
    docs = []
    for theme, count in zip(THEMES.values(), (n_per + 4, n_per, n_per - 3)):
        words = theme.split()
        docs += [list(rng.choice(words, size=8)) for _ in range(count)]
    return docs


def _corpus() -> pd.DataFrame:
    docs = _docs()
    years = [2001, 2002, 2004] * (len(docs) // 3) + [2001] * (len(docs) % 3)
    return from_frame(pd.DataFrame({
        "doc_id": [f"d{i:02d}" for i in range(len(docs))],
        "text": [" ".join(d) for d in docs],
        "date": [f"{y}-06-01" for y in years],
        "source": ["spoken" if i % 2 else "written" for i in range(len(docs))],
        "title": [f"Doc {i}" for i in range(len(docs))],
    }))


def _theme_of(terms: set[str]) -> str:
    return max(THEMES, key=lambda t: len(terms & set(THEMES[t].split())))


# --------------------------------------------------------------------------- model


def test_fit_recovers_the_three_themes_ordered_by_prevalence():
    model = topics.TopicModel(3, **FAST).fit(_docs())
    terms = topics.top_terms(model, n=5)
    found = [_theme_of(set(g["term"])) for _, g in terms.groupby("topic")]
    # 14 arms docs, 10 trade, 7 climate: topic 0 is the most prevalent
    assert found == ["arms", "trade", "climate"]
    assert list(terms.columns) == ["topic", "rank", "term", "weight"]
    assert terms["rank"].tolist()[:5] == [0, 1, 2, 3, 4]
    assert (terms.groupby("topic")["weight"].apply(lambda w: w.is_monotonic_decreasing)).all()


def test_same_seed_gives_the_same_topics_and_document_shares():
    a = topics.TopicModel(3, seed=7, **FAST).fit(_docs())
    b = topics.TopicModel(3, seed=7, **FAST).fit(_docs())
    pd.testing.assert_frame_equal(topics.top_terms(a), topics.top_terms(b))
    pd.testing.assert_frame_equal(topics.doc_topics(a), topics.doc_topics(b))
    np.testing.assert_array_equal(a.lda_.get_topics(), b.lda_.get_topics())


def test_random_init_is_reproducible_with_the_same_seed_too():
    a = topics.TopicModel(3, seed=3, init="random", **FAST).fit(_docs())
    b = topics.TopicModel(3, seed=3, init="random", **FAST).fit(_docs())
    np.testing.assert_array_equal(a.theta_, b.theta_)


def test_topic_model_follows_the_scikit_learn_contract():
    model = topics.TopicModel(3, **FAST)
    assert model.get_params()["num_topics"] == 3
    assert not hasattr(model, "lda_")  # nothing learned, nothing checked, before fit
    assert model.set_params(seed=7) is model and model.seed == 7
    fitted = model.fit(_docs())
    assert fitted is model
    assert {"dictionary_", "lda_", "doc_ids_", "theta_", "topic_names_"} <= set(vars(model))
    # a copy made from the parameters fits the same model
    twin = topics.TopicModel(**model.get_params()).fit(_docs())
    np.testing.assert_array_equal(twin.theta_, model.theta_)
    with pytest.raises(ValueError, match="parameter='passess' is invalid; must be one of"):
        model.set_params(passess=2)


def test_gensim_model_is_renumbered_like_the_tables():
    model = topics.TopicModel(3, **FAST).fit(_docs())
    top = topics.top_terms(model, n=1)
    for t in range(3):
        assert model.lda_.show_topic(t, topn=1)[0][0] == top.loc[top["topic"] == t, "term"].item()


def test_doc_topics_is_indexed_by_doc_id_and_rows_sum_to_one():
    corpus = _corpus()
    model = topics.fit(corpus, 3, cache=False, **FAST)
    dt = topics.doc_topics(model)
    assert dt.index.name == "doc_id"
    assert dt.index.tolist() == corpus["doc_id"].tolist()
    assert dt.columns.tolist() == [0, 1, 2]
    np.testing.assert_allclose(dt.sum(axis=1), 1.0, rtol=1e-6)
    # the first documents are arms documents: their largest topic is topic 0
    assert (dt.iloc[:14].idxmax(axis=1) == 0).all()


def test_fit_does_not_modify_the_corpus():
    corpus = _corpus()
    before = corpus.copy()
    topics.fit(corpus, 2, cache=False, **FAST)
    pd.testing.assert_frame_equal(corpus, before)


def test_fit_caches_on_disk_and_recomputes_a_corrupt_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path))
    corpus = _corpus()
    first = topics.fit(corpus, 3, **FAST)
    entries = cache.entries(tmp_path)
    assert len(entries) == 1
    again = topics.fit(corpus, 3, **FAST)
    pd.testing.assert_frame_equal(topics.top_terms(first), topics.top_terms(again))
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # truncate: corrupt
    third = topics.fit(corpus, 3, **FAST)
    pd.testing.assert_frame_equal(topics.top_terms(first), topics.top_terms(third))
    # another parameter is another entry
    topics.fit(corpus, 3, **{**FAST, "passes": 6})
    assert len(cache.entries(tmp_path)) == 2


def test_no_above_parent_drops_words_every_parent_uses():
    docs = _docs()
    parents = [f"speech{i % 5}" for i in range(len(docs))]
    model = topics.TopicModel(3, **FAST).fit(docs, parents=parents)
    assert "nations" not in model.dictionary_.token2id
    kept = topics.TopicModel(3, **{**FAST, "no_above_parent": None}).fit(docs, parents=parents)
    assert "nations" in kept.dictionary_.token2id


def test_guided_topics_keep_their_seed_words_and_names():
    seeds = {"climate": ["climate", "carbon"], "trade": ["tariff"]}
    model = topics.TopicModel(3, seed_words=seeds, **FAST).fit(_docs())
    terms = topics.top_terms(model, n=4)
    assert _theme_of(set(terms.loc[terms["topic"] == 0, "term"])) == "climate"
    assert _theme_of(set(terms.loc[terms["topic"] == 1, "term"])) == "trade"
    assert model.topic_names_ == ["climate", "trade", "topic 2"]
    assert topics.labels(model, n=1).index.tolist() == [0, 1, 2]
    assert topics.labels(model, n=1)[0].startswith("climate: ")


def test_frex_prefers_exclusive_terms_over_shared_ones():
    model = topics.TopicModel(3, **{**FAST, "no_above": 1.0}).fit(_docs())
    prob = topics.top_terms(model, n=8)
    frex = topics.frex_terms(model, n=3)
    # "nations" is in every theme: frequent, never exclusive
    assert "nations" in set(prob["term"])
    assert "nations" not in set(frex["term"])
    assert frex["weight"].between(0, 1).all()


def test_typical_docs_have_titles_and_the_highest_shares():
    corpus = _corpus()
    model = topics.fit(corpus, 3, cache=False, **FAST)
    typical = topics.typical_docs(model, corpus, n=2)
    assert typical["topic"].tolist() == [0, 0, 1, 1, 2, 2]
    dt = topics.doc_topics(model)
    for _, row in typical.iterrows():
        assert row["share"] == pytest.approx(dt.loc[row["doc_id"], row["topic"]])
        assert row["title"] == corpus.set_index("doc_id").at[row["doc_id"], "title"]
    assert (typical.groupby("topic")["share"].apply(lambda s: s.is_monotonic_decreasing)).all()


def test_topic_distances_and_map_are_deterministic_and_symmetric():
    model = topics.TopicModel(3, **FAST).fit(_docs())
    d = topics.topic_distances(model)
    np.testing.assert_allclose(d.to_numpy(), d.to_numpy().T)
    assert np.diag(d.to_numpy()).tolist() == [0.0, 0.0, 0.0]
    assert ((d.to_numpy() >= 0) & (d.to_numpy() <= 1)).all()
    m1, m2 = topics.topic_map(model), topics.topic_map(model)
    pd.testing.assert_frame_equal(m1, m2)
    # MDS keeps the distances: three well separated topics, 2-D is exact for 3 points
    xy = m1[["x", "y"]].to_numpy()
    np.testing.assert_allclose(np.linalg.norm(xy[0] - xy[1]), d.iloc[0, 1], rtol=1e-6)
    assert m1["prevalence"].is_monotonic_decreasing


# --------------------------------------------------------------------------- prevalence


def test_prevalence_keeps_empty_periods_as_zero_and_brackets_the_share():
    corpus = _corpus()
    model = topics.fit(corpus, 3, cache=False, **FAST)
    prev = topics.prevalence(model, corpus, freq="Y", n_boot=100, seed=1)
    assert isinstance(prev.index, pd.PeriodIndex)
    assert [str(p) for p in prev.index] == ["2001", "2002", "2003", "2004"]
    assert prev.loc[pd.Period("2003", "Y")].eq(0).all()
    assert prev["n_documents"].tolist() == [11, 10, 0, 10]  # documents per year
    assert prev.columns.names == ["topic", "stat"]
    assert prev.columns[-1] == ("n_documents", "")
    shares = prev.xs("share", axis=1, level="stat")
    np.testing.assert_allclose(shares.drop(pd.Period("2003", "Y")).sum(axis=1), 1.0, rtol=1e-6)
    for t in range(3):
        assert (prev[(t, "lower")] <= prev[(t, "share")] + 1e-12).all()
        assert (prev[(t, "share")] <= prev[(t, "upper")] + 1e-12).all()
    # the share equals the mean document proportion of the period
    dt = topics.doc_topics(model)
    in_2001 = corpus.loc[corpus["date"].dt.year == 2001, "doc_id"]
    assert prev.loc[pd.Period("2001", "Y"), (0, "share")] == pytest.approx(dt.loc[in_2001, 0].mean())


def test_prevalence_bootstrap_is_seeded():
    corpus = _corpus()
    model = topics.fit(corpus, 3, cache=False, **FAST)
    a = topics.prevalence(model, corpus, n_boot=50, seed=3)
    b = topics.prevalence(model, corpus, n_boot=50, seed=3)
    c = topics.prevalence(model, corpus, n_boot=50, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_prevalence_resamples_whole_parents_when_given():
    corpus = _corpus()
    corpus["parent_id"] = ["p" + str(i // 4) for i in range(len(corpus))]
    model = topics.fit(corpus, 3, cache=False, **{**FAST, "no_above_parent": None})
    wide = topics.prevalence(model, corpus, n_boot=300, seed=1)
    flat = topics.prevalence(model, corpus.drop(columns="parent_id"), n_boot=300, seed=1)
    # paragraphs of one parent share a theme here: clustered intervals are wider
    width = lambda p: (p[(0, "upper")] - p[(0, "lower")]).sum()
    assert width(wide) > width(flat)


def test_prevalence_by_covariate():
    corpus = _corpus()
    model = topics.fit(corpus, 3, cache=False, **FAST)
    by = topics.prevalence_by(model, corpus, "source", n_boot=20)
    assert by.index.tolist() == ["spoken", "written"]
    assert by.index.name == "source"
    spoken = corpus.loc[corpus["source"] == "spoken", "doc_id"]
    assert by.loc["spoken", (1, "share")] == pytest.approx(
        topics.doc_topics(model).loc[spoken, 1].mean())


def test_prevalence_dates_paragraphs_by_their_parent():
    # (ported from timeline.topic_prevalence) a doc_topics table of paragraphs, dated by
    # the corpus of whole documents; a document in neither is left out
    c = from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"],
                                 "date": ["2001-01-01", "2003-01-01"]}))
    dt = pd.DataFrame({0: [0.2, 0.4, 0.9, 0.5], 1: [0.8, 0.6, 0.1, 0.5]},
                      index=pd.Index(["a#p0", "a#p1", "b#p0", "nowhere"], name="doc_id"))
    prev = topics.prevalence(dt, c, n_boot=0)
    shares = prev.xs("share", axis=1, level="stat")
    np.testing.assert_allclose(shares.to_numpy(), [[0.3, 0.7], [0.0, 0.0], [0.9, 0.1]])
    assert prev["n_documents"].tolist() == [2, 0, 1]
    assert [str(p) for p in prev.index] == ["2001", "2002", "2003"]


def test_prevalence_of_paragraphs_is_the_same_with_the_corpus_of_their_parents():
    corpus = _corpus()
    paragraphs = corpus.assign(parent_id=["p" + str(i // 4) for i in range(len(corpus))])
    paragraphs["doc_id"] = [f"{p}#p{i % 4}" for i, p in enumerate(paragraphs["parent_id"])]
    paragraphs["date"] = paragraphs.groupby("parent_id")["date"].transform("first")
    parents = from_frame(paragraphs.drop_duplicates("parent_id")[["parent_id", "date", "text"]]
                         .rename(columns={"parent_id": "doc_id"}))
    model = topics.fit(paragraphs, 3, cache=False, **{**FAST, "no_above_parent": None})
    by_paragraph = topics.prevalence(model, paragraphs, n_boot=50, seed=2)
    pd.testing.assert_frame_equal(topics.prevalence(model, parents, n_boot=50, seed=2),
                                  by_paragraph)


def test_prevalence_band_is_seeded_and_covers_the_mean():
    # (ported from timeline.prevalence_band) 40 documents a year with uniform shares
    rng = np.random.default_rng(1)
    c = from_frame(pd.DataFrame({"doc_id": [f"d{i}" for i in range(80)], "text": ["x"] * 80,
                                 "date": ["2001-06-01"] * 40 + ["2002-06-01"] * 40}))
    dt = pd.DataFrame({0: rng.random(80), 1: rng.random(80)}, index=c["doc_id"])
    one = topics.prevalence(dt, c, n_boot=100, seed=3)
    pd.testing.assert_frame_equal(one, topics.prevalence(dt, c, n_boot=100, seed=3))
    assert not one.equals(topics.prevalence(dt, c, n_boot=100, seed=4))
    for t in (0, 1):
        mean = dt.groupby(c["date"].dt.year.to_numpy())[t].mean().to_numpy()
        np.testing.assert_allclose(one[(t, "share")], mean)
        assert (one[(t, "lower")] < one[(t, "share")]).all()
        assert (one[(t, "share")] < one[(t, "upper")]).all()
        # the width is about 2 * 1.96 standard errors of a mean of 40 uniforms (sd 0.289)
        width = (one[(t, "upper")] - one[(t, "lower")]).to_numpy()
        assert np.all(np.abs(width - 2 * 1.96 * 0.289 / np.sqrt(40)) < 0.06)
    no_band = topics.prevalence(dt, c, n_boot=0)
    pd.testing.assert_series_equal(no_band[(0, "lower")], no_band[(0, "share")],
                                   check_names=False)


def test_prevalence_rows_carry_their_denominators():
    corpus = _corpus()
    model = topics.fit(corpus, 3, cache=False, **FAST)
    prev = topics.prevalence(model, corpus, n_boot=0)
    late = prev.loc[pd.Period("2003", "Y"):]
    assert late["n_documents"].tolist() == [0, 10]
    assert late["n_documents"].dtype == np.int64
    by = topics.prevalence_by(model, corpus, "source", n_boot=0)
    assert by["n_documents"].to_dict() == corpus["source"].value_counts().to_dict()
    quarters = topics.prevalence(model, corpus, freq="Q", n_boot=0)
    assert quarters.index.freqstr == "Q-DEC" and len(quarters) == 13
    assert quarters["n_documents"].sum() == len(corpus)


def test_prevalence_bins_multiple_years_on_the_epoch():
    c = from_frame(pd.DataFrame({"doc_id": list("abcde"), "text": ["x"] * 5,
                                 "date": ["1992-01-01", "1994-05-01", "1996-01-01",
                                          "2004-01-01", None]}), date_errors="coerce")
    dt = pd.DataFrame({0: [0.2, 0.4, 0.9, 0.5, 0.1], 1: [0.8, 0.6, 0.1, 0.5, 0.9]},
                      index=pd.Index(list("abcde"), name="doc_id"))
    prev = topics.prevalence(dt, c, freq="5Y", n_boot=20)
    assert [str(p) for p in prev.index] == ["1990", "1995", "2000"]  # 1990-1994, ...
    assert prev["n_documents"].tolist() == [2, 1, 1]  # the undated one is left out
    np.testing.assert_allclose(prev[(0, "share")], [0.3, 0.9, 0.5])
    (ax,) = tplots.prevalence(prev, topics=[0])
    assert len(ax.get_lines()) == 1
    plt.close("all")


# --------------------------------------------------------------------------- selection


def test_match_topics_and_stability_on_term_lists():
    a = [["a", "b", "c"], ["d", "e", "f"]]
    b = [["d", "e", "x"], ["a", "b", "c"]]
    matched = topics.match_topics(a, b, n=3)
    assert matched["topic_b"].tolist() == [1, 0]
    assert matched["jaccard"].tolist() == [1.0, 0.5]
    st = topics.stability([a, b, a], n=3)
    assert st.attrs["mean"] == pytest.approx((0.75 + 1.0 + 0.75) / 3)
    assert st["stability"].tolist() == [1.0, 0.75]
    assert st["min"].tolist() == [1.0, 0.5]


def test_default_init_is_stable_across_seeds():
    runs = [topics.TopicModel(3, seed=s, **FAST).fit(_docs(seed=1)) for s in (1, 2, 3)]
    assert topics.stability(runs, n=5).attrs["mean"] == 1.0


def test_diversity_counts_distinct_top_terms():
    model = topics.TopicModel(3, **FAST).fit(_docs())
    assert topics.diversity(model, n=7) == pytest.approx(
        topics.top_terms(model, 7)["term"].nunique() / 21)


def test_coherence_matches_gensim():
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    texts = [d * 2 for d in _docs(seed=5)] + [["nuclear"] * 3 + ["trade"]]
    terms = [["nuclear", "treaty", "missile"], ["trade", "market", "nuclear"]]
    cm = CoherenceModel(topics=terms, texts=texts, dictionary=Dictionary([[w for t in terms for w in t]]),
                        coherence="c_npmi", topn=3, processes=1)
    expected = cm.get_coherence_per_topic()
    got = topics.coherence(terms, texts, measure="c_npmi", n=3, per_topic=True)
    np.testing.assert_allclose(got, expected, rtol=1e-9)


def test_perplexity_is_lower_on_in_domain_text():
    model = topics.TopicModel(3, **FAST).fit(_docs())
    inside = topics.perplexity(model, _docs(seed=9))
    mixed = topics.perplexity(model, [["nuclear", "tariff", "ocean", "export"] * 2] * 10)
    assert inside < mixed


def test_sweep_reports_every_k_and_chooses_by_the_rule():
    corpus = _corpus()
    result = topics.sweep(corpus, [2, 3, 4], seeds=[1, 2], cache=False, **FAST)
    table = result.table
    assert table.index.tolist() == [2, 3, 4]
    for col in ("c_npmi", "c_v", "u_mass", "perplexity", "diversity", "stability",
                "stability_sd", "c_npmi_sd"):
        assert col in table.columns
    assert len(result.runs) == 6
    assert set(result.topic_stability["num_topics"]) == {2, 3, 4}
    assert result.chosen == topics.choose_num_topics(table)
    assert result.chosen == 3  # three themes in the data
    assert sorted(result.models) == [(k, s) for k in (2, 3, 4) for s in (1, 2)]


def test_choose_num_topics_falls_back_to_the_most_stable():
    t = pd.DataFrame({"c_npmi": [0.1, 0.2], "stability": [0.5, 0.3]}, index=[5, 10])
    assert topics.choose_num_topics(t, min_stability=0.6) == 5


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"num_topics": 0}, r"num_topics=0 is invalid; must be an integer >= 1"),
    ({"init": "svd"}, r"init='svd' is invalid; must be one of 'nmf', 'nndsvd', 'random'"),
    ({"no_above": 1.5}, r"no_above=1.5 is invalid; must be a number > 0 and <= 1"),
    ({"no_above_parent": 0}, r"no_above_parent=0 is invalid; must be a number > 0 and <= 1 "
                             r"or None"),
    ({"passes": 0}, r"passes=0 is invalid; must be an integer >= 1"),
    ({"seed_words": {"x": "climate"}}, r"seed_words\['x'\]='climate' is invalid"),
    ({"seed_words": {"x": ["zebra"]}}, r"none of these words is in the dictionary"),
    ({"num_topics": 1, "seed_words": {"a": ["trade"], "b": ["climate"]}},
     r"seed_words has 2 topics but num_topics=1"),
])
def test_model_errors_name_the_argument(kwargs, match):
    params = {"num_topics": 3, **FAST, **kwargs}
    with pytest.raises(ValueError, match=match):
        topics.TopicModel(**params).fit(_docs())


def test_type_errors():
    with pytest.raises(TypeError, match="not a single string"):
        topics.TopicModel(2).fit("nuclear weapons")
    with pytest.raises(TypeError, match=r"tokens\[0\] must be a list of str tokens"):
        topics.TopicModel(2).fit(["nuclear weapons", "trade"])
    with pytest.raises(TypeError, match="num_topics='3' has the wrong type str; must be an "
                                        "integer >= 1"):
        topics.TopicModel("3").fit(_docs())
    with pytest.raises(TypeError, match="no_above='0.5' has the wrong type str; must be a number"):
        topics.TopicModel(3, no_above="0.5").fit(_docs())
    with pytest.raises(TypeError, match="seed_words=.* has the wrong type list; must be a mapping"):
        topics.TopicModel(3, seed_words=[["war"]]).fit(_docs())
    with pytest.raises(TypeError, match="model='model' has the wrong type str; must be a "
                                        "TopicModel"):
        topics.top_terms("model")
    with pytest.raises(TypeError, match="(?s)model=.* has the wrong type ndarray; must be a fitted "
                                        "TopicModel or its doc_topics table"):
        topics.prevalence(np.zeros((2, 2)), _corpus())


def test_other_errors():
    model = topics.TopicModel(3, **FAST).fit(_docs())
    corpus = _corpus()
    with pytest.raises(ValueError, match="not fitted yet"):
        topics.doc_topics(topics.TopicModel(3))
    with pytest.raises(ValueError, match=r"n=0 is invalid; must be an integer >= 1"):
        topics.top_terms(model, n=0)
    with pytest.raises(ValueError, match=r"by='frequency' is invalid; must be one of"):
        topics.labels(model, by="frequency")
    with pytest.raises(ValueError, match=r"frex_weight=2 is invalid; must be a number >= 0 "
                                         r"and <= 1"):
        topics.frex_terms(model, frex_weight=2)
    with pytest.raises(ValueError, match="shares no doc_id"):
        topics.prevalence(model, corpus)
    fitted = topics.fit(corpus, 3, cache=False, **FAST)
    with pytest.raises(ValueError, match=r"freq='fortnight' is invalid"):
        topics.prevalence(fitted, corpus, freq="fortnight")
    with pytest.raises(ValueError, match=r"n_boot=-1 is invalid; must be an integer >= 0"):
        topics.prevalence(fitted, corpus, n_boot=-1)
    with pytest.raises(ValueError, match=r"level=1.5 is invalid; must be a number > 0 and < 1"):
        topics.prevalence_by(fitted, corpus, "source", level=1.5)
    with pytest.raises(ValueError, match=r"by='country' is invalid; must be one of 'date', "):
        topics.prevalence_by(fitted, corpus, "country")
    with pytest.raises(ValueError, match=r"measure='c_uci' is invalid"):
        topics.coherence(model, _docs(), measure="c_uci")
    with pytest.raises(ValueError, match="at least 2 models"):
        topics.stability([model])
    with pytest.raises(ValueError, match=r"holdout=1.5 is invalid; must be a number > 0 and < 1"):
        topics.sweep(corpus, [2], holdout=1.5)
    with pytest.raises(ValueError, match=r"num_topics\[1\]=0 is invalid; must be an integer >= 1"):
        topics.sweep(corpus, [2, 0])
    with pytest.raises(ValueError, match=r"resample=0 is invalid; must be a number > 0 and <= 1"):
        topics.sweep(corpus, [2], resample=0)
    with pytest.raises(ValueError, match=r"table is missing columns \['stability'\]"):
        topics.choose_num_topics(pd.DataFrame({"c_npmi": [0.1]}))
    with pytest.raises(ValueError, match="tokens has 2 entries but corpus has"):
        topics.fit(corpus, 2, tokens=[["a"], ["b"]], cache=False)


# --------------------------------------------------------------------------- plots


def test_plots_return_axes_with_the_data_drawn():
    corpus = _corpus()
    model = topics.fit(corpus, 3, cache=False, **FAST)
    ax = tplots.top_terms(topics.top_terms(model, n=4), labels=topics.labels(model, n=2))
    assert len(ax.patches) == 12
    assert len(ax.texts) == 12
    ax = tplots.topic_map(topics.topic_map(model))
    assert len(ax.collections[0].get_offsets()) == 3
    axes = tplots.prevalence(topics.prevalence(model, corpus, n_boot=10), topics=[0, 2])
    assert [len(ax.get_lines()) for ax in axes if ax.get_visible()] == [1, 1]
    ax = tplots.prevalence_by(topics.prevalence_by(model, corpus, "source", n_boot=10), 1)
    assert sorted(t.get_text().split(" (")[0] for t in ax.get_yticklabels()) == [
        "spoken", "written"]
    result = topics.sweep(corpus, [2, 3], seeds=[1, 2], cache=False, n_jobs=1, **FAST)
    axes = tplots.sweep(result.table, chosen=result.chosen)
    assert axes[1].get_xticks().tolist() == [2, 3]
    plt.close("all")


def test_plot_errors():
    with pytest.raises(ValueError, match=r"table is missing columns \['stability'\]"):
        tplots.sweep(pd.DataFrame({"c_npmi": [0.1], "diversity": [1.0]}))
    with pytest.raises(ValueError, match=r"terms is missing columns \['rank', 'term', 'weight'\]"):
        tplots.top_terms(pd.DataFrame({"topic": [0]}))
    with pytest.raises(ValueError, match=r"tmap is missing columns \['prevalence'\]"):
        tplots.topic_map(pd.DataFrame({"x": [0.0], "y": [0.0]}))
    cols = pd.MultiIndex.from_product([[0], ["share", "lower", "upper"]])
    by = pd.DataFrame([[0.5, 0.4, 0.6]], columns=cols)
    by[("n_documents", "")] = [3]
    with pytest.raises(ValueError, match=r"topic=5 is invalid; must be one of \[0\]"):
        tplots.prevalence_by(by, 5)
    with pytest.raises(ValueError, match=r"prevalence must be toolkit.topics.prevalence\(\) "
                                         r"output"):
        tplots.prevalence(pd.DataFrame({"share": [0.5]}))


# --------------------------------------------------------------------------- real corpus


@pytest.mark.ungdc
@pytest.mark.slow
@pytest.mark.skipif(not UNGDC_PARQUET.exists(), reason="UN General Debate corpus not found "
                    "at toolkit._core.UNGDC_PARQUET")
def test_ungdc_small_model_finds_known_themes():
    from toolkit.corpus import load, split_paragraphs

    speeches = load("ungdc", start="2023", end="2023")
    speeches = speeches[speeches["country"].isin(
        ["FJI", "TUV", "MDV", "UKR", "POL", "LTU", "PSE", "JOR", "EGY", "KIR", "EST", "LBN"])]
    paras = split_paragraphs(speeches, min_chars=100)
    model = topics.fit(paras, 4, cache=False, passes=5)
    terms = set(topics.top_terms(model, n=15)["term"])
    # the four themes of these speeches: Pacific islands, the war in Ukraine, Palestine,
    # refugees. "climate" is in 11 of the 12 speeches, so no_above_parent=0.8 drops it.
    assert {"tuvalu", "ukraine", "russia", "israel", "palestinian", "refugee"} <= terms
    assert "climate" not in terms
    # boilerplate removed by no_above_parent
    assert not {"united", "nations", "united_nations"} & terms


def test_tokenize_for_topics_leaves_phrases_unjoined_unless_asked():
    from toolkit.corpus import from_frame

    texts = ["The United Nations and climate change talks went on."] * 12
    corpus = from_frame(pd.DataFrame({"text": texts}))
    plain = topics.tokenize(corpus)
    assert plain.iloc[0][:2] == ["united", "nations"]
    assert plain.attrs["phrases"] is None
    joined = topics.tokenize(corpus, phrases={"min_count": 2, "threshold": 0.1})
    assert "united_nations" in joined.iloc[0]
    # the attrs of unjoined tokens can be passed on, as for held-out documents
    assert topics.tokenize(corpus, phrases=plain.attrs["phrases"]).tolist() == plain.tolist()


def test_transform_gives_new_documents_their_topic():
    model = topics.TopicModel(3, **FAST).fit(_docs())
    theta = model.transform([["nuclear", "warhead", "missile", "treaty"],
                             ["carbon", "ocean", "warming", "island"]])
    assert theta.shape == (2, 3)
    assert theta.argmax(axis=1).tolist() == [0, 2]
    np.testing.assert_allclose(model.topic_word_.sum(axis=1), 1.0, rtol=1e-5)


def test_prevalence_interval_is_not_empty_with_one_parent_per_period():
    corpus = _corpus()
    corpus["parent_id"] = corpus["date"].dt.year.astype(str)  # one "speech" per year
    model = topics.fit(corpus, 3, cache=False, **{**FAST, "no_above_parent": None})
    prev = topics.prevalence(model, corpus, n_boot=200, seed=1)
    year = pd.Period("2001", "Y")
    assert prev.loc[year, (0, "upper")] - prev.loc[year, (0, "lower")] > 0.05


def test_a_spurious_invalid_flag_in_gensims_arithmetic_warns_nothing(monkeypatch):
    # OpenBLAS may set the invalid flag in a dot product without making a NaN (seen on
    # this machine under load): numpy's warning is silenced inside gensim's LDA, and the
    # values are checked instead
    import warnings

    from gensim.models import LdaModel

    expected = topics.fit(_corpus(), 3, seed=1, passes=2, cache=False).theta_
    inference = LdaModel.inference

    def flagged(self, chunk, collect_sstats=False):
        np.sqrt(np.array([-1.0]))  # sets the flag: "invalid value encountered in sqrt"
        return inference(self, chunk, collect_sstats=collect_sstats)

    monkeypatch.setattr(LdaModel, "inference", flagged)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = topics.fit(_corpus(), 3, seed=1, passes=2, cache=False)
    np.testing.assert_array_equal(model.theta_, expected)
    with pytest.warns(RuntimeWarning, match="invalid value encountered in sqrt"):
        flagged(model.lda_, [[(0, 1)]])  # outside the toolkit's calls numpy still warns


def test_a_nan_from_gensims_arithmetic_stops_the_fit(monkeypatch):
    from gensim.models import LdaModel

    inference = LdaModel.inference

    def broken(self, chunk, collect_sstats=False):
        gamma, sstats = inference(self, chunk, collect_sstats=collect_sstats)
        gamma[0, 0] = np.nan
        return gamma, sstats

    monkeypatch.setattr(LdaModel, "inference", broken)
    with pytest.raises(FloatingPointError, match=r"values are not finite \(NaN or infinity\)"):
        topics.fit(_corpus(), 3, seed=1, passes=2, cache=False)
