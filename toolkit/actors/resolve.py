"""Resolve the hits that need context: dated and ambiguous names, titles and surnames.

:func:`resolve` works in text order over the hits of a batch that
:func:`toolkit.actors.scan.scan` could not resolve from the pattern alone; the rules are
those of :func:`toolkit.actors.find_mentions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from toolkit.actors.matcher import (
    BLOCK,
    GIVEN,
    NAME,
    NEVER_START,
    RULE_INDEX,
    SURNAME,
    TITLE,
    Matcher,
)

__all__ = ["resolve"]

#: Words that make a title name someone else than its holder ("former Secretary-General").
_NOT_HOLDER = frozenset({"Deputy", "Assistant", "Under", "Vice", "former", "Former", "late",
                         "ex", "Ex", "then", "future", "next", "first", "First", "previous",
                         "Acting", "acting", "Executive", "Special", "deputy", "assistant"})


@dataclass
class _Hits:
    """The hits of a batch, changed in place: ``actor``, ``rule`` and ``start`` get resolved."""

    joined: str
    doc: np.ndarray
    start: np.ndarray
    stop: np.ndarray
    pid: np.ndarray
    actor: np.ndarray
    rule: np.ndarray
    done: np.ndarray   # resolved already (a name joined to the title before it)
    named: dict[int, list[tuple[int, int]]]   # per document: (start, actor) of persons named


def resolve(m: Matcher, joined: str, dates: np.ndarray, doc: np.ndarray, start: np.ndarray,
            stop: np.ndarray, pid: np.ndarray, actor: np.ndarray, rule: np.ndarray) -> None:
    """Resolve, in place and in text order, the hits with ``actor < 0``.

    ``joined`` is the batch's texts joined by ``"\\x00"``; ``dates`` the documents' dates
    (int64 ns, ``NaT`` as the minimum int64); per hit, ``doc`` its document, ``start`` and
    ``stop`` its offsets in ``joined``, ``pid`` its pattern, ``actor`` and ``rule`` the
    indices resolved so far (-1: not yet). A resolved title joins the name after it
    (``start`` moves back to the title), as does an honorific ("Mr") before a surname.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.actors.dictionary import load_dictionary
    >>> from toolkit.actors.matcher import compile_dictionary
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: kofi_annan, name: Kofi Annan, kind: person, "
    ...                  "surname: Annan}\\n")
    >>> m = compile_dictionary(load_dictionary(f, replace=True))
    >>> text = "Mr Annan spoke."
    >>> start, stop = np.array([3]), np.array([8])
    >>> actor, rule = np.array([-1]), np.array([0])
    >>> pid = np.array([m.patterns.index("Annan")])
    >>> resolve(m, text, np.array([NEVER_START]), np.array([0]), start, stop, pid, actor, rule)
    >>> int(start[0]), m.actor_ids[actor[0]]
    (0, 'kofi_annan')
    """
    hard = np.flatnonzero(actor < 0)
    if len(hard) == 0:
        return
    # persons named in full, per document: the first surname rule looks them up
    named: dict[int, list[tuple[int, int]]] = {}
    for i in np.flatnonzero((actor >= 0) & m.is_person[np.maximum(actor, 0)]).tolist():
        named.setdefault(int(doc[i]), []).append((int(start[i]), int(actor[i])))
    h = _Hits(joined, doc, start, stop, pid, actor, rule, np.zeros(len(pid), dtype=bool), named)
    for i in hard.tolist():
        if h.done[i]:
            continue
        h.done[i] = True
        date = int(dates[int(doc[i])])
        entries = m.entries[pid[i]]
        kinds = {e[0] for e in entries}
        if BLOCK in kinds or kinds == {GIVEN}:
            continue
        if NAME in kinds:
            _resolve_name(m, h, i, date, entries, any_date=len(entries) == 1)
        elif TITLE in kinds:
            _resolve_title(m, h, i, date, entries)
        else:
            _resolve_surname(m, h, i, date, entries, hint=-1)


def _holder(m: Matcher, role: int, date: int) -> int:
    """The actor holding ``role`` on ``date`` (ns); -1 when none, unknown or ambiguous."""
    start, end, who = m.role_terms[role]
    on = np.flatnonzero((start <= date) & (date <= end))
    if len(on) == 1:
        return int(who[on[0]])
    if len(on) == 2 and start[on[1]] == end[on[0]]:   # hand-over day: the incoming holder
        return int(who[on[1]])
    return -1


def _in_office(m: Matcher, actor: int, date: int) -> bool:
    who, start, end = m.person_terms
    return bool(np.any((who == actor) & (start <= date) & (date <= end)))


def _gap_is_space(joined: str, a: int, b: int) -> bool:
    return 0 < b - a <= 2 and joined[a:b].isspace() and "\n" not in joined[a:b]


def _resolve_name(m: Matcher, h: _Hits, i: int, date: int, entries: list, *,
                  any_date: bool) -> None:
    """A dated or ambiguous name: the one reading valid on ``date``, if there is one.

    With ``any_date``, an undated document takes the name's only reading whatever its dates.
    """
    valid = {e[1]: e[2] for e in entries if e[0] == NAME
             and (date == NEVER_START and any_date or e[3] <= date <= e[4])}
    if len(valid) == 1:
        (h.actor[i], h.rule[i]), = valid.items()
        if m.is_person[h.actor[i]]:
            h.named.setdefault(int(h.doc[i]), []).append((int(h.start[i]), int(h.actor[i])))


def _resolve_title(m: Matcher, h: _Hits, i: int, date: int, entries: list) -> None:
    roles = [e[1] for e in entries if e[0] == TITLE]
    holders = {_holder(m, r, date) for r in roles} if date != NEVER_START else {-1}
    holder = holders.pop() if len(holders) == 1 else -1
    if _title_joins_name(m, h, i, date, holder):
        return
    joined, start, stop = h.joined, int(h.start[i]), int(h.stop[i])
    before = joined[max(0, start - 12):start]
    prev = re.search(r"([\w]+)[\s-]*$", before)
    if (prev and prev.group(1) in _NOT_HOLDER) or before.endswith("-"):
        return
    after = joined[stop:stop + 4]
    if after.startswith(" of ") and not any(m.role_country_actor[r] >= 0 for r in roles):
        return   # "Secretary-General of the OAU": another organisation's officer
    if holder >= 0:
        h.actor[i], h.rule[i] = holder, RULE_INDEX["title"]
        return
    states = {int(m.role_country_actor[r]) for r in roles}
    if len(states) == 1 and (state := states.pop()) >= 0:
        h.actor[i], h.rule[i] = state, RULE_INDEX["office"]


def _title_joins_name(m: Matcher, h: _Hits, i: int, date: int, holder: int) -> bool:
    """"<title> <Name>": the name decides, and the title joins its span. True when it did."""
    j = i + 1
    if not (j < len(h.pid) and h.doc[j] == h.doc[i]
            and _gap_is_space(h.joined, int(h.stop[i]), int(h.start[j]))):
        return False
    if h.actor[j] < 0 and not h.done[j]:
        es = m.entries[h.pid[j]]
        if all(e[0] == SURNAME for e in es):
            h.done[j] = True
            _resolve_surname(m, h, j, date, es, hint=holder, titled=True)
            if h.actor[j] >= 0:
                h.rule[j] = RULE_INDEX["title+surname"]
                h.start[j] = h.start[i]
            # the title describes the person named after it, whoever holds it now
            return True
        if any(e[0] == NAME for e in es):
            valid = {e[1]: e[2] for e in es if e[0] == NAME and e[3] <= date <= e[4]}
            if len(valid) == 1:
                h.done[j] = True
                (h.actor[j], h.rule[j]), = valid.items()
    if h.actor[j] >= 0 and m.is_person[h.actor[j]]:
        h.rule[j] = RULE_INDEX["title+name"]
        h.start[j] = h.start[i]
        return True
    return False


def _resolve_surname(m: Matcher, h: _Hits, i: int, date: int, entries: list, *,
                     hint: int, titled: bool = False) -> None:
    d = int(h.doc[i])
    candidates = [e[1] for e in entries if e[0] == SURNAME]
    prefix = None if titled else m.honorific.search(h.joined, max(0, h.start[i] - 40),
                                                    h.start[i])
    has_title = titled or prefix is not None
    if not has_title:
        candidates = [c for c in candidates if not m.needs_title[c]]
    if not candidates:
        return
    choice = -1
    if hint in candidates:
        choice = hint
    elif has_title and len(candidates) == 1:
        choice = candidates[0]   # "Mr Waldheim" in 1990: a person, the only one so named
    else:
        earlier = [a for s, a in h.named.get(d, []) if s < h.start[i] and a in candidates]
        if earlier:
            choice = earlier[-1]
        elif date != NEVER_START:
            now = [c for c in candidates if _in_office(m, c, date)]
            if len(now) == 1:
                choice = now[0]
    if choice < 0:
        return
    h.actor[i], h.rule[i] = choice, RULE_INDEX["surname"]
    if prefix is not None:
        h.start[i] = prefix.start()
    if has_title:   # "Mr Annan" names him as surely as "Kofi Annan" for a later "Annan"
        h.named.setdefault(d, []).append((int(h.start[i]), choice))
