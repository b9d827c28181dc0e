"""Show mentions in their context (keyword in context), to audit what was matched."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import pandas as pd

from toolkit._core import check_int
from toolkit.schemas import validate_corpus, validate_mentions

logger = logging.getLogger("toolkit.actors")

__all__ = ["kwic"]


def kwic(mentions: pd.DataFrame, corpus: pd.DataFrame, *,
         actor: str | Iterable[str] | None = None, width: int = 40) -> pd.DataFrame:
    """List mentions in their context (keyword in context), to audit what was matched.

    Parameters
    ----------
    mentions
        A Mentions table from :func:`toolkit.actors.find_mentions` on ``corpus``.
    corpus
        The Corpus table the mentions were found in.
    actor
        An actor id or several; ``None`` for every mention.
    width
        Characters of context on each side (line breaks shown as spaces).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, start, end, left, surface, right, actor, rule``, in mention order.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d"], "text": ["Talks in Moscow ended."]}))
    >>> m = pd.DataFrame({"doc_id": ["d"], "start": [9], "end": [15], "surface": ["Moscow"],
    ...                   "actor": ["RUS"], "rule": ["metonym"]})
    >>> kwic(m, c, actor="RUS", width=6)[["left", "surface", "right"]].values.tolist()
    [['ks in ', 'Moscow', ' ended']]
    """
    validate_corpus(corpus)
    validate_mentions(mentions, ("doc_id", "start", "end", "surface", "actor", "rule"))
    check_int("width", width, minimum=0)
    rows = mentions
    if actor is not None:
        wanted = [actor] if isinstance(actor, str) else list(actor)
        rows = mentions[mentions["actor"].isin(wanted)]
        absent = sorted(set(wanted) - set(rows["actor"]))
        if absent:
            logger.warning("kwic: no mentions of %s", ", ".join(map(repr, absent)))
    text_of = dict(zip(corpus["doc_id"], corpus["text"]))
    unknown = sorted(set(rows["doc_id"]) - set(text_of))
    if unknown:
        raise ValueError(f"mentions: doc_id(s) {unknown[:5]} are not in corpus; pass the "
                         "corpus the mentions were found in")
    left, right = [], []
    for d, s, e in zip(rows["doc_id"], rows["start"].tolist(), rows["end"].tolist()):
        t = text_of[d]
        left.append(t[max(0, s - width):s].replace("\n", " "))
        right.append(t[e:e + width].replace("\n", " "))
    out = pd.DataFrame({"doc_id": rows["doc_id"].to_numpy(), "start": rows["start"].to_numpy(),
                        "end": rows["end"].to_numpy(), "left": left,
                        "surface": rows["surface"].to_numpy(), "right": right,
                        "actor": rows["actor"].to_numpy(), "rule": rows["rule"].to_numpy()})
    return out.reset_index(drop=True)
