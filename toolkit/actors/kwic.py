"""Keyword in context: any word, phrase or pattern, or the actor mentions found, in context.

Two forms, one function (as quanteda's ``kwic`` works on tokens and on a dictionary):

* ``kwic(corpus, "sanction*")``: every occurrence of a word, phrase or pattern (glob by
  default, or a regular expression, or fixed text; case-insensitive by default) with
  ``window`` words either side;
* ``kwic(mentions, corpus, actor="isis")``: every mention the dictionary found, to audit
  what was matched (``width`` characters either side, or ``window`` words).
"""

from __future__ import annotations

import fnmatch
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_int, check_type
from toolkit.schemas import validate_corpus, validate_mentions

logger = logging.getLogger("toolkit.actors")

__all__ = ["kwic"]

# a word: a dotted acronym (U.S.), or letters and digits with inner apostrophes or hyphens
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’\-]\w+)*")


def kwic(data: pd.DataFrame, pattern: str | Sequence[str] | pd.DataFrame, *,
         actor: str | Iterable[str] | None = None, window: int | None = None,
         width: int = 40, valuetype: Literal["glob", "regex", "fixed"] = "glob",
         case_insensitive: bool = True) -> pd.DataFrame:
    """List every occurrence of a word, phrase or pattern, or every actor mention, in context.

    Parameters
    ----------
    data
        A Corpus table (then ``pattern`` is what to look for), or a Mentions table from
        :func:`toolkit.actors.find_mentions` (then ``pattern`` is the Corpus table the
        mentions were found in).
    pattern
        With a corpus: a pattern or a list of them. A pattern with spaces is a phrase
        (its words must follow each other, with nothing but white space between).
        ``valuetype="glob"`` (default): each word may hold ``*`` (any characters) and
        ``?`` (one), as ``"sanction*"`` or ``"united nation?"``; ``"regex"``: each word
        is a regular expression that must match somewhere in the word (anchor it with
        ``^...$``); ``"fixed"``: the words as written.
    actor
        Mentions only: an actor id or several (``None``: every mention).
    window
        Words of context either side (default 5 for patterns; for mentions ``None`` uses
        ``width`` characters instead).
    width
        Mentions only, when ``window`` is ``None``: characters of context either side.
    valuetype, case_insensitive
        How a pattern matches (see ``pattern``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, start, end, left, surface, right`` and ``pattern`` (patterns) or
        ``actor, rule`` (mentions), in document order; ``start``/``end`` are character
        offsets into the text; line breaks in the context show as spaces.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d"], "text": [
    ...     "New sanctions on Iran. The Sanctions Committee met; sanctioning works."]}))
    >>> kwic(c, "sanction*", window=2)[["left", "surface", "right"]].values.tolist()
    [['New', 'sanctions', 'on Iran'], ['Iran. The', 'Sanctions', 'Committee met'], ['Committee met;', 'sanctioning', 'works']]
    >>> kwic(c, "sanctions committee", window=1)["surface"].tolist()
    ['Sanctions Committee']
    >>> m = pd.DataFrame({"doc_id": ["d"], "start": [17], "end": [21], "surface": ["Iran"],
    ...                   "actor": ["IRN"], "rule": ["alias"]})
    >>> kwic(m, c, actor="IRN", width=6)[["left", "surface", "right"]].values.tolist()
    [['ns on ', 'Iran', '. The ']]
    """
    if isinstance(pattern, pd.DataFrame):
        return _kwic_mentions(data, pattern, actor=actor, window=window, width=width)
    validate_corpus(data, where="data")
    if actor is not None:
        raise ValueError("actor= applies to kwic(mentions, corpus); to find an actor's "
                         "names in a corpus, find_mentions first")
    check_choice("valuetype", valuetype, ("glob", "regex", "fixed"))
    check_type("case_insensitive", case_insensitive, bool, "True or False")
    window = 5 if window is None else window
    check_int("window", window, minimum=0)
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    if not patterns or not all(isinstance(p, str) and p.split() for p in patterns):
        raise ValueError(f"pattern={pattern!r} is invalid; must be a non-empty string or a "
                         "list of them")
    matchers = [(p, [_word_matcher(w, valuetype, case_insensitive) for w in p.split()])
                for p in patterns]
    screens = [_screen(p.split()[0], valuetype, case_insensitive) for p in patterns]
    rows = []
    for doc_id, text in zip(data["doc_id"], data["text"]):
        if not any(screen(text) for screen in screens):
            continue   # no document-level trace of any pattern's first word
        words = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text)]
        for k in range(len(words)):
            for p, parts in matchers:
                end = _match_at(words, text, k, parts)
                if end is not None:
                    rows.append((doc_id, *_context(text, words, k, end, window), p))
    out = pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "surface", "right",
                                      "pattern"])
    if out.empty:
        logger.warning("kwic: no match for %s", ", ".join(map(repr, patterns)))
    return out.astype({"start": "int64", "end": "int64"})


def _screen(word: str, valuetype: str, case_insensitive: bool) -> Callable[[str], bool]:
    """A fast necessary test on a whole document: does it hold the word's literal part?"""
    if valuetype == "regex":
        return lambda text: True   # anchors (^...$) apply to words, not to the document
    literal = max(re.split(r"[*?\[\]]", word), key=len) if valuetype == "glob" else word
    if case_insensitive:
        literal = literal.lower()
        return lambda text: literal in text.lower()
    return lambda text: literal in text


def _word_matcher(word: str, valuetype: str, case_insensitive: bool) -> Callable[[str], object]:
    """A test of one word: glob and fixed match the whole word, a regex anywhere in it."""
    flags = re.IGNORECASE if case_insensitive else 0
    if valuetype == "regex":
        try:
            return re.compile(word, flags).search
        except re.error as exc:
            raise ValueError(f"pattern word {word!r} is not a valid regular expression: "
                             f"{exc}") from None
    body = fnmatch.translate(word) if valuetype == "glob" else re.escape(word) + r"\Z"
    return re.compile(body, flags).match


def _match_at(words: list[tuple[int, int, str]], text: str, k: int,
              parts: list[Callable[[str], object]]) -> int | None:
    """The index of the last word of a phrase match starting at word ``k``, or None."""
    for j, part in enumerate(parts):
        i = k + j
        if i >= len(words) or not part(words[i][2]):
            return None
        if j and text[words[i - 1][1]:words[i][0]].strip():
            return None   # punctuation between the words of a phrase
    return k + len(parts) - 1


def _context(text: str, words: list[tuple[int, int, str]], k: int, end: int,
             window: int) -> tuple[int, int, str, str, str]:
    s, e = words[k][0], words[end][1]
    lo = words[max(0, k - window)][0] if window else s
    hi = words[min(len(words) - 1, end + window)][1] if window else e
    clean = (lambda t: " ".join(t.split()))
    return s, e, clean(text[lo:s]), text[s:e], clean(text[e:hi])


def _kwic_mentions(mentions: pd.DataFrame, corpus: pd.DataFrame, *,
                   actor: str | Iterable[str] | None, window: int | None,
                   width: int) -> pd.DataFrame:
    validate_corpus(corpus)
    validate_mentions(mentions, ("doc_id", "start", "end", "surface", "actor", "rule"))
    check_int("width", width, minimum=0)
    check_int("window", window, minimum=0, allow_none=True)
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
        if window is None:
            left.append(t[max(0, s - width):s].replace("\n", " "))
            right.append(t[e:e + width].replace("\n", " "))
        else:
            before = list(_WORD.finditer(t, max(0, s - 40 * (window + 1)), s))[-window:] \
                if window else []
            after = list(_WORD.finditer(t, e, e + 40 * (window + 1)))[:window]
            left.append(" ".join(t[before[0].start():s].split()) if before else "")
            right.append(" ".join(t[e:after[-1].end()].split()) if after else "")
    out = pd.DataFrame({"doc_id": rows["doc_id"].to_numpy(),
                        "start": rows["start"].to_numpy(dtype=np.int64),
                        "end": rows["end"].to_numpy(dtype=np.int64), "left": left,
                        "surface": rows["surface"].to_numpy(), "right": right,
                        "actor": rows["actor"].to_numpy(), "rule": rows["rule"].to_numpy()})
    return out.reset_index(drop=True)
