"""Split texts into paragraphs and sentences, with no downloaded data.

Spans are ``(start, end)`` character offsets into the original text, so every later
table (tokens, mentions) can point back at the exact characters it came from.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "paragraph_spans", "sentence_spans"]

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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
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
        lines = _line_spans(text)
        body = [(s, e) for s, e in lines if text[s:e].strip()]
        open_ends = sum(not text[s:e].rstrip().endswith(_TERMINAL) for s, e in body)
        if len(body) >= 5 and open_ends > 0.5 * len(body):
            widths = sorted(len(text[s:e].rstrip()) for s, e in body)
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
            raw = lines
    spans = [_trim(text, s, e) for s, e in raw]
    return [(s, e) for s, e in spans if e > s]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or initial, not a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    if m is None:
        return False
    word = m.group(1)
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
