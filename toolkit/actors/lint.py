"""Warn about risky names in an actor dictionary: common words, very short words, collisions.

A dictionary name matches wherever its words occur, so a careless entry costs more than it
seems: an alias ``will`` or ``The`` fires in every paragraph, and an alias ``us`` given to
a new actor takes the real "US" mentions from the United States (its capitals are one of
the case forms the matcher enters). :func:`lint_names` runs on every
:func:`toolkit.actors.load_dictionary` and warns (:class:`DictionaryWarning`, with the
file and line of the name) about

* a name that is a common English word (the ``english`` stop-word list of
  :func:`toolkit.text.load_stopwords`) in a form prose uses: as written when lower case,
  or capitalised (sentence starts); all-capital acronyms ("US", "WHO") are exempt, since
  the matcher reads them only as capitals and not in shouted lines;
* a lower-case name (or a case-insensitive one) shorter than 3 characters;
* a name that, in one of the case forms it is matched in, is also a name of another actor
  (surnames are exempt: persons share them on purpose and context decides).

``allow_common: true`` on an actor block (or a list of its names, or on one
``{name: ..., allow_common: true}`` entry) silences these warnings for what it covers.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable

import pandas as pd

from toolkit.actors.yamlio import where
from toolkit.text import load_stopwords

__all__ = ["CASE_VARIANTS_MIN_LETTERS", "DictionaryWarning", "lint_names", "name_forms"]

#: Case-sensitive names with at least this many letters are also matched in capitals.
CASE_VARIANTS_MIN_LETTERS = 4
_SMALL_WORDS = frozenset([
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "de", "du",
    "des", "la", "le", "al", "el",
])


class DictionaryWarning(UserWarning):
    """A risky name in an actor dictionary; the message names the file, line and name."""


DictionaryWarning.__module__ = "toolkit.actors"  # its public home


def name_forms(pattern: str, case_sensitive: bool) -> list[str]:
    """Return the case forms a dictionary name is matched in (the matcher enters these).

    A case-insensitive name is entered as written, lower, UPPER, Title, Capitalised and in
    headline case (small words kept low); a case-sensitive one as written, plus UPPER when
    it has at least :data:`CASE_VARIANTS_MIN_LETTERS` letters and is not all capitals.

    Examples
    --------
    >>> name_forms("Russia", True), name_forms("US", True)
    (['Russia', 'RUSSIA'], ['US'])
    >>> name_forms("the kremlin", False)
    ['the kremlin', 'THE KREMLIN', 'The Kremlin', 'The kremlin', 'the Kremlin']
    """
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
        if letters >= CASE_VARIANTS_MIN_LETTERS and pattern != pattern.upper():
            forms.append(pattern.upper())
    return list(dict.fromkeys(f for f in forms if f))


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return load_stopwords("english")


def _risk(pattern: str, case_sensitive: bool) -> str | None:
    """Why a name is risky on its own (common word, too short), or None."""
    low = pattern.lower()
    prose_form = not case_sensitive or pattern == low or pattern == pattern[:1].upper() + low[1:]
    if prose_form and low in _common_words() and not (case_sensitive and pattern.isupper()):
        how = "as written" if case_sensitive and pattern == low else "capitalised or as written"
        return f"is a common English word ({how}, it matches ordinary prose)"
    if (not case_sensitive or pattern == low) and len(pattern) < 3:
        return "is shorter than 3 characters in lower case (it matches inside ordinary prose)"
    return None


def _overlap(a: tuple, b: tuple) -> bool:
    """Do the dated ranges (from, to) of two names overlap (NaT: unbounded)?"""
    a0, a1 = a
    b0, b1 = b
    lo = max(x for x in (a0, b0, pd.Timestamp.min) if not pd.isna(x))
    hi = min(x for x in (a1, b1, pd.Timestamp.max) if not pd.isna(x))
    return lo <= hi


def lint_names(names: Iterable[dict], needs_title: dict[str, bool] | None = None) -> list[str]:
    """Warn about risky names; return the messages (also issued as :class:`DictionaryWarning`).

    ``names`` are name records (keys ``pattern, actor, rule, case_sensitive, from, to,
    file, line, allow_common``) as :func:`toolkit.actors.parse.read_files` makes them;
    ``needs_title`` maps a person id to its ``surname_needs_title``.

    Examples
    --------
    >>> rec = dict(rule="alias", case_sensitive=True, file="mine.yaml", line=3,
    ...            allow_common=False, **{"from": pd.NaT, "to": pd.NaT})
    >>> with warnings.catch_warnings(record=True):
    ...     msgs = lint_names([dict(rec, pattern="will", actor="x"),
    ...                        dict(rec, pattern="Wills", actor="x")])
    >>> msgs
    ["mine.yaml, line 3: actor 'x': alias 'will' is a common English word (as written, it matches ordinary prose); drop it, or set allow_common: true if you mean it"]
    """
    needs_title = needs_title or {}
    messages: list[str] = []
    owners: dict[str, list[dict]] = {}
    for rec in names:
        if rec.get("allow_common"):
            continue
        pattern, case = rec["pattern"], bool(rec["case_sensitive"])
        at = f"{where(rec['file'], rec['line'])}: actor {rec['actor']!r}"
        if rec["rule"] == "surname":
            low = pattern.lower()
            if low in _common_words() and not needs_title.get(rec["actor"], False):
                messages.append(f"{at}: surname {pattern!r} is a common English word; set "
                                "surname_needs_title: true so that only 'Mr "
                                f"{pattern}' or a title before it resolves")
            continue
        why = _risk(pattern, case)
        if why:
            messages.append(f"{at}: {rec['rule']} {pattern!r} {why}; drop it, or set "
                            "allow_common: true if you mean it")
        for form in name_forms(pattern, case):
            owners.setdefault(form, []).append(rec)
    reported: set[tuple[str, str, str]] = set()
    for form, recs in owners.items():
        for i, a in enumerate(recs):
            for b in recs[i + 1:]:
                key = (form.lower(), *sorted((a["actor"], b["actor"])))
                if a["actor"] == b["actor"] or key in reported \
                        or not _overlap((a["from"], a["to"]), (b["from"], b["to"])):
                    continue
                reported.add(key)
                messages.append(
                    f"{where(b['file'], b['line'])}: actor {b['actor']!r}: {b['rule']} "
                    f"{b['pattern']!r} collides with {a['rule']} {a['pattern']!r} of actor "
                    f"{a['actor']!r} ({where(a['file'], a['line'])}) in the form {form!r}: "
                    "neither resolves there; drop one, or set allow_common: true")
    for message in messages:
        warnings.warn(message, DictionaryWarning, stacklevel=4)
    return messages
