"""Read, check and merge actor dictionary files (the YAML format of ``corpus/README.md``).

Private to :mod:`toolkit.actors`, which re-exports :class:`ActorDictionary`,
:class:`DictionaryError` and :func:`load_dictionary`.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit._core import data_path

logger = logging.getLogger("toolkit.actors")

#: The folder of the default dictionary files (every ``*.yaml`` in it, in name order).
DEFAULT_DICTIONARY_DIR = data_path("actors")
KINDS = ("state", "person", "organisation", "armed_group", "other")
#: Rules a plain name can fire, in the order the Mentions table documents them.
NAME_RULES = ("alias", "alias_nocase", "demonym", "metonym", "historical")
ACTOR_KEYS = frozenset({"id", "name", "kind", "country", "aliases", "aliases_nocase", "demonyms",
                        "metonyms", "historical", "surname", "surname_needs_title", "source",
                        "note", "notes"})
ROLE_KEYS = frozenset({"id", "office", "country", "titles", "holders", "source", "note", "notes"})
_ID = re.compile(r"^(?:[A-Z]{3}|[a-z][a-z0-9_]*)$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_LINE = "__line__"


class DictionaryError(ValueError):
    """Bad actor dictionary input; the message names the file, line, id and value."""


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping, for error messages."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


# dates stay text until _date checks them, so "2000-13-01" gets our message, not PyYAML's
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp",
                            lambda loader, node: loader.construct_scalar(node))


@dataclass(frozen=True, eq=False)
class ActorDictionary:
    """A checked actor dictionary, inspectable as four tables.

    Attributes
    ----------
    actors
        One row per actor: ``id, name, kind, country, surname, source, file, line``.
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
    """

    actors: pd.DataFrame
    aliases: pd.DataFrame
    roles: pd.DataFrame
    holders: pd.DataFrame
    files: tuple[str, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        counts = self.actors["kind"].value_counts().to_dict() if len(self.actors) else {}
        kinds = ", ".join(f"{n} {k}" for k, n in counts.items())
        return (f"ActorDictionary({len(self.actors)} actors ({kinds}), {len(self.aliases)} "
                f"names, {len(self.roles)} roles, {len(self.holders)} terms)")


def _where(file: str, line: Any) -> str:
    return f"{file}, line {line}" if line else file


def _date(value: Any, what: str, where: str) -> pd.Timestamp:
    if value is None or value == "":
        return pd.NaT
    if isinstance(value, (_dt.date, _dt.datetime)):
        return pd.Timestamp(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return pd.Timestamp(value.strip())
        except ValueError:
            pass
    raise DictionaryError(f"{where}: {what}={value!r} is not a date; write YYYY-MM-DD "
                          "(or null for 'still')")


def _strings(value: Any, what: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DictionaryError(f"{where}: {what} must be a list of non-empty strings, "
                              f"not {value!r}")
    return [v.strip() for v in value]


def _read_file(path: Path) -> tuple[list[dict], list[dict]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        return [], []
    if not isinstance(data, dict) or not ({"actors", "roles"} & set(data)):
        raise DictionaryError(f"{path}: expected a mapping with an 'actors:' and/or 'roles:' "
                              "list at the top level")
    extra = sorted(set(data) - {"actors", "roles", _LINE})
    if extra:
        raise DictionaryError(f"{path}: unknown top-level key(s) {extra}; valid: 'actors', "
                              "'roles'")
    out = []
    for key in ("actors", "roles"):
        items = data.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise DictionaryError(f"{path}: {key!r} must be a list of mappings (one per "
                                  f"{key[:-1]})")
        out.append(items)
    return out[0], out[1]


def _parse_actor(block: dict, file: str) -> tuple[dict, list[dict]]:
    line = block.get(_LINE)
    aid = block.get("id")
    where = _where(file, line)
    if not isinstance(aid, str) or not _ID.match(aid):
        raise DictionaryError(f"{where}: actor id={aid!r} is invalid; use an ISO3 code (RUS) "
                              "for states, lower_snake_case (barack_obama) for the rest")
    where = f"{where}: actor {aid!r}"
    unknown = sorted(set(block) - ACTOR_KEYS - {_LINE})
    if unknown:
        raise DictionaryError(f"{where}: unknown key(s) {unknown}; valid keys: "
                              f"{sorted(ACTOR_KEYS)}")
    kind = block.get("kind")
    if kind not in KINDS:
        raise DictionaryError(f"{where}: kind={kind!r} is invalid; must be one of "
                              + ", ".join(repr(k) for k in KINDS))
    name = block.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DictionaryError(f"{where}: name={name!r} is missing or empty")
    country = block.get("country") or ""
    if kind == "state" and not country:
        country = aid
    if not isinstance(country, str) or (country and not _ISO3.match(country)):
        raise DictionaryError(f"{where}: country={country!r} is invalid; must be an ISO 3166-1 "
                              "alpha-3 code such as 'RUS', or empty")
    surname = block.get("surname")
    if surname is not None and (kind != "person" or not isinstance(surname, str)
                                or not surname.strip()):
        raise DictionaryError(f"{where}: surname={surname!r} is only valid, as a non-empty "
                              f"string, on a person (kind is {kind!r})")
    needs_title = block.get("surname_needs_title", False)
    if not isinstance(needs_title, bool):
        raise DictionaryError(f"{where}: surname_needs_title={needs_title!r} must be true or "
                              "false")
    source = block.get("source") or ""
    actor = {"id": aid, "name": name.strip(), "kind": kind, "country": country,
             "surname": (surname or "").strip(), "surname_needs_title": needs_title,
             "source": str(source), "file": file, "line": line or 0}
    names: list[dict] = []

    def add(pattern: str, rule: str, case: bool, start: Any = pd.NaT, end: Any = pd.NaT) -> None:
        names.append({"pattern": pattern, "actor": aid, "rule": rule, "case_sensitive": case,
                      "from": start, "to": end})

    add(name.strip(), "alias", True)
    # every list takes names, or {name, from, to} where a name only applies for a while
    # (historical names; also e.g. "IS" for isis only from 2014 on, so OCR noise in old
    # texts is not read as the group)
    for rule, key, case in (("alias", "aliases", True), ("alias_nocase", "aliases_nocase", False),
                            ("demonym", "demonyms", True), ("metonym", "metonyms", True),
                            ("historical", "historical", True)):
        items = block.get(key)
        if isinstance(items, str):
            items = [items]
        if items is not None and not isinstance(items, list):
            raise DictionaryError(f"{where}: {key} must be a list of names, not {items!r}")
        for item in items or []:
            if isinstance(item, str) and item.strip():
                add(item.strip(), rule, case)
            elif isinstance(item, dict) and isinstance(item.get("name"), str) \
                    and item["name"].strip():
                hwhere = f"{_where(file, item.get(_LINE, line))}: actor {aid!r}"
                bad = sorted(set(item) - {"name", "from", "to", "note", _LINE})
                if bad:
                    raise DictionaryError(f"{hwhere}: unknown key(s) {bad} in {key}; valid: "
                                          "name, from, to")
                start = _date(item.get("from"), "from", hwhere)
                end = _date(item.get("to"), "to", hwhere)
                if start is not pd.NaT and end is not pd.NaT and end < start:
                    raise DictionaryError(f"{hwhere}: {key} name {item['name']!r} ends "
                                          f"({end.date()}) before it starts ({start.date()})")
                add(item["name"].strip(), rule, case, start, end)
            else:
                raise DictionaryError(f"{where}: {key} entry {item!r} must be a non-empty name "
                                      "or {name: ..., from: YYYY-MM-DD, to: YYYY-MM-DD}")
    if surname:
        add(surname.strip(), "surname", True)
    return actor, names


def _parse_role(block: dict, file: str) -> tuple[dict, list[dict]]:
    line = block.get(_LINE)
    rid = block.get("id")
    where = _where(file, line)
    if not isinstance(rid, str) or not re.match(r"^[a-z][a-z0-9_]*$", rid):
        raise DictionaryError(f"{where}: role id={rid!r} is invalid; use lower_snake_case "
                              "such as 'rus_president'")
    where = f"{where}: role {rid!r}"
    unknown = sorted(set(block) - ROLE_KEYS - {_LINE})
    if unknown:
        raise DictionaryError(f"{where}: unknown key(s) {unknown}; valid keys: "
                              f"{sorted(ROLE_KEYS)}")
    office = block.get("office") or ""
    if not isinstance(office, str):
        raise DictionaryError(f"{where}: office={office!r} must be a string")
    country = block.get("country") or ""
    if not isinstance(country, str) or (country and not _ISO3.match(country)):
        raise DictionaryError(f"{where}: country={country!r} is invalid; must be an ISO 3166-1 "
                              "alpha-3 code, or empty for an international office")
    titles = tuple(_strings(block.get("titles"), "titles", where))
    if not office.strip() and not titles:
        raise DictionaryError(f"{where}: needs an 'office' or at least one entry in 'titles'")
    role = {"role": rid, "office": office.strip(), "country": country, "titles": titles,
            "source": str(block.get("source") or ""), "file": file, "line": line or 0}
    terms = []
    for term in block.get("holders") or []:
        twhere = f"{_where(file, term.get(_LINE, line) if isinstance(term, dict) else line)}: " \
                 f"role {rid!r}"
        if not isinstance(term, dict) or not isinstance(term.get("actor"), str):
            raise DictionaryError(f"{twhere}: holder {term!r} must be "
                                  "{actor: <id>, from: YYYY-MM-DD, to: YYYY-MM-DD|null}")
        bad = sorted(set(term) - {"actor", "from", "to", "note", _LINE})
        if bad:
            raise DictionaryError(f"{twhere}: unknown key(s) {bad} in a holder; valid: actor, "
                                  "from, to")
        start = _date(term.get("from"), "from", twhere)
        end = _date(term.get("to"), "to", twhere)
        if start is pd.NaT:
            raise DictionaryError(f"{twhere}: holder {term['actor']!r} needs a 'from' date")
        if end is not pd.NaT and end < start:
            raise DictionaryError(f"{twhere}: holder {term['actor']!r} leaves office "
                                  f"({end.date()}) before taking it ({start.date()})")
        terms.append({"role": rid, "actor": term["actor"], "from": start, "to": end,
                      "where": twhere})
    return role, terms


def _read_all(paths: Iterable[Path]) -> tuple[dict, list, dict, list, list[str]]:
    """Parse files; within this set, a repeated id is an error."""
    actors: dict[str, dict] = {}
    names: list[dict] = []
    roles: dict[str, dict] = {}
    terms: list[dict] = []
    files = []
    for path in paths:
        file = str(path)
        files.append(file)
        actor_blocks, role_blocks = _read_file(path)
        for block in actor_blocks:
            actor, found = _parse_actor(block, file)
            _add_unique(actors, actor["id"], actor, "actor", file)
            names.extend(found)
        for block in role_blocks:
            role, found = _parse_role(block, file)
            _add_unique(roles, role["role"], role, "role", file)
            terms.extend(found)
    return actors, names, roles, terms, files


def _add_unique(table: dict, key: str, entry: dict, what: str, file: str) -> None:
    """``table[key] = entry``; a key seen before is an error naming both places."""
    if key in table:
        first = table[key]
        raise DictionaryError(f"{_where(file, entry['line'])}: duplicate {what} id {key!r} "
                              f"(first defined at {_where(first['file'], first['line'])})")
    table[key] = entry


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
        Tables ``actors``, ``aliases``, ``roles``, ``holders``.

    Raises
    ------
    DictionaryError
        A ``ValueError`` naming the file, line, id and bad value: unknown kind or key,
        duplicate id within one set of files, bad date, a role holder or role country
        that is not an actor, a term that ends before it starts.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: RUS, name: Russia, kind: state, metonyms: [Moscow]}\\n")
    >>> d = load_dictionary(f, replace=True)
    >>> d.aliases[["pattern", "actor", "rule"]].values.tolist()
    [['Russia', 'RUS', 'alias'], ['Moscow', 'RUS', 'metonym']]
    """
    if not isinstance(replace, bool):
        raise TypeError(f"replace must be True or False, not {replace!r}")
    if path is None:
        if not DEFAULT_DICTIONARY_DIR.is_dir() or not any(DEFAULT_DICTIONARY_DIR.glob("*.yaml")):
            raise FileNotFoundError(f"the default actor dictionary is missing: no *.yaml in "
                                    f"{DEFAULT_DICTIONARY_DIR}")
        base = _read_all(_expand(DEFAULT_DICTIONARY_DIR))
        return _build(*base)
    user = _read_all(_expand(path))
    if replace:
        return _build(*user)
    base = _read_all(_expand(DEFAULT_DICTIONARY_DIR)) if DEFAULT_DICTIONARY_DIR.is_dir() \
        else ({}, [], {}, [], [])
    actors, names, roles, terms, files = base
    u_actors, u_names, u_roles, u_terms, u_files = user
    for aid, actor in u_actors.items():
        if aid in actors:
            logger.info("%s: actor %r replaces the default one (%s)",
                        _where(actor["file"], actor["line"]), aid,
                        _where(actors[aid]["file"], actors[aid]["line"]))
    for rid, role in u_roles.items():
        if rid in roles:
            logger.info("%s: role %r replaces the default one",
                        _where(role["file"], role["line"]), rid)
    names = [n for n in names if n["actor"] not in u_actors] + u_names
    terms = [t for t in terms if t["role"] not in u_roles] + u_terms
    return _build({**actors, **u_actors}, names, {**roles, **u_roles}, terms, files + u_files)


def _build(actors: dict, names: list, roles: dict, terms: list,
           files: list[str]) -> ActorDictionary:
    for role in roles.values():
        c = role["country"]
        if c and (c not in actors or actors[c]["kind"] != "state"):
            raise DictionaryError(f"{_where(role['file'], role['line'])}: role {role['role']!r}: "
                                  f"country={c!r} is not a state in the dictionary")
    for term in terms:
        if term["actor"] not in actors:
            raise DictionaryError(f"{term['where']}: holder actor={term['actor']!r} is not an "
                                  "actor in the dictionary")
    # terms include both ends (the hand-over day belongs to both holders; resolution then
    # prefers the incoming one). Longer overlaps are real (co-presidencies) but make a
    # title ambiguous on those days: warn, and resolution leaves it unresolved then
    by_role: dict[str, list] = {}
    for t in terms:
        by_role.setdefault(t["role"], []).append(t)
    for ts in by_role.values():
        ts = sorted(ts, key=lambda t: t["from"])
        for a, b in itertools.pairwise(ts):
            if a["to"] is pd.NaT or a["to"] > b["from"] + pd.Timedelta(days=1):
                logger.warning("%s: terms of %r and %r overlap; the title is ambiguous (left "
                               "unresolved) while both hold it", b["where"], a["actor"],
                               b["actor"])
    actor_df = pd.DataFrame(list(actors.values()),
                            columns=["id", "name", "kind", "country", "surname",
                                     "surname_needs_title", "source", "file", "line"])
    alias_df = pd.DataFrame(names, columns=["pattern", "actor", "rule", "case_sensitive", "from",
                                            "to"])
    alias_df = alias_df.drop_duplicates(["pattern", "actor", "rule", "case_sensitive", "from",
                                         "to"]).reset_index(drop=True)
    for col in ("from", "to"):
        alias_df[col] = pd.to_datetime(alias_df[col]).astype("datetime64[ns]")
    role_df = pd.DataFrame(list(roles.values()),
                           columns=["role", "office", "country", "titles", "source", "file",
                                    "line"])
    hold_df = pd.DataFrame([{k: t[k] for k in ("role", "actor", "from", "to")} for t in terms],
                           columns=["role", "actor", "from", "to"])
    for col in ("from", "to"):
        hold_df[col] = pd.to_datetime(hold_df[col]).astype("datetime64[ns]")
    logger.info("actor dictionary: %d actors, %d names, %d roles, %d terms from %d file(s)",
                len(actor_df), len(alias_df), len(role_df), len(hold_df), len(files))
    return ActorDictionary(actor_df, alias_df, role_df, hold_df, tuple(files))
