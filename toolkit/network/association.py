"""Score 2x2 co-occurrence tables: PMI, NPMI, Jaccard, G2 and corrected p-values."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from toolkit.schemas import EDGE_COLUMNS

__all__ = ["measures"]


def measures(n_ab: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n: int | np.ndarray
             ) -> dict[str, np.ndarray]:
    """Compute the association measures of 2x2 co-occurrence tables, vectorised.

    The one implementation of the measures in the package: :func:`toolkit.network.cooccurrence`
    and :func:`toolkit.timeline.pair_series` both call it.

    Parameters
    ----------
    n_ab, n_a, n_b
        Units naming both actors, naming ``a``, naming ``b`` (arrays of equal length).
    n
        Units counted: one number, or one per table.

    Returns
    -------
    dict of str to numpy.ndarray
        ``expected`` (n_a n_b / n), ``jaccard``, ``pmi`` (log2), ``npmi``, ``g2``
        (log-likelihood ratio) and ``p_value`` (one-sided, for attraction). Pairs with
        ``n_ab = 0`` get ``pmi = -inf`` and ``npmi = nan``.

    Examples
    --------
    >>> m = measures(np.array([10]), np.array([20]), np.array([20]), 100)
    >>> round(float(m["pmi"][0]), 3), round(float(m["npmi"][0]), 3)
    (1.322, 0.398)
    """
    n_ab, n_a, n_b = (v.astype(np.float64) for v in (n_ab, n_a, n_b))
    expected = n_a * n_b / n
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log2(n_ab * n / (n_a * n_b))
        h = -np.log2(n_ab / n)
        npmi = np.where(h > 0, pmi / h, 1.0)
    # the four cells of the 2x2 table and their expected values under independence
    obs = (n_ab, n_a - n_ab, n_b - n_ab, n - n_a - n_b + n_ab)
    exp = (expected, n_a * (n - n_b) / n, (n - n_a) * n_b / n, (n - n_a) * (n - n_b) / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(special.xlogy(o, o) - special.xlogy(o, e) for o, e in zip(obs, exp))
    g2 = np.maximum(np.nan_to_num(g2, nan=0.0), 0.0)  # rounding can give -1e-13
    # one-sided: half the chi2(1) tail when above expectation (signed root of G2 ~ N(0, 1))
    tail = special.chdtrc(1, g2) / 2  # scipy.stats.chi2.sf(g2, df=1)
    p_value = np.where(n_ab > expected, tail, 1 - tail)
    return {"expected": expected, "jaccard": n_ab / (n_a + n_b - n_ab), "pmi": pmi,
            "npmi": npmi, "g2": g2, "p_value": p_value}


def _bh(p: np.ndarray, m: int) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values of ``p`` within a family of ``m >= len(p)`` tests.

    The ``m - len(p)`` tests not given have p-value 1 (pairs never seen together cannot
    show attraction), so they only enter through ``m``.
    """
    if p.size == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, p.size + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(p)
    out[order] = np.minimum(ranked, 1.0)
    return out


def _adjust(p: np.ndarray, n_tests: int, correction: str | None) -> np.ndarray:
    """``p`` corrected for ``n_tests`` tests: ``"bh"``, ``"bonferroni"`` or ``None``."""
    if correction == "bh":
        return _bh(p, n_tests)
    if correction == "bonferroni":
        return np.minimum(p * n_tests, 1.0)
    return p.copy()


def _empty_edges() -> pd.DataFrame:
    """An Edges table with no rows and the right dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=str if c in ("a", "b") else
                                      ("int64" if c.startswith("n") and c != "npmi"
                                       else "float64")) for c in EDGE_COLUMNS})
