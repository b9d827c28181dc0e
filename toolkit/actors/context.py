"""Context rules: read a state's name by the words around it, and name the rule that decided.

:func:`toolkit.actors.scan.scan` calls :func:`drop_crossed_titles` before it picks the
longest-leftmost hits, and :func:`apply_rules` after the names are resolved. Each rule looks
only at the hits that the pattern flags of :class:`toolkit.actors.matcher.Matcher` select,
so the numpy pass over every hit stays the cost of the scan. A rule either keeps the state
and writes its name in ``rule``, or rejects the reading (the row is then dropped, or kept
with the rejecting rule when ``find_mentions(..., keep_rejected=True)``):

==================  =====  ================================================================
rule                kept?  when
==================  =====  ================================================================
first_name          no     a first name before the name ("Michael Jordan"), or a state's
                           name that is a first name before a surname ("Chad Smith")
alias_unclear,      yes    such a name before another capitalised word that is no surname
demonym_unclear            ("Jordan River" is blocked as a compound; "Jordan Valley" is
                           kept, marked unclear)
city_region         no     a name before ", <US state, NYC borough, province>" ("Paris,
                           Texas", "Jamaica, Queens"), unless that region is itself a state
                           name in the dictionary ("Russia, Georgia")
us_state            no     "Georgia" or "Washington" as the US state: "<unknown place>,
                           Georgia" (unless the document names Georgia otherwise: Tbilisi,
                           Georgian), "Washington state", "the state of Georgia",
                           "Georgia, USA"
part_of_name        no     "Soviet" in a republic's name ("Kazakh Soviet Socialist
                           Republic"); an "of <state>" title crossed by a longer name
                           ("foreign minister of Chinese Taipei" is no title of China's)
venue               yes    a capital as a place: object of in/at/to/within ("talks in
                           Vienna", "In Brussels, ...", "in south London"; not after "a
                           letter to"), "the capital, Kabul", "from Paris to Miami", a
                           dateline, before a place noun ("Moscow's streets", "Beijing
                           residents") or naming an event ("the Paris Agreement", "the
                           Vienna talks")
metonym             yes    a capital as its government: subject or possessive of a
                           statement, decision or action ("Moscow said", "Washington's
                           decision", "Moscow has sold", "the Pretoria regime"); not
                           after a preposition ("parts of Ramallah were ...")
metonym_unclear     yes    a capital whose context says neither
==================  =====  ================================================================

Compounds ("French fries"), currencies, qualified names ("Congo DR") and first names enter
the automaton as patterns (:mod:`toolkit.actors.matcher`); shouted acronyms
(:func:`toolkit.actors.scan.scan`) are rejected as ``shouted``.
"""

from __future__ import annotations

import re

import numpy as np

from toolkit.actors.matcher import HONORIFICS, RULE_INDEX, Matcher
from toolkit.actors.wordlists import (
    DECISION_NOUNS,
    EVENT_NOUNS,
    GOVERNMENT_NOUNS,
    LOCATIVE,
    NOT_VENUE_BEFORE_TO,
    PLACE_MODIFIERS,
    PLACE_NOUNS,
    word_lists,
)

__all__ = ["apply_rules", "drop_crossed_titles"]

_NEXT_WORD = re.compile(r"[ \t]{1,2}([A-Za-z][\w'’.-]*)")
_PREV_WORD = re.compile(r"([\w'’-]+)[ \t]+$")
_CAPITAL_OF = re.compile(r"\b(?:capital|city|town)(?:,|[ \t]+of)?[ \t]+$")
_FROM_TO = re.compile(r"[ \t]+to[ \t]+[A-Z]")
#: Prepositions: a capital after one is no subject ("parts of Ramallah were ...").
_PREPOSITIONS = frozenset("""
of for from with by on about against between among over under after before during like
""".split())
_POSSESSIVE = re.compile(r"['’]s[ \t]+([A-Za-z][\w-]*)")
_PLURAL_POSSESSIVE = re.compile(r"['’][ \t]+([A-Za-z][\w-]*)")
_SOVIET_REPUBLIC = re.compile(r"[ \t]+(?:Federative[ \t]+|Federal[ \t]+)?(?:Socialist[ \t]+)?"
                              r"Republic\b(?!s)")
_STATE_CUE = re.compile(r"[ \t]+[Ss]tate\b|,?[ \t]+\(?(?:USA|U\.S\.A?\.?|US|United States)\b")
_STATE_OF = re.compile(r"\b(?:[Ss]tate|[Ss]tates) of[ \t]+$")
_INSTITUTION_OF = re.compile(r"\b(?:University|College) of[ \t]+$")
_VISIT = re.compile(r"\b(?:visit|visits|visited|visiting|arrived in|arrive in|arriving in|"
                    r"reached|toured|landed in)[ \t]+$")
_EVENT_OF = re.compile(r"\b([A-Za-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")
_PLACE_BEFORE = re.compile(r"(?:^|[^\w])([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)?),[ \t]+$")
_DATELINE_AFTER = re.compile(r",[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d|[ \t]*\(|[ \t]+[-–—]")
#: Words after a capital that show it is no subject ("Moscow and", "Washington, which").
_NOT_VERBS = frozenset("""
and or but nor of in on at for to with by from as than the a an which who whom whose that
where when while after before during since until between against under over into about
per via plus versus vs
""".split())
_TITLE_WORDS = frozenset(w.split()[0] for w in HONORIFICS) | {"Prime", "Foreign", "Defence",
                                                              "Defense", "Crown", "Supreme"}
_CALENDAR = frozenset("""January February March April May June July August September October
November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
_REGIONS: dict[str, re.Pattern] = {}


def drop_crossed_titles(m: Matcher, start: np.ndarray, stop: np.ndarray,
                        pid: np.ndarray) -> np.ndarray:
    """Return a keep mask: an "<office> of <state>" hit crossed by a longer name is dropped.

    ``start`` must be sorted. "foreign minister of Chinese Taipei": the hit "foreign
    minister of Chinese" (had it been entered) ends inside "Chinese Taipei", so the state
    name it binds is not whole; the title's own words are then matched alone. Names that
    begin with an article are dropped the same way: "The Netherlands Antilles" is the
    Netherlands Antilles, not "The Netherlands".
    """
    keep = np.ones(len(pid), dtype=bool)
    for i in np.flatnonzero(m.title_of[pid] | m.article[pid]).tolist():
        lo = np.searchsorted(start, start[i], side="right")
        hi = np.searchsorted(start, stop[i], side="left")
        if hi > lo and int(stop[lo:hi].max()) > int(stop[i]):
            keep[i] = False
    return keep


def apply_rules(m: Matcher, joined: str, codes: np.ndarray, doc: np.ndarray, start: np.ndarray,
                stop: np.ndarray, pid: np.ndarray, actor: np.ndarray, rule: np.ndarray,
                reject: np.ndarray) -> None:
    """Apply the context rules in place to resolved hits (``actor >= 0``, ``reject == 0``).

    ``joined`` is the batch's texts joined by ``"\\x00"`` and ``codes`` its code points (one
    more, a trailing 0); per hit ``doc``, ``start``/``stop`` in ``joined``, ``pid`` its
    pattern, ``actor``/``rule`` as resolved; ``reject`` gets the index (in
    :data:`toolkit.actors.RULES`) of the rule that rejected a reading.
    """
    if len(pid) == 0:
        return
    live = (actor >= 0) & (reject == 0)
    _first_name_before(m, codes, doc, start, stop, pid, live, reject)
    live &= reject == 0
    lists = word_lists()
    for i in np.flatnonzero(live & m.given[pid]).tolist():
        _given_name(joined, start, stop, pid, actor, rule, reject, i, lists.surnames)
    live &= reject == 0
    comma = np.zeros(len(pid), dtype=bool)
    after = np.minimum(stop + 2, len(codes) - 1)
    comma[:] = (codes[np.minimum(stop, len(codes) - 1)] == 44) & (codes[after - 1] == 32)
    for i in np.flatnonzero(live & m.state_like[pid] & comma).tolist():
        _city_region(m, joined, start, stop, pid, reject, i, lists.regions)
    live &= reject == 0
    for i in np.flatnonzero(live & m.us_state[pid]).tolist():
        _us_state(m, joined, doc, start, stop, pid, actor, reject, i, lists.regions)
    for i in np.flatnonzero(live & m.state_like[pid]).tolist():
        if _INSTITUTION_OF.search(joined, max(0, int(start[i]) - 20), int(start[i])):
            reject[i] = RULE_INDEX["part_of_name"]   # "University of Georgia Press"
    live &= reject == 0
    _person_in_document(m, doc, pid, actor, reject, live)
    for i in np.flatnonzero(live & m.soviet[pid]).tolist():
        if _SOVIET_REPUBLIC.match(joined, int(stop[i])):
            reject[i] = RULE_INDEX["part_of_name"]
    live &= reject == 0
    _sovereign_qualifier(m, joined, doc, start, stop, actor, reject, live)
    live &= reject == 0
    metonym = RULE_INDEX["metonym"]
    for i in np.flatnonzero(live & (rule == metonym)).tolist():
        rule[i] = _venue_or_government(joined, int(start[i]), int(stop[i]))


def _person_in_document(m: Matcher, doc: np.ndarray, pid: np.ndarray, actor: np.ndarray,
                        reject: np.ndarray, live: np.ndarray) -> None:
    """A name read as a person's once ("Michael Jordan") is that person again in the same
    document ("Jordan scored"), unless the document names the state otherwise."""
    first = RULE_INDEX["first_name"]
    people = {(int(doc[i]), int(pid[i])) for i in np.flatnonzero(reject == first).tolist()}
    if not people:
        return
    for i in np.flatnonzero(live & m.state_like[pid]).tolist():
        if (int(doc[i]), int(pid[i])) in people:
            other = (doc == doc[i]) & (actor == actor[i]) & (pid != pid[i]) & (reject == 0)
            if not other.any():
                reject[i] = first


def _sovereign_qualifier(m: Matcher, joined: str, doc: np.ndarray, start: np.ndarray,
                         stop: np.ndarray, actor: np.ndarray, reject: np.ndarray,
                         live: np.ndarray) -> None:
    """"Guam (US)", "Martinique, France", "France: Martinique": a territory's sovereign
    written next to it is part of the territory's name, no mention of its own."""
    for i in np.flatnonzero(live & (m.sov_static[np.maximum(actor, 0)] >= 0)
                            & (m.kinds[np.maximum(actor, 0)] == "other")).tolist():
        sov = m.sov_static[actor[i]]
        for j in (i - 1, i + 1):
            if not (0 <= j < len(actor) and doc[j] == doc[i] and actor[j] == sov and live[j]):
                continue
            gap = joined[stop[i]:start[j]] if j > i else joined[stop[j]:start[i]]
            if gap.strip() in ("", ",", "(", ":", "-") and len(gap) <= 3:
                reject[j] = RULE_INDEX["part_of_name"]


def _first_name_before(m: Matcher, codes: np.ndarray, doc: np.ndarray, start: np.ndarray,
                       stop: np.ndarray, pid: np.ndarray, live: np.ndarray,
                       reject: np.ndarray) -> None:
    """"Michael Jordan": a first name, one space, a state's name -> a person."""
    cand = live[1:] & m.state_like[pid[1:]] & m.given_only[pid[:-1]] & (doc[1:] == doc[:-1]) \
        & (start[1:] == stop[:-1] + 1) & (codes[stop[:-1]] == 32)
    reject[1:][cand] = RULE_INDEX["first_name"]


def _given_name(joined: str, start: np.ndarray, stop: np.ndarray, pid: np.ndarray,
                actor: np.ndarray, rule: np.ndarray, reject: np.ndarray, i: int,
                surnames: frozenset[str]) -> None:
    """"Chad Smith" is a person; "Jordan Valley" keeps Jordan, marked unclear."""
    nxt = _NEXT_WORD.match(joined, int(stop[i]))
    if nxt is None or not nxt.group(1)[:1].isupper():
        return
    word = nxt.group(1).rstrip(".")
    j = i + 1
    if j < len(pid) and start[j] == nxt.start(1) and actor[j] >= 0:
        return   # another actor's name follows ("Israel Katz" is no hit; "India Pakistan" is)
    if word in surnames:
        reject[i] = RULE_INDEX["first_name"]
    elif word not in _TITLE_WORDS and word not in _CALENDAR and not word.isupper():
        name = {RULE_INDEX["alias"]: "alias_unclear", RULE_INDEX["historical"]: "alias_unclear",
                RULE_INDEX["demonym"]: "demonym_unclear"}.get(int(rule[i]))
        if name:
            rule[i] = RULE_INDEX[name]


def _region_pattern(regions: tuple[str, ...]) -> re.Pattern:
    key = "|".join(regions)
    if key not in _REGIONS:
        alts = "|".join(re.escape(r) for r in sorted(regions, key=len, reverse=True))
        _REGIONS[key] = re.compile(r",[ \t]+(?:" + alts + r")(?![\w-])")
    return _REGIONS[key]


def _city_region(m: Matcher, joined: str, start: np.ndarray, stop: np.ndarray, pid: np.ndarray,
                 reject: np.ndarray, i: int, regions: tuple[str, ...]) -> None:
    """"Paris, Texas", "Jamaica, Queens": a place in that region, not the state."""
    hit = _region_pattern(regions).match(joined, int(stop[i]))
    if hit is None:
        return
    j = i + 1
    region_start = hit.start() + len(hit.group()) - len(hit.group().lstrip(", \t"))
    if j < len(pid) and start[j] == region_start and m.state_like[pid[j]]:
        return   # "Russia, Georgia and Ukraine": the region is a state name here
    reject[i] = RULE_INDEX["city_region"]


def _us_state(m: Matcher, joined: str, doc: np.ndarray, start: np.ndarray, stop: np.ndarray,
              pid: np.ndarray, actor: np.ndarray, reject: np.ndarray, i: int,
              regions: tuple[str, ...]) -> None:
    """"Atlanta, Georgia", "Washington state", "Texas, Georgia and Mississippi": the US state."""
    a, b = int(start[i]), int(stop[i])
    if _STATE_CUE.match(joined, b) or _STATE_OF.search(joined, max(0, a - 20), a):
        reject[i] = RULE_INDEX["us_state"]
        return
    # the document names the country otherwise ("Georgian", "Tbilisi"): keep it (for the
    # USA's "Washington" the other reading is a US place, so no such cue counts)
    usa = m.actor_ids[actor[i]] == "USA"
    same = (doc == doc[i]) & (actor == actor[i]) & (pid != pid[i]) & (reject == 0)
    if same.any() and not usa:
        return
    place = _PLACE_BEFORE.search(joined, max(0, a - 40), a)
    if place is not None:
        k = i - 1
        if not (k >= 0 and doc[k] == doc[i] and stop[k] > place.start(1)):
            reject[i] = RULE_INDEX["us_state"]   # "Atlanta, Georgia": an unknown place before
        return   # "Tbilisi, Georgia": the place before is a name the dictionary knows
    # other US states close by, and no state of the dictionary between: "bordered by
    # Tennessee to the north, Georgia to the east", "North Carolina and Georgia"
    lo, hi = max(0, a - 150), b + 150
    lo = max(lo, joined.rfind("\x00", lo, a) + 1)
    end = joined.find("\x00", b, hi)
    window = joined[lo:a] + " " + joined[b:hi if end < 0 else end]
    if _us_neighbours(regions).search(window):
        reject[i] = RULE_INDEX["us_state"]


def _us_neighbours(regions: tuple[str, ...]) -> re.Pattern:
    """The full names of the US states (not those that are also states of the dictionary)."""
    key = "us:" + "|".join(regions)
    if key not in _REGIONS:
        names = [r for r in regions[:regions.index("District of Columbia")]
                 if len(r) > 4 and "." not in r and not r.isupper()
                 and r not in ("Georgia", "Washington")]
        _REGIONS[key] = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names))
                                   + r")(?![\w-])")
    return _REGIONS[key]


def _venue_or_government(joined: str, a: int, b: int) -> int:
    """The rule of a capital's mention: venue, metonym (the government) or metonym_unclear."""
    before = joined[max(0, a - 40):a]
    poss = _POSSESSIVE.match(joined, b) or (joined[b - 1:b] == "s"
                                            and _PLURAL_POSSESSIVE.match(joined, b))
    if poss:
        noun = poss.group(1).lower()
        if noun in PLACE_NOUNS:
            return RULE_INDEX["venue"]
        if noun in DECISION_NOUNS or not _locative(before):
            return RULE_INDEX["metonym"]
        return RULE_INDEX["venue"]
    nxt = _NEXT_WORD.match(joined, b)
    word = nxt.group(1).rstrip(".").lower() if nxt is not None else ""
    if word in GOVERNMENT_NOUNS:
        return RULE_INDEX["metonym"]   # "the Pretoria regime"
    if word in EVENT_NOUNS:
        return RULE_INDEX["venue"]     # "the Paris Agreement", "the Vienna talks"
    if _locative(before) or _CAPITAL_OF.search(before) or _VISIT.search(before):
        return RULE_INDEX["venue"]   # "talks in Vienna", "the Afghan capital, Kabul", "visited"
    event = _EVENT_OF.search(before)
    if event and event.group(1).lower() in EVENT_NOUNS:
        return RULE_INDEX["venue"]   # "the Declaration of Bogota"
    prev = _PREV_WORD.search(before)
    prev_word = prev.group(1).lower() if prev else ""
    if prev_word == "from" and _FROM_TO.match(joined, b):
        return RULE_INDEX["venue"]   # "a flight from Paris to Miami"
    line = before.replace("\x00", "\n").rpartition("\n")
    line_start = line[2].strip() == "" and (line[1] == "\n" or a < 40)
    if line_start and _DATELINE_AFTER.match(joined, b):
        return RULE_INDEX["venue"]   # a dateline: "MOSCOW, Sept 28 (Reuters) -"
    if nxt is not None and nxt.group(1)[:1].islower():
        if word in PLACE_NOUNS:
            return RULE_INDEX["venue"]
        if word not in _NOT_VERBS and prev_word not in _PREPOSITIONS:
            return RULE_INDEX["metonym"]   # "Moscow said", "Washington has decided"
    return RULE_INDEX["metonym_unclear"]


def _locative(before: str) -> bool:
    """Does ``before`` end with a locative preposition (then perhaps "the", "south", ...)?"""
    prev = _PREV_WORD.search(before)
    while prev is not None and prev.group(1).lower() in PLACE_MODIFIERS:
        prev = _PREV_WORD.search(before[:prev.start(1)])
    if prev is None or prev.group(1) not in LOCATIVE:
        return False
    if prev.group(1).lower() != "to":
        return True
    head = _PREV_WORD.search(before[:prev.start(1)])
    return head is None or head.group(1).lower() not in NOT_VENUE_BEFORE_TO
