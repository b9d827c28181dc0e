"""Choose what a timeline shows from the corpus itself, and say why.

Settings tuned for one corpus chart near-zero lines on another (the US addresses' Mexico,
"tariff" and 31 US-history events on a 53-article news corpus). Each function takes the
researcher's value, or derives one from the data: the calendar period from the dates,
the actors from the most mentioned ones, the headline actors from the strongest bursts,
the pair from the actors most often named together, the terms from the words that burst
most, the events only from a file that matches the corpus. Each returns a
:class:`~toolkit.network.Choice` (``value, reason``) so a notebook can print both.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit._core import check_int, check_number
from toolkit._core.calendar import (
    NAT_ORDINAL,
    normalize_freq,
    period_ordinals,
    period_positions,
    period_range,
)
from toolkit.network import Choice
from toolkit.schemas import validate_corpus
from toolkit.text import tokens as text_tokens
from toolkit.schemas import EVENT_COLUMNS
from toolkit.timeline.burst_detection import bursts
from toolkit.timeline.events import load_events
from toolkit.timeline.selection import check_actor_ids
from toolkit.timeline.series import term_series

logger = logging.getLogger(__name__)

__all__ = ["FREQ_CANDIDATES", "choose_events", "choose_freq", "choose_headline",
           "choose_terms", "choose_window"]

#: Calendar periods :func:`choose_freq` tries, finest first.
FREQ_CANDIDATES: tuple[str, ...] = ("D", "W", "M", "Q", "Y", "5Y", "10Y")


def _periods(dates: pd.Series, freq: str) -> tuple[pd.PeriodIndex, np.ndarray]:
    """The gap-free periods of the dated documents, and the documents in each."""
    ords = period_ordinals(dates, freq=freq)
    ords = ords[ords != NAT_ORDINAL]
    index = period_range(None, None, freq=freq, ordinals=ords)
    return index, np.bincount(period_positions(ords, index), minlength=len(index))


def choose_freq(corpus: pd.DataFrame, *, given: str | None = None, min_units: int = 1,
                max_empty: float = 0.5, min_periods: int = 3) -> Choice:
    """Choose the calendar period of a timeline from the dates, or say why there is none.

    Why: a period too fine leaves most bins empty or holding one document (a share of
    1/1 or 0/1 is noise); too coarse hides what happened. The rule takes the finest of
    :data:`FREQ_CANDIDATES` whose bins from the first to the last date are at most
    ``max_empty`` empty and hold at least ``min_units`` units in a typical (median)
    non-empty bin. Without dates, or with fewer than ``min_periods`` bins, there is no
    timeline: ``value`` is ``None`` and ``reason`` says why.

    Parameters
    ----------
    corpus
        A Corpus table (documents or paragraphs: the units the series will count).
    given
        The researcher's ``freq``: kept when the dates give ``min_periods`` bins.
    min_units
        Units a typical bin needs (1 for counts of documents, 3 or more for shares).
    max_empty
        Largest share of empty bins.
    min_periods
        Fewest bins a timeline needs.

    Returns
    -------
    Choice
        ``value``: a ``freq`` string or ``None``.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"text": ["x"] * 6, "date": ["2001-03-01", "2001-09-01",
    ...     "2002-02-01", "2002-08-01", "2003-01-01", "2003-07-01"]}))
    >>> choose_freq(c).value, choose_freq(c, min_units=2).value
    ('Q', 'Y')
    >>> choose_freq(c.assign(date=pd.NaT)).reason
    'no document has a date (6 undated): a timeline needs dates'
    """
    validate_corpus(corpus)
    check_int("min_units", min_units, minimum=1)
    check_int("min_periods", min_periods, minimum=1)
    check_number("max_empty", max_empty, minimum=0, maximum=1)
    dates = corpus["date"]
    if not dates.notna().any():
        return Choice(None, f"no document has a date ({len(corpus)} undated): a timeline "
                            "needs dates")
    first, last = dates.min(), dates.max()
    span = f"from {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    if given is not None:
        index, _ = _periods(dates, normalize_freq(given))
        if len(index) < min_periods:
            return Choice(None, f"freq={given!r} gives {len(index)} period(s) {span}: a "
                                f"timeline needs at least {min_periods}")
        return Choice(given, f"freq={given!r}: set in the parameters ({len(index)} periods "
                             f"{span})")
    for freq in FREQ_CANDIDATES:
        index, counts = _periods(dates, freq)
        full = counts[counts > 0]
        empty = float(np.mean(counts == 0))
        if len(index) >= min_periods and empty <= max_empty and np.median(full) >= min_units:
            return Choice(freq, f"freq={freq!r}: the finest period ({', '.join(FREQ_CANDIDATES)}) "
                                f"with at most {max_empty:.0%} of its periods empty and at "
                                f"least {min_units} unit(s) in a typical one ({len(index)} "
                                f"periods {span}, {empty:.0%} empty, median "
                                f"{np.median(full):g})")
    index, _ = _periods(dates, "D")
    if len(index) < min_periods:
        return Choice(None, f"the dated documents fall on {len(index)} day(s) {span}: a "
                            f"timeline needs at least {min_periods} periods")
    coarse = FREQ_CANDIDATES[-1]
    index, _ = _periods(dates, coarse)
    if len(index) < min_periods:
        return Choice(None, f"the dates {span} are too sparse for a timeline: no period of "
                            f"{', '.join(FREQ_CANDIDATES)} has at least {min_periods} bins "
                            "mostly filled")
    return Choice(coarse, f"freq={coarse!r}: no finer period has most of its bins filled "
                          f"({len(index)} periods {span})")


def choose_headline(share: pd.DataFrame, burst_table: pd.DataFrame, *,
                    given: Sequence[str] | None = None, n: int = 3,
                    level: str = "country") -> Choice:
    """Choose the few series of the first figure: the strongest bursts, else the largest.

    Why: a figure with a dozen lines reads as noise; the ``n`` series whose strongest
    burst (Kleinberg ``strength``) is the largest show when attention moved most. If fewer
    than ``n`` series burst, the rest are those with the largest mean share. Given ids
    are checked (:func:`~toolkit.timeline.check_actor_ids` at ``level``) and must be
    columns of ``share``.

    Examples
    --------
    >>> idx = pd.period_range("2001", "2003", freq="Y")
    >>> s = pd.DataFrame({"A": [.1, .2, .3], "B": [.5, .5, .5], "n_documents": 9}, index=idx)
    >>> b = pd.DataFrame({"series": ["A"], "strength": [2.0]})
    >>> choose_headline(s, b, n=2).value
    ['A', 'B']
    """
    check_int("n", n, minimum=1)
    columns = [c for c in share.columns if c != "n_documents"]
    if given is not None:
        ids = check_actor_ids(list(given), level=level, name="headline")
        missing = [a for a in ids if a not in columns]
        if missing:
            raise ValueError(f"headline: {', '.join(missing)} not among the actors followed "
                             f"({', '.join(map(str, columns))}); add them to actors")
        return Choice(ids, "set in the parameters")
    strength = (burst_table.groupby("series")["strength"].max() if len(burst_table)
                else pd.Series(dtype=float))
    bursting = sorted((c for c in columns if c in strength.index),
                      key=lambda c: (-strength[c], str(c)))[:n]
    mean = share[columns].mean() if len(share) else pd.Series(0.0, index=columns)
    rest = sorted((c for c in columns if c not in bursting), key=lambda c: (-mean[c], str(c)))
    chosen = bursting + rest[: n - len(bursting)]
    reason = (f"{len(bursting)} with the strongest bursts ({', '.join(map(str, bursting))})"
              if bursting else "no series bursts")
    if len(chosen) > len(bursting):
        reason += (f"; {len(chosen) - len(bursting)} with the largest mean share "
                   f"({', '.join(map(str, chosen[len(bursting):]))})")
    return Choice(chosen, reason)


def choose_terms(corpus: pd.DataFrame, *, given: Sequence[str] | None = None, n: int = 4,
                 freq: str = "Y", tokens: pd.Series | None = None, candidates: int = 500,
                 min_documents: int | None = None, max_share: float | None = None) -> Choice:
    """Choose the words to follow: the given ones (checked), or the words that burst most.

    Why: a term the corpus never uses is a flat zero line. The rule tokenises the corpus
    (:func:`toolkit.text.tokens` without phrases: stop words, news and diplomatic
    boilerplate removed, lemmas), takes the ``candidates`` words used in the most units
    among those used in at least ``min_documents`` units and at most ``max_share`` of
    them (words nearly every text uses, such as "government", drift slowly over decades
    and would win on the sheer size of their counts), and keeps the ``n`` whose
    strongest Kleinberg burst is the largest: the words whose use rose most sharply for a
    while. Words that never burst fill the rest by frequency. Given terms absent from
    every text are named in ``reason`` (their lines will be zero).

    The band of units a word must be used in comes from the corpus size, as gensim's
    dictionary filter does (:func:`toolkit.topics.auto_no_below`): ``min_documents=None``
    is ``N / 50`` units, at least 2 (a word used once cannot recur) and at most 5;
    ``max_share=None`` is 5% of the units, but never fewer than ``4 * min_documents``
    units. With fixed bounds of 5 units and 5%, a corpus of fewer than 100 units (50
    news stories) could never have a term to follow; from 400 units on the band is
    5 units to 5%.

    Parameters
    ----------
    corpus
        A dated Corpus table.
    given
        The researcher's words or phrases (matched in the raw text).
    n
        How many terms to choose.
    freq
        Calendar period of the series the bursts are found in.
    tokens
        ``toolkit.text.tokens(corpus, phrases=False)`` if already computed; the chosen
        terms are tokens (lemmas), so follow them with
        ``term_series(corpus, terms, tokens=tokens)``.
    candidates, min_documents, max_share
        How many of the most used words are tried, the fewest units using one, and the
        largest share of units using one (``None``: from the number of units, above).

    Returns
    -------
    Choice
        ``value``: the terms.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> years = [f"{y}-06-01" for y in range(2000, 2010) for _ in range(4)]
    >>> texts = ["Trade talks."] * 28 + ["Trade talks on tariffs."] * 12
    >>> c = from_frame(pd.DataFrame({"date": years, "text": texts}))
    >>> choose_terms(c, n=1, max_share=0.5).value  # "trade" and "talks" are in every text
    ['tariff']
    >>> choose_terms(c, n=1).reason  # 40 units: a word in 2 to 8 of them ("tariff": 12)
    'no word is used in at least 2 and at most 20% of the 40 units'
    """
    validate_corpus(corpus)
    check_int("n", n, minimum=1)
    if max_share is not None:
        check_number("max_share", max_share, minimum=0, maximum=1, inclusive=False)
    if min_documents is not None:
        check_int("min_documents", min_documents, minimum=1)
    if given is not None:
        terms = [given] if isinstance(given, str) else list(given)
        series = term_series(corpus, terms, freq=freq, value="documents")
        absent = [t for t in terms if series[t].sum() == 0]
        reason = "set in the parameters"
        if absent:
            reason += "; never used in this corpus, so their lines are zero: " + ", ".join(absent)
            logger.warning("terms %s never occur in this corpus: their lines will be zero",
                           ", ".join(map(repr, absent)))
        return Choice(terms, reason)
    toks = text_tokens(corpus, phrases=False) if tokens is None else tokens
    df = pd.Series([w for doc in toks for w in set(doc)], dtype=object).value_counts()
    units = len(corpus)
    if min_documents is None:
        min_documents = int(min(5, max(2, round(units / 50))))
    if max_share is None:
        max_share = max(0.05, 4 * min_documents / max(units, 1))
    df = df[(df >= min_documents) & (df <= max_share * units)]
    if df.empty:
        return Choice([], f"no word is used in at least {min_documents} and at most "
                          f"{max_share:.0%} of the {units} units")
    ranked = sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:candidates]
    words = [w for w, _ in ranked]
    found = bursts(term_series(corpus, words, freq=freq, tokens=toks))
    strength = found.groupby("series")["strength"].max() if len(found) else pd.Series(dtype=float)
    bursting = sorted(strength.index, key=lambda w: (-strength[w], str(w)))[:n]
    rest = [w for w in words if w not in bursting][: n - len(bursting)]
    reason = (f"the {len(bursting)} with the strongest bursts ({', '.join(bursting)}) of the "
              f"{len(words)} most used words in at most {max_share:.0%} of the units"
              if bursting else f"none of the {len(words)} most used words bursts")
    if rest:
        reason += f"; the most used words {', '.join(rest)}"
    return Choice(bursting + rest, reason)


def choose_events(corpus: str, *, given: str | None = None) -> Choice:
    """Choose the events drawn on the timelines: the researcher's file, or the shipped one
    that matches the corpus, else none.

    Why: events belong to a corpus. The shipped list of US-history events annotates the
    US addresses (``corpus="sotu"``); drawn over another corpus it marks 31 dates that
    corpus may never mention. So events come only from a file the researcher gives, or
    from the shipped ``sotu`` list when the corpus is ``sotu``.

    Examples
    --------
    >>> events, why = choose_events("sotu")
    >>> len(events) > 20, why
    (True, 'the shipped events of the US addresses (toolkit/data/events/sotu.csv), for the sotu corpus')
    >>> choose_events("corpus/my-news.csv").value.empty
    True
    """
    if given is not None:
        table = load_events(given)
        return Choice(table, f"{len(table)} events from {given} (set in the parameters)")
    if str(corpus) == "sotu":
        return Choice(load_events("sotu"), "the shipped events of the US addresses "
                                           "(toolkit/data/events/sotu.csv), for the sotu corpus")
    empty = pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"),
                          "label": pd.Series(dtype=object), "actors": pd.Series(dtype=object)})
    return Choice(empty[list(EVENT_COLUMNS)], "no events file given (set events to a CSV "
                                              "with date,label,actors to annotate the figures)")


def choose_window(n_periods: int, *, given: int | None = None, largest: int = 10) -> Choice:
    """Choose the periods per rolling window of a pair series.

    Why: a pair is named together in few units per period, so its association is read
    over a window of periods; a window as long as the series would leave one value. The
    rule takes a twelfth of the periods, between 1 and ``largest``.

    Examples
    --------
    >>> choose_window(235).value, choose_window(36).value, choose_window(6).value
    (10, 3, 1)
    """
    check_int("n_periods", n_periods, minimum=0)
    if given is not None:
        check_int("pair_window", given, minimum=1)
        return Choice(given, f"pair_window={given}: set in the parameters")
    window = max(1, min(largest, n_periods // 12))
    return Choice(window, f"pair_window={window}: a twelfth of the {n_periods} periods "
                          f"(between 1 and {largest})")
