"""Stop-word lists and noun lemmas (part of :mod:`toolkit.text`).

The shipped lists live in ``toolkit/data/stopwords``; :func:`lemmatize` folds English
plurals by rule, and nltk's WordNet lemmatiser is used instead when its data is installed.
The public names are re-exported by :mod:`toolkit.text`; import them from there.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from toolkit._core import check_choice, data_path

logger = logging.getLogger("toolkit.text")

__all__ = ["STOPWORD_LISTS", "lemmatize", "load_stopwords"]

#: The stop-word lists shipped in ``toolkit/data/stopwords`` (pass their names to
#: :func:`toolkit.text.tokens`): ``"english"`` (general English), ``"diplomatic"``
#: (forms of address, Assembly procedure, courtesy formulae) and ``"news"`` (reporting
#: verbs such as "said", "told", "according", and news agencies such as Reuters, AFP).
#: Each file documents its groups. All three are the default.
STOPWORD_LISTS: tuple[str, ...] = ("english", "diplomatic", "news")
_STOPWORD_DIR = data_path("stopwords")


def load_stopwords(lists: str | Iterable[str] = STOPWORD_LISTS) -> frozenset[str]:
    """Read stop-word lists by name (see :data:`STOPWORD_LISTS`) or file path.

    Files hold one entry per line; ``#`` starts a comment; an entry with spaces is a
    phrase (its words are removed only in that order). Entries are lowercased.

    Examples
    --------
    >>> words = load_stopwords()
    >>> {"the", "excellency", "general debate", "said", "reuters"} <= words, "nations" in words
    (True, False)
    >>> load_stopwords("klingon")
    Traceback (most recent call last):
    ...
    ValueError: lists='klingon' is invalid; must be one of 'english', 'diplomatic', 'news' or a path to a word-list file
    """
    return frozenset(entry.lower() for entry in _entries(lists))


def _entries(lists: str | Iterable[str]) -> list[str]:
    """The entries of the lists as written (case kept), white space folded."""
    if isinstance(lists, (str, Path)):
        lists = [lists]
    entries: list[str] = []
    for item in lists:
        path = _STOPWORD_DIR / f"{item}.txt" if item in STOPWORD_LISTS else Path(item)
        if not path.is_file():
            names = ", ".join(repr(n) for n in STOPWORD_LISTS)
            raise ValueError(f"lists={str(item)!r} is invalid; must be one of {names} "
                             "or a path to a word-list file")
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = " ".join(line.split("#", 1)[0].split())
            if entry:
                entries.append(entry)
    return entries


def _capital_stopwords(lists: str | Iterable[str] | None) -> frozenset[str]:
    """The lowercased single-word entries written in capitals ("AFP"): stop words even in
    capitals, where other short all-caps words are acronyms that are never stop words."""
    if lists is None:
        return frozenset()
    return frozenset(e.lower() for e in _entries(lists) if " " not in e and e.isupper())

# Rule-based English noun lemmas (plural folding). WordNet, when its data is installed,
# knows every irregular noun; these rules cover the regular plurals and the irregular
# ones that matter in political text, and leave alone what looks singular.
_IRREGULAR = {
    "children": "child", "men": "man", "women": "woman", "people": "people",
    "crises": "crisis", "analyses": "analysis", "bases": "base", "theses": "thesis",
    "hypotheses": "hypothesis", "criteria": "criterion", "phenomena": "phenomenon",
    "data": "data", "media": "media", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "lives": "life", "wives": "wife", "knives": "knife", "selves": "self",
    "halves": "half", "thieves": "thief", "leaves": "leaf", "wolves": "wolf",
    "shelves": "shelf", "heroes": "hero", "vetoes": "veto", "echoes": "echo",
    "embargoes": "embargo", "potatoes": "potato", "tomatoes": "tomato",
    "torpedoes": "torpedo", "dies": "die", "ties": "tie", "lies": "lie", "pies": "pie",
    "series": "series", "species": "species", "means": "means", "news": "news",
    "headquarters": "headquarters", "arms": "arms",
    "negotiations": "negotiation", "goods": "goods", "aids": "aids", "alms": "alms",
    "premises": "premises", "thanks": "thanks", "rights": "rights", "affairs": "affairs",
    "talks": "talks", "forces": "forces", "troops": "troops", "customs": "customs",
    "relations": "relations", "politics": "politics", "sanctions": "sanctions",
    "sometimes": "sometimes",
    "whereas": "whereas", "perhaps": "perhaps", "always": "always", "towards": "towards",
    "afterwards": "afterwards", "besides": "besides", "nevertheless": "nevertheless",
}
# singular words that end like plurals: -ss, -us, -is, -ics, -ous, -ness and these
_NOT_PLURAL = frozenset("""
as gas alias bias atlas canvas christmas pancreas texas kansas arkansas honduras caracas
bahamas barbados comoros seychelles philippines netherlands maldives grenadines nevis
emirates brussels athens paris wales tunis laos lagos cyprus mauritius belarus vanuatu
kiribati tuvalu ares los angeles dallas las vegas carlos marcos jesus moses xerxes habeas
this his its yes was has does goes always perhaps thus us is afterwards
lens series species chaos ethos pathos cosmos kudos rhinoceros
""".split())


# fields of study end in -ics and are singular; other -ics words are plurals (critics)
_ICS_FIELDS = frozenset("""
economics politics geopolitics physics mathematics ethics logistics dynamics genetics
linguistics electronics athletics aeronautics informatics robotics statistics semantics
aesthetics acoustics optics demographics metaphysics gymnastics hydraulics graphics
""".split())


def lemmatize(word: str) -> str:
    """Return the singular of an English noun by rule (no downloaded data needed).

    Folds regular plurals (``nations`` -> ``nation``, ``countries`` -> ``country``,
    ``taxes`` -> ``tax``) and the irregular plurals common in political text
    (``crises`` -> ``crisis``, ``women`` -> ``woman``); leaves words that only look
    plural (``status``, ``crisis``, ``economics``, ``various``, ``bahamas``). Verbs are
    not folded: ``says`` -> ``say`` is right, but the rules cannot tell ``states`` the
    noun from the verb, which is why :func:`toolkit.text.tokens` keeps capitalised forms
    (``United States``) as they are.

    Examples
    --------
    >>> [lemmatize(w) for w in ["nations", "countries", "crises", "taxes", "status",
    ...                         "economics", "policies", "processes", "ties", "women"]]
    ['nation', 'country', 'crisis', 'tax', 'status', 'economics', 'policy', 'process', 'tie', 'woman']
    """
    w = word
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w in _NOT_PLURAL or "'" in w:
        return w
    if w.endswith(("ss", "us", "is", "ous", "ness", "sis")) or w in _ICS_FIELDS:
        return w
    if w.endswith("ies"):
        return w[:-3] + ("ie" if len(w) <= 5 else "y")
    if w.endswith(("sses", "xes", "zzes", "ches", "shes")):
        return w[:-2]
    if w.endswith("ses") and len(w) > 5 and w[-4] in "aeiou" and w[-5] not in "aeiou":
        # purposes, cases, uses, responses keep their e; buses, gases lose it
        return w[:-1]
    return w[:-1]


def _wordnet_lemmatizer() -> Callable[[str], str] | None:
    """nltk's WordNet noun lemmatiser when its data is installed, else ``None``."""
    # importing nltk takes seconds: look for the data where nltk would, first
    roots = [p for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    roots += [str(Path.home() / "nltk_data")] + [
        os.path.join(base, sub) for base in (sys.prefix, "/usr", "/usr/local")
        for sub in ("nltk_data", "share/nltk_data", "lib/nltk_data")]
    if not any(os.path.exists(os.path.join(r, "corpora", name)) for r in roots
               for name in ("wordnet", "wordnet.zip")):
        return None
    try:
        import nltk
        from nltk.stem import WordNetLemmatizer

        nltk.data.find("corpora/wordnet.zip" if not any(
            os.path.exists(os.path.join(r, "corpora", "wordnet")) for r in roots)
            else "corpora/wordnet")
        lemmatizer = WordNetLemmatizer()
        lemmatizer.lemmatize("nations")  # fails here if the data is unreadable
    except (LookupError, OSError):
        return None
    return lemmatizer.lemmatize


def _lemmatizer(kind: str) -> Callable[[str], str] | None:
    """The lemmatiser that ``tokens(lemmatize=kind)`` uses (``None`` for ``"none"``)."""
    check_choice("lemmatize", kind, ["auto", "rules", "wordnet", "none"])
    if kind == "none":
        return None
    if kind == "rules":
        return lemmatize
    wordnet = _wordnet_lemmatizer()
    if wordnet is None and kind == "wordnet":
        raise ValueError("lemmatize='wordnet' needs nltk's WordNet data, which is not "
                         "installed (nltk.download('wordnet')); use 'auto' or 'rules'")
    if wordnet is None:
        logger.debug("nltk WordNet data not installed; using rule-based lemmas")
        return lemmatize
    return wordnet
