"""Notebook parameters: read from a YAML file, checked against the notebooks before any runs.

A researcher sets parameters in a YAML file (no shell quoting for lists and dicts)::

    # corpus/my-news.params.yaml, found next to corpus/my-news.csv
    start: 2014            # an integer year is a year
    actors: [RUS, UKR, USA]
    terms: [sanctions, ceasefire]
    seed_words: {energy: [gas, pipeline]}

or names it: ``python -m toolkit figures --params-file my.yaml`` (``make figures
PARAMS_FILE=my.yaml``); ``-p key=value`` options win over the file. Before any notebook
runs, :func:`validate_parameters` checks every name and value against the parameters
cells of the notebooks (read with nbformat): an unknown name, a wrong type, a value out of
range or an actor id that does not exist is one clear error naming where it was set;
actors and terms the corpus never mentions are warnings (their lines would be empty).
Each notebook then gets only the parameters its cell declares (the runner,
:func:`toolkit.cli.run_figures`, reads the cells with the same
:func:`toolkit.figures.folders.parameters_cell`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit._core.calendar import normalize_freq
from toolkit.corpus import SHIPPED
from toolkit.figures.folders import parameters_cell

logger = logging.getLogger(__name__)

__all__ = ["ParameterError", "ParameterPlan", "find_parameters_file", "read_parameters_file",
           "validate_parameters"]

# a parameters file next to a corpus: corpus/my-news.csv (or folder corpus/my-news/) ->
# corpus/my-news.params.yaml (or .params.yml)
_SUFFIXES = (".params.yaml", ".params.yml")
_ACTOR_LISTS = ("actors", "headline")
# what parameters accept beyond the type of their default (needed where it is None):
# ("int", minimum), ("number", above, up to, up to inclusive), ("choice", options), ...
_RULES: dict[str, tuple] = {
    "start": ("date",), "end": ("date",), "seed": ("int", None), "freq": ("freq",),
    "unit": ("choice", ("sentence", "paragraph", "document")),
    "level": ("choice", ("actor", "country")),
    "measure": ("choice", ("npmi", "pmi", "jaccard", "g2", "n_ab")),
    "min_count": ("int", 1), "labels": ("int", 0), "heatmap_top": ("int", 2),
    "ego_top": ("int", 1), "pair_window": ("int", 1), "examples": ("int", 1),
    "alpha": ("number", 0, 1, True), "backbone_alpha": ("number", 0, 1, False),
    "duplicate_threshold": ("number", 0, 1, True),
    "burst_s": ("number", 1, None, False), "burst_gamma": ("number", 0, None, False),
    "penalty_factor": ("number", 0, None, False),
    "actors": ("ids",), "headline": ("ids",), "pair": ("pair",), "ego_actor": ("actor",),
    "terms": ("terms",), "events": ("str",), "paragraphs": ("bool",),
    "covariate": ("str",), "scheduler": ("str",), "n_jobs": ("int", 1),
    "num_topics": ("int", 1),
    "num_topics_grid": ("ints",), "seed_words": ("seed_words",),
}
# where a notebook gives a shared name its own meaning
_NOTEBOOK_RULES: dict[tuple[str, str], tuple] = {
    ("02-topics", "unit"): ("choice", ("auto", "paragraph", "document")),
}


class ParameterError(ValueError):
    """Parameters that no notebook accepts; the message lists every problem and where."""


@dataclass
class ParameterPlan:
    """Checked parameters: what each notebook gets, and the warnings found on the way."""

    per_notebook: dict[str, dict[str, Any]]
    parameters: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def find_parameters_file(corpus: str) -> Path | None:
    """Return the parameters file next to a corpus (``<corpus name>.params.yaml``), if any.

    Examples
    --------
    >>> find_parameters_file("sotu") is None
    True
    """
    if corpus in SHIPPED:
        return None
    path = Path(corpus).expanduser()
    stem = path.name if path.is_dir() else path.stem
    for suffix in _SUFFIXES:
        candidate = path.parent / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def read_parameters_file(path: str | Path) -> tuple[dict[str, Any], dict[str, str]]:
    """Read a YAML parameters file: the values, and where each was set (file and line).

    Integer years stay years (``start: 2000`` is ``"2000"``) and YAML dates become ISO
    strings (``start: 2014-03-18`` is ``"2014-03-18"``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "my.params.yaml"
    >>> _ = f.write_text("start: 2000\\nactors: [RUS, CHN]\\n")
    >>> values, origins = read_parameters_file(f)
    >>> values, origins["actors"].endswith("my.params.yaml, line 2")
    ({'start': '2000', 'actors': ['RUS', 'CHN']}, True)
    """
    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"params file {str(path)!r} does not exist")
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        values = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise ParameterError(f"{path}{where}: not valid YAML "
                             f"({getattr(exc, 'problem', exc)})") from None
    if values is None:
        return {}, {}
    if not isinstance(values, dict) or not isinstance(node, yaml.MappingNode):
        raise ParameterError(f"{path}: must hold 'name: value' lines, not a "
                             f"{type(values).__name__}")
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    origins, out = {}, {}
    for key, value in values.items():
        where = f"{path}, line {lines.get(str(key), '?')}"
        if not isinstance(key, str) or not key.isidentifier():
            raise ParameterError(f"{where}: {key!r} is not a parameter name")
        out[key], origins[key] = _plain(key, value), where
    return out, origins


def _plain(key: str, value: Any) -> Any:
    """YAML values as the notebooks want them: dates as ISO strings, years as strings."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if key in ("start", "end") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def validate_parameters(parameters: Mapping[str, Any], notebooks: Sequence[str | Path], *,
                        corpus: str | None = None, origins: Mapping[str, str] | None = None,
                        running: Sequence[str | Path] | None = None) -> ParameterPlan:
    """Check parameters against the notebooks' parameters cells; split them per notebook.

    ``notebooks`` are all the notebooks a parameter may be meant for (a name none of them
    declares is an error); values are checked for the notebooks ``running`` (default
    all), and a name they do not declare is not passed to them. ``parameters`` come from a parameters file and ``-p`` options,
    ``origins`` says where
    each was set (default ``"-p name=..."``). With actors or terms given, ``corpus`` is
    loaded to warn about those it never mentions. A :class:`ParameterError` lists every
    unknown name (with the closest known one), wrong type, value out of range or unknown
    actor id, and where each was set.

    Examples
    --------
    >>> from toolkit.cli.notebooks import list_notebooks
    >>> plan = validate_parameters({"start": 2000, "unit": "document"}, list_notebooks())
    >>> plan.per_notebook["03-actors"]["start"], "unit" in plan.per_notebook["01-corpus"]
    ('2000', False)
    >>> validate_parameters({"units": "document", "alpha": 2}, list_notebooks())
    Traceback (most recent call last):
    ...
    toolkit.cli.parameters.ParameterError: 2 problems with the parameters:
      units (-p units=...): no notebook has this parameter; did you mean 'unit'?
      alpha (-p alpha=...): 2 is invalid; must be a number in (0, 1]
    """
    origins = dict(origins or {})
    declared = {Path(p).stem: parameters_cell(p) for p in notebooks}
    known = {k for names in declared.values() for k in names}
    run = {Path(p).stem for p in running} if running is not None else set(declared)
    problems, checked = [], {}
    for name, value in parameters.items():
        where = origins.get(name, f"-p {name}=...")
        if name == "corpus":
            problems.append(f"corpus ({where}): set the corpus with --corpus (make figures "
                            "CORPUS=...), not as a parameter")
            continue
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(f"{name} ({where}): no notebook has this parameter{hint}")
            continue
        # checked for every notebook that declares it: the same name can mean different
        # things ("unit" of 02-topics and of 03-actors)
        users = [stem for stem, names in declared.items() if name in names and stem in run]
        for stem in users:
            try:
                checked[name] = _check(name, value, declared[stem][name], parameters,
                                       _NOTEBOOK_RULES.get((stem, name)))
            except (TypeError, ValueError) as exc:
                scope = f" for {stem}" if any((u, name) in _NOTEBOOK_RULES for u in users) else ""
                problems.append(f"{name} ({where}){scope}: {exc}")
                break
    if problems:
        raise ParameterError(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} "
                             "with the parameters:\n  " + "\n  ".join(problems))
    warnings = _corpus_warnings(checked, corpus) if corpus is not None else []
    for text in warnings:
        logger.warning("parameters: %s", text)
    per_notebook = {stem: {k: v for k, v in checked.items() if k in names}
                    for stem, names in declared.items()}
    return ParameterPlan(per_notebook, checked, warnings)


def _check(name: str, value: Any, default: Any, everything: Mapping[str, Any],
           rule: tuple | None = None) -> Any:
    """The checked (and, for years and lists, normalised) value, or a TypeError/ValueError."""
    if value is None:   # None means "choose from the data" or "all" where it is the default
        if default is None:
            return None
        raise ValueError(f"is empty; must be a value like the default {default!r}")
    rule = rule or _RULES.get(name)
    if rule is None:   # by the type of the default
        return _by_default(value, default)
    kind = rule[0]
    if kind == "date":
        return _date(value)
    if kind == "int":
        _wrong(value, int, "an integer")
        if rule[1] is not None and value < rule[1]:
            raise ValueError(f"{value!r} is invalid; must be an integer >= {rule[1]}")
        return value
    if kind == "number":
        return _number(value, *rule[1:])
    if kind == "choice":
        if value not in rule[1]:
            raise ValueError(f"{value!r} is invalid; must be one of "
                             + ", ".join(map(repr, rule[1])))
        return value
    if kind == "freq":
        _wrong(value, str, "a period such as 'Y', 'M' or '5Y'")
        normalize_freq(value)
        return value
    if kind in ("str", "actor"):
        _wrong(value, str, "a string")
        if kind == "actor":
            _actor_ids([value], "actor", names_too=True)
        return value
    if kind == "bool":
        _wrong(value, bool, "true or false")
        return value
    if kind == "ints":
        _wrong(value, (list, tuple), "a list of integers, e.g. [5, 10, 20]")
        for v in value:
            _wrong(v, int, "a list of integers >= 1, e.g. [5, 10, 20]")
            if v < 1:
                raise ValueError(f"{value!r} is invalid; must be integers >= 1")
        return list(value)
    if kind == "seed_words":
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and _string_list(v) for k, v in value.items()):
            raise TypeError(f"{value!r} is invalid; must map names to lists of words, e.g. "
                            "{economy: [tax, job]}")
        return {k: _string_list(v) for k, v in value.items()}
    items = _string_list(value)
    if kind == "terms":
        return items
    level = everything.get("level")
    if level not in ("actor", "country"):   # a bad level is its own problem
        level = "country" if name in _ACTOR_LISTS + ("pair",) else "actor"
    if kind == "pair" and (len(items) != 2 or items[0] == items[1]):
        raise ValueError(f"{value!r} is invalid; must be two different actor ids, e.g. [RUS, CHN]")
    return _actor_ids(items, level)


def _wrong(value: Any, types: type | tuple[type, ...], what: str) -> None:
    """Raise a TypeError unless ``value`` is of ``types`` (a bool is not a number)."""
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in (
            types if isinstance(types, tuple) else (types,))):
        raise TypeError(f"{value!r} has the wrong type {type(value).__name__}; must be {what}")


def _by_default(value: Any, default: Any) -> Any:
    """Check a value against the type of a notebook default (None or non-literal: anything)."""
    if default is None or default is ...:
        return value
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, (list, tuple)):
        ok = isinstance(value, (list, tuple))
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise TypeError(f"{value!r} has the wrong type {type(value).__name__}; must be "
                        f"{type(default).__name__} like the default {default!r}")
    return value


def _date(value: Any) -> str:
    """A start or end: an integer year is a year; strings must read as dates."""
    _wrong(value, (int, str), "a year (2000) or an ISO date ('2000-06-30')")
    text = str(value)
    try:
        pd.Period(text) if len(text) <= 7 else pd.Timestamp(text)
    except (ValueError, TypeError):
        raise ValueError(f"{value!r} is not a date; must be a year (2000), a month "
                         "('2000-06') or an ISO date ('2000-06-30')") from None
    return text


def _number(value: Any, low: float, high: float | None, inclusive: bool) -> Any:
    """A number above ``low``, and below ``high`` (or at it when ``inclusive``)."""
    _wrong(value, (int, float), "a number")
    below = value <= low
    above = high is not None and (value > high if inclusive else value >= high)
    if below or above:
        span = (f"in ({low}, {high}{']' if inclusive else ')'}" if high is not None
                else f"> {low}")
        raise ValueError(f"{value!r} is invalid; must be a number {span}")
    return value


def _string_list(value: Any) -> list[str]:
    """A list of strings; one string is a list of one, or comma-separated items."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{value!r} has the wrong type {type(value).__name__}; must be a "
                        "list of strings, e.g. [RUS, CHN]")
    return list(value)


def _actor_ids(ids: list[str], level: str, *, names_too: bool = False) -> list[str]:
    """Check actor ids against the dictionary (a name also passes with ``names_too``)."""
    from toolkit.actors import default_dictionary
    from toolkit.timeline import check_actor_ids

    if names_too:
        table = default_dictionary().actors
        if ids[0] in set(table["id"]) or ids[0].casefold() in {
                str(n).casefold() for n in table["name"]}:
            return ids
    return check_actor_ids(ids, level=level, name=None)


def _corpus_warnings(checked: Mapping[str, Any], corpus: str) -> list[str]:
    """What will be empty: given actors the corpus never mentions, terms it never uses."""
    ids = {n: checked[n] for n in (*_ACTOR_LISTS, "pair") if checked.get(n)}
    terms = checked.get("terms") or []
    if not ids and not terms:
        return []
    from toolkit.actors import find_mentions
    from toolkit.corpus import load

    docs = load(corpus, start=checked.get("start"), end=checked.get("end"))
    out = []
    if ids:
        mentions = find_mentions(docs)
        level = checked.get("level") or "country"
        seen = set(mentions["country" if level == "country" else "actor"].astype(str))
        for name, values in ids.items():
            absent = [a for a in values if a not in seen]
            if absent:
                out.append(f"{name}: {', '.join(absent)} never mentioned in the corpus "
                           f"({len(docs)} documents): their lines will be empty")
    if terms:
        text = docs["text"]
        absent = [t for t in terms if not text.str.contains(
            r"(?<!\w)" + r"\s+".join(map(re.escape, t.split())) + r"(?!\w)", case=False,
            regex=True).any()]
        if absent:
            out.append(f"terms: {', '.join(map(repr, absent))} never used in the corpus "
                       f"({len(docs)} documents): their lines will be empty")
    return out
