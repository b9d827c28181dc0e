"""Choose the actors a timeline follows from the corpus itself, and check the given ones.

Part of :mod:`toolkit.timeline` (see :mod:`toolkit.timeline.choose` for the rest): the
actors named in the most units, the pair named together most often, and a check that
actor ids given as parameters exist (an unknown id is otherwise a flat zero line).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from toolkit._core import check_int
from toolkit.actors import default_dictionary
from toolkit.network import Choice, cooccurrence
from toolkit.schemas import validate_mentions

logger = logging.getLogger(__name__)

__all__ = ["check_actor_ids", "choose_actors", "choose_pair"]


def check_actor_ids(ids: Sequence[str], *, level: str = "country",
                    name: str | None = "actors") -> list[str]:
    """Return ``ids`` if each is an actor id of the default dictionary, else raise saying which.

    An unknown id ("XYZ", or "Russia" for "RUS") would be charted as a flat zero line.

    Examples
    --------
    >>> check_actor_ids(["RUS", "CHN"])
    ['RUS', 'CHN']
    >>> check_actor_ids(["Russia"])
    Traceback (most recent call last):
    ...
    ValueError: actors: 'Russia' is not an actor id at level='country'; did you mean 'RUS' (Russia)?
    """
    if isinstance(ids, str):
        raise TypeError(f"{name} expects a list of actor ids, not a single string; use "
                        f"[{ids!r}]")
    table = default_dictionary().actors  # loaded once (and kept in the disk cache)
    known = set(table["country"]) - {""} if level == "country" else set(table["id"])
    if level == "country":
        states = table[table["id"].isin(known)]
    else:
        states = table
    by_name = {str(n).casefold(): str(i) for i, n in zip(states["id"], states["name"])}
    names = dict(zip(states["id"].astype(str), states["name"].astype(str)))
    out = []
    for actor in ids:
        if not isinstance(actor, str):
            raise TypeError(f"{name}: {actor!r} has the wrong type {type(actor).__name__}; "
                            "must be an actor id (str)")
        if actor not in known:
            guess = by_name.get(actor.casefold()) or next(iter(difflib.get_close_matches(
                actor, sorted(known), n=1)), None)
            hint = f"; did you mean {guess!r} ({names.get(guess, guess)})?" if guess else ""
            prefix = f"{name}: " if name else ""
            raise ValueError(f"{prefix}{actor!r} is not an actor id at level={level!r}"
                             f"{hint}")
        out.append(actor)
    return out


def choose_actors(mentions: pd.DataFrame, corpus: pd.DataFrame, *,
                  given: Sequence[str] | None = None, n: int = 12,
                  level: Literal["actor", "country"] = "country") -> Choice:
    """Choose the actors to follow: the given ones (checked), or the most mentioned.

    Why: the actors worth a timeline are those the corpus talks about; the rule takes the
    ``n`` named in the most units (documents or paragraphs; ties by id). Given ids that
    are not actor ids raise an error (:func:`check_actor_ids`); known actors never
    mentioned in the corpus are kept and named in ``reason``: their lines will be zero.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"]}))
    >>> m = pd.DataFrame({"doc_id": ["a", "b", "b"], "country": ["RUS", "RUS", "CHN"]})
    >>> choose_actors(m, c, n=1)
    Choice(value=['RUS'], reason='the 1 countries named in the most units (RUS: 2 of 2)')
    >>> choose_actors(m, c, given=["RUS", "FRA"]).reason
    'set in the parameters; never mentioned in this corpus, so their lines are zero: FRA'
    """
    column = "actor" if level == "actor" else "country"
    validate_mentions(mentions, ["doc_id", column])
    check_int("n", n, minimum=1)
    units = mentions.loc[mentions[column].astype(str) != "", ["doc_id", column]]
    counts = units.drop_duplicates().groupby(column).size()
    if given is not None:
        ids = check_actor_ids(list(given), level=level)
        absent = [a for a in ids if a not in counts.index]
        reason = "set in the parameters"
        if absent:
            reason += ("; never mentioned in this corpus, so their lines are zero: "
                       + ", ".join(absent))
            logger.warning("actors %s are never mentioned in this corpus: their lines will "
                           "be zero", ", ".join(absent))
        return Choice(ids, reason)
    if counts.empty:
        return Choice([], "no actor is mentioned in this corpus")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]
    plural = "countries" if level == "country" else "actors"
    detail = ", ".join(f"{a}: {k} of {len(corpus)}" for a, k in ranked[:3])
    return Choice([str(a) for a, _ in ranked],
                  f"the {len(ranked)} {plural} named in the most units ({detail}"
                  f"{', ...' if len(ranked) > 3 else ''})")


def choose_pair(mentions: pd.DataFrame, corpus: pd.DataFrame, among: Sequence[str], *,
                given: Sequence[str] | None = None, level: str = "country",
                unit: str = "sentence") -> Choice:
    """Choose the pair of actors to follow over time: the two most often named together.

    Why: a pair never named in the same unit gives an empty series; among the chosen
    actors the rule takes the pair sharing the most units (ties: the higher NPMI, then
    the ids). ``value`` is ``None`` when no two of them share a unit.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "sentence": [0, 0, 1],
    ...                   "country": ["RUS", "CHN", "RUS"]})
    >>> choose_pair(m, None, ["RUS", "CHN", "USA"]).value
    ('CHN', 'RUS')
    """
    if given is not None:
        pair = list(given)
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(f"pair={pair!r} is invalid; must be two different actor ids")
        check_actor_ids(pair, level=level, name="pair")
        return Choice(tuple(pair), "set in the parameters")
    edges = cooccurrence(mentions, unit=unit, level=level, corpus=corpus, min_count=1)
    edges = edges[edges["a"].isin(among) & edges["b"].isin(among)]
    if edges.empty:
        return Choice(None, f"no two of the chosen actors are named in the same {unit}")
    best = edges.sort_values(["n_ab", "npmi", "a", "b"],
                             ascending=[False, False, True, True]).iloc[0]
    a, b = str(best["a"]), str(best["b"])
    return Choice((a, b), f"{a} and {b}: the two chosen actors named in the same {unit} "
                          f"most often ({int(best['n_ab'])} times)")
