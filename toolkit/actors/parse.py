"""Read actor dictionary files (the YAML format of ``corpus/README.md``) and check every block.

:func:`read_files` turns YAML files into plain records (one per actor, name, role and term
of office); :mod:`toolkit.actors.dictionary` merges them and builds the tables. Every
error is a :class:`DictionaryError` naming the file, the line, the id and the bad value.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.actors.yamlio import ITEM_LINES as _ITEM_LINES
from toolkit.actors.yamlio import LINE as _LINE
from toolkit.actors.yamlio import DictionaryError, read_blocks, where

__all__ = ["ACTOR_KEYS", "KINDS", "NAME_RULES", "ROLE_KEYS", "Records", "read_files"]

#: The kinds of actor.
KINDS = ("state", "person", "organisation", "armed_group", "other")
#: Rules a plain name can fire, in the order the Mentions table documents them.
NAME_RULES = ("alias", "alias_nocase", "demonym", "metonym", "historical")
#: The keys an actor block may have.
ACTOR_KEYS = frozenset({"id", "name", "kind", "country", "aliases", "aliases_nocase", "demonyms",
                        "metonyms", "historical", "surname", "surname_needs_title", "source",
                        "note", "notes", "sovereign", "from", "to", "allow_common"})
#: The keys a role block may have.
ROLE_KEYS = frozenset({"id", "office", "country", "titles", "holders", "source", "note", "notes",
                       "collegial"})
_ID = re.compile(r"^(?:[A-Z]{3}|[a-z][a-z0-9_]*)$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_FIRST_DAY = pd.Timestamp("1677-09-22")
_LAST_DAY = pd.Timestamp("2262-04-11")
# (rule, key, case-sensitive) of the lists of names an actor block may have
_NAME_LISTS = (("alias", "aliases", True), ("alias_nocase", "aliases_nocase", False),
               ("demonym", "demonyms", True), ("metonym", "metonyms", True),
               ("historical", "historical", True))


@dataclass
class Records:
    """What a set of dictionary files holds, as plain records, before the tables are built.

    ``actors`` and ``roles`` map an id to its record (a repeated id within one set of
    files is an error); ``names`` (one per name of an actor) and ``terms`` (one per term
    of office) are lists; ``files`` the files read, in order.
    """

    actors: dict[str, dict] = field(default_factory=dict)
    names: list[dict] = field(default_factory=list)
    roles: dict[str, dict] = field(default_factory=dict)
    terms: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_files(paths: Iterable[Path]) -> Records:
    """Read and check dictionary files; within this set of files, a repeated id is an error.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text("actors:\\n  - {id: RUS, name: Russia, kind: state, metonyms: [Moscow]}\\n")
    >>> [(n["pattern"], n["rule"]) for n in read_files([f]).names]
    [('Russia', 'alias'), ('Moscow', 'metonym')]
    """
    out = Records()
    for path in paths:
        file = str(path)
        out.files.append(file)
        actor_blocks, role_blocks = read_blocks(path)
        for block in actor_blocks:
            actor, names = _parse_actor(block, file)
            _add_unique(out.actors, actor["id"], actor, "actor", file)
            out.names.extend(names)
        for block in role_blocks:
            role, terms = _parse_role(block, file)
            _add_unique(out.roles, role["role"], role, "role", file)
            out.terms.extend(terms)
    return out


def _add_unique(table: dict, key: str, entry: dict, what: str, file: str) -> None:
    """``table[key] = entry``; a key seen before is an error naming both places."""
    if key in table:
        first = table[key]
        raise DictionaryError(f"{where(file, entry['line'])}: duplicate {what} id {key!r} "
                              f"(first defined at {where(first['file'], first['line'])})")
    table[key] = entry


def _date(value: Any, what: str, at: str) -> pd.Timestamp:
    if value is None or value == "":
        return pd.NaT
    stamp = None
    if isinstance(value, (_dt.date, _dt.datetime)):
        stamp = pd.Timestamp(value)
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            stamp = pd.Timestamp(value.strip())
        except ValueError:
            pass
    if stamp is None:
        raise DictionaryError(f"{at}: {what}={value!r} is not a date; write YYYY-MM-DD "
                              "(or null for 'still')")
    # the tables hold nanosecond dates (as the Corpus does): 1677-09-22 to 2262-04-11
    if not _FIRST_DAY <= stamp <= _LAST_DAY:
        raise DictionaryError(f"{at}: {what}={value!r} is outside the dates the toolkit can "
                              f"hold ({_FIRST_DAY.date()} to {_LAST_DAY.date()}); write null "
                              "for an open start or end")
    return stamp.as_unit("ns")


def _strings(value: Any, what: str, at: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DictionaryError(f"{at}: {what} must be a list of non-empty strings, "
                              f"not {value!r}")
    return [v.strip() for v in value]


def _parse_actor(block: dict, file: str) -> tuple[dict, list[dict]]:
    line = block.get(_LINE)
    aid = block.get("id")
    at = where(file, line)
    if not isinstance(aid, str) or not _ID.match(aid):
        raise DictionaryError(f"{at}: actor id={aid!r} is invalid; use an ISO3 code (RUS) "
                              "for states, lower_snake_case (barack_obama) for the rest")
    at = f"{at}: actor {aid!r}"
    unknown = sorted(set(block) - ACTOR_KEYS - {_LINE, _ITEM_LINES})
    if unknown:
        raise DictionaryError(f"{at}: unknown key(s) {unknown}; valid keys: "
                              f"{sorted(ACTOR_KEYS)}")
    kind = block.get("kind")
    if kind not in KINDS:
        raise DictionaryError(f"{at}: kind={kind!r} is invalid; must be one of "
                              + ", ".join(repr(k) for k in KINDS))
    name = block.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DictionaryError(f"{at}: name={name!r} is missing or empty")
    country = block.get("country") or ""
    if kind == "state" and not country:
        country = aid
    if not isinstance(country, str) or (country and not _ISO3.match(country)):
        raise DictionaryError(f"{at}: country={country!r} is invalid; must be an ISO 3166-1 "
                              "alpha-3 code such as 'RUS', or empty")
    surname = block.get("surname")
    if surname is not None and (kind != "person" or not isinstance(surname, str)
                                or not surname.strip()):
        raise DictionaryError(f"{at}: surname={surname!r} is only valid, as a non-empty "
                              f"string, on a person (kind is {kind!r})")
    needs_title = block.get("surname_needs_title", False)
    if not isinstance(needs_title, bool):
        raise DictionaryError(f"{at}: surname_needs_title={needs_title!r} must be true or "
                              "false")
    start, end = _dated_name({k: block.get(k) for k in ("from", "to")} | {"name": name},
                             "the actor", at)
    allow = block.get("allow_common", False)
    if not (isinstance(allow, bool) or (isinstance(allow, list)
                                        and all(isinstance(a, str) for a in allow))):
        raise DictionaryError(f"{at}: allow_common={allow!r} must be true, false or a list of "
                              "its names")
    actor = {"id": aid, "name": name.strip(), "kind": kind, "country": country,
             "surname": (surname or "").strip(), "surname_needs_title": needs_title,
             "sovereign": _sovereign(block.get("sovereign"), at), "from": start, "to": end,
             "source": str(block.get("source") or ""), "file": file, "line": line or 0}
    return actor, _actor_names(block, aid, file, at, allow)


def _sovereign(value: Any, at: str) -> tuple[tuple[str, pd.Timestamp, pd.Timestamp], ...]:
    """``sovereign: GBR`` or a dated list ``[{id: GBR, to: 1997-06-30}, {id: CHN, from: ...}]``."""
    if value is None or value == "":
        return ()
    items = [{"id": value}] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise DictionaryError(f"{at}: sovereign={value!r} must be a state id such as 'GBR' or "
                              "a list of {id: ..., from: YYYY-MM-DD, to: YYYY-MM-DD}")
    out = []
    for item in items:
        sid = item.get("id")
        if not isinstance(sid, str) or not _ISO3.match(sid):
            raise DictionaryError(f"{at}: sovereign id={sid!r} is invalid; must be the ISO3 "
                                  "id of a state such as 'GBR'")
        start, end = _dated_name({k: v for k, v in item.items() if k != "id"} | {"name": sid},
                                 "sovereign", at)
        out.append((sid, start, end))
    return tuple(out)


def _actor_names(block: dict, aid: str, file: str, at: str, allow: bool | list) -> list[dict]:
    """The names of an actor block: its name, every list of names, its surname."""
    names: list[dict] = []
    block_line = block.get(_LINE) or 0
    item_lines = block.get(_ITEM_LINES, {})

    def add(pattern: str, rule: str, case: bool, start: Any = pd.NaT, end: Any = pd.NaT,
            line: int = block_line, common: bool = False) -> None:
        names.append({"pattern": pattern, "actor": aid, "rule": rule, "case_sensitive": case,
                      "from": start, "to": end, "file": file, "line": line,
                      "allow_common": common or allow is True
                      or (isinstance(allow, list) and pattern in allow)})

    add(block["name"].strip(), "alias", True)
    # every list takes names, or {name, from, to} where a name only applies for a while
    # (historical names; also e.g. "IS" for isis only from 2014 on, so OCR noise in old
    # texts is not read as the group)
    for rule, key, case in _NAME_LISTS:
        items = block.get(key)
        if isinstance(items, str):
            items = [items]
        if items is not None and not isinstance(items, list):
            raise DictionaryError(f"{at}: {key} must be a list of names, not {items!r}")
        lines = item_lines.get(key, [])
        for k, item in enumerate(items or []):
            line = lines[k] if k < len(lines) else block_line
            if isinstance(item, str) and item.strip():
                add(item.strip(), rule, case, line=line)
            elif isinstance(item, dict) and isinstance(item.get("name"), str) \
                    and item["name"].strip():
                item_at = f"{where(file, item.get(_LINE, block.get(_LINE)))}: actor {aid!r}"
                start, end = _dated_name(item, key, item_at)
                common = item.get("allow_common", False)
                if not isinstance(common, bool):
                    raise DictionaryError(f"{item_at}: allow_common={common!r} must be true "
                                          "or false")
                add(item["name"].strip(), rule, case, start, end, line, common)
            else:
                raise DictionaryError(f"{at}: {key} entry {item!r} must be a non-empty name "
                                      "or {name: ..., from: YYYY-MM-DD, to: YYYY-MM-DD}")
    surname = block.get("surname")
    if surname:
        add(surname.strip(), "surname", True)
    return names


def _dated_name(item: dict, key: str, at: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The checked ``from`` and ``to`` of a ``{name: ..., from: ..., to: ...}`` entry."""
    bad = sorted(set(item) - {"name", "from", "to", "note", "allow_common", _LINE})
    if bad:
        raise DictionaryError(f"{at}: unknown key(s) {bad} in {key}; valid: name, from, to")
    start = _date(item.get("from"), "from", at)
    end = _date(item.get("to"), "to", at)
    if start is not pd.NaT and end is not pd.NaT and end < start:
        raise DictionaryError(f"{at}: {key} {item['name']!r} ends ({end.date()}) before "
                              f"it starts ({start.date()})")
    return start, end


def _parse_role(block: dict, file: str) -> tuple[dict, list[dict]]:
    line = block.get(_LINE)
    rid = block.get("id")
    at = where(file, line)
    if not isinstance(rid, str) or not re.match(r"^[a-z][a-z0-9_]*$", rid):
        raise DictionaryError(f"{at}: role id={rid!r} is invalid; use lower_snake_case "
                              "such as 'rus_president'")
    at = f"{at}: role {rid!r}"
    unknown = sorted(set(block) - ROLE_KEYS - {_LINE, _ITEM_LINES})
    if unknown:
        raise DictionaryError(f"{at}: unknown key(s) {unknown}; valid keys: "
                              f"{sorted(ROLE_KEYS)}")
    office = block.get("office") or ""
    if not isinstance(office, str):
        raise DictionaryError(f"{at}: office={office!r} must be a string")
    country = block.get("country") or ""
    if not isinstance(country, str) or (country and not _ISO3.match(country)):
        raise DictionaryError(f"{at}: country={country!r} is invalid; must be an ISO 3166-1 "
                              "alpha-3 code, or empty for an international office")
    titles = tuple(_strings(block.get("titles"), "titles", at))
    if not office.strip() and not titles:
        raise DictionaryError(f"{at}: needs an 'office' or at least one entry in 'titles'")
    collegial = block.get("collegial", False)
    if not isinstance(collegial, bool):
        raise DictionaryError(f"{at}: collegial={collegial!r} must be true or false")
    role = {"role": rid, "office": office.strip(), "country": country, "titles": titles,
            "source": str(block.get("source") or ""), "file": file, "line": line or 0,
            "collegial": collegial}
    terms = [_parse_term(term, rid, file, line) for term in block.get("holders") or []]
    return role, terms


def _parse_term(term: Any, rid: str, file: str, line: Any) -> dict:
    """One checked term of office of role ``rid``: ``{actor, from, to}``."""
    at = f"{where(file, term.get(_LINE, line) if isinstance(term, dict) else line)}: role {rid!r}"
    if not isinstance(term, dict) or not isinstance(term.get("actor"), str):
        raise DictionaryError(f"{at}: holder {term!r} must be "
                              "{actor: <id>, from: YYYY-MM-DD, to: YYYY-MM-DD|null}")
    bad = sorted(set(term) - {"actor", "from", "to", "note", _LINE, _ITEM_LINES})
    if bad:
        raise DictionaryError(f"{at}: unknown key(s) {bad} in a holder; valid: actor, "
                              "from, to")
    start = _date(term.get("from"), "from", at)
    end = _date(term.get("to"), "to", at)
    if start is pd.NaT:
        raise DictionaryError(f"{at}: holder {term['actor']!r} needs a 'from' date")
    if end is not pd.NaT and end < start:
        raise DictionaryError(f"{at}: holder {term['actor']!r} leaves office "
                              f"({end.date()}) before taking it ({start.date()})")
    return {"role": rid, "actor": term["actor"], "from": start, "to": end, "where": at}
