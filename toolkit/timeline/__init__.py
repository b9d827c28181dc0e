"""Timelines: calendar binning, normalised attention series, bursts, change points, events.

Researchers ask "when did the world start talking about X, and with whom?". This package
answers on a calendar axis that never lies:

- every series is a DataFrame indexed by a gap-free :class:`pandas.PeriodIndex` named
  ``period`` (empty periods are zero rows), one column per actor, term or topic;
- counts are normalised by how much was published (:func:`attention` is the share of
  the period's documents that mention each actor), documents without a date are counted
  and reported in ``attrs``;
- every detected change is a table row with a date (:func:`bursts`,
  :func:`change_points`), checked against shifts in the mix of sources
  (:func:`check_source_mix`);
- the researcher's events file (:func:`load_events`) annotates every timeline figure
  (:mod:`toolkit.plots.timeline`).

Modules: :mod:`~toolkit._core.calendar` (calendar), :mod:`~toolkit.timeline.series`
(attention, terms), :mod:`~toolkit.timeline.prevalence` (topic prevalence, uncertainty
bands), :mod:`~toolkit.timeline.pairs` (one pair over time),
:mod:`~toolkit.timeline.detect` (bursts, change points, source mix),
:mod:`~toolkit.timeline.events` (events file).
"""

from toolkit._core.calendar import (
    FREQS,
    bin_counts,
    factorize,
    normalize_freq,
    period_ordinals,
    period_range,
)
from toolkit.timeline.detect import (
    BURST_DEFAULTS,
    bursts,
    change_points,
    check_source_mix,
)
from toolkit.timeline.events import (
    EVENT_COLUMNS,
    EventsError,
    load_events,
    select_events,
)
from toolkit.timeline.pairs import pair_series
from toolkit.timeline.prevalence import (
    Band,
    prevalence_band,
    share_band,
    topic_prevalence,
)
from toolkit.timeline.series import attention, document_counts, source_mix, term_series

__all__ = [
    "BURST_DEFAULTS",
    "EVENT_COLUMNS",
    "FREQS",
    "Band",
    "EventsError",
    "attention",
    "bin_counts",
    "bursts",
    "change_points",
    "check_source_mix",
    "document_counts",
    "factorize",
    "load_events",
    "normalize_freq",
    "pair_series",
    "period_ordinals",
    "period_range",
    "prevalence_band",
    "select_events",
    "share_band",
    "source_mix",
    "term_series",
    "topic_prevalence",
]
