"""Split texts into paragraphs and sentences, with no downloaded data.

Spans are ``(start, end)`` character offsets into the original text, so every later
table (tokens, mentions) can point back at the exact characters it came from. The corpus
(paragraphs), actors (sentence numbers of mentions) and network (units) stages all use
these boundaries, so they live in the bottom layer; :mod:`toolkit.text` re-exports them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["ABBREVIATIONS", "paragraph_spans", "sentence_spans", "span_starts"]

#: Words that end with a period but do not end a sentence (compared without the period,
#: case-sensitively). Single capital letters (initials, "U.S.", "U.N.") are handled apart.
ABBREVIATIONS: frozenset[str] = frozenset("""
Mr Mrs Ms Messrs Mmes Dr Prof Sr Jr St Mt Ft Hon Rev Amb Ambs Gen Lt Col Maj Capt Cmdr Adm
Sgt Cpl Gov Sen Rep Pres Sec Dept Sens Reps Supt Insp Brig Gens No Nos Art Arts Vol Vols
Fig Figs pp p para paras Ch ch sec Inc Ltd Co Corp Bros vs etc al cf ca approx Jan Feb Mar
Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun Op Res Doc Ref
Rt Excl Est Univ Assn Intl Govt Min Sr Sra Mme Mlle
""".split())

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_TERMINAL = tuple('.!?:;"\'”’)]')
# a candidate sentence end: terminal punctuation, closing quotes/brackets, then white
# space and something that can start a sentence
_SENT_END = re.compile(r"""([.!?]+)["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
# in the reversed "\x01"-joined windows before periods: the run of word characters that
# ends each window (the word _WORD_BEFORE finds, once reversed and stripped of [.-]; its
# "$" also matches before a final newline, hence the optional "\n")
_RUNS_BEFORE = re.compile(r"\x01\n?([A-Za-z.\-]*)[^\x01]*")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the paragraphs of ``text``.

    Three layouts are recognised, in this order:

    1. blank lines separate paragraphs (lines within a block are one paragraph);
    2. hard-wrapped text (most lines end mid-sentence, as in the UN General Debate
       transcripts): lines are joined, and a paragraph ends at a line that ends a
       sentence and is clearly shorter than the wrap width;
    3. otherwise one paragraph per line (the usual web-news export).

    Examples
    --------
    >>> t = "First para.\\nSecond para."
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['First para.', 'Second para.']
    >>> t = "A long line that\\nwraps here.\\n\\nNext."
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['A long line that\\nwraps here.', 'Next.']
    """
    if not isinstance(text, str):
        raise TypeError(f"paragraph_spans expects a str, not {type(text).__name__}")
    if _BLANK_LINE.search(text):
        raw, start = [], 0
        for m in _BLANK_LINE.finditer(text):
            raw.append((start, m.start()))
            start = m.end()
        raw.append((start, len(text)))
    else:
        parts = text.split("\n")
        body = [line for line in map(str.rstrip, parts) if line]
        open_ends = sum(not line.endswith(_TERMINAL) for line in body)
        if len(body) >= 5 and open_ends > 0.5 * len(body):
            lines = _line_spans(text)
            widths = sorted(map(len, body))
            short = 0.85 * widths[int(0.9 * (len(widths) - 1))]
            raw, start = [], None
            for s, e in lines:
                line = text[s:e].rstrip()
                if start is None:
                    if not line.strip():
                        continue
                    start = s
                if not line.strip() or (line.endswith(_TERMINAL) and len(line) < short):
                    raw.append((start, e))
                    start = None
            if start is not None:
                raw.append((start, len(text)))
        else:
            # one paragraph per line, trimmed with str methods (the common layout: fast)
            out, s = [], 0
            for part in parts:
                core = part.strip()
                if core:
                    lead = s + len(part) - len(part.lstrip())
                    out.append((lead, lead + len(core)))
                s += len(part) + 1
            return out
    spans = [_trim(text, s, e) for s, e in raw]
    return [(s, e) for s, e in spans if e > s]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or initial, not a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    return m is not None and _abbreviation_word(m.group(1))


# A memo, documented as rule 6 asks: the reversed word run before a period (a str) ->
# whether it closes an abbreviation. Keyed on content, never on object identity; the
# verdict depends only on the string and the constant ABBREVIATIONS, so it can never be
# stale; bounded (span_starts clears it past 65,536 runs; a corpus repeats few runs).
_RUN_VERDICTS: dict[str, bool] = {}


def _abbreviation_word(word: str) -> bool:
    """Whether ``word`` (letters, periods, hyphens; "" for none) is an abbreviation."""
    if not word:
        return False
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # initials and dotted acronyms: "J.", "U.S", "U.N", "e.g"
    parts = word.split(".")
    return all(len(p) <= 1 for p in parts) and any(parts)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the sentences of ``text``.

    Rule-based and data-free: a sentence ends at ``.``, ``!`` or ``?`` (with any closing
    quotes or brackets) followed by white space and a capital, a digit or an opening
    quote, unless the period closes a known abbreviation (``Mr.``, ``Gen.``, ``No.``, see
    :data:`ABBREVIATIONS`) or an initial / dotted acronym (``U.S.``, ``J. F.``).
    Paragraph boundaries (:func:`paragraph_spans`) always end a sentence. Decimal numbers
    never split because a split needs white space after the period.

    Examples
    --------
    >>> t = "Mr. Obama met U.S. officials. It cost $3.5 bn. “Good,” he said. No. 10 agreed!"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Obama met U.S. officials.', 'It cost $3.5 bn.', '“Good,” he said.', 'No. 10 agreed!']
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        start = p_start
        for m in _SENT_END.finditer(text, p_start, p_end):
            if m.group(1) == "." and _is_abbreviation(text, m.start(1)):
                continue
            spans.append(_trim(text, start, m.end()))
            start = m.end()
        spans.append(_trim(text, start, p_end))
    return [(s, e) for s, e in spans if e > s]


def span_starts(texts: Sequence[str], joined: str, doc_start: Any,
                 codes: Any = None) -> tuple:
    """Return the start offsets of every paragraph and sentence of ``texts``, in ``joined``.

    ``joined`` is ``texts`` joined by one character that is neither white space nor a
    letter (``"\\x00"``), and ``doc_start`` the offset of each text in it; ``codes`` may
    give the code points of ``joined + "\\x00"`` (uint32) when the caller has them. The
    boundaries are those of :func:`paragraph_spans` and :func:`sentence_spans`, computed
    for a whole batch at once (``_SENT_END``'s matches found with numpy on the code
    points instead of one match object per sentence), as sorted int64 arrays of offsets
    into ``joined``: ``searchsorted`` then gives the paragraph and sentence of any offset
    (``toolkit.actors`` uses it for every mention).

    Examples
    --------
    >>> texts = ["One. Two.\\nThree.", "Mr. X came. Go!"]
    >>> p, s = span_starts(texts, "\\x00".join(texts), np.array([0, 17]))
    >>> p.tolist(), s.tolist()
    ([0, 10, 17], [0, 5, 10, 17, 29])
    """
    if codes is None:
        codes = np.frombuffer((joined + "\x00").encode("utf-32-le"), dtype=np.uint32)
    run_start, match_end, next_start, lone_dot = _sentence_end_candidates(codes)
    # a lone period closes a sentence unless it closes an abbreviation: one findall over
    # the 20 characters before every such period finds the words _is_abbreviation reads
    dots = np.flatnonzero(lone_dot).tolist()
    at = run_start[dots].tolist()
    lo = np.maximum(run_start[dots] - 20, 0).tolist()
    keep = np.ones(len(run_start), dtype=bool)
    if "\x01" in joined:   # the separator below must not occur in the text
        abbreviation = [_is_abbreviation(joined, a) for a in at]
    else:
        windows = "\x01".join(map(joined.__getitem__, map(slice, lo, at)))
        runs = _RUNS_BEFORE.findall("\x01" + windows[::-1]) if dots else []
        verdicts = _RUN_VERDICTS
        if len(verdicts) > 1 << 16:   # bounded: the runs of a corpus repeat a lot
            verdicts.clear()
        for run in set(runs).difference(verdicts):
            verdicts[run] = _abbreviation_word(run[::-1].lstrip(".-"))
        abbreviation = list(map(verdicts.__getitem__, reversed(runs)))
    keep[np.array(dots, dtype=np.int64)] = ~np.array(abbreviation, dtype=bool)
    next_start = next_start[keep]
    match_end = match_end[keep]
    p_starts, p_ends = [], []
    for text, offset in zip(texts, np.asarray(doc_start).tolist()):
        for s, e in paragraph_spans(text):
            p_starts.append(s + offset)
            p_ends.append(e + offset)
    p_start = np.array(p_starts, dtype=np.int64)
    p_end = np.array(p_ends, dtype=np.int64)
    # a sentence starts after an accepted end only if that is still inside the paragraph
    k = np.searchsorted(p_start, match_end - 1, side="right") - 1
    inside = (k >= 0) & (next_start < p_end[np.maximum(k, 0)])
    # disjoint (a sentence start after an end lies inside its paragraph) and each sorted
    s_start = np.sort(np.concatenate([p_start, next_start[inside]]), kind="stable")
    return p_start, s_start


# A memo of four constant lookup tables (64 KiB each), built on first use and keyed on
# their names ("space", "close", "open", "capital"): bounded, and holds no data of a caller.
_TABLES: dict[str, Any] = {}


def _code_table(name: str) -> Any:
    """A bool lookup table over the Basic Multilingual Plane: white space, or a set."""
    if name not in _TABLES:
        if name == "space":
            table = np.fromiter((chr(i).isspace() for i in range(0x10000)), dtype=bool,
                                count=0x10000)
        else:
            # the character classes of _SENT_END
            chars = {"close": "\"'”’)]", "open": "\"'“‘([",
                     "capital": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}[name]
            table = np.zeros(0x10000, dtype=bool)
            table[[ord(c) for c in chars]] = True
        _TABLES[name] = table
    return _TABLES[name]


def _sentence_end_candidates(codes: Any) -> tuple:
    """Find what ``_SENT_END.finditer`` matches, from code points (last one must be 0).

    Returns, per match: where its ``[.!?]+`` run starts, where the match ends (after the
    closers), where the next sentence starts (after the white space), and whether the run
    is a lone period. ``_SENT_END`` cannot backtrack into a success: closers and periods
    are not white space, so a match exists iff the run, then its closers, are followed by
    white space and then an optional opener and a capital or digit.
    """
    bmp = np.minimum(codes, 0xFFFF)
    term = np.flatnonzero((codes == 46) | (codes == 33) | (codes == 63))   # . ! ?
    if len(term) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0, dtype=bool)
    cut = np.flatnonzero(np.diff(term) != 1)
    run_start = term[np.concatenate([[0], cut + 1])]
    end = term[np.concatenate([cut, [len(term) - 1]])] + 1
    lone_dot = (end - run_start == 1) & (codes[run_start] == 46)
    close, space = _code_table("close"), _code_table("space")
    last = len(codes) - 1
    active = np.flatnonzero(close[bmp[end]])
    while len(active):
        end[active] += 1
        active = active[close[bmp[np.minimum(end[active], last)]]]
    np.minimum(end, last, out=end)
    ok = space[bmp[end]]
    nxt = end + 1
    active = np.flatnonzero(ok & space[bmp[np.minimum(nxt, last)]])
    while len(active):
        nxt[active] += 1
        active = active[space[bmp[np.minimum(nxt[active], last)]]]
    np.minimum(nxt, last, out=nxt)
    first = bmp[nxt]
    second = bmp[np.minimum(nxt + 1, last)]
    capital = _code_table("capital")
    ok &= capital[first] | (_code_table("open")[first] & capital[second])
    return (run_start[ok].astype(np.int64), end[ok].astype(np.int64),
            nxt[ok].astype(np.int64), lone_dot[ok])
