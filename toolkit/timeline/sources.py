"""The mix of sources behind a timeline: documents per period and source, and shifts in it.

A trend can be an artefact of what was published: :func:`source_mix` shows the share of
each period's documents from each source, and :func:`check_source_mix` flags the bursts
and change points that coincide with a shift in that mix.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_number
from toolkit._core.calendar import normalize_freq
from toolkit.schemas import N_DOCUMENTS
from toolkit.timeline.binning import DateBound, counting_unit, place_documents, sorted_codes

logger = logging.getLogger(__name__)

__all__ = ["check_source_mix", "document_counts", "source_mix"]


def document_counts(corpus: pd.DataFrame, *, freq: str = "Y", by: str | None = None,
                    start: DateBound = None, end: DateBound = None, tz: str | None = None
                    ) -> pd.DataFrame:
    """Count the documents of each period, in all or per value of a column such as the source.

    Every series of :mod:`toolkit.timeline` carries the total as its ``n_documents`` column.

    Parameters
    ----------
    corpus
        A Corpus table.
    freq, start, end, tz
        As in :func:`attention`.
    by
        A corpus column (e.g. ``"source"``): one column per value. Default: one column
        ``"documents"``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 3, "source": ["a", "b", "a"],
    ...                              "date": ["2001-01-05", "2001-03-01", "2001-03-09"]}))
    >>> document_counts(c, freq="M", by="source")
    source   a  b
    period
    2001-01  1  0
    2001-02  0  0
    2001-03  1  1
    """
    placed = place_documents(corpus, normalize_freq(freq), start, end, tz, "document_counts")
    if by is None:
        codes, labels = np.zeros(len(corpus), np.int64), np.array(["documents"], dtype=object)
    else:
        check_choice("by", by, list(corpus.columns))
        codes, labels = sorted_codes(corpus[by].astype(str), drop=())
    ok = placed.pos >= 0
    k, n_per = len(labels), len(placed.index)
    counts = np.bincount(placed.pos[ok] * k + codes[ok], minlength=n_per * k)
    out = pd.DataFrame(counts.reshape(n_per, k).astype(np.int64), index=placed.index,
                       columns=pd.Index(labels, name=by))
    out.attrs = {"freq": placed.index.freqstr, "unit": counting_unit(corpus),
                 "undated_documents": placed.undated}
    return out


def source_mix(corpus: pd.DataFrame, *, freq: str = "Y", by: str = "source",
               start: DateBound = None, end: DateBound = None) -> pd.DataFrame:
    """Share of each period's documents that come from each source (rows sum to 1, or 0).

    The last column, ``n_documents``, is the documents of each period (the denominator).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 3, "source": ["a", "b", "a"],
    ...                              "date": ["2001-01-05", "2002-03-01", "2002-03-09"]}))
    >>> source_mix(c).round(2)
    source    a    b  n_documents
    period
    2001    1.0  0.0            1
    2002    0.5  0.5            2
    """
    counts = document_counts(corpus, freq=freq, by=by, start=start, end=end)
    total = counts.sum(axis=1).to_numpy()[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(total > 0, counts.to_numpy() / np.maximum(total, 1), 0.0)
    out = pd.DataFrame(shares, index=counts.index, columns=counts.columns)
    out[N_DOCUMENTS] = total[:, 0].astype(np.int64)
    out.attrs = dict(counts.attrs)
    return out


def check_source_mix(
    table: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    alpha: float = 0.01,
    min_shift: float = 0.1,
) -> pd.DataFrame:
    """Flag bursts and change points that coincide with a change in the mix of sources.

    A trend can be an artefact: if speeches turn into written messages in the same
    year that a word takes off, the word may just belong to the written genre. For each
    row, the documents of the two sides are counted per source and compared:

    - change points (rows with ``period``): the segment before against the one after;
    - bursts (rows with ``start`` and ``end``): the burst against as many periods just
      before it (just after it when the burst opens the series).

    Parameters
    ----------
    table
        From :func:`bursts` or :func:`change_points` (their periods say the frequency).
    corpus
        The Corpus table behind the series.
    by
        The corpus column that names the source (default ``"source"``).
    alpha
        Significance level of the chi-square test of equal source mixes.
    min_shift
        Smallest total variation distance between the two source mixes (half the sum of
        absolute share differences, in [0, 1]) worth a warning: a significant but tiny
        shift in a big corpus is not a confound.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with ``source_shift`` (total variation distance),
        ``source_p`` (chi-square p-value) and ``source_warning`` (both thresholds met).
        Every warned row is also logged as a warning.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 40,
    ...     "date": [f"{y}-06-01" for y in range(1901, 1921)] * 2,
    ...     "source": ["spoken"] * 20 + ["written"] * 10 + ["spoken"] * 10}))
    >>> cp = pd.DataFrame({"series": ["war"], "period": [pd.Period("1911", "Y")],
    ...                    "before_start": [pd.Period("1901", "Y")],
    ...                    "after_end": [pd.Period("1920", "Y")]})
    >>> check_source_mix(cp, c)[["source_shift", "source_warning"]]
       source_shift  source_warning
    0           0.5            True
    """
    # scipy.stats takes about a second to import: only here, not in every kernel
    from scipy.stats import chi2_contingency

    check_number("alpha", alpha, minimum=0, maximum=1, inclusive=False)
    check_number("min_shift", min_shift, minimum=0, maximum=1)
    out = table.copy()
    out["source_shift"] = pd.Series(0.0, index=out.index, dtype="float64")
    out["source_p"] = pd.Series(1.0, index=out.index, dtype="float64")
    out["source_warning"] = pd.Series(False, index=out.index, dtype=bool)
    if not len(out):
        return out
    sample = out["period"].iloc[0] if "period" in out.columns else out["start"].iloc[0]
    counts = document_counts(corpus, freq=sample.freqstr, by=by)
    if counts.shape[1] < 2:
        return out
    matrix = counts.to_numpy(dtype=float)
    index = counts.index
    for i, row in out.iterrows():
        if "period" in out.columns:
            lo = index.searchsorted(row["before_start"])
            at = index.searchsorted(row["period"])
            hi = index.searchsorted(row["after_end"], side="right")
            one, two = matrix[lo:at].sum(axis=0), matrix[at:hi].sum(axis=0)
        else:
            lo = index.searchsorted(row["start"])
            hi = index.searchsorted(row["end"], side="right")
            width = hi - lo
            # the run-up of the same length, or the aftermath when the burst opens the series
            side = matrix[max(lo - width, 0):lo] if lo > 0 else matrix[hi:hi + width]
            one, two = side.sum(axis=0), matrix[lo:hi].sum(axis=0)
        if one.sum() == 0 or two.sum() == 0:
            continue
        shift = 0.5 * float(np.abs(one / one.sum() - two / two.sum()).sum())
        used = (one + two) > 0
        if used.sum() < 2:
            continue
        p = float(chi2_contingency(np.vstack([one[used], two[used]]))[1])
        out.loc[i, ["source_shift", "source_p"]] = [shift, p]
        if p < alpha and shift >= min_shift:
            out.loc[i, "source_warning"] = True
            when = row["period"] if "period" in out.columns else f"{row['start']}-{row['end']}"
            logger.warning("%s at %s coincides with a change in the mix of %s (total "
                           "variation %.2f, chi-square p = %.2g): it may reflect what was "
                           "published rather than what was said", row["series"], when, by,
                           shift, p)
    return out
