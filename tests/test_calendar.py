"""Tests of toolkit._core.calendar: the one ``freq`` grammar, multiples anchored on the epoch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import timeline
from toolkit._core import calendar
from toolkit.corpus import from_frame
from toolkit.schemas import N_DOCUMENTS

#: every spelling the grammar accepts, and its canonical form
SPELLINGS = {
    "D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y",
    "ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y",
    "W-MON": "W-MON", "Q-JUN": "Q-JUN", "Y-JUN": "Y-JUN", "A-JUN": "Y-JUN", "QE-JUN": "Q-JUN",
    "W-SUN": "W", "Q-DEC": "Q", "Y-DEC": "Y", "YE-DEC": "Y",
    "5Y": "5Y", "5YE": "5Y", "10Y": "10Y", "2Q": "2Q", "3M": "3M", "2W": "2W", "7D": "7D",
    "3ME": "3M", "2QS": "2Q", "10YS": "10Y", "5A": "5Y", "2W-MON": "2W-MON", "5Y-JUN": "5Y-JUN",
    "1Y": "Y", "d": "D", "ye": "Y", "5y": "5Y",
}


@pytest.mark.parametrize("spelling, canonical", SPELLINGS.items())
def test_every_spelling_normalizes_and_round_trips(spelling, canonical):
    assert calendar.normalize_freq(spelling) == canonical
    # what a PeriodIndex of that frequency calls itself reads back to the same frequency
    index = calendar.period_range("2001", "2003", freq=spelling)
    assert calendar.normalize_freq(index.freqstr) == canonical


@pytest.mark.parametrize("bad", ["fortnight", "h", "0Y", "W-JUN", "Q-MON", "MS-JUN", "YS-JUL",
                                 "5", "", "Y-", "BA", "X5", "5Y5", "min"])
def test_a_bad_freq_gets_one_message_naming_what_is_valid(bad):
    with pytest.raises(ValueError) as info:
        calendar.normalize_freq(bad)
    message = str(info.value)
    assert message.startswith(f"freq={bad!r} is invalid; must be one of 'D', 'W', 'M', 'Q', 'Y'")
    for named in ["'ME'", "'YS'", "'5Y'", "'W-MON'", "'Q-JUN'", "'Y-JUN'"]:
        assert named in message
    # every function of the calendar, and the stages on it, say the same
    for call in [lambda: calendar.period_ordinals(["2001"], freq=bad),
                 lambda: calendar.period_range("2001", "2002", freq=bad),
                 lambda: calendar.period_index(["2001"], freq=bad),
                 lambda: calendar.bin_counts(["2001"], freq=bad)]:
        with pytest.raises(ValueError, match=f"freq={bad!r} is invalid; must be one of 'D'"):
            call()


@pytest.mark.parametrize("bad", [5, None, 2.0, ["Y"]])
def test_a_non_string_freq_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"freq=.* has the wrong type .*; must be a pandas "
                                        "offset alias string such as 'Y'"):
        calendar.normalize_freq(bad)


def test_split_freq():
    assert calendar.split_freq("5YE") == (5, "Y")
    assert calendar.split_freq("2W-MON") == (2, "W-MON")
    assert calendar.split_freq("Q-DEC") == (1, "Q")


@pytest.mark.parametrize("freq", ["5Y", "10Y", "2Q", "3M", "2W", "7D", "2W-MON", "5Y-JUN",
                                  "2Q-JUN"])
def test_multiples_are_base_periods_floored_to_the_epoch(freq):
    n, base = calendar.split_freq(freq)
    rng = np.random.default_rng(n)
    days = rng.integers(-40_000, 30_000, 3_000)  # before and after the 1970 epoch
    dates = pd.Series(np.datetime64("1970-01-01", "D") + days).astype("datetime64[ns]")
    base_ordinals = dates.dt.to_period(base).array.asi8
    got = calendar.period_ordinals(dates, freq=freq)
    np.testing.assert_array_equal(got, base_ordinals // n * n)
    # every date lies within its bin
    index = calendar.period_index(dates, freq=freq)
    assert index.freqstr.startswith(str(n))
    assert ((index.start_time <= dates.to_numpy()) & (dates.to_numpy() <= index.end_time)).all()


def test_five_year_bins_do_not_depend_on_the_data():
    one = calendar.period_index(["1992-06-01", "1996-01-01", None], freq="5Y")
    two = calendar.period_index(["1990-01-01", "1999-12-31"], freq="5Y")
    assert one[:2].astype(str).tolist() == ["1990", "1995"] and one[2:].isna().all()
    assert calendar.period_labels(one)[:2].tolist() == ["1990/1994", "1995/1999"]
    assert calendar.period_labels(one)[2:].isna().all()
    assert two.astype(str).tolist() == ["1990", "1995"]
    assert one.freqstr == "5Y-DEC"
    assert [str(p.end_time.date()) for p in two] == ["1994-12-31", "1999-12-31"]
    assert calendar.period_labels(two).tolist() == ["1990/1994", "1995/1999"]
    before = calendar.period_index(["1969-12-31", "1965-01-01", "1964-12-31"], freq="5Y")
    assert calendar.period_labels(before).tolist() == ["1965/1969", "1965/1969", "1960/1964"]
    decades = calendar.period_range("1987", "2012", freq="10Y")
    assert calendar.period_labels(decades).tolist() == ["1980/1989", "1990/1999", "2000/2009",
                                                        "2010/2019"]
    # a Period bound of any frequency falls into its bin
    assert calendar.period_range(pd.Period("1992-03", "M"), pd.Period("1995", "Y"),
                                 freq="5Y").astype(str).tolist() == ["1990", "1995"]


def test_multiples_of_months_and_weeks_are_calendar_quarters_and_pairs_of_weeks():
    dates = pd.Series(pd.date_range("2001-01-01", "2002-12-31", freq="D"))
    months3 = calendar.period_index(dates, freq="3M")
    quarters = calendar.period_index(dates, freq="Q")
    np.testing.assert_array_equal(months3.start_time, quarters.start_time)
    np.testing.assert_array_equal(months3.end_time, quarters.end_time)
    weeks2 = calendar.period_range("2001-01-01", "2001-01-31", freq="2W")
    assert calendar.period_labels(weeks2).tolist() == [
        "2000-12-25/2001-01-07", "2001-01-08/2001-01-21", "2001-01-22/2001-02-04"]
    # bins of two weeks count from the week of 22 December 1969 (ordinal 0)
    assert (weeks2.asi8 % 2 == 0).all()


def test_period_positions_and_bin_counts_with_multiples():
    index = calendar.period_range("1990", "2009", freq="5Y")
    ords = calendar.period_ordinals(["2009-12-31", "1990-01-01", "2010-01-01", None], freq="5Y")
    assert calendar.period_positions(ords, index).tolist() == [3, 0, -1, -1]
    assert calendar.period_positions(ords, index[:0]).tolist() == [-1, -1, -1, -1]
    counts = calendar.bin_counts(["1989-03-01", "1994-07-01", "1999-08-01", "2003-01-01", None],
                                 freq="10Y", keys=["a", "b", "a", "a", "b"])
    assert counts.index.astype(str).tolist() == ["1980", "1990", "2000"]
    assert counts.to_dict("list") == {"a": [1, 1, 1], "b": [0, 1, 0]}
    assert counts.attrs["undated"] == 1 and counts.attrs["freq"] == "10Y-DEC"
    ranged = calendar.bin_counts(["1989-03-01", "1994-07-01"], freq="5Y", start="1990",
                                 end="1999")
    assert ranged["n"].tolist() == [1, 0] and ranged.attrs["outside_range"] == 1


@pytest.fixture
def decades_corpus():
    dates = ["1983-05-01", "1988-01-01", "1991-02-01", "1994-07-01", "1996-09-01",
             "2001-01-01", "2008-12-31", None]
    corpus = from_frame(pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(dates))],
                                      "date": dates, "text": ["x"] * len(dates),
                                      "source": ["a", "b"] * 4}), date_errors="coerce")
    mentions = pd.DataFrame({"doc_id": ["d0", "d2", "d3", "d3", "d5", "d6"],
                             "actor": ["IRQ", "IRQ", "KWT", "IRQ", "IRQ", "USA"]})
    return corpus, mentions


@pytest.mark.parametrize("freq", ["5Y", "5YE", "10Y", "M", "W"])
def test_issue_10_attention_takes_every_freq_notebook_03_recommends(decades_corpus, freq):
    """Issue 10: notebook 03 recommended freq="10Y", which timeline.attention rejected."""
    corpus, mentions = decades_corpus
    share = timeline.attention(mentions, corpus, freq=freq)
    assert share.index.freqstr.split("-")[0] == calendar.normalize_freq(freq)
    assert share[N_DOCUMENTS].sum() == 7  # every dated document in exactly one bin
    assert share.index.is_monotonic_increasing and share.index.is_unique
    # the band, bursts and change points read the same series at that frequency
    band = timeline.share_band(share)
    assert band.lower.shape == share.drop(columns=N_DOCUMENTS).shape
    timeline.bursts(share)
    timeline.change_points(share)


def test_attention_in_decades_and_five_years(decades_corpus):
    corpus, mentions = decades_corpus
    decades = timeline.attention(mentions, corpus, freq="10Y")
    assert calendar.period_labels(decades.index).tolist() == ["1980/1989", "1990/1999",
                                                              "2000/2009"]
    assert decades[N_DOCUMENTS].tolist() == [2, 3, 2]
    assert decades["IRQ"].tolist() == pytest.approx([1 / 2, 2 / 3, 1 / 2])
    fives = timeline.attention(mentions, corpus, freq="5Y", start="1991", end="2004")
    assert fives.index.astype(str).tolist() == ["1990", "1995", "2000"]
    assert fives[N_DOCUMENTS].tolist() == [2, 1, 1]
    mix = timeline.source_mix(corpus, freq="10Y")
    assert mix.index.equals(decades.index) and mix[N_DOCUMENTS].tolist() == [2, 3, 2]
    cp = pd.DataFrame({"series": ["IRQ"], "period": [decades.index[1]],
                       "before_start": [decades.index[0]], "after_end": [decades.index[2]]})
    checked = timeline.check_source_mix(cp, corpus)
    assert checked["source_shift"].between(0, 1).all()
