"""Find the mentions in a batch of texts: one automaton pass, word boundaries, overlaps.

:func:`scan` is what :func:`toolkit.actors.find_mentions` runs on every batch: it finds
every hit of the compiled dictionary (:mod:`toolkit.actors.matcher`) on numpy arrays,
keeps the longest-leftmost whole-word hits, has :mod:`toolkit.actors.resolve` resolve
those that need context, and numbers each mention's paragraph and sentence.
"""

from __future__ import annotations

import numpy as np

from toolkit._core.segment import span_starts
from toolkit.actors.context import apply_rules, drop_crossed_titles
from toolkit.actors.matcher import RULE_INDEX, Matcher, word_chars
from toolkit.actors.resolve import resolve

__all__ = ["SEP", "scan"]

#: The character that joins the texts of a batch: not white space, no letter, in no name.
SEP = "\x00"


def scan(m: Matcher, texts: list[str], dates: np.ndarray, *,
         keep_rejected: bool = False) -> dict[str, np.ndarray]:
    """Find and resolve every mention in ``texts`` (dates as int64 ns, NaT as min int64).

    Returns arrays: doc (position in ``texts``), paragraph, sentence, start, end, actor
    (index into the dictionary's actors), rule (index into
    :data:`toolkit.actors.matcher.RULES`), pattern (the index of the pattern that is the
    surface, -1 when the surface must be sliced). With ``keep_rejected``, the readings a
    context rule rejected (:mod:`toolkit.actors.context`) are kept, their ``rule`` the
    rejecting one and ``actor`` the one they would have had.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.actors.dictionary import load_dictionary
    >>> from toolkit.actors.matcher import NEVER_START, compile_dictionary
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: RUS, name: Russia, kind: state}\\n")
    >>> m = compile_dictionary(load_dictionary(f, replace=True))
    >>> out = scan(m, ["Russia. Not Russians.", "RUSSIA!"], np.array([NEVER_START] * 2))
    >>> out["doc"].tolist(), out["start"].tolist(), out["sentence"].tolist()
    ([0, 1], [0, 0], [0, 0])
    """
    joined = SEP.join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    doc_start = np.zeros(len(texts), dtype=np.int64)
    doc_start[1:] = np.cumsum(lengths + 1)[:-1]
    hits = np.array(list(m.automaton.iter(joined)), dtype=np.int64).reshape(-1, 2)
    stop = hits[:, 0] + 1
    pid = hits[:, 1]
    start = stop - m.plen[pid]
    # code points of the batch, with a trailing 0 that index -1 and len(joined) both read
    codes = np.frombuffer((joined + SEP).encode("utf-32-le"), dtype=np.uint32)
    shouted = np.zeros(len(pid), dtype=bool)
    if len(pid):
        word = word_chars()
        ok = ~(m.left_word[pid] & word[np.minimum(codes[start - 1], 0xFFFF)])
        ok &= ~(m.right_word[pid] & word[np.minimum(codes[stop], 0xFFFF)])
        for i in np.flatnonzero(ok & m.caps_word[pid]).tolist():
            shouted[i] = _shouted(joined, int(start[i]), int(stop[i]))
        start, stop, pid, shouted = start[ok], stop[ok], pid[ok], shouted[ok]
        order = np.lexsort((-(stop - start), start))
        start, stop, pid, shouted = start[order], stop[order], pid[order], shouted[order]
        keep = drop_crossed_titles(m, start, stop, pid)
        start, stop, pid, shouted = start[keep], stop[keep], pid[keep], shouted[keep]
        keep = _select(start, stop)
        start, stop, pid, shouted = start[keep], stop[keep], pid[keep], shouted[keep]
    doc = np.searchsorted(doc_start, start, side="right") - 1
    actor = m.simple_actor[pid].copy()
    rule = m.simple_rule[pid].copy()
    # blocked phrases (compounds, currencies) and shouted words: rejected readings
    reject = m.block_rule[pid].copy()
    blocked = reject > 0
    actor[blocked] = m.block_actor[pid[blocked]]
    reject[shouted] = RULE_INDEX["shouted"]
    resolve(m, joined, dates, doc, start, stop, pid, actor, rule)
    apply_rules(m, joined, codes, doc, start, stop, pid, actor, rule, reject)
    # the surface is the pattern itself unless a title or honorific joined the span
    pid = np.where(stop - start == m.plen[pid], pid, -1)
    found = (actor >= 0) & ((reject == 0) | keep_rejected)
    rule = np.where(reject > 0, reject, rule)
    doc, start, stop, actor, rule, pid = doc[found], start[found], stop[found], actor[found], \
        rule[found], pid[found]
    paragraph, sentence = _span_ids(texts, joined, doc_start, codes, doc, start)
    start -= doc_start[doc]
    stop -= doc_start[doc]
    return {"doc": doc, "paragraph": paragraph, "sentence": sentence, "start": start,
            "end": stop, "actor": actor, "rule": rule, "pattern": pid}


def _shouted(joined: str, a: int, b: int) -> bool:
    """Is the acronym-word hit ``joined[a:b]`` ("US", "IS") the word in a shouted line?

    "A PROBLEM FOR US" is, "US TROOPS LEAVE" and "SYRIA: IS SEIZES TOWN" are not.
    """
    # up to 30 characters either side, on the hit's own line
    lo = max(joined.rfind("\n", max(0, a - 30), a) + 1,
             joined.rfind(SEP, max(0, a - 30), a) + 1, a - 30, 0)
    # ... up to the end of the line or of the document (a batch joins documents)
    ends = [e for e in (joined.find("\n", b, b + 30), joined.find(SEP, b, b + 30)) if e >= 0]
    hi = min(ends) if ends else b + 30
    line = joined[lo:hi]
    lead = joined[lo:a].rstrip()
    return (not any(c.islower() for c in line)
            and sum(c.isupper() for c in line) >= b - a + 4
            and not (lead == "" and (lo == 0 or joined[lo - 1] in "\n\x00"))
            and not lead.endswith((":", "-", "–", "—", "|")))


def _select(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Indices of the longest-leftmost non-overlapping hits (input sorted by start, -length)."""
    n = len(start)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    reach = np.maximum.accumulate(stop)
    overlaps = np.zeros(n, dtype=bool)
    overlaps[1:] = start[1:] < reach[:-1]
    # a hit that overlaps nothing before it, and nothing after it, is kept outright
    nxt = np.zeros(n, dtype=bool)
    nxt[:-1] = overlaps[1:]
    keep = ~overlaps & ~nxt
    busy = np.flatnonzero(overlaps | nxt)
    last_end = -1
    for i in busy.tolist():
        if not overlaps[i]:
            last_end = -1
        if start[i] >= last_end:
            keep[i] = True
            last_end = stop[i]
    return np.flatnonzero(keep)


def _span_ids(texts: list[str], joined: str, doc_start: np.ndarray, codes: np.ndarray,
              doc: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Paragraph and sentence number, within its document, of each offset ``at`` in ``joined``."""
    paragraph = np.zeros(len(doc), dtype=np.int64)
    sentence = np.zeros(len(doc), dtype=np.int64)
    if len(doc):
        p_start, s_start = span_starts(texts, joined, doc_start, codes)
        first = doc_start[doc]
        paragraph = np.searchsorted(p_start, at, side="right") \
            - np.searchsorted(p_start, first, side="left") - 1
        sentence = np.searchsorted(s_start, at, side="right") \
            - np.searchsorted(s_start, first, side="left") - 1
        np.maximum(paragraph, 0, out=paragraph)
        np.maximum(sentence, 0, out=sentence)
    return paragraph, sentence
