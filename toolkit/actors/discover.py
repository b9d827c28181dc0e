"""Find frequent names the actor dictionary does not know, to grow it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from toolkit._core.progress import tqdm

from toolkit._core import check_int
from toolkit.actors.dictionary import ActorDictionary
from toolkit.actors.matcher import HONORIFICS
from toolkit.actors.mentions import find_mentions
from toolkit.actors.ner import entities, load_ner
from toolkit.schemas import validate_corpus, validate_mentions

__all__ = ["discover"]

_CANDIDATE = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'.-]*[\w]|[A-Z])(?:(?:[ \t]+(?:of|the|for|de|del|la|al)){0,2}"
    r"[ \t]+[A-Z][\w’'.-]*[\w])*")
_CONNECTORS = {"of", "the", "for", "de", "del", "la", "al"}
_LEADING = frozenset([
    "The", "A", "An", "In", "On", "At", "For", "And", "But", "Our", "We", "This", "That",
    "These", "His", "Her", "Their", "My", "Excellency", "Excellencies",
])
_CALENDAR = frozenset([
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
])
_SKIP = frozenset(h.lower() for h in HONORIFICS)


def discover(corpus: pd.DataFrame, dictionary: ActorDictionary | str | Path | None = None,
             *, min_count: int = 5, top: int | None = 100,
             mentions: pd.DataFrame | None = None, ner: Any = None) -> pd.DataFrame:
    """Rank frequent capitalised names that the dictionary does not know.

    A candidate is a run of capitalised words (joined by "of", "the", "for", ...,
    as in "Economic Community of West African States") outside every mention the
    dictionary finds (so "Mr Smith of the African Union" gives "Smith of the African
    Union": check the examples). Dropped: single letters, months and weekdays, leading
    "The"/"His Excellency"/honorifics, and single words that are mostly seen in lower
    case or at the start of a sentence ("However", "Let").

    Parameters
    ----------
    corpus
        A Corpus table.
    dictionary
        The dictionary whose names are known (default: the default dictionary).
    min_count
        Keep candidates seen at least this often.
    top
        Keep the ``top`` most frequent (``None``: all).
    mentions
        The Mentions table of ``corpus`` when already computed (saves a pass).
    ner
        Optional: a spaCy pipeline with an entity recogniser, or ``"auto"`` for an
        installed model (:func:`toolkit.actors.load_ner`). Its entities outside the
        known mentions (persons, organisations, places, nationalities) are candidates
        too, found even in lower case or at a sentence start, and every candidate gets
        the model's most frequent label for it.

    Returns
    -------
    pandas.DataFrame
        ``candidate, n`` (occurrences), ``n_docs``, ``example`` (one occurrence in
        context), most frequent first (ties by name); with ``ner``, also ``label`` (the
        model's label, "" when it never marked the candidate).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.actors.dictionary import load_dictionary
    >>> from toolkit.corpus import from_frame
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: FRA, name: France, kind: state}\\n")
    >>> d = load_dictionary(f, replace=True)
    >>> texts = ["France and the African Union met. The talks went on."] * 3
    >>> c = from_frame(pd.DataFrame({"text": texts}))
    >>> discover(c, d, min_count=2)[["candidate", "n", "n_docs"]].values.tolist()
    [['African Union', 3, 3]]
    """
    validate_corpus(corpus)
    check_int("min_count", min_count, minimum=1)
    check_int("top", top, minimum=1, allow_none=True)
    if mentions is None:
        mentions = find_mentions(corpus, dictionary)
    validate_mentions(mentions, ("doc_id", "start", "end"))
    covered: dict[str, list[tuple[int, int]]] = {}
    for d, s, e in zip(mentions["doc_id"], mentions["start"].tolist(),
                       mentions["end"].tolist()):
        covered.setdefault(d, []).append((s, e))
    tally = _Tally()
    rows_in = zip(corpus["doc_id"], corpus["text"])
    for doc_id, text in tqdm(rows_in, total=len(corpus), desc="discover", unit="doc",
                             disable=None if len(corpus) > 500 else True):
        tally.add(doc_id, text, covered.get(doc_id, []))
    rows = tally.rows(min_count)
    nlp = load_ner() if isinstance(ner, str) and ner == "auto" else ner
    labels: dict[str, str] = {}
    if nlp is not None:
        rows, labels = _with_entities(rows, entities(corpus, nlp), covered, min_count, corpus)
    out = pd.DataFrame(rows, columns=["candidate", "n", "n_docs", "example"])
    if nlp is not None:
        out["label"] = out["candidate"].map(labels).fillna("")
    out = out.sort_values(["n", "candidate"], ascending=[False, True]).reset_index(drop=True)
    if top is not None:
        out = out.head(int(top))
    for c in ("n", "n_docs"):
        out[c] = out[c].astype("int64")
    return out


@dataclass
class _Tally:
    """Candidate counts over a corpus, one document at a time."""

    counts: Counter[str] = field(default_factory=Counter)
    initial: Counter[str] = field(default_factory=Counter)      # seen starting a sentence
    lower_words: Counter[str] = field(default_factory=Counter)  # words seen in lower case
    docs: dict[str, set] = field(default_factory=dict)
    example: dict[str, str] = field(default_factory=dict)

    def add(self, doc_id: str, text: str, covered: list[tuple[int, int]]) -> None:
        """Count the candidates of one document outside its ``covered`` spans (mentions)."""
        self.lower_words.update(re.findall(r"\b[a-z][a-z]+\b", text))
        # known names are blanked out, so a candidate stops where a known name begins
        pieces, pos = [], 0
        for s, e in sorted(covered):
            if s >= pos:
                pieces += [text[pos:s], "\x00" * (e - s)]
                pos = e
        masked = "".join(pieces) + text[pos:]
        for m in _CANDIDATE.finditer(masked):
            cand = _trim(m.group())
            if cand is None:
                continue
            s, e = m.span()
            self.counts[cand] += 1
            # a sentence-initial word is capitalised whatever it is
            before = masked[max(0, s - 3):s].rstrip(" \t")
            if not before or before[-1] in ".!?:;\n\"“‘'(\x00":
                self.initial[cand] += 1
            self.docs.setdefault(cand, set()).add(doc_id)
            if cand not in self.example:
                self.example[cand] = text[max(0, s - 30):e + 30].replace("\n", " ")

    def rows(self, min_count: int) -> list[tuple[str, int, int, str]]:
        """``(candidate, n, n_docs, example)`` of the candidates seen ``min_count`` times."""
        out = []
        for cand, n in self.counts.items():
            if n < min_count:
                continue
            if " " not in cand and (self.lower_words[cand.lower()] >= n
                                    or self.initial[cand] > n / 2):
                continue   # a common word, capitalised because it starts sentences
            out.append((cand, n, len(self.docs[cand]), self.example[cand]))
        return out


def _with_entities(rows: list[tuple[str, int, int, str]], ents: pd.DataFrame,
                   covered: dict[str, list[tuple[int, int]]], min_count: int,
                   corpus: pd.DataFrame) -> tuple[list, dict[str, str]]:
    """Add the NER entities outside known mentions as candidates; label every candidate."""
    def known(d: str, s: int, e: int) -> bool:
        return any(s < ce and e > cs for cs, ce in covered.get(d, []))

    keep = [not known(d, s, e) for d, s, e in zip(ents["doc_id"], ents["start"], ents["end"])]
    ents = ents[keep]
    labels = (ents.groupby("text")["label"].agg(lambda x: x.value_counts().index[0]).to_dict()
              if len(ents) else {})
    have = {r[0] for r in rows}
    text_of = dict(zip(corpus["doc_id"], corpus["text"]))
    for text, group in ents.groupby("text"):
        if text in have or len(group) < min_count:
            continue
        d, s, e = group.iloc[0][["doc_id", "start", "end"]]
        example = text_of[d][max(0, s - 30):e + 30].replace("\n", " ")
        rows.append((text, len(group), group["doc_id"].nunique(), example))
    return rows, labels


def _trim(match: str) -> str | None:
    """The candidate in a run of capitalised words, without leading "The" or honorifics."""
    words = match.split()
    while words and (words[0] in _LEADING or words[0].lower().rstrip(".") in _SKIP):
        words = words[1:]
    while words and (words[-1] in _CONNECTORS or words[-1].rstrip(".").lower() in _SKIP):
        words = words[:-1]
    if not words:
        return None
    cand = " ".join(words).rstrip(".")
    if len(cand) < 2 or cand in _CALENDAR:
        return None
    return cand
