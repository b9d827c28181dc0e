"""Count actor co-occurrences and turn them into association measures and graphs.

The path is ``Mentions -> Edges -> graph``: :func:`cooccurrence` counts, for every pair
of actors, in how many units (sentences, paragraphs or documents) both are mentioned and
scores the association; :func:`to_graph` keeps the edges worth drawing; the graph helpers
(:func:`backbone`, :func:`communities`, :func:`centrality`, :func:`ego`, :func:`export`)
work on the resulting ``networkx.Graph``.

=====================================  ================================================
module                                 what
=====================================  ================================================
:mod:`toolkit.network.counts`          units per document, co-occurrence counts
:mod:`toolkit.network.association`     the association measures of a 2x2 table
:mod:`toolkit.network.periods`         co-occurrence within each calendar period
:mod:`toolkit.network.nodes`           node tables, display names for edges
:mod:`toolkit.network.graphs`          Edges table -> graph, GEXF / GraphML export
:mod:`toolkit.network.structure`       backbone, communities, centrality, ego networks
:mod:`toolkit.network.choose`          settings chosen from the data, with the reason
=====================================  ================================================

The Edges table (one row per pair of actors that share at least ``min_count`` units;
its columns are :data:`EDGE_COLUMNS`, defined with the other tables in
:mod:`toolkit.schemas`):

==========  =======  ===================================================================
column      dtype    meaning
==========  =======  ===================================================================
a, b        str      the two actors (or ISO3 codes with ``level="country"``), ``a < b``
n_ab        int64    units mentioning both
n_a, n_b    int64    units mentioning ``a`` (``b``)
n           int64    units in the analysed set (see :func:`cooccurrence` for which)
expected    float64  ``n_a * n_b / n``: ``n_ab`` expected if the two were independent
jaccard     float64  ``n_ab / (n_a + n_b - n_ab)``
pmi         float64  ``log2(n_ab * n / (n_a * n_b))``
npmi        float64  ``pmi / -log2(n_ab / n)``, in [-1, 1]; 1 when ``n_ab = n_a = n_b``
g2          float64  log-likelihood ratio statistic of the 2x2 table (Dunning 1993)
p_value     float64  one-sided p-value for attraction (``n_ab`` above ``expected``)
p_adjusted  float64  ``p_value`` corrected over every pair of actors (see ``correction``)
==========  =======  ===================================================================

Rows are sorted from the strongest attraction to the strongest avoidance (``g2`` signed
by whether ``n_ab`` is above ``expected``), then by ``a`` and ``b``.
"""

from __future__ import annotations

from toolkit.network.association import measures
from toolkit.network.choose import Choice, choose_ego, choose_min_count, significant_graph
from toolkit.network.counts import (UNIT_COLUMNS, cooccurrence, count_units, edges_from_counts,
                                    pair_counts)
from toolkit.network.graphs import export, to_graph, to_graphs
from toolkit.network.nodes import actor_table, with_names
from toolkit.network.periods import cooccurrence_by_period
from toolkit.network.structure import backbone, centrality, communities, ego
from toolkit.schemas import EDGE_COLUMNS

__all__ = [
    "EDGE_COLUMNS",
    "UNIT_COLUMNS",
    "Choice",
    "actor_table",
    "backbone",
    "centrality",
    "choose_ego",
    "choose_min_count",
    "communities",
    "cooccurrence",
    "cooccurrence_by_period",
    "count_units",
    "edges_from_counts",
    "ego",
    "export",
    "measures",
    "pair_counts",
    "significant_graph",
    "to_graph",
    "to_graphs",
    "with_names",
]
