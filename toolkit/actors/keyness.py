"""Keyness: which terms or actors one group of documents uses more than another.

:func:`keyness` compares the frequency of every term (or actor) in a target group of
documents with the rest of the corpus (or a reference group), as quanteda's
``textstat_keyness`` does: for each feature, the 2 x 2 table of its count and of all other
tokens in the target and the reference gives a signed chi-squared (Yates-corrected) and a
signed likelihood-ratio G2 (Williams-corrected), positive when the feature is relatively
more frequent in the target, with the p-value of the chosen ``measure``; the effect size
is Hardie's log ratio, the binary log of the ratio of relative frequencies (each count
plus 0.5, so a feature absent from one group has a finite value: 1 means twice as
frequent in the target).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import special

from toolkit._core import check_choice, check_int
from toolkit.schemas import validate_corpus, validate_mentions
from toolkit.text import tokens as text_tokens

logger = logging.getLogger("toolkit.actors")

__all__ = ["KEYNESS_COLUMNS", "keyness"]

#: Columns of the keyness table.
KEYNESS_COLUMNS = ("feature", "n_target", "n_reference", "chi2", "g2", "p", "log_ratio")


def keyness(corpus: pd.DataFrame, target: Any, *, reference: Any = None,
            mentions: pd.DataFrame | None = None, by: str = "actor",
            tokens: pd.Series | Sequence[Sequence[str]] | None = None,
            measure: Literal["chi2", "g2"] = "chi2",
            correction: Literal["default", "yates", "williams", "none"] = "default",
            min_count: int = 2) -> pd.DataFrame:
    """Score how much more (or less) each term or actor is used in ``target`` documents.

    Parameters
    ----------
    corpus
        A Corpus table.
    target
        The target documents: a boolean mask aligned with ``corpus`` (array or Series),
        or a collection of ``doc_id``.
    reference
        The reference documents, in the same forms; ``None`` (default): every other
        document of ``corpus``.
    mentions
        Compare actors instead of terms: the Mentions table of ``corpus``; each mention
        counts once, under its ``by`` column.
    by
        With ``mentions``: the column to count (``"actor"``, ``"country"``,
        ``"sovereign"``, ``"kind"``).
    tokens
        Without ``mentions``: the documents' tokens (a Series or list aligned with
        ``corpus``, e.g. from :func:`toolkit.text.tokens`); ``None`` computes
        ``toolkit.text.tokens(corpus, phrases=False)``.
    measure
        What ``p`` is the p-value of, and what the table is sorted by: ``"chi2"``
        (quanteda's default) or ``"g2"``.
    correction
        ``"default"``: Yates for chi2 and Williams for G2 (both columns); ``"none"``, or
        one of them for both.
    min_count
        Keep features seen at least this often in both groups together.

    Returns
    -------
    pandas.DataFrame
        :data:`KEYNESS_COLUMNS`, sorted by the signed ``measure``, target-heavy first.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": [
    ...     "oil oil oil war", "oil war peace", "peace trade trade", "trade peace war"]}))
    >>> k = keyness(c, ["a", "b"], tokens=[t.split() for t in c["text"]], measure="g2")
    >>> k[["feature", "n_target", "n_reference"]].values.tolist()
    [['oil', 4, 0], ['war', 2, 1], ['peace', 1, 2], ['trade', 0, 3]]
    >>> round(float(k["g2"].iloc[0]), 3), round(float(k["log_ratio"].iloc[0]), 3)
    (5.675, 2.963)
    """
    validate_corpus(corpus)
    check_choice("measure", measure, ("chi2", "g2"))
    check_choice("correction", correction, ("default", "yates", "williams", "none"))
    check_int("min_count", min_count, minimum=1)
    in_target = _mask(corpus, target, "target")
    in_reference = ~in_target if reference is None else _mask(corpus, reference, "reference")
    if (in_target & in_reference).any():
        raise ValueError("target and reference share documents: "
                         f"{corpus.loc[in_target & in_reference, 'doc_id'].tolist()[:5]}")
    if not in_target.any() or not in_reference.any():
        raise ValueError(f"target has {int(in_target.sum())} and reference "
                         f"{int(in_reference.sum())} documents; both need at least one")
    counts_t, counts_r = _counts(corpus, in_target, in_reference, mentions, by, tokens)
    features = sorted(f for f in set(counts_t) | set(counts_r)
                      if counts_t[f] + counts_r[f] >= min_count)
    a = np.array([counts_t[f] for f in features], dtype=float)
    b = np.array([counts_r[f] for f in features], dtype=float)
    total_t, total_r = float(sum(counts_t.values())), float(sum(counts_r.values()))
    chi2, g2 = _scores(a, b, total_t, total_r, correction)
    p = special.chdtrc(1, np.abs(chi2 if measure == "chi2" else g2))  # chi2.sf, df=1
    ratio = np.log2(((a + 0.5) / (total_t + 0.5)) / ((b + 0.5) / (total_r + 0.5)))
    out = pd.DataFrame({"feature": features, "n_target": a.astype(np.int64),
                        "n_reference": b.astype(np.int64), "chi2": chi2, "g2": g2, "p": p,
                        "log_ratio": ratio})
    out = out.sort_values([measure, "feature"], ascending=[False, True], kind="mergesort")
    logger.info("keyness: %d features, %d target and %d reference documents (%d and %d "
                "tokens)", len(out), int(in_target.sum()), int(in_reference.sum()),
                int(total_t), int(total_r))
    return out.reset_index(drop=True)


def _mask(corpus: pd.DataFrame, docs: Any, name: str) -> np.ndarray:
    """A boolean mask over ``corpus`` from a mask or a collection of doc_ids."""
    if isinstance(docs, str):
        docs = [docs]
    values = np.asarray(docs.to_numpy() if isinstance(docs, pd.Series) else list(docs))
    if values.dtype == bool:
        if len(values) != len(corpus):
            raise ValueError(f"{name}: a boolean mask must have one value per document "
                             f"({len(corpus)}), not {len(values)}")
        return values
    ids = set(map(str, values))
    unknown = sorted(ids - set(corpus["doc_id"]))
    if unknown:
        raise ValueError(f"{name}: doc_id(s) {unknown[:5]} are not in corpus")
    return corpus["doc_id"].isin(ids).to_numpy()


def _counts(corpus: pd.DataFrame, in_target: np.ndarray, in_reference: np.ndarray,
            mentions: pd.DataFrame | None, by: str,
            tokens: pd.Series | Sequence[Sequence[str]] | None) -> tuple[Counter, Counter]:
    if mentions is not None:
        validate_mentions(mentions, ("doc_id", by))
        group = dict(zip(corpus["doc_id"], np.where(in_target, 1, np.where(in_reference, 2, 0))))
        which = mentions["doc_id"].map(group).fillna(0).to_numpy()
        values = mentions[by].to_numpy(dtype=object)
        return (Counter(v for v in values[which == 1] if v),
                Counter(v for v in values[which == 2] if v))
    if tokens is None:
        tokens = text_tokens(corpus, phrases=False)
    toks = list(tokens)
    if len(toks) != len(corpus):
        raise ValueError(f"tokens: {len(toks)} token lists for {len(corpus)} documents; "
                         "give one per document, in corpus order")
    return (_count([t for t, keep in zip(toks, in_target) if keep]),
            _count([t for t, keep in zip(toks, in_reference) if keep]))


def _count(docs: Iterable[Iterable[str]]) -> Counter:
    out: Counter = Counter()
    for doc in docs:
        out.update(doc)
    return out


def _scores(a: np.ndarray, b: np.ndarray, total_t: float, total_r: float,
            correction: str) -> tuple[np.ndarray, np.ndarray]:
    """Signed chi-squared and G2 of each 2 x 2 table [[a, total_t - a], [b, total_r - b]]."""
    c, d = total_t - a, total_r - b
    n = total_t + total_r
    observed = np.stack([a, c, b, d])
    rows = np.array([total_t, total_t, total_r, total_r])[:, None] * np.ones_like(observed)
    cols = np.stack([a + b, c + d, a + b, c + d])
    expected = rows * cols / n
    sign = np.where(a / max(total_t, 1) >= b / max(total_r, 1), 1.0, -1.0)
    # chi2, with Yates' continuity correction (never past zero)
    yates = correction in ("default", "yates")
    dev = np.abs(observed - expected)
    if yates:
        dev = np.maximum(dev - 0.5, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.nansum(np.where(expected > 0, dev ** 2 / expected, 0.0), axis=0)
        g2 = 2 * np.nansum(np.where(observed > 0, observed * np.log(observed / expected), 0.0),
                           axis=0)
    if correction in ("default", "williams"):
        # Williams (1976): q = 1 + (n/row_t + n/row_r - 1)(n/col_1 + n/col_2 - 1) / (6n)
        with np.errstate(divide="ignore"):
            q = 1 + (n / total_t + n / total_r - 1) * (n / (a + b) + n / (c + d) - 1) / (6 * n)
        g2 = g2 / q
    return sign * chi2, sign * np.maximum(g2, 0.0)
