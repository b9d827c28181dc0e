"""Tests for toolkit.topics.scoring: agreement with gensim's CoherenceModel, window counts,
reuse of one reference across topic sets, and argument errors."""

from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd
import pytest

from toolkit._core import UNGDC_PARQUET
from toolkit.topics.scoring import MEASURES, ReferenceTexts, coherence


def _texts(seed: int = 0, n_docs: int = 120, vocab: int = 40) -> list[list[str]]:
    """Zipf-like random texts, some shorter than a window and one empty."""
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(vocab)]
    p = 1 / np.arange(1, vocab + 1)
    p /= p.sum()
    texts = [list(rng.choice(words, size=int(rng.integers(0, 80)), p=p)) for _ in range(n_docs)]
    texts.append([])
    return texts


def _topics(texts: list[list[str]], seed: int = 1, k: int = 6, n: int = 7) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    seen = sorted({w for t in texts for w in t})
    return [list(rng.choice(seen, size=n, replace=False)) for _ in range(k)]


def _gensim(topics, texts, measure, window_size=None) -> np.ndarray:
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cm = CoherenceModel(topics=topics, texts=texts, dictionary=Dictionary(texts),
                            coherence=measure, window_size=window_size, processes=1,
                            topn=max(len(t) for t in topics))
        return np.asarray(cm.get_coherence_per_topic(), dtype=float)


@pytest.mark.parametrize("measure, window_size", [
    ("c_npmi", None), ("c_npmi", 3), ("c_npmi", 40),
    ("c_v", None), ("c_v", 5), ("c_v", 25),
    ("u_mass", None),
])
def test_agrees_with_gensim(measure, window_size):
    texts = _texts()
    topics = _topics(texts)
    ours = coherence(topics, texts, measure=measure, window_size=window_size)
    theirs = _gensim(topics, texts, measure, window_size)
    assert ours.index.tolist() == list(range(len(topics)))
    assert ours.name == measure
    np.testing.assert_allclose(ours.to_numpy(), theirs, rtol=0, atol=1e-9)
    assert ours.mean() == pytest.approx(theirs.mean(), abs=1e-9)


def test_gensim_window_counts_reproduced_and_exact_counts_true():
    # windows of 4 over "a x a x x x b": [a x a x] [x a x x] [a x x x] [x x x b];
    # gensim drops "a" when the first copy leaves, although the second is still inside
    texts = [["a", "x", "a", "x", "x", "x", "b"]]
    gensim_like = ReferenceTexts().fit(texts)
    exact = ReferenceTexts(counting="exact").fit(texts)
    assert gensim_like.n_windows(4) == exact.n_windows(4) == 4
    assert gensim_like.occurrences("a", 4) == 1
    assert exact.occurrences("a", 4) == 3
    assert exact.co_occurrences("a", "b", 4) == 0
    assert exact.co_occurrences("x", "a", 4) == 3

    from gensim.corpora import Dictionary
    from gensim.topic_coherence.text_analysis import WordOccurrenceAccumulator

    d = Dictionary(texts)
    acc = WordOccurrenceAccumulator({d.token2id["a"], d.token2id["x"]}, d).accumulate(texts, 4)
    assert acc[d.token2id["a"]] == 1
    assert acc[d.token2id["a"], d.token2id["x"]] == gensim_like.co_occurrences("a", "x", 4)


@pytest.mark.parametrize("window", [1, 2, 5, 13])
def test_exact_counts_match_brute_force(window):
    texts = _texts(seed=3, n_docs=40, vocab=12)
    ref = ReferenceTexts(counting="exact").fit(texts)
    windows = []
    for t in texts:
        if len(t) <= window:
            windows.append(set(t))
        else:
            windows += [set(t[i:i + window]) for i in range(len(t) - window + 1)]
    assert ref.n_windows(window) == len(windows)
    for a in ["w0", "w3", "w11"]:
        assert ref.occurrences(a, window) == sum(a in w for w in windows)
        for b in ["w1", "w7"]:
            assert ref.co_occurrences(a, b, window) == sum(a in w and b in w for w in windows)
    docs = [set(t) for t in texts]
    assert ref.occurrences("w5", None) == sum("w5" in d for d in docs)
    assert ref.co_occurrences("w5", "w2", None) == sum({"w5", "w2"} <= d for d in docs)


def test_one_reference_scores_many_topic_sets():
    texts = _texts(seed=5)
    ref = ReferenceTexts().fit(texts)
    first = _topics(texts, seed=1)
    second = _topics(texts, seed=2, k=3)
    a = ref.score(first, measure=["c_npmi", "c_v", "u_mass"])
    b = ref.score(second, measure="c_v")
    assert list(a.columns) == list(MEASURES) and a.index.name == "topic"
    for m in MEASURES:
        np.testing.assert_allclose(a[m], _gensim(first, texts, m), atol=1e-9)
    np.testing.assert_allclose(b, _gensim(second, texts, "c_v"), atol=1e-9)
    # the same reference passed to coherence() gives the same values again
    pd.testing.assert_frame_equal(coherence(first, ref, measure=list(MEASURES)), a)


def test_topics_from_a_top_terms_table():
    texts = [["war", "peace", "treaty"], ["war", "peace"], ["trade", "market"]] * 3
    table = pd.DataFrame({"topic": [1, 1, 0, 0], "rank": [1, 0, 0, 1],
                          "term": ["war", "peace", "trade", "market"],
                          "weight": [0.2, 0.3, 0.4, 0.1]})
    from_table = coherence(table, texts, measure="u_mass")
    from_lists = coherence([["trade", "market"], ["peace", "war"]], texts, measure="u_mass")
    pd.testing.assert_series_equal(from_table, from_lists)
    assert from_lists.round(4).tolist() == [0.0, 0.0]


def test_hand_computed_values():
    texts = [["war", "peace", "treaty"], ["war", "peace"], ["trade", "market"],
             ["trade", "market", "tariff"], ["war", "market"]]
    # windows of 10 hold whole texts: N = 5; war 3, peace 2, both 2
    # npmi = log((2/5) / (3/5 * 2/5)) / -log(2/5) = log(5/3) / log(5/2)
    expected = np.log(5 / 3) / np.log(5 / 2)
    assert coherence([["war", "peace"]], texts)[0] == pytest.approx(expected, abs=1e-9)
    # u_mass of [war, peace]: log((2/5 + eps) / (3/5)) = log(2/3)
    assert coherence([["war", "peace"]], texts, measure="u_mass")[0] == pytest.approx(
        np.log(2 / 3), abs=1e-9)


def test_words_missing_from_the_reference_are_logged(caplog):
    texts = [["war", "peace"], ["war", "trade"]]
    with caplog.at_level(logging.WARNING, logger="toolkit.topics.scoring"):
        values = coherence([["war", "unicorn"], ["war", "peace"]], texts, measure="u_mass")
    assert "1 topic words never occur in the reference texts" in caplog.text
    assert "unicorn" in caplog.text
    # gensim's u_mass: log((0 + eps) / P(war)) for (unicorn, war)
    assert values[0] == pytest.approx(np.log(1e-12), abs=1e-6)
    assert np.isfinite(values[1])


def test_argument_errors():
    texts = [["a", "b"], ["b", "c"]]
    with pytest.raises(ValueError, match="measure='c_uci' is invalid; must be one of "
                                         "'c_npmi', 'c_v', 'u_mass'"):
        coherence([["a", "b"]], texts, measure="c_uci")
    with pytest.raises(ValueError, match="window_size=0 is invalid; must be an integer >= 1 "
                                         "or None"):
        coherence([["a", "b"]], texts, window_size=0)
    with pytest.raises(TypeError, match="window_size=2.5 has the wrong type float"):
        ReferenceTexts().fit(texts).occurrences("a", 2.5)
    with pytest.raises(ValueError, match="counting='fast' is invalid"):
        coherence([["a", "b"]], texts, counting="fast")
    with pytest.raises(TypeError, match="topics must be a list of word lists, not a single"):
        coherence("a b", texts)
    with pytest.raises(TypeError, match=r"topics\[1\] is a string"):
        coherence([["a", "b"], "b c"], texts)
    with pytest.raises(ValueError, match="topics is empty"):
        coherence([], texts)
    with pytest.raises(ValueError, match=r"topics table is missing columns \['term'\]"):
        coherence(pd.DataFrame({"topic": [0]}), texts)
    with pytest.raises(TypeError, match="texts must be an iterable of token lists"):
        coherence([["a", "b"]], pd.DataFrame({"text": ["a b"]}))
    with pytest.raises(TypeError, match="item 0 is a single string"):
        coherence([["a", "b"]], ["a b", "b c"])
    with pytest.raises(RuntimeError, match="not fitted yet"):
        ReferenceTexts().score([["a", "b"]])
    with pytest.raises(ValueError, match="measure is empty"):
        coherence([["a", "b"]], texts, measure=[])


@pytest.mark.ungdc
@pytest.mark.skipif(not UNGDC_PARQUET.exists(), reason="UN General Debate corpus absent")
def test_agrees_with_gensim_on_un_debates():
    from toolkit.corpus import load
    from toolkit.text import tokens

    speeches = load("ungdc", start="2010", end="2011")
    texts = tokens(speeches, progress=False).tolist()
    topics = [["nuclear", "weapon", "disarmament", "treaty", "non-proliferation"],
              ["climate_change", "small", "island", "sea", "level"],
              ["development", "poverty", "millennium", "goal", "africa"],
              ["israel", "palestinian", "peace", "two-state", "occupation"]]
    ref = ReferenceTexts().fit(texts)
    ours = ref.score(topics, measure=list(MEASURES))
    for m in MEASURES:
        np.testing.assert_allclose(ours[m], _gensim(topics, texts, m), atol=1e-9)
    assert ours["c_npmi"].idxmax() == 0  # the nuclear topic is the most coherent


def test_coherence_reads_the_texts_again_on_every_call():
    # nothing is remembered between calls: an in-place edit that keeps the total length
    # (which a memo keyed on the object could not notice) changes the values
    texts = _texts(seed=9)
    topics = _topics(texts)
    first = coherence(topics, texts)
    texts[0][:] = [topics[0][0]] * len(texts[0])
    again = coherence(topics, texts)
    np.testing.assert_allclose(again, _gensim(topics, texts, "c_npmi"), atol=1e-9)
    assert not np.allclose(first, again)
    assert first.name == "c_npmi"


def test_reference_texts_are_reachable_from_the_topics_package():
    import toolkit.topics
    from toolkit.topics.cooccur import WindowCounter

    assert toolkit.topics.ReferenceTexts is ReferenceTexts
    assert issubclass(ReferenceTexts, WindowCounter)
    assert toolkit.topics.scoring.coherence is coherence


@pytest.mark.parametrize("measure", MEASURES)
def test_long_topics_agree_with_gensim(measure):
    # 20 words per topic (gensim's default topn) takes the path for more than 16 words
    texts = _texts(seed=11, n_docs=150, vocab=60)
    topics = _topics(texts, seed=12, k=3, n=20)
    np.testing.assert_allclose(coherence(topics, texts, measure=measure),
                               _gensim(topics, texts, measure), atol=1e-9)


def test_very_long_topics_count_pair_by_pair():
    texts = _texts(seed=13, n_docs=100, vocab=80)
    topics = _topics(texts, seed=14, k=1, n=70)
    np.testing.assert_allclose(coherence(topics, texts, measure="c_npmi"),
                               _gensim(topics, texts, "c_npmi"), atol=1e-9)
