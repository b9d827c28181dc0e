"""Plot functions, one module per area: data in, ``ax=None`` in, ``Axes`` out.

=============================  ================================================
module                         figures of
=============================  ================================================
:mod:`toolkit.plots.corpus`    volume over time, sources, lengths, duplicates
:mod:`toolkit.plots.topics`    topic sweeps, top terms, prevalence
:mod:`toolkit.plots.network`   actor co-occurrence graphs and rankings
:mod:`toolkit.plots.timeline`  attention series, bursts, change points, events
:mod:`toolkit.plots.keyness`   terms or actors that set two groups apart
:mod:`toolkit.plots.effects`   topic prevalence against covariates (date, party)
=============================  ================================================

Helpers shared by the areas: :mod:`toolkit.plots.layout` (packed layouts, label
placement), :mod:`toolkit.plots.drawing` (network drawing), :mod:`toolkit.plots.marks`
(bursts, change points, events), :mod:`toolkit.plots.checks` (text overlap checks).

Import an area (``from toolkit.plots import topics``) and call its functions
(``topics.sweep(...)``, or ``toolkit.plots.timeline.attention(...)``). No function here
calls ``show()`` or ``savefig()``; save figures with :func:`toolkit.figures.save`, which
applies the house style (:mod:`toolkit.style`) recorded by :func:`toolkit.figures.setup`.
"""

from toolkit.plots import corpus, effects, keyness, network, timeline, topics

__all__ = ["corpus", "effects", "keyness", "network", "timeline", "topics"]
