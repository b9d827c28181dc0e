"""Describe the nodes of a network: one row per actor or country, and names for edges."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pycountry

from toolkit._core import check_choice, check_columns
from toolkit.network.counts import _LEVELS, Level, _check_mentions
from toolkit.schemas import validate_edges

__all__ = ["actor_table", "with_names"]


def actor_table(mentions: pd.DataFrame, *, level: Level = "actor") -> pd.DataFrame:
    """Summarise the nodes of a network: one row per actor (or country) with its mentions.

    Parameters
    ----------
    mentions
        A Mentions table; ``name``, ``kind`` and ``country`` are used when present.
    level
        ``"actor"`` or ``"country"``, as in :func:`~toolkit.network.cooccurrence`.
        Country nodes take the name of the state actor of that country when one is
        mentioned, else the ``pycountry`` name, else the code.

    Returns
    -------
    pandas.DataFrame
        Indexed by node id: ``name``, ``kind``, ``country``, ``mentions`` (int), sorted by
        ``mentions`` (descending) then id.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d", "d", "d"], "actor": ["RUS", "putin", "RUS"],
    ...                   "name": ["Russia", "Vladimir Putin", "Russia"],
    ...                   "kind": ["state", "person", "state"], "country": ["RUS"] * 3})
    >>> actor_table(m)
                     name    kind country  mentions
    actor
    RUS            Russia   state     RUS         2
    putin  Vladimir Putin  person     RUS         1
    >>> actor_table(m, level="country")
               name   kind country  mentions
    country
    RUS      Russia  state     RUS         3
    """
    check_choice("level", level, _LEVELS)
    _check_mentions(mentions, "document", level)
    m = pd.DataFrame({
        "actor": mentions["actor"].astype(str) if "actor" in mentions else "",
        "name": mentions["name"].astype(str) if "name" in mentions else mentions.get("actor"),
        "kind": mentions["kind"].astype(str) if "kind" in mentions else "",
        "country": mentions["country"].fillna("").astype(str) if "country" in mentions
        else "",
    })
    if level == "actor":
        g = m.groupby("actor", sort=True)
        out = g[["name", "kind", "country"]].first()
        out["mentions"] = g.size().astype("int64")
    else:
        m = m[m["country"] != ""]
        states = m[m["kind"] == "state"].groupby("country")["name"].agg(
            lambda s: s.value_counts().index[0])
        out = pd.DataFrame({"mentions": m.groupby("country", sort=True).size()})
        out["name"] = [states.get(c) or _country_name(c) for c in out.index]
        out["kind"] = "state"
        out["country"] = out.index
        out = out[["name", "kind", "country", "mentions"]].astype({"mentions": "int64"})
    out.index.name = level
    order = np.lexsort((out.index.to_numpy(str), -out["mentions"].to_numpy()))
    return out.iloc[order]


def _country_name(code: str) -> str:
    try:
        found = pycountry.countries.get(alpha_3=code)
    except (KeyError, LookupError):
        found = None
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def with_names(edges: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """Add the display names of both actors of each pair, for reading a table of edges.

    Parameters
    ----------
    edges
        An Edges table (or any table with ``a`` and ``b``).
    nodes
        A node table (:func:`actor_table`); ids it lacks keep their id as name.

    Returns
    -------
    pandas.DataFrame
        A copy with ``name_a`` and ``name_b`` after ``b``.

    Examples
    --------
    >>> e = pd.DataFrame({"a": ["IRN"], "b": ["putin"], "n_ab": [3]})
    >>> nodes = pd.DataFrame({"name": ["Iran", "Vladimir Putin"]}, index=["IRN", "putin"])
    >>> with_names(e, nodes)
         a      b name_a          name_b  n_ab
    0  IRN  putin   Iran  Vladimir Putin     3
    """
    validate_edges(edges, ["a", "b"])
    check_columns(nodes, ["name"], name="nodes",
                  expected="a node table from toolkit.network.actor_table")
    names = nodes["name"].astype(str)
    names.index = names.index.astype(str)
    out = edges.copy()
    at = list(out.columns).index("b") + 1
    out.insert(at, "name_a", out["a"].map(names).fillna(out["a"]).astype(str))
    out.insert(at + 1, "name_b", out["b"].map(names).fillna(out["b"]).astype(str))
    return out
