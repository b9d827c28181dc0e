"""Tests for toolkit.actors.keyness and toolkit.plots.keyness (issue 15: keyness with a figure)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.stats import chi2_contingency  # noqa: E402

from toolkit.actors import KEYNESS_COLUMNS, find_mentions, keyness  # noqa: E402
from toolkit.corpus import from_frame, load  # noqa: E402
from toolkit.plots import keyness as plot_keyness  # noqa: E402
from toolkit.style import get_caption  # noqa: E402

TEXTS = ["oil oil oil war", "oil war peace", "peace trade trade", "trade peace war"]


def small() -> tuple[pd.DataFrame, list[list[str]]]:
    corpus = from_frame(pd.DataFrame({"doc_id": list("abcd"), "text": TEXTS}))
    return corpus, [t.split() for t in TEXTS]


def test_scores_equal_scipy_on_every_2x2_table():
    corpus, toks = small()
    none = keyness(corpus, ["a", "b"], tokens=toks, correction="none", min_count=1)
    yates = keyness(corpus, ["a", "b"], tokens=toks, correction="yates", min_count=1)
    total_t, total_r = 7, 6
    for _, row in none.iterrows():
        table = [[row.n_target, total_t - row.n_target], [row.n_reference,
                                                          total_r - row.n_reference]]
        g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        chi2 = chi2_contingency(table, correction=False)[0]
        assert abs(row.g2) == pytest.approx(g2)
        assert abs(row.chi2) == pytest.approx(chi2)
        chi2_yates = chi2_contingency(table, correction=True)[0]
        assert abs(yates.set_index("feature").loc[row.feature, "chi2"]) == pytest.approx(chi2_yates)
    # signs: positive where relatively more frequent in the target
    signs = dict(zip(none["feature"], np.sign(none["g2"])))
    assert signs == {"oil": 1, "war": 1, "peace": -1, "trade": -1}


def test_williams_correction_and_log_ratio():
    corpus, toks = small()
    k = keyness(corpus, ["a", "b"], tokens=toks, measure="g2", min_count=1).set_index("feature")
    # Williams: q = 1 + (n/7 + n/6 - 1)(n/4 + n/9 - 1)/(6n) for "oil" (4 of 7 against 0 of 6)
    n = 13
    q = 1 + (n / 7 + n / 6 - 1) * (n / 4 + n / 9 - 1) / (6 * n)
    g2 = chi2_contingency([[4, 3], [0, 6]], correction=False, lambda_="log-likelihood")[0]
    assert k.loc["oil", "g2"] == pytest.approx(g2 / q)
    assert k.loc["oil", "log_ratio"] == pytest.approx(np.log2((4.5 / 7.5) / (0.5 / 6.5)))
    assert list(k.columns) == list(KEYNESS_COLUMNS[1:])
    assert k.index.tolist() == ["oil", "war", "peace", "trade"]   # sorted by signed g2


def test_target_as_mask_reference_and_min_count():
    corpus, toks = small()
    by_ids = keyness(corpus, ["a", "b"], tokens=toks)
    by_mask = keyness(corpus, np.array([True, True, False, False]), tokens=toks)
    pd.testing.assert_frame_equal(by_ids, by_mask)
    only = keyness(corpus, ["a"], reference=["d"], tokens=toks, min_count=1)
    assert only.set_index("feature")[["n_target", "n_reference"]].loc["oil"].tolist() == [3, 0]
    assert set(keyness(corpus, ["a", "b"], tokens=toks, min_count=4)["feature"]) == {"oil"}


def test_keyness_of_actors_between_periods_of_real_news():
    # the seed article's paragraphs: the first half against the second
    text = load("sample").loc[0, "text"]
    paras = [p for p in text.split("\n") if p.strip()]
    corpus = from_frame(pd.DataFrame({"doc_id": [f"p{i}" for i in range(len(paras))],
                                      "text": paras}))
    m = find_mentions(corpus)
    half = corpus["doc_id"].isin([f"p{i}" for i in range(len(paras) // 2)])
    k = keyness(corpus, half.to_numpy(), mentions=m, by="country", min_count=1)
    counts = m.groupby([m["doc_id"].isin(corpus.loc[half, "doc_id"]), "country"]).size()
    for _, row in k.iterrows():
        assert row.n_target == counts.get((True, row.feature), 0)
        assert row.n_reference == counts.get((False, row.feature), 0)
    assert set(k["feature"]) == set(m["country"]) - {""}


def test_keyness_of_terms_with_the_toolkit_tokens():
    corpus = from_frame(pd.DataFrame({"doc_id": list("abcd"), "text": [
        "Sanctions on Iran were tightened; sanctions hurt.", "New sanctions and more sanctions.",
        "The climate summit discussed climate finance.", "Climate change and climate policy."]}))
    k = keyness(corpus, ["a", "b"], min_count=2)
    assert k.iloc[0]["feature"].startswith("sanction") and k.iloc[-1]["feature"] == "climate"


def test_keyness_errors():
    corpus, toks = small()
    with pytest.raises(ValueError, match=r"target: doc_id\(s\) \['zz'\] are not in corpus"):
        keyness(corpus, ["zz"], tokens=toks)
    with pytest.raises(ValueError, match="target and reference share documents"):
        keyness(corpus, ["a"], reference=["a", "b"], tokens=toks)
    with pytest.raises(ValueError, match="target has 4 and reference 0 documents"):
        keyness(corpus, list("abcd"), tokens=toks)
    with pytest.raises(ValueError, match="measure='pmi' is invalid"):
        keyness(corpus, ["a"], tokens=toks, measure="pmi")
    with pytest.raises(ValueError, match="one value per document"):
        keyness(corpus, np.array([True, False]), tokens=toks)
    with pytest.raises(ValueError, match="3 token lists for 4 documents"):
        keyness(corpus, ["a"], tokens=toks[:3])


def test_keyness_figure_has_both_sides_and_a_caption():
    corpus, toks = small()
    table = keyness(corpus, ["a", "b"], tokens=toks, min_count=1, measure="g2")
    ax = plot_keyness.keyness(table, n=1, measure="g2", labels=("energy", "trade"))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["oil", "trade"]
    widths = [p.get_width() for p in ax.patches]
    assert widths[0] > 0 > widths[1]
    caption = get_caption(ax)
    assert caption.startswith("Keyness of terms in energy against trade: the 1 most")
    assert "signed G2 (Williams)" in caption
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="measure='p' is invalid"):
        plot_keyness.keyness(table, measure="p")
    with pytest.raises(ValueError, match="table is missing columns"):
        plot_keyness.keyness(table.drop(columns="g2"))
