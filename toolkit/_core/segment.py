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

__all__ = ["ABBREVIATIONS", "CONTINUATIONS", "END_ABBREVIATIONS", "SENTENCE_STARTERS",
           "paragraph_spans", "sentence_spans", "span_starts"]

#: Words that end with a period but do not end a sentence (compared without the period,
#: case-sensitively); initials and dotted acronyms ("J.", "U.N.") are handled apart. Those
#: also in :data:`END_ABBREVIATIONS` may end one before a sentence start.
ABBREVIATIONS: frozenset[str] = frozenset("""
Adm al Amb Ambs approx Apr Art Arts Assn Aug Brig Bros ca Capt cf Ch ch Cmdr Co Col Corp Cpl
Dec Dept Doc Dr Est etc Excl Feb Fig Figs Fri Ft Gen Gens Gov Govt Hon Inc Insp Intl Jan Jr Jul
Jun Lt Ltd Maj Mar Messrs Min Mlle Mme Mmes Mon Mr Mrs Ms Mt No Nos Nov Oct Op p para paras pp
Pres Prof Ref Rep Reps Res Rev Rt Sat Sec sec Sen Sens Sep Sept Sgt Sr Sra St Sun Supt Thu
Thurs Tue Tues Univ Vol Vols vs Wed
""".split())

#: Abbreviations that often close a sentence: places ("U.S.", "D.C."), eras ("B.C."), times
#: ("3 p.m."), endings ("etc.", "Inc.", "Jr."). See :func:`sentence_spans` for when they do.
END_ABBREVIATIONS: frozenset[str] = frozenset("""
U.S U.K U.N E.U D.C B.C A.D B.C.E C.E U.S.A U.S.S.R a.m p.m A.M P.M etc Inc Ltd Co Corp Bros Jr
Sr al
""".split())

#: Capitalised words that open sentences but rarely continue a name ("Washington, D.C. He
#: then announced", "cocoa, etc. These new prices"). Compared case-sensitively.
SENTENCE_STARTERS: frozenset[str] = frozenset("""
The A An This That These Those It Its He She They We I You His Her Their Our My Your There
Here In On At By For From To With As But And Or So Yet If When While After Before Since
Although Though However Meanwhile Moreover Furthermore Nevertheless Nonetheless Therefore Thus
Hence Indeed Instead Accordingly Consequently Likewise Similarly Lastly Finally First Firstly
Second Secondly Third Thirdly Also Still Then Now Today Yesterday Tomorrow Earlier Later Last
Next Some Many Most All Both Each Every No Not Neither Nor One Two Other Another What Why How
Who Whom Whose Which Where Such Only Even Despite During Under Over About Among Against Without
Within Through According Asked Speaking Quote Let Few Several Once Because Whether Unless Until
Perhaps Never Always Often
""".split())

#: Capitalised words that continue a name after a place acronym or a time of day: "U.S.
#: Senate", "U.N. Charter", "3 p.m. GMT". Compared case-sensitively, without a possessive.
CONTINUATIONS: frozenset[str] = frozenset("""
Senate Senator Senators Congress Congressman Congresswoman House Representative
Representatives President Presidents Vice Secretary Secretaries Ambassador Ambassadors Embassy
Embassies Envoy Consul Consulate State States Department Departments Defense Defence Treasury
Army Navy Air Marine Marines Coast Guard Forces Force Military Troops Government Administration
Court Courts Supreme Federal Central National Agency Agencies Center Centers Centre Centres
Office Offices Bureau Commission Commissioner Committee Council Security General Assembly
Charter Mission Missions Special Trade Chamber Attorney Justice Labor Labour Commerce Energy
Open Dollar Dollars Census Geological Postal Border Customs Immigration Homeland Intelligence
Joint Chiefs Command Forest Food Drug Environmental Nuclear Peacekeeping Peacekeepers High
Human Rights Development Programme Program Relief Refugee Refugees Children Women Economic
Social Conference Summit Parliament Prime Minister Ministers Foreign Home Armed Olympic
Olympics Capitol Constitution Citizenship Bank Reserve Steel Airways Airlines Post Press News
Times Empire Election Elections Official Officials Citizen Citizens Mail Time Director
Directors Chief Deputy Assistant GMT UTC EST EDT CST CDT MST MDT PST PDT BST CET CEST EET AEST
AEDT IST JST ET PT
""".split())

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_TERMINAL = tuple('.!?:;"\'”’)]')
# a candidate sentence end: terminal punctuation, closers, white space and what can start
# a sentence (up to two openers: '"[The'); or a period glued to a capital ("said.Professor")
_SENT_END = re.compile(r"""([.!?]+)["'”’)\]]*(?=\s+["'“‘(\[]{0,2}[A-Z0-9])"""
                       r"""|(?<=[a-z]{2})(\.)(?=[A-Z][a-z])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
_SPACE = re.compile(r"\s*")
# the next word after a candidate end (past openers), and the one after it
_NEXT_WORDS = re.compile(r"""["'“‘(\[]{0,2}([A-Za-z][A-Za-z'’\-]*)(\.?)\s*([A-Za-z]*)""")
# a glued period ends a sentence after a whole lowercase word ("said.", not "One.Tel")
# that can end one (not the OCR slips "the.Caribbean", "in.South-East")
_LOWER_WORD_BEFORE = re.compile(r"(?<![A-Za-z])([a-z]{2,})$")
_NOT_LAST = frozenset("the an in of to for on at by with from and or".split())
# in the reversed "\x01"-joined windows before periods: the run of word characters that
# ends each window (the word _WORD_BEFORE finds, once reversed and stripped of [.-]; its
# "$" also matches before a final newline, hence the optional "\n")
_RUNS_BEFORE = re.compile(r"\x01\n?([A-Za-z.\-]*)[^\x01]*")
# a period after a word: an end, never one (titles), one before a sentence starter
# (initials), or one before a starter or a name (END_ABBREVIATIONS)
_ENDS, _NEVER, _IF_STARTER, _IF_NAME = False, True, "starter", "name"


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


def _word_before(text: str, dot: int) -> str:
    """The word (letters, periods, hyphens) that the period at ``dot`` closes; "" for none."""
    m = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    return m.group(1) if m is not None else ""


# A memo, documented as rule 6 asks: the reversed word run before a period (a str) ->
# its verdict (see _verdict). Keyed on content, never on object identity; the verdict
# depends only on the string and the constant word lists, so it can never be stale;
# bounded (span_starts clears it past 65,536 runs; a corpus repeats few runs).
_RUN_VERDICTS: dict[str, bool | str] = {}


def _verdict(word: str) -> bool | str:
    """What a period after ``word`` means: _ENDS, _NEVER, _IF_STARTER or _IF_NAME."""
    if not word:
        return _ENDS
    bare = word.rstrip(".")
    if bare in END_ABBREVIATIONS:
        return _IF_NAME
    if word in ABBREVIATIONS or bare in ABBREVIATIONS:
        return _NEVER
    parts = word.split(".")
    if all(len(p) <= 1 for p in parts) and any(parts):
        # initials, dotted acronyms ("J.", "O.R"); lowercase ones introduce: "e.g", "i.e"
        return _IF_STARTER if any(p.isupper() for p in parts) else _NEVER
    return _ENDS


def _starts_sentence(text: str, pos: int, verdict: bool | str) -> bool:
    """Whether the words at ``pos`` start a sentence after an abbreviation (see _verdict)."""
    m = _NEXT_WORDS.match(text, pos)
    if m is None:   # a digit, or no word
        return False
    word, dot, after = m.groups()
    if dot and len(word) == 1:   # another initial: "A. A. Milne"
        return False
    if word in SENTENCE_STARTERS:
        return True
    if verdict is not _IF_NAME or not word[0].isupper() or word.isupper():
        return False   # acronyms (NATO, GMT) continue: "U.S. NATO allies", "3 p.m. GMT"
    name = word.removesuffix("'s").removesuffix("’s")
    # a name followed by a lowercase word: "the U.S. Russia responded"; "Moscow time" is not
    return name not in CONTINUATIONS and not dot and after[:1].islower() and after != "time"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the sentences of ``text``.

    Rule-based and data-free: a sentence ends at ``.``, ``!`` or ``?`` (and closing quotes
    or brackets) before white space and a capital, a digit or up to two openers, or at a
    period glued between a lowercase word and a capital ("said.Professor"); paragraph
    ends (:func:`paragraph_spans`) always end one. A period after a title (``Mr.``,
    ``No.``: :data:`ABBREVIATIONS`) never does. After initials (``W.``, ``O.R.``) it does
    before a word of :data:`SENTENCE_STARTERS`; after :data:`END_ABBREVIATIONS`
    (``U.S.``, ``D.C.``, ``p.m.``, ``etc.``) also before a capitalised name followed by a
    lowercase word ("the U.S. Russia responded", "at 3 p.m. Moscow denied it") that is
    not one of :data:`CONTINUATIONS` ("the U.S. Senate voted").

    On a hand-written gold of 251 boundaries (``tests/data/sentence_gold.json``: 20 Lee
    news stories, the seed article, UN General Debate excerpts) precision is 0.996 and
    recall 0.992 (before these rules of issue 11: 1.000 and 0.849).

    Examples
    --------
    >>> t = "Mr. Obama met U.S. officials. It cost $3.5 bn. “Good,” he said. No. 10 agreed!"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Obama met U.S. officials.', 'It cost $3.5 bn.', '“Good,” he said.', 'No. 10 agreed!']
    >>> t = "Sanctions were imposed by the U.S. Russia responded. The U.S. Senate agreed."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Sanctions were imposed by the U.S.', 'Russia responded.', 'The U.S. Senate agreed.']
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        start = p_start
        for m in _SENT_END.finditer(text, p_start, p_end):
            if m.group(2) and not _glued_end(text, m.start()):
                continue
            verdict = _verdict(_word_before(text, m.start())) if (
                m.group(1) or m.group(2)) == "." else _ENDS
            if verdict is _NEVER or (verdict is not _ENDS and not _starts_sentence(
                    text, _SPACE.match(text, m.end()).end(), verdict)):
                continue
            spans.append(_trim(text, start, m.end()))
            start = m.end()
        spans.append(_trim(text, start, p_end))
    return [(s, e) for s, e in spans if e > s]


def _glued_end(text: str, dot: int) -> bool:
    """Whether a period glued to the next word ("said.Professor") ends a sentence."""
    m = _LOWER_WORD_BEFORE.search(text, max(0, dot - 40), dot)
    return m is not None and m.group(1) not in _NOT_LAST


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
    # the words before lone periods: one findall over the 20 characters before each
    dots = np.flatnonzero(lone_dot).tolist()
    at = run_start[dots].tolist()
    lo = np.maximum(run_start[dots] - 20, 0).tolist()
    keep = np.ones(len(run_start), dtype=bool)
    if "\x01" in joined:   # the separator below must not occur in the text
        verdict = [_verdict(_word_before(joined, a)) for a in at]
    else:
        windows = "\x01".join(map(joined.__getitem__, map(slice, lo, at)))
        runs = _RUNS_BEFORE.findall("\x01" + windows[::-1]) if dots else []
        verdicts = _RUN_VERDICTS
        if len(verdicts) > 1 << 16:   # bounded: the runs of a corpus repeat a lot
            verdicts.clear()
        for run in set(runs).difference(verdicts):
            verdicts[run] = _verdict(run[::-1].lstrip(".-"))
        verdict = list(map(verdicts.__getitem__, reversed(runs)))
    ends = [v is _ENDS or (v is not _NEVER and _starts_sentence(joined, int(next_start[d]), v))
            for d, v in zip(dots, verdict)]
    keep[np.array(dots, dtype=np.int64)] = np.array(ends, dtype=bool)
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
    are not white space, so a match of its first branch exists iff the run, then its
    closers, are followed by white space and then up to two openers and a capital or
    digit; its second branch is a lone period between two lowercase letters and a
    capital followed by a lowercase letter.
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
    last = len(codes) - 1
    # the second branch of _SENT_END: "ab.Cd", then the word before checked as _glued_end
    near = [(codes[np.clip(run_start + k, 0, last)]) for k in (-2, -1, 1, 2)]
    glued = (lone_dot & (run_start >= 2) & (near[0] >= 97) & (near[0] <= 122) & (near[1] >= 97)
             & (near[1] <= 122) & (near[2] >= 65) & (near[2] <= 90) & (near[3] >= 97)
             & (near[3] <= 122))
    for k in np.flatnonzero(glued).tolist():   # few
        lo, dot = max(0, int(run_start[k]) - 40), int(run_start[k])
        glued[k] = _glued_end(codes[lo:dot].astype("<u4").tobytes().decode("utf-32-le"), dot - lo)
    close, space = _code_table("close"), _code_table("space")
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
    third = bmp[np.minimum(nxt + 2, last)]
    capital, opener = _code_table("capital"), _code_table("open")
    ok &= capital[first] | (opener[first] & (capital[second]
                                             | (opener[second] & capital[third])))
    end[glued] = nxt[glued] = run_start[glued] + 1
    ok |= glued
    return (run_start[ok].astype(np.int64), end[ok].astype(np.int64),
            nxt[ok].astype(np.int64), lone_dot[ok])

