"""Compile an actor dictionary into one Aho-Corasick automaton and resolve its hits.

Private to :mod:`toolkit.actors`. The design, for speed on 200 million characters:

* one case-sensitive automaton over the texts of a batch joined by ``\\x00`` (a
  non-word character no name contains); case-insensitive names are entered in the
  casings text really uses (as written, lower, UPPER, Title, Capitalised, headline case
  with small words low), so a second
  pass over ``text.lower()`` is never needed;
* word boundaries, overlaps (longest-leftmost wins) and plain names are handled on
  numpy arrays of hits; only the few hits that need context (titles, surnames, dated or
  ambiguous names, short acronyms that are also English words) go through Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.actors.dictionary import ActorDictionary
from toolkit._core.segment import span_starts

#: Values of the ``rule`` column of the Mentions table.
RULES = ("alias", "alias_nocase", "demonym", "metonym", "historical", "surname", "title",
         "title+name", "title+surname", "office")
_RULE = {r: i for i, r in enumerate(RULES)}
NAME, SURNAME, TITLE, BLOCK = 0, 1, 2, 3
_NEVER_START = np.iinfo(np.int64).min
_NEVER_END = np.iinfo(np.int64).max
_SEP = "\x00"

#: Short English words that are also acronyms of actors ("US", "IS", "WHO"): in text with
#: no lower-case letters around them (a shouted headline) they are read as the word.
_CAPS_WORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "go", "had",
    "has", "he", "her", "his", "i", "if", "in", "is", "it", "me", "my", "no", "not", "of",
    "on", "or", "our", "so", "the", "to", "up", "us", "we", "who", "why", "you", "all",
    "any", "may", "man", "men", "new", "now", "one", "out", "see", "two",
])
#: Phrases that contain a state's name but name no actor (continents, regions): being
#: longer, they win over "America"/"American" and resolve to nothing, unless the
#: dictionary gives them an actor of their own.
NOT_ACTORS = tuple(
    f"{prefix}{name}"
    for prefix in ("Latin ", "Latin-", "Central ", "South ", "North ", "Inter-", "inter-",
                   "Pan-", "Pan ", "Ibero-", "Meso")
    for name in ("America", "American", "Americans"))
#: Words before a surname that make it a reference to a person ("Mr Rouhani").
HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Messrs", "Mme", "M", "Sir", "Dame", "Lord",
              "Lady", "Prof", "Professor", "President", "Vice-President", "Vice President",
              "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Prince", "Princess",
              "Emperor", "Sheikh", "Emir", "Sultan", "General", "Gen", "Marshal", "Colonel",
              "Col", "Ambassador", "Minister", "Secretary", "Senator", "Sen", "Governor",
              "Chairman", "Comrade", "Pope", "Ayatollah", "Imam", "Foreign Minister",
              "Foreign Secretary", "Secretary of State", "Secretary-General", "Mayor")
#: Words that make a title name someone else than its holder ("former Secretary-General").
_NOT_HOLDER = frozenset({"Deputy", "Assistant", "Under", "Vice", "former", "Former", "late",
                         "ex", "Ex", "then", "future", "next", "first", "First", "previous",
                         "Acting", "acting", "Executive", "Special", "deputy", "assistant"})
_CASE_VARIANTS_MIN_LETTERS = 4
_SMALL_WORDS = frozenset([
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "de", "du",
    "des", "la", "le", "al", "el",
])


def _word_table() -> np.ndarray:
    table = np.fromiter((chr(i).isalnum() for i in range(0x10000)), dtype=bool, count=0x10000)
    table[0xD800:0xE000] = False
    return table


_WORDCHAR: np.ndarray | None = None


def _is_word() -> np.ndarray:
    global _WORDCHAR
    if _WORDCHAR is None:
        _WORDCHAR = _word_table()
    return _WORDCHAR


@dataclass
class Matcher:
    """The compiled form of an :class:`ActorDictionary` (built once, cached on it)."""

    automaton: object
    patterns: list[str]
    plen: np.ndarray          # pattern length
    left_word: np.ndarray     # first char is a word char: needs a boundary before
    right_word: np.ndarray    # last char is a word char: needs a boundary after
    simple_actor: np.ndarray  # actor index for plain names, -1 when resolution needs context
    simple_rule: np.ndarray
    caps_word: np.ndarray     # an acronym that is also an English word
    entries: list[list[tuple]]  # per pattern: (type, target, rule, from_ns, to_ns)
    actor_ids: np.ndarray     # object arrays indexed by actor index
    names: np.ndarray
    kinds: np.ndarray
    countries: np.ndarray
    is_person: np.ndarray
    needs_title: np.ndarray
    role_country_actor: np.ndarray  # per role: actor index of its state, -1 if none
    role_terms: list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # per role: from, to, actor
    person_terms: tuple[np.ndarray, np.ndarray, np.ndarray]     # all terms: actor, from, to
    honorific: re.Pattern


def _variants(pattern: str, case_sensitive: bool) -> list[str]:
    if not case_sensitive:
        # headline case keeps small words low: "the Kremlin", "Republic of the Congo"
        headline = " ".join(w if w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:].lower()
                            for w in pattern.lower().split(" "))
        forms = [pattern, pattern.lower(), pattern.upper(), pattern.title(),
                 pattern[:1].upper() + pattern[1:].lower(), headline,
                 headline[:1].upper() + headline[1:]]
    else:
        forms = [pattern]
        letters = sum(c.isalpha() for c in pattern)
        # shouted headlines ("RUSSIA WARNS ...") name actors too; short forms stay exact
        # because "US"/"IS"-like acronyms must not grow lower-case twins
        if letters >= _CASE_VARIANTS_MIN_LETTERS and pattern != pattern.upper():
            forms.append(pattern.upper())
    return list(dict.fromkeys(f for f in forms if f))


def _ns(value: pd.Timestamp, default: int) -> int:
    return default if pd.isna(value) else int(pd.Timestamp(value).value)


def compile_dictionary(dictionary: ActorDictionary) -> Matcher:
    """Build (once per dictionary object) the automaton and lookup tables."""
    cached = dictionary._cache.get("matcher")
    if cached is not None:
        return cached
    import ahocorasick

    actors = dictionary.actors.reset_index(drop=True)
    index = {a: i for i, a in enumerate(actors["id"])}
    roles = dictionary.roles.reset_index(drop=True)
    table: dict[str, list[tuple]] = {}

    def add(pattern: str, entry: tuple) -> None:
        lst = table.setdefault(pattern, [])
        if entry not in lst:
            lst.append(entry)

    al = dictionary.aliases
    rows = list(zip(al["pattern"], al["actor"], al["rule"], al["case_sensitive"], al["from"],
                    al["to"]))
    for pattern, who, rule, case, since, until in rows:
        kind = SURNAME if rule == "surname" else NAME
        entry = (kind, index[who], _RULE[rule], _ns(since, _NEVER_START), _ns(until, _NEVER_END))
        for form in _variants(pattern, bool(case)):
            add(form, entry)
    # "<state name|demonym> <office>" and "<office> of [the] <state name>"
    state_names: dict[str, list[str]] = {}
    for pattern, who, rule, case, since, until in rows:
        if rule in ("alias", "demonym") and pd.isna(since) and pd.isna(until):
            state_names.setdefault(who, []).append(pattern)
    for r, role in roles.iterrows():
        entry = (TITLE, r, _RULE["title"], _NEVER_START, _NEVER_END)
        for title in role["titles"]:
            add(title, entry)
        office = role["office"]
        if office and role["country"]:
            offices = list(dict.fromkeys([office, office.lower()]))
            for name in state_names.get(role["country"], []):
                for o in offices:
                    add(f"{name} {o}", entry)
                    add(f"{name}'s {o}", entry)
                    add(f"{name}’s {o}", entry)
                    add(f"{o} of {name}", entry)
                    add(f"{o} of the {name}", entry)
    # currencies are no actor mentions: "US dollars", "US$", "$US", "Canadian dollar";
    # being longer, these patterns win over the state name and then resolve to nothing
    block = (BLOCK, -1, 0, _NEVER_START, _NEVER_END)
    for who, names in state_names.items():
        if who in index and actors.at[index[who], "kind"] == "state":
            for name in names:
                for form in (f"{name} dollar", f"{name} dollars", f"{name}$", f"${name}"):
                    if form not in table:
                        table[form] = [block]
    for form in NOT_ACTORS:
        table.setdefault(form, [block])
    # a full name that is also a surname ("Boutros-Ghali") is a name
    for pattern, entries in table.items():
        names = {e[1] for e in entries if e[0] == NAME}
        if names:
            table[pattern] = [e for e in entries if not (e[0] == SURNAME and e[1] in names)]

    patterns = list(table)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, p in enumerate(patterns):
        automaton.add_word(p, i)
    automaton.make_automaton()

    n = len(patterns)
    simple_actor = np.full(n, -1, dtype=np.int64)
    simple_rule = np.zeros(n, dtype=np.int64)
    caps_word = np.zeros(n, dtype=bool)
    entries = []
    for i, p in enumerate(patterns):
        es = table[p]
        entries.append(es)
        if len(es) == 1 and es[0][0] == NAME and es[0][3] == _NEVER_START \
                and es[0][4] == _NEVER_END:
            simple_actor[i], simple_rule[i] = es[0][1], es[0][2]
        caps_word[i] = p.isupper() and p.lower() in _CAPS_WORDS
    word = _is_word()
    first = np.array([ord(p[0]) for p in patterns], dtype=np.int64)
    last = np.array([ord(p[-1]) for p in patterns], dtype=np.int64)

    holders = dictionary.holders
    role_terms = []
    for rid in roles["role"]:
        h = holders[holders["role"] == rid].sort_values("from")
        role_terms.append((
            np.array([_ns(v, _NEVER_START) for v in h["from"]], dtype=np.int64),
            np.array([_ns(v, _NEVER_END) for v in h["to"]], dtype=np.int64),
            np.array([index[a] for a in h["actor"]], dtype=np.int64)))
    person_terms = (
        np.array([index[a] for a in holders["actor"]], dtype=np.int64),
        np.array([_ns(v, _NEVER_START) for v in holders["from"]], dtype=np.int64),
        np.array([_ns(v, _NEVER_END) for v in holders["to"]], dtype=np.int64))
    words = sorted(set(HONORIFICS) | {o for o in roles["office"] if o}, key=len, reverse=True)
    honorific = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words)
                           + r")\.?\s{1,2}$")
    matcher = Matcher(
        automaton=automaton, patterns=patterns,
        plen=np.array([len(p) for p in patterns], dtype=np.int64),
        left_word=word[np.minimum(first, 0xFFFF)], right_word=word[np.minimum(last, 0xFFFF)],
        simple_actor=simple_actor, simple_rule=simple_rule, caps_word=caps_word,
        entries=entries,
        actor_ids=actors["id"].to_numpy(dtype=object), names=actors["name"].to_numpy(dtype=object),
        kinds=actors["kind"].to_numpy(dtype=object),
        countries=actors["country"].to_numpy(dtype=object),
        is_person=(actors["kind"] == "person").to_numpy(),
        needs_title=actors["surname_needs_title"].fillna(False).astype(bool).to_numpy(),
        role_country_actor=np.array([index.get(c, -1) if c else -1 for c in roles["country"]],
                                    dtype=np.int64),
        role_terms=role_terms, person_terms=person_terms, honorific=honorific)
    dictionary._cache["matcher"] = matcher
    return matcher


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


def scan(m: Matcher, texts: list[str], dates: np.ndarray) -> dict[str, np.ndarray]:
    """Find and resolve every mention in ``texts`` (dates as int64 ns, NaT as min int64).

    Returns arrays: doc (position in ``texts``), paragraph, sentence, start, end, actor
    (index into the dictionary's actors), rule (index into :data:`RULES`), pattern (the
    index of the pattern that is the surface, -1 when the surface must be sliced).
    """
    joined = _SEP.join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    doc_start = np.zeros(len(texts), dtype=np.int64)
    doc_start[1:] = np.cumsum(lengths + 1)[:-1]
    hits = np.array(list(m.automaton.iter(joined)), dtype=np.int64).reshape(-1, 2)
    stop = hits[:, 0] + 1
    pid = hits[:, 1]
    start = stop - m.plen[pid]
    # code points of the batch, with a trailing 0 that index -1 and len(joined) both read
    codes = np.frombuffer((joined + _SEP).encode("utf-32-le"), dtype=np.uint32)
    if len(pid):
        word = _is_word()
        ok = ~(m.left_word[pid] & word[np.minimum(codes[start - 1], 0xFFFF)])
        ok &= ~(m.right_word[pid] & word[np.minimum(codes[stop], 0xFFFF)])
        for i in np.flatnonzero(ok & m.caps_word[pid]).tolist():
            a, b = int(start[i]), int(stop[i])
            # up to 30 characters either side, on the hit's own line
            lo = max(joined.rfind("\n", max(0, a - 30), a) + 1,
                     joined.rfind(_SEP, max(0, a - 30), a) + 1, a - 30, 0)
            hi = joined.find("\n", b, b + 30)
            hi = b + 30 if hi < 0 else hi
            line = joined[lo:hi]
            lead = joined[lo:a].rstrip()
            # a shouted line: "US TROOPS LEAVE" names the USA, "A PROBLEM FOR US" does not
            if not any(c.islower() for c in line) and \
                    sum(c.isupper() for c in line) >= b - a + 4 and \
                    not (lead == "" and (lo == 0 or joined[lo - 1] in "\n\x00")) and \
                    not lead.endswith((":", "-", "–", "—", "|")):
                ok[i] = False
        start, stop, pid = start[ok], stop[ok], pid[ok]
        order = np.lexsort((-(stop - start), start))
        start, stop, pid = start[order], stop[order], pid[order]
        keep = _select(start, stop)
        start, stop, pid = start[keep], stop[keep], pid[keep]
    doc = np.searchsorted(doc_start, start, side="right") - 1
    actor = m.simple_actor[pid].copy()
    rule = m.simple_rule[pid].copy()
    _resolve(m, joined, texts, dates, doc, start, stop, pid, actor, rule)
    # the surface is the pattern itself unless a title or honorific joined the span
    pid = np.where(stop - start == m.plen[pid], pid, -1)
    found = actor >= 0
    doc, start, stop, actor, rule, pid = doc[found], start[found], stop[found], actor[found], \
        rule[found], pid[found]
    start -= doc_start[doc]
    stop -= doc_start[doc]
    paragraph = np.zeros(len(doc), dtype=np.int64)
    sentence = np.zeros(len(doc), dtype=np.int64)
    if len(doc):
        p_start, s_start = span_starts(texts, joined, doc_start, codes)
        at = start + doc_start[doc]
        first = doc_start[doc]
        paragraph = np.searchsorted(p_start, at, side="right") \
            - np.searchsorted(p_start, first, side="left") - 1
        sentence = np.searchsorted(s_start, at, side="right") \
            - np.searchsorted(s_start, first, side="left") - 1
        np.maximum(paragraph, 0, out=paragraph)
        np.maximum(sentence, 0, out=sentence)
    return {"doc": doc, "paragraph": paragraph, "sentence": sentence, "start": start,
            "end": stop, "actor": actor, "rule": rule, "pattern": pid}


def _gap_is_space(joined: str, a: int, b: int) -> bool:
    return 0 < b - a <= 2 and joined[a:b].isspace() and "\n" not in joined[a:b]


def _resolve(m: Matcher, joined: str, texts: list[str], dates: np.ndarray, doc: np.ndarray,
             start: np.ndarray, stop: np.ndarray, pid: np.ndarray, actor: np.ndarray,
             rule: np.ndarray) -> None:
    """Resolve, in place and in text order, the hits that need context."""
    hard = np.flatnonzero(actor < 0)
    if len(hard) == 0:
        return
    person_hits = np.flatnonzero((actor >= 0) & m.is_person[np.maximum(actor, 0)])
    # persons named in full, per document: the first surname rule looks them up
    named: dict[int, list[tuple[int, int]]] = {}
    for i in person_hits.tolist():
        named.setdefault(int(doc[i]), []).append((int(start[i]), int(actor[i])))
    done = np.zeros(len(pid), dtype=bool)
    for i in hard.tolist():
        if done[i]:
            continue
        done[i] = True
        d = int(doc[i])
        date = int(dates[d])
        entries = m.entries[pid[i]]
        kinds = {e[0] for e in entries}
        if BLOCK in kinds:
            continue
        if NAME in kinds:
            valid = {e[1]: e[2] for e in entries if e[0] == NAME
                     and (date == _NEVER_START and len(entries) == 1
                          or e[3] <= date <= e[4])}
            if len(valid) == 1:
                (actor[i], rule[i]), = valid.items()
                if m.is_person[actor[i]]:
                    named.setdefault(d, []).append((int(start[i]), int(actor[i])))
            continue
        if TITLE in kinds:
            _resolve_title(m, joined, i, d, date, entries, doc, start, stop, pid, actor, rule,
                           done, named)
            continue
        _resolve_surname(m, joined, i, d, date, entries, start, actor, rule, named, hint=-1)


def _resolve_title(m: Matcher, joined: str, i: int, d: int, date: int, entries: list,
                   doc: np.ndarray, start: np.ndarray, stop: np.ndarray, pid: np.ndarray,
                   actor: np.ndarray, rule: np.ndarray, done: np.ndarray,
                   named: dict) -> None:
    roles = [e[1] for e in entries if e[0] == TITLE]
    holders = {_holder(m, r, date) for r in roles} if date != _NEVER_START else {-1}
    holder = holders.pop() if len(holders) == 1 else -1
    j = i + 1
    # "<title> <Name>": the name decides, and the title joins its span
    if j < len(pid) and doc[j] == d and _gap_is_space(joined, int(stop[i]), int(start[j])):
        if actor[j] < 0 and not done[j]:
            es = m.entries[pid[j]]
            if all(e[0] == SURNAME for e in es):
                done[j] = True
                _resolve_surname(m, joined, j, d, date, es, start, actor, rule, named,
                                 hint=holder, titled=True)
                if actor[j] >= 0:
                    rule[j] = _RULE["title+surname"]
                    start[j] = start[i]
                # the title describes the person named after it, whoever holds it now
                return
            elif any(e[0] == NAME for e in es):
                valid = {e[1]: e[2] for e in es if e[0] == NAME and e[3] <= date <= e[4]}
                if len(valid) == 1:
                    done[j] = True
                    (actor[j], rule[j]), = valid.items()
        if actor[j] >= 0 and m.is_person[actor[j]]:
            rule[j] = _RULE["title+name"]
            start[j] = start[i]
            return
    before = joined[max(0, start[i] - 12):start[i]]
    prev = re.search(r"([\w]+)[\s-]*$", before)
    if (prev and prev.group(1) in _NOT_HOLDER) or before.endswith("-"):
        return
    after = joined[stop[i]:stop[i] + 4]
    if after.startswith(" of ") and not any(m.role_country_actor[r] >= 0 for r in roles):
        return   # "Secretary-General of the OAU": another organisation's officer
    if holder >= 0:
        actor[i], rule[i] = holder, _RULE["title"]
        return
    states = {int(m.role_country_actor[r]) for r in roles}
    if len(states) == 1 and (state := states.pop()) >= 0:
        actor[i], rule[i] = state, _RULE["office"]


def _resolve_surname(m: Matcher, joined: str, i: int, d: int, date: int, entries: list,
                     start: np.ndarray, actor: np.ndarray, rule: np.ndarray, named: dict, *,
                     hint: int, titled: bool = False) -> None:
    candidates = [e[1] for e in entries if e[0] == SURNAME]
    prefix = None if titled else m.honorific.search(joined, max(0, start[i] - 40), start[i])
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
        earlier = [a for s, a in named.get(d, []) if s < start[i] and a in candidates]
        if earlier:
            choice = earlier[-1]
        elif date != _NEVER_START:
            now = [c for c in candidates if _in_office(m, c, date)]
            if len(now) == 1:
                choice = now[0]
    if choice < 0:
        return
    actor[i], rule[i] = choice, _RULE["surname"]
    if prefix is not None:
        start[i] = prefix.start()
    if has_title:   # "Mr Annan" names him as surely as "Kofi Annan" for a later "Annan"
        named.setdefault(d, []).append((int(start[i]), choice))
