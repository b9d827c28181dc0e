"""Compile an actor dictionary into one Aho-Corasick automaton and the tables that resolve its hits.

The design, for speed on 200 million characters:

* one case-sensitive automaton over the texts of a batch joined by ``\\x00`` (a
  non-word character no name contains); case-insensitive names are entered in the
  casings text really uses (as written, lower, UPPER, Title, Capitalised, headline case
  with small words low), so a second pass over ``text.lower()`` is never needed;
* word boundaries, overlaps (longest-leftmost wins) and plain names are handled on
  numpy arrays of hits (:mod:`toolkit.actors.scan`); only the few hits that need context
  (titles, surnames, dated or ambiguous names, short acronyms that are also English
  words) go through Python (:mod:`toolkit.actors.resolve`), and the context rules
  (:mod:`toolkit.actors.context`) look only at the hits their flags here select;
* the context word lists enter the automaton too: qualified names ("Congo DR") as names,
  compounds ("French fries") as blocked phrases, first names ("Michael") as hits that name
  nobody but tell the rule "<first name> <state>" that a person is meant.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick
import numpy as np
import pandas as pd

from toolkit.actors.dictionary import ActorDictionary
from toolkit.actors.lint import name_forms
from toolkit.actors.wordlists import word_lists

__all__ = ["BLOCK", "GIVEN", "HONORIFICS", "KEPT_RULES", "NAME", "NEVER_END", "NEVER_START", "NOT_ACTORS",
           "REJECTED_RULES", "RULES", "RULE_INDEX", "SURNAME", "TITLE", "Matcher",
           "compile_dictionary", "word_chars"]

#: Rules of the mentions :func:`toolkit.actors.find_mentions` returns ("..._unclear": the
#: context neither confirms nor rules out another reading; the state is kept).
KEPT_RULES = ("alias", "alias_nocase", "demonym", "metonym", "historical", "surname", "title",
              "title+name", "title+surname", "office", "qualified", "venue", "alias_unclear",
              "demonym_unclear", "metonym_unclear")
#: Rules of the readings a context rule rejected (rows only with ``keep_rejected=True``).
REJECTED_RULES = ("first_name", "city_region", "us_state", "compound", "currency", "shouted",
                  "part_of_name", "ner")
#: Values of the ``rule`` column of the Mentions table.
RULES = KEPT_RULES + REJECTED_RULES
#: Rule -> its index in :data:`RULES`.
RULE_INDEX = {r: i for i, r in enumerate(RULES)}
# What a pattern entry is: a name, a surname, a title, or a blocked phrase (no actor).
#: A pattern entry that is an actor's name.
NAME = 0
#: A pattern entry that is a person's surname.
SURNAME = 1
#: A pattern entry that is an office's title.
TITLE = 2
#: A pattern entry that names no actor (a currency, a region, a compound).
BLOCK = 3
#: A pattern entry that is a first name (names no actor; tells the context rules a person
#: is meant when a state's name follows).
GIVEN = 4
#: The ns dates of an unbounded start and end (an undated document is ``NEVER_START``).
NEVER_START = np.iinfo(np.int64).min
NEVER_END = np.iinfo(np.int64).max

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
_STATE_KINDS = ("state", "other")


@functools.lru_cache(maxsize=1)
def word_chars() -> np.ndarray:
    """Return a bool table over the code points below 0x10000: is it a word character?

    Built on first use and kept (an :func:`functools.lru_cache` with one entry: the table
    depends on nothing). Surrogates are no word characters; look code points above
    0xFFFF up as 0xFFFF.

    Examples
    --------
    >>> table = word_chars()
    >>> bool(table[ord("a")]), bool(table[ord("-")]), bool(table[ord("é")])
    (True, False, True)
    """
    table = np.fromiter((chr(i).isalnum() for i in range(0x10000)), dtype=bool, count=0x10000)
    table[0xD800:0xE000] = False
    return table


@dataclass
class Matcher:
    """The compiled form of an :class:`ActorDictionary` (built once, kept on it)."""

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
    # blocked phrases: the actor the shorter name would have given, and the rejecting rule
    block_actor: np.ndarray
    block_rule: np.ndarray
    # pattern flags that select the hits each context rule looks at
    given_only: np.ndarray    # a first name and nothing else
    given: np.ndarray         # a state's or territory's name that is also a first name
    state_like: np.ndarray    # a name of a state or territory (or of its capital)
    us_state: np.ndarray      # also the name of a US state ("Georgia", "Washington")
    metonym: np.ndarray       # a capital or seat of government
    title_of: np.ndarray      # a title ending "of <state name>"
    article: np.ndarray       # a name that begins with "The"/"the" ("The Netherlands")
    soviet: np.ndarray        # "Soviet", which may be part of a republic's name
    # the sovereign of each actor's country: an actor index (-1: none), and dated periods
    sov_static: np.ndarray
    sov_periods: dict[int, list[tuple[int, int, int]]]


def _ns(value: pd.Timestamp, default: int) -> int:
    return default if pd.isna(value) else int(pd.Timestamp(value).value)


def compile_dictionary(dictionary: ActorDictionary) -> Matcher:
    """Build the automaton and lookup tables of ``dictionary``.

    Built once per dictionary object and kept on it (``dictionary._cache``), so a
    dictionary used many times is compiled once; it goes when the dictionary goes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.actors.dictionary import load_dictionary
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: RUS, name: Russia, kind: state}\\n")
    >>> m = compile_dictionary(load_dictionary(f, replace=True))
    >>> m.patterns[:2], m.actor_ids.tolist()
    (['Russia', 'RUSSIA'], ['RUS'])
    """
    cached = dictionary._cache.get("matcher")
    if cached is not None:
        return cached
    actors = dictionary.actors.reset_index(drop=True)
    index = {a: i for i, a in enumerate(actors["id"])}
    roles = dictionary.roles.reset_index(drop=True)
    table: dict[str, list[tuple]] = {}
    state_names, whole_names = _add_names(table, dictionary.aliases, index)
    _add_titles(table, roles, state_names, whole_names)
    _add_blocks(table, actors, index, state_names)
    _add_context_lists(table, index)

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
        if len(es) == 1 and es[0][0] == NAME and es[0][3] == NEVER_START \
                and es[0][4] == NEVER_END:
            simple_actor[i], simple_rule[i] = es[0][1], es[0][2]
        caps_word[i] = p.isupper() and p.lower() in _CAPS_WORDS
    word = word_chars()
    first = np.array([ord(p[0]) for p in patterns], dtype=np.int64)
    last = np.array([ord(p[-1]) for p in patterns], dtype=np.int64)
    role_terms, person_terms = _terms(dictionary.holders, roles, index)
    words = sorted(set(HONORIFICS) | {o for o in roles["office"] if o}, key=len, reverse=True)
    honorific = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words)
                           + r")\.?\s{1,2}$")
    flags = _flags(patterns, entries, actors)
    matcher = Matcher(
        **flags, **_sovereigns(dictionary, actors, index),
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


def _add(table: dict[str, list[tuple]], pattern: str, entry: tuple) -> None:
    lst = table.setdefault(pattern, [])
    if entry not in lst:
        lst.append(entry)


def _add_names(table: dict, aliases: pd.DataFrame, index: dict[str, int]) -> tuple[dict, dict]:
    """Enter every name in its case forms; return each actor's undated names and demonyms,
    and its undated whole names (no demonyms: "of the Chinese" is no state)."""
    rows = list(zip(aliases["pattern"], aliases["actor"], aliases["rule"],
                    aliases["case_sensitive"], aliases["from"], aliases["to"]))
    for pattern, who, rule, case, since, until in rows:
        kind = SURNAME if rule == "surname" else NAME
        entry = (kind, index[who], RULE_INDEX[rule], _ns(since, NEVER_START),
                 _ns(until, NEVER_END))
        for form in name_forms(pattern, bool(case)):
            _add(table, form, entry)
    state_names: dict[str, list[str]] = {}
    whole_names: dict[str, list[str]] = {}
    for pattern, who, rule, case, since, until in rows:
        if rule in ("alias", "demonym") and pd.isna(since) and pd.isna(until):
            state_names.setdefault(who, []).append(pattern)
            if rule == "alias":
                whole_names.setdefault(who, []).append(pattern)
    return state_names, whole_names


def _add_titles(table: dict, roles: pd.DataFrame, state_names: dict[str, list],
                whole_names: dict[str, list]) -> None:
    """Enter the titles, "<state name|demonym> <office>" and "<office> of [the] <state name>".

    "of" binds a whole state name only: "foreign minister of Chinese Taipei" is no title of
    China's (demonyms give no "of" form, and :mod:`toolkit.actors.context` drops an "of"
    title that a longer name crosses).
    """
    for r, role in roles.iterrows():
        entry = (TITLE, r, RULE_INDEX["title"], NEVER_START, NEVER_END)
        for title in role["titles"]:
            _add(table, title, entry)
        office = role["office"]
        if office and role["country"]:
            offices = list(dict.fromkeys([office, office.lower()]))
            whole = set(whole_names.get(role["country"], []))
            for name in state_names.get(role["country"], []):
                for o in offices:
                    forms = [f"{name} {o}", f"{name}'s {o}", f"{name}’s {o}"]
                    if name in whole:
                        forms += [f"{o} of {name}", f"{o} of the {name}"]
                    for form in forms:
                        _add(table, form, entry)


def _add_blocks(table: dict, actors: pd.DataFrame, index: dict[str, int],
                state_names: dict[str, list]) -> None:
    """Enter the phrases that name no actor; a full name wins over the same surname."""
    # currencies are no actor mentions: "US dollars", "US$", "$US", "Canadian dollar";
    # being longer, these patterns win over the state name and then resolve to nothing
    for who, names in state_names.items():
        if who in index and actors.at[index[who], "kind"] == "state":
            block = (BLOCK, index[who], RULE_INDEX["currency"], NEVER_START, NEVER_END)
            for name in names:
                for form in (f"{name} dollar", f"{name} dollars", f"{name}$", f"${name}"):
                    if form not in table:
                        table[form] = [block]
    for form in NOT_ACTORS:
        table.setdefault(form, [(BLOCK, -1, 0, NEVER_START, NEVER_END)])
    # a full name that is also a surname ("Boutros-Ghali") is a name
    for pattern, entries in table.items():
        names = {e[1] for e in entries if e[0] == NAME}
        if names:
            table[pattern] = [e for e in entries if not (e[0] == SURNAME and e[1] in names)]


def _add_context_lists(table: dict, index: dict[str, int]) -> None:
    """Enter qualified names, compounds (blocked) and first names (:mod:`toolkit.actors.wordlists`)."""
    lists = word_lists()
    for form, who in lists.qualified:
        if who in index and not any(e[0] == NAME and e[1] == index[who]
                                    for e in table.get(form, [])):
            for f in name_forms(form, True):
                _add(table, f, (NAME, index[who], RULE_INDEX["qualified"], NEVER_START,
                                NEVER_END))
    for phrase in lists.compounds:
        words = phrase.split(" ")
        # the actor the phrase would otherwise give: its longest leading or trailing name
        parts = [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)] \
            + [" ".join(words[k:]) for k in range(1, len(words))]
        would = next((e[1] for p in parts for e in table.get(p, []) if e[0] == NAME), -1)
        for form in dict.fromkeys([phrase, phrase[:1].upper() + phrase[1:], phrase.upper()]):
            if not any(e[0] in (NAME, TITLE) for e in table.get(form, [])):
                table[form] = [(BLOCK, would, RULE_INDEX["compound"], NEVER_START, NEVER_END)]
    given = (GIVEN, -1, 0, NEVER_START, NEVER_END)
    for name in lists.first_names:
        if name not in table:
            table[name] = [given]


def _flags(patterns: list[str], entries: list[list[tuple]], actors: pd.DataFrame) -> dict:
    """The pattern flags that select the hits of each context rule, and the blocked phrases."""
    kinds = actors["kind"].to_numpy(dtype=object)
    countries = actors["country"].to_numpy(dtype=object)
    lists = word_lists()
    regions = set(lists.regions)
    n = len(patterns)
    out = {k: np.zeros(n, dtype=bool) for k in ("given_only", "given", "state_like",
                                                "us_state", "metonym", "title_of", "soviet",
                                                "article")}
    block_actor = np.full(n, -1, dtype=np.int64)
    block_rule = np.zeros(n, dtype=np.int64)
    for i, (p, es) in enumerate(zip(patterns, entries)):
        types = {e[0] for e in es}
        names = [e for e in es if e[0] == NAME]
        statey = any(kinds[e[1]] in _STATE_KINDS and countries[e[1]] for e in names)
        out["given_only"][i] = types == {GIVEN}
        out["state_like"][i] = statey
        out["given"][i] = statey and p in lists.first_names
        out["us_state"][i] = statey and p in regions
        out["metonym"][i] = any(e[2] == RULE_INDEX["metonym"] for e in names)
        out["title_of"][i] = TITLE in types and " of " in p
        out["soviet"][i] = p in ("Soviet", "SOVIET")
        out["article"][i] = bool(names) and p[:4] in ("The ", "the ", "THE ")
        if types == {BLOCK}:
            block_actor[i], block_rule[i] = es[0][1], es[0][2]
    return {**out, "block_actor": block_actor, "block_rule": block_rule}


def _sovereigns(dictionary: ActorDictionary, actors: pd.DataFrame, index: dict[str, int]) -> dict:
    """Per actor: the sovereign of its country (static index), or its dated periods."""
    static = np.array([index.get(s, -1) if s else -1 for s in actors["sovereign"]],
                      dtype=np.int64)
    dated: dict[str, list[tuple[int, int, int]]] = {}
    for who, sid, since, until in dictionary.sovereigns.itertuples(index=False):
        dated.setdefault(who, []).append((index.get(sid, -1), _ns(since, NEVER_START),
                                          _ns(until, NEVER_END)))
    periods: dict[int, list[tuple[int, int, int]]] = {}
    for i, (aid, country) in enumerate(zip(actors["id"], actors["country"])):
        own = dated.get(aid) or (dated.get(country) if country != aid else None)
        if own and (len(own) > 1 or own[0][1] != NEVER_START or own[0][2] != NEVER_END):
            periods[i] = own
    return {"sov_static": static, "sov_periods": periods}


def _terms(holders: pd.DataFrame, roles: pd.DataFrame, index: dict[str, int]) -> tuple:
    """Terms of office as ns arrays: per role (from, to, actor), by start date (ties in
    the order of the files; undated starts last); all (actor, from, to)."""
    start = np.array([_ns(v, NEVER_START) for v in holders["from"]], dtype=np.int64)
    end = np.array([_ns(v, NEVER_END) for v in holders["to"]], dtype=np.int64)
    who = np.array([index[a] for a in holders["actor"]], dtype=np.int64)
    undated = holders["from"].isna().to_numpy()
    of_role = holders.groupby("role", sort=False).indices  # positions, in file order
    none = np.array([], dtype=np.int64)
    role_terms = []
    for rid in roles["role"]:
        at = of_role.get(rid, none)
        at = at[np.lexsort((start[at], undated[at]))]  # stable: ties keep the file order
        role_terms.append((start[at], end[at], who[at]))
    return role_terms, (who, start, end)
