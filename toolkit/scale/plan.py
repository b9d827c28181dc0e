"""What a run at scale computes: the settings of every stage.

A :class:`Plan` holds the settings of the per-document stages, checked once, so that the
function of one partition and the combine step read the same values wherever they run
(in this process, in a worker process, on a Dask worker). Its :meth:`Plan.fingerprint`
keys the checkpoints of a run: a rerun with other settings does not reuse them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from toolkit._core import check_choice, check_int, check_number, check_type
from toolkit.actors import ActorDictionary
from toolkit.network import UNIT_COLUMNS
from toolkit.timeline import normalize_freq

__all__ = ["Plan"]


@dataclass(frozen=True)
class Plan:
    """The settings of the per-document stages of a run, as the in-memory functions take them.

    Parameters
    ----------
    unit, level, min_count, correction, venues
        Of :func:`toolkit.network.cooccurrence`.
    freq, value
        Of :func:`toolkit.timeline.attention` and :func:`toolkit.timeline.term_series`.
    terms
        Words or phrases followed by :func:`toolkit.timeline.term_series` (none: no term
        series).
    duplicates
        Find near-duplicate clusters (:func:`toolkit.corpus.duplicate_clusters`) with
        ``threshold``, ``shingle``, ``num_perm`` and ``seed``.
    dictionary
        The actor dictionary of :func:`toolkit.actors.find_mentions`: ``None`` (the
        default one), a YAML path, or an :class:`~toolkit.actors.ActorDictionary`.

    Examples
    --------
    >>> Plan(unit="paragraph", freq="10Y").freq
    '10Y'
    >>> Plan(level="party")
    Traceback (most recent call last):
    ...
    ValueError: level='party' is invalid; must be one of 'actor', 'country'
    """

    unit: Literal["sentence", "paragraph", "document"] = "sentence"
    level: Literal["actor", "country"] = "actor"
    min_count: int = 1
    correction: Literal["bh", "bonferroni"] | None = "bh"
    venues: bool = False
    freq: str = "Y"
    value: Literal["share", "documents", "mentions"] = "share"
    terms: Sequence[str] = field(default=())
    duplicates: bool = True
    threshold: float = 0.8
    shingle: int = 5
    num_perm: int = 128
    seed: int | None = None
    dictionary: ActorDictionary | str | os.PathLike | None = None

    def __post_init__(self) -> None:
        check_choice("unit", self.unit, UNIT_COLUMNS)
        check_choice("level", self.level, ["actor", "country"])
        check_int("min_count", self.min_count, minimum=1)
        check_choice("correction", self.correction, ["bh", "bonferroni", None])
        check_type("venues", self.venues, bool, "True or False")
        normalize_freq(self.freq)
        check_choice("value", self.value, ["share", "documents", "mentions"])
        if isinstance(self.terms, str):
            raise TypeError(f"terms expects a list of words or phrases, not a single string; "
                            f"use [{self.terms!r}]")
        object.__setattr__(self, "terms", tuple(dict.fromkeys(self.terms)))
        check_type("duplicates", self.duplicates, bool, "True or False")
        check_number("threshold", self.threshold, minimum=0, inclusive=False)
        check_number("threshold", self.threshold, maximum=1)
        check_int("shingle", self.shingle, minimum=1)
        check_int("num_perm", self.num_perm, minimum=2)
        check_int("seed", self.seed, allow_none=True)
        check_type("dictionary", self.dictionary, (ActorDictionary, str, os.PathLike,
                                                   type(None)),
                   "an ActorDictionary, a YAML path or None for the default dictionary")

    def settings(self) -> dict[str, Any]:
        """Return the settings as JSON-ready values (the dictionary by path or content)."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        out["terms"] = list(self.terms)
        d = self.dictionary
        if isinstance(d, ActorDictionary):
            tables = (d.actors, d.aliases, d.roles, d.holders, d.sovereigns)
            out["dictionary"] = "ActorDictionary " + hashlib.sha256(b"".join(
                t.to_csv(index=False).encode() for t in tables)).hexdigest()[:16]
        elif d is not None:
            p = Path(d)
            out["dictionary"] = f"{p.resolve()} sha256 " + hashlib.sha256(
                p.read_bytes() if p.is_file() else b"").hexdigest()[:16]
        return out

    def fingerprint(self) -> str:
        """Return a short hash of :meth:`settings`: equal plans, equal fingerprints.

        Examples
        --------
        >>> Plan().fingerprint() == Plan(unit="sentence").fingerprint() != Plan(freq="M").fingerprint()
        True
        """
        blob = json.dumps(self.settings(), sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
