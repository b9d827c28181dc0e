"""Issue 14 (document unit) and issue 11 (topics on any corpus): what a topic model reads,
defaults from the data, and errors in the researcher's terms."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from toolkit import topics
from toolkit._core import UNGDC_PARQUET
from toolkit.corpus import from_frame, load, split_paragraphs
from toolkit.topics.units import LONG_DOCUMENT_CHARS

ARMS = ("Nuclear weapons and disarmament: the treaty limits every missile and warhead, and "
        "inspectors verify the arsenal of each state party to the treaty. ")
TRADE = ("Trade and tariffs: exports, imports and investment grow when markets open, and "
         "the tariff schedule of each member lowers duties on goods. ")
CLIMATE = ("Climate change: warming oceans, rising seas and carbon emissions threaten every "
           "island, and adaptation funds protect coasts from storms and floods. ")
PAIRS = [(ARMS, TRADE), (TRADE, CLIMATE), (CLIMATE, ARMS)]
FAST = {"passes": 4, "no_above": 1.0, "min_tokens": 1}


def _speeches(n: int = 12) -> pd.DataFrame:
    """Long documents of two paragraphs, each on one of three themes (every theme in 2/3
    of the documents, so no_above_parent=0.8 keeps its words)."""
    texts = [a * 9 + "\n\n" + b * 9 for a, b in (PAIRS[i % 3] for i in range(n))]
    assert all(len(t) >= LONG_DOCUMENT_CHARS for t in texts)
    return from_frame(pd.DataFrame({"doc_id": [f"s{i}" for i in range(n)], "text": texts,
                                    "date": [f"{2000 + i % 4}-01-01" for i in range(n)]}))


def test_long_documents_are_modelled_as_paragraphs_with_document_shares(caplog):
    docs = _speeches()
    with caplog.at_level(logging.INFO, logger="toolkit.topics"):
        model = topics.fit(docs, 3, cache=False, **FAST)
    assert "modelling 24 paragraphs of 12 documents" in caplog.text
    # the model read paragraphs: each is one theme
    paragraphs = topics.doc_topics(model, aggregate=False)
    assert len(paragraphs) == 24 and paragraphs.index[0] == "s0#p0"
    assert (paragraphs.max(axis=1) > 0.9).all()
    # the rows researchers get are their documents, half one theme and half another
    shares = topics.doc_topics(model)
    assert shares.index.tolist() == docs["doc_id"].tolist()
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    top_two = np.sort(shares.to_numpy(), axis=1)[:, -2:]
    np.testing.assert_allclose(top_two, 0.5, atol=0.08)
    # prevalence and typical documents work on the documents given
    prev = topics.prevalence(model, docs, n_boot=0)
    assert prev["n_documents"].sum() == 12 and prev.attrs["unit"] == "documents"
    assert set(topics.typical_docs(model, docs, n=1)["doc_id"]) <= set(docs["doc_id"])


def test_whole_documents_when_asked_or_when_short():
    docs = _speeches(6)
    whole = topics.fit(docs, 2, unit="document", cache=False, **FAST, no_above_parent=None)
    assert topics.doc_topics(whole).index.tolist() == docs["doc_id"].tolist()
    assert len(whole.doc_ids_) == 6
    short = from_frame(pd.DataFrame({"text": [ARMS, TRADE] * 10}))
    assert topics.model_units(short) is short
    assert topics.model_units(short, "paragraph")["parent_id"].nunique() == 20


def test_long_documents_without_paragraph_breaks_say_so(caplog):
    docs = from_frame(pd.DataFrame({"text": [(ARMS + TRADE) * 12] * 4}))
    with caplog.at_level(logging.WARNING, logger="toolkit.topics"):
        units = topics.model_units(docs)
    assert len(units) == 4
    assert "4 long documents have no paragraph breaks and are modelled whole" in caplog.text


def test_a_document_of_short_lines_is_kept_whole():
    docs = from_frame(pd.DataFrame({"doc_id": ["a", "b"],
                                    "text": ["Short line.\n" * 300, ARMS * 30]}))
    units = topics.model_units(docs, "paragraph")
    assert units["parent_id"].tolist() == ["a", "b"]
    assert units.loc[0, "text"] == docs.loc[0, "text"]


def test_tokens_of_long_documents_are_used_whole_with_a_warning(caplog):
    docs = _speeches(6)
    toks = topics.tokenize(docs)
    with caplog.at_level(logging.WARNING, logger="toolkit.topics"):
        model = topics.fit(docs, 2, tokens=toks, cache=False, **FAST, no_above_parent=None)
    assert "modelled whole because their tokens were given" in caplog.text
    assert len(model.doc_ids_) == 6


# --------------------------------------------------------------- defaults from the data


def test_no_below_and_the_grid_come_from_the_corpus_size():
    small = from_frame(pd.DataFrame({"text": [ARMS, TRADE] * 7}))
    model = topics.fit(small, 2, cache=False, passes=2)  # no_below=5 would leave no words
    assert len(model.dictionary_) > 10
    assert topics.num_topics_grid(small) == [2, 3]
    big = from_frame(pd.DataFrame({"text": ["x"] * 20_000}))
    assert topics.num_topics_grid(big) == [10, 20, 30]


def test_issue_11_num_topics_too_large_is_said_in_the_researchers_terms():
    docs = from_frame(pd.DataFrame({"text": [ARMS, TRADE] * 26 + [ARMS]}))
    with pytest.raises(ValueError, match=r"num_topics=30 is more than 53 documents allow; use "
                                         r"at most 26"):
        topics.fit(docs, 30, cache=False, passes=1, no_above=1.0)
    # when filters empty documents, the message says how many are left and why
    with pytest.raises(ValueError, match=r"num_topics=30 is more than 26 documents \(of 53; "
                                         r"the others have fewer than min_tokens=5 tokens"):
        topics.fit(docs, 30, cache=False, passes=1)
    few_words = from_frame(pd.DataFrame({"text": ["war peace treaty army",
                                                  "trade market tariff export"] * 20}))
    with pytest.raises(ValueError, match=r"num_topics=10 is more than the 8 terms left after "
                                         r"filtering \(no_below=5\) allow; use at most 7"):
        topics.fit(few_words, 10, cache=False, passes=1, no_below=5, no_above=1.0,
                   min_tokens=1)


def test_issue_11_num_topics_zero_is_an_error_not_the_sweeps_choice():
    docs = from_frame(pd.DataFrame({"text": [ARMS, TRADE] * 20}))
    with pytest.raises(ValueError, match=r"fixed=0 is invalid; must be an integer >= 1"):
        topics.sweep(docs, [2, 3], fixed=0)
    with pytest.raises(ValueError, match=r"num_topics=0 is invalid; must be an integer >= 1"):
        topics.fit(docs, 0, cache=False)


def test_choose_covariate_from_the_corpus():
    docs = from_frame(pd.DataFrame({"text": ["a"] * 6, "source": ["x", "y"] * 3,
                                    "party": ["p"] * 6}))
    assert topics.choose_covariate(docs)[0] == "source"  # party has one value
    assert topics.choose_covariate(docs, "source")[1].endswith("(as given)")
    name, why = topics.choose_covariate(docs.assign(source="x"))
    assert name is None and "skipped" in why


# --------------------------------------------------------------- real corpus


@pytest.mark.ungdc
@pytest.mark.slow
@pytest.mark.skipif(not UNGDC_PARQUET.exists(), reason="UN General Debate corpus not found "
                    "(../shared/data/ungdc)")
def test_whole_speeches_never_silently_give_worse_topics_than_paragraphs():
    """Issue 14: the tutorial on whole speeches gave held-out NPMI -0.073, without a word.
    Given whole speeches, fit models their paragraphs: the same topics as fitting on the
    paragraphs, so the same held-out coherence."""
    speeches = load("ungdc", start="2019", end="2019")
    test_ids = set(speeches["doc_id"].iloc[::5])
    train = speeches[~speeches["doc_id"].isin(test_ids)].reset_index(drop=True)
    held_out = split_paragraphs(speeches[speeches["doc_id"].isin(test_ids)], min_chars=100)
    reference = topics.tokenize(held_out).tolist()
    options = {"passes": 3, "cache": False, "seed": 7}
    from_speeches = topics.fit(train, 10, **options)
    from_paragraphs = topics.fit(split_paragraphs(train, min_chars=100), 10, **options)
    whole = topics.fit(train, 10, unit="document", **options)
    npmi = {name: topics.coherence(m, reference) for name, m in
            [("speeches", from_speeches), ("paragraphs", from_paragraphs), ("whole", whole)]}
    assert npmi["speeches"] == pytest.approx(npmi["paragraphs"], abs=1e-9)
    assert npmi["speeches"] > npmi["whole"] + 0.02, npmi
    assert topics.doc_topics(from_speeches).shape == (len(train), 10)
