"""Timelines: calendar binning, normalised attention series, bursts, change points, events.

Researchers ask "when did the world start talking about X, and with whom?". This package
answers on a calendar axis that never lies:

- every series is a DataFrame indexed by a gap-free :class:`pandas.PeriodIndex` named
  ``period`` (empty periods are zero rows), one column per actor, term or topic, at any
  frequency of the one ``freq`` grammar (:func:`normalize_freq`: ``"Y"``, ``"M"``,
  ``"5Y"``, ``"10Y"``...; multi-period bins anchored on the calendar, not on the data);
- counts are normalised by how much was published (:func:`attention` is the share of
  the period's documents that mention each actor), and the denominator travels with the
  rows as the column ``n_documents`` (:data:`N_DOCUMENTS`), so a slice of a series keeps
  it; documents without a date are counted and reported in ``attrs``;
- every detected change is a table row with a date (:func:`bursts`,
  :func:`change_points`), checked against shifts in the mix of sources
  (:func:`check_source_mix`);
- the researcher's events file (:func:`load_events`) annotates every timeline figure
  (:mod:`toolkit.plots.timeline`).

Modules: :mod:`~toolkit._core.calendar` (the calendar), :mod:`~toolkit.timeline.binning`
(documents and mentions into periods), :mod:`~toolkit.timeline.series` (attention, terms),
:mod:`~toolkit.timeline.sources` (documents per source, source mix),
:mod:`~toolkit.timeline.denominators` (reading a series back),
:mod:`~toolkit.timeline.bands` (Wilson bands), :mod:`~toolkit.timeline.pairs` (one pair
over time), :mod:`~toolkit.timeline.burst_detection`, :mod:`~toolkit.timeline.changepoints`,
:mod:`~toolkit.timeline.events` (events file), :mod:`~toolkit.timeline.choose` and
:mod:`~toolkit.timeline.selection` (what to chart, chosen from the corpus, with the
reason), :mod:`~toolkit.timeline.examples`
(mentions of a burst, to read). Topic prevalence over time is
:func:`toolkit.topics.prevalence`.
"""

from toolkit._core.calendar import (
    FREQS,
    bin_counts,
    factorize,
    normalize_freq,
    period_index,
    period_labels,
    period_ordinals,
    period_range,
)
from toolkit.schemas import EVENT_COLUMNS, N_DOCUMENTS
from toolkit.timeline.bands import Band, share_band
from toolkit.timeline.burst_detection import BURST_DEFAULTS, bursts
from toolkit.timeline.changepoints import change_points
from toolkit.timeline.choose import (
    FREQ_CANDIDATES,
    choose_events,
    choose_freq,
    choose_headline,
    choose_terms,
    choose_window,
)
from toolkit.timeline.events import EventsError, load_events, select_events
from toolkit.timeline.examples import burst_examples
from toolkit.timeline.pairs import pair_series
from toolkit.timeline.selection import check_actor_ids, choose_actors, choose_pair
from toolkit.timeline.series import attention, term_series
from toolkit.timeline.sources import check_source_mix, document_counts, source_mix

__all__ = [
    "BURST_DEFAULTS",
    "EVENT_COLUMNS",
    "FREQS",
    "FREQ_CANDIDATES",
    "N_DOCUMENTS",
    "Band",
    "EventsError",
    "attention",
    "bin_counts",
    "burst_examples",
    "bursts",
    "change_points",
    "check_actor_ids",
    "check_source_mix",
    "choose_actors",
    "choose_events",
    "choose_freq",
    "choose_headline",
    "choose_pair",
    "choose_terms",
    "choose_window",
    "document_counts",
    "factorize",
    "load_events",
    "normalize_freq",
    "pair_series",
    "period_index",
    "period_labels",
    "period_ordinals",
    "period_range",
    "select_events",
    "share_band",
    "source_mix",
    "term_series",
]
