"""The actor dictionary: load the default files, a researcher's files or both, merged.

:func:`load_dictionary` reads the files (:mod:`toolkit.actors.parse` checks every block),
merges a researcher's files over the default ones and builds an :class:`ActorDictionary`
of four tables. :func:`default_dictionary` is the default one, loaded once per content of
its files.
"""

from __future__ import annotations

import functools
import itertools
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit._core import check_type, data_path
from toolkit.cache import cached
from toolkit.actors.lint import DictionaryWarning, lint_names
from toolkit.actors.parse import Records, read_files
from toolkit.actors.yamlio import DictionaryError, where

logger = logging.getLogger("toolkit.actors")

__all__ = ["DEFAULT_DICTIONARY_DIR", "ActorDictionary", "default_dictionary", "load_dictionary"]

#: The folder of the default dictionary files (every ``*.yaml`` in it, in name order).
DEFAULT_DICTIONARY_DIR = data_path("actors")


@dataclass(frozen=True, eq=False)
class ActorDictionary:
    """A checked actor dictionary, inspectable as four tables.

    Attributes
    ----------
    actors
        One row per actor: ``id, name, kind, country, sovereign, from, to, surname,
        surname_needs_title, source, file, line``. ``sovereign`` is the state that holds
        the actor's ``country`` ("" for none; for a state, itself; a territory's
        sovereign, e.g. ``USA`` for ``VIR``; the one of today when it changed: the dated
        list is in :attr:`sovereigns`); ``from``/``to`` the dates a state or territory
        existed (``NaT``: open).
    aliases
        One row per name that resolves to an actor: ``pattern, actor, rule,
        case_sensitive, from, to`` (``rule`` is alias, alias_nocase, demonym, metonym,
        historical or surname; ``from``/``to`` are ``NaT`` when unbounded).
    roles
        One row per office: ``role, office, country, titles`` (a tuple of str), ``source``.
    holders
        One row per term of office: ``role, actor, from, to`` (``to`` is ``NaT`` while in
        office; both ends are included: on a hand-over day the incoming holder wins).
    files
        The files read, in order (defaults first).
    sovereigns
        One row per (actor, sovereign) period of the actors whose ``sovereign`` is set in
        the files: ``actor, sovereign, from, to``.
    """

    actors: pd.DataFrame
    aliases: pd.DataFrame
    roles: pd.DataFrame
    holders: pd.DataFrame
    files: tuple[str, ...] = ()
    sovereigns: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["actor", "sovereign", "from", "to"]))
    # the compiled matcher, kept on the dictionary it was built from
    # (toolkit.actors.matcher.compile_dictionary)
    _cache: dict = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        counts = self.actors["kind"].value_counts().to_dict() if len(self.actors) else {}
        kinds = ", ".join(f"{n} {k}" for k, n in counts.items())
        return (f"ActorDictionary({len(self.actors)} actors ({kinds}), {len(self.aliases)} "
                f"names, {len(self.roles)} roles, {len(self.holders)} terms)")


def _expand(path: str | Path | Sequence[str | Path]) -> list[Path]:
    items = [path] if isinstance(path, (str, Path)) else list(path)
    out: list[Path] = []
    for item in items:
        p = Path(item).expanduser()
        if p.is_dir():
            found = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
            if not found:
                raise FileNotFoundError(f"no *.yaml dictionary files in {p}")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"actor dictionary not found: {p}")
    return out


def load_dictionary(path: str | Path | Sequence[str | Path] | None = None, *,
                    replace: bool = False) -> ActorDictionary:
    """Load the actor dictionary: the default one, a researcher's files, or both merged.

    Parameters
    ----------
    path
        ``None`` for the default dictionary (every ``*.yaml`` in
        ``toolkit/data/actors/``); or a YAML file, a folder of them, or a list of these,
        in the format of ``corpus/README.md`` ("Actor dictionary").
    replace
        ``False`` (default): merge ``path`` over the default dictionary; where an actor or
        role id is in both, the researcher's block replaces the default one whole (logged).
        ``True``: use only ``path``.

    Returns
    -------
    ActorDictionary
        Tables ``actors``, ``aliases``, ``roles``, ``holders``; a new object on every call
        (:func:`default_dictionary` shares one).

    Raises
    ------
    DictionaryError
        A ``ValueError`` naming the file, line, id and bad value: unknown kind or key,
        a key repeated within one block, duplicate id within one set of files, bad date
        (or one outside 1677-09-22 to 2262-04-11), a file that is not UTF-8, a role
        holder, role country or sovereign that is not an actor of the right kind, a term
        that ends before it starts.

    Warns
    -----
    DictionaryWarning
        For each risky name, with its file and line (:mod:`toolkit.actors.lint`): a
        common English word, a lower-case name shorter than 3 characters, a name that
        collides with another actor's. ``allow_common: true`` silences it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: RUS, name: Russia, kind: state, metonyms: [Moscow]}\\n")
    >>> d = load_dictionary(f, replace=True)
    >>> d.aliases[["pattern", "actor", "rule"]].values.tolist()
    [['Russia', 'RUS', 'alias'], ['Moscow', 'RUS', 'metonym']]
    """
    check_type("replace", replace, bool, "True or False")
    if path is None:
        if not DEFAULT_DICTIONARY_DIR.is_dir() or not any(DEFAULT_DICTIONARY_DIR.glob("*.yaml")):
            raise FileNotFoundError(f"the default actor dictionary is missing: no *.yaml in "
                                    f"{DEFAULT_DICTIONARY_DIR}")
        return _build(read_files(_expand(DEFAULT_DICTIONARY_DIR)))
    user = read_files(_expand(path))
    if replace:
        return _build(user)
    base = read_files(_expand(DEFAULT_DICTIONARY_DIR)) if DEFAULT_DICTIONARY_DIR.is_dir() \
        else Records()
    return _build(_merge(base, user))


def default_dictionary() -> ActorDictionary:
    """Return the default dictionary, loaded once per content of its files.

    The loaded dictionary (and the matcher compiled on it) is kept in a one-entry cache
    keyed on the path, size and modification time of every file in
    :data:`DEFAULT_DICTIONARY_DIR` (an :func:`functools.lru_cache` of ``maxsize=1``), so
    an edited file is read again and every call with unchanged files returns the same
    object. Use :func:`load_dictionary` for a fresh object to modify.

    Examples
    --------
    >>> default_dictionary() is default_dictionary()
    True
    >>> "RUS" in set(default_dictionary().actors["id"])
    True
    """
    files = sorted(DEFAULT_DICTIONARY_DIR.glob("*.y*ml"))
    key = tuple((str(f), s.st_size, s.st_mtime_ns) for f in files for s in [f.stat()])
    return _load_default(key)


@functools.lru_cache(maxsize=1)
def _load_default(files: tuple[tuple[str, int, int], ...]) -> ActorDictionary:
    """``load_dictionary()``; ``files`` (path, size, mtime of each file) keys the cache.

    Also kept in the disk cache (:func:`toolkit.cache.cached`), keyed by the content of
    every file in the folder (the word lists of ``context/`` included): reading and
    checking the YAML takes 1.0-1.6 s, loading the stored tables 0.04-0.05 s
    (``python -m bench.overheads``), in every kernel of notebooks 03 and 04. Its warnings
    are stored with it and issued again on every load.
    """

    def compute() -> dict[str, Any]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DictionaryWarning)
            loaded = load_dictionary()
        ours = [w for w in caught if issubclass(w.category, DictionaryWarning)]
        for w in caught:  # any other warning goes on as it came, never swallowed
            if w not in ours:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return {"dictionary": loaded, "warnings": [str(w.message) for w in ours]}

    key = {"files": [(f.relative_to(DEFAULT_DICTIONARY_DIR).as_posix(), f.read_bytes())
                     for f in sorted(DEFAULT_DICTIONARY_DIR.rglob("*")) if f.is_file()]}
    found = cached("actors.default_dictionary", key, compute)
    for message in found["warnings"]:
        warnings.warn(message, DictionaryWarning, stacklevel=4)
    return found["dictionary"]


def _merge(base: Records, user: Records) -> Records:
    """``user`` over ``base``: a user's actor or role replaces the default one whole."""
    for aid, actor in user.actors.items():
        if aid in base.actors:
            logger.info("%s: actor %r replaces the default one (%s)",
                        where(actor["file"], actor["line"]), aid,
                        where(base.actors[aid]["file"], base.actors[aid]["line"]))
    for rid, role in user.roles.items():
        if rid in base.roles:
            logger.info("%s: role %r replaces the default one",
                        where(role["file"], role["line"]), rid)
    return Records(
        actors={**base.actors, **user.actors},
        names=[n for n in base.names if n["actor"] not in user.actors] + user.names,
        roles={**base.roles, **user.roles},
        terms=[t for t in base.terms if t["role"] not in user.roles] + user.terms,
        files=base.files + user.files)


def _check_links(records: Records) -> None:
    """Role countries, holders and sovereigns must be actors; overlapping terms are logged."""
    actors = records.actors
    for actor in actors.values():
        for sid, _, _ in actor["sovereign"]:
            if sid not in actors or actors[sid]["kind"] != "state":
                raise DictionaryError(f"{where(actor['file'], actor['line'])}: actor "
                                      f"{actor['id']!r}: sovereign={sid!r} is not a state in "
                                      "the dictionary")
    for role in records.roles.values():
        c = role["country"]
        if c and (c not in actors or actors[c]["kind"] != "state"):
            raise DictionaryError(f"{where(role['file'], role['line'])}: role {role['role']!r}: "
                                  f"country={c!r} is not a state in the dictionary")
    for term in records.terms:
        if term["actor"] not in actors:
            raise DictionaryError(f"{term['where']}: holder actor={term['actor']!r} is not an "
                                  "actor in the dictionary")
    # terms include both ends (the hand-over day belongs to both holders; resolution then
    # prefers the incoming one). Longer overlaps are real (co-presidencies) but make a
    # title ambiguous on those days: warn, and resolution leaves it unresolved then. A
    # role marked `collegial: true` has several holders at once by design (San Marino's
    # two Captains Regent, co-chairmen): its overlaps are expected, not warned about
    by_role: dict[str, list] = {}
    for t in records.terms:
        by_role.setdefault(t["role"], []).append(t)
    for rid, ts in by_role.items():
        if records.roles.get(rid, {}).get("collegial"):
            continue
        ts = sorted(ts, key=lambda t: t["from"])
        for a, b in itertools.pairwise(ts):
            if a["to"] is pd.NaT or a["to"] > b["from"] + pd.Timedelta(days=1):
                logger.warning("%s: terms of %r and %r overlap; the title is ambiguous (left "
                               "unresolved) while both hold it", b["where"], a["actor"],
                               b["actor"])


def _today_sovereign(actor: dict, actors: dict) -> str:
    """The sovereign of an actor's country now (its own set, else its country's; a state: itself)."""
    own = actor["sovereign"]
    if not own and actor["country"] and actor["country"] != actor["id"]:
        country = actors.get(actor["country"])
        own = country["sovereign"] if country else ()
    if own:
        open_ended = [s for s, _, end in own if pd.isna(end)]
        return open_ended[-1] if open_ended else sorted(own, key=lambda x: x[2])[-1][0]
    if actor["kind"] == "state":
        return actor["id"]
    country = actors.get(actor["country"])
    return actor["country"] if country is not None and country["kind"] == "state" else ""


def _build(records: Records) -> ActorDictionary:
    _check_links(records)
    rows = [{**a, "sovereign": _today_sovereign(a, records.actors)}
            for a in records.actors.values()]
    actor_df = pd.DataFrame(rows, columns=["id", "name", "kind", "country", "sovereign", "from",
                                           "to", "surname", "surname_needs_title", "source",
                                           "file", "line"])
    sov_df = pd.DataFrame([(a["id"], sid, start, end) for a in records.actors.values()
                           for sid, start, end in a["sovereign"]],
                          columns=["actor", "sovereign", "from", "to"])
    alias_cols = ["pattern", "actor", "rule", "case_sensitive", "from", "to"]
    alias_df = pd.DataFrame(records.names, columns=alias_cols)
    alias_df = alias_df.drop_duplicates(alias_cols).reset_index(drop=True)
    role_df = pd.DataFrame(list(records.roles.values()),
                           columns=["role", "office", "country", "titles", "source", "file",
                                    "line"])
    hold_df = pd.DataFrame([{k: t[k] for k in ("role", "actor", "from", "to")}
                            for t in records.terms], columns=["role", "actor", "from", "to"])
    for df in (actor_df, sov_df, alias_df, hold_df):
        for col in ("from", "to"):
            df[col] = pd.to_datetime(df[col]).astype("datetime64[ns]")
    lint_names(records.names, {a["id"]: a["surname_needs_title"]
                               for a in records.actors.values()})
    logger.info("actor dictionary: %d actors, %d names, %d roles, %d terms from %d file(s)",
                len(actor_df), len(alias_df), len(role_df), len(hold_df), len(records.files))
    return ActorDictionary(actor_df, alias_df, role_df, hold_df, tuple(records.files), sov_df)
