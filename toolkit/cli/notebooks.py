"""What the command line reads: ``key=value`` parameters, the notebooks, the corpus."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit._core import project_dir
from toolkit.corpus import SHIPPED

__all__ = ["STRING_PARAMETERS", "list_notebooks", "notebooks_dir", "parse_parameter",
           "resolve_corpus"]

#: Parameters always passed as strings (a year given as ``-p start=2000`` stays ``"2000"``).
STRING_PARAMETERS = frozenset({"corpus", "start", "end"})


def notebooks_dir() -> Path:
    """Return the project's ``notebooks/`` folder (read at call time).

    Examples
    --------
    >>> notebooks_dir().name
    'notebooks'
    """
    return project_dir() / "notebooks"


def parse_parameter(text: str) -> tuple[str, Any]:
    """Parse ``key=value`` from the command line; values are read as JSON when they parse.

    ``corpus``, ``start`` and ``end`` always stay strings (an integer year is a year).
    Lists and dicts whose quotes the shell removed read as YAML flow collections
    (``[RUS, CHN]``, ``{economy: [tax, job]}``); a parameters file
    (:mod:`toolkit.cli.parameters`) needs no quoting at all.

    Examples
    --------
    >>> parse_parameter("num_topics=20"), parse_parameter("alpha=0.1")
    (('num_topics', 20), ('alpha', 0.1))
    >>> parse_parameter("start=2000"), parse_parameter("label=peace talks")
    (('start', '2000'), ('label', 'peace talks'))
    >>> parse_parameter("end=None"), parse_parameter("years=[1990, 2000]")
    (('end', None), ('years', [1990, 2000]))
    >>> parse_parameter("actors=[RUS, CHN]"), parse_parameter("words={war: [troop]}")
    (('actors', ['RUS', 'CHN']), ('words', {'war': ['troop']}))
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key.isidentifier():
        raise ValueError(f"parameter {text!r} is invalid; must be key=value with a Python "
                         "identifier as key, e.g. num_topics=20")
    raw = raw.strip()
    if raw in {"None", "none", "null"}:
        return key, None
    if key in STRING_PARAMETERS:
        return key, raw
    if raw in {"True", "False"}:
        return key, raw == "True"
    try:
        return key, json.loads(raw)
    except json.JSONDecodeError:
        pass
    if raw[:1] in "[{" and raw:
        import yaml

        try:
            value = yaml.safe_load(raw)
        except yaml.YAMLError:
            raise ValueError(f"parameter {key}={raw!r} is invalid; a list or dict must read "
                             "as [a, b] or {key: value}") from None
        if isinstance(value, (list, dict)):
            return key, value
    return key, raw


def list_notebooks(folder: str | Path | None = None,
                   select: Sequence[str] | None = None) -> list[Path]:
    """Return the notebooks of ``folder`` in run order, optionally only those selected.

    ``folder`` defaults to :func:`notebooks_dir`. ``select`` items match a notebook's
    number (``"02"``) or its name (``"02-topics"``).

    Examples
    --------
    >>> [p.name for p in list_notebooks()] == sorted(p.name for p in list_notebooks())
    True
    """
    folder = Path(folder) if folder is not None else notebooks_dir()
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not select:
        return found
    chosen = []
    for item in select:
        item = item.strip().removesuffix(".ipynb")
        match = [p for p in found if p.stem == item or p.stem.split("-", 1)[0] == item]
        if not match:
            valid = ", ".join(p.stem for p in found) or "none found"
            raise ValueError(f"notebooks={item!r} is invalid; must be one of {valid} "
                             f"(in {folder})")
        chosen.extend(p for p in match if p not in chosen)
    return sorted(chosen)


def resolve_corpus(corpus: str) -> str:
    """Return a shipped corpus name as is, or the absolute path of a corpus file or folder.

    Examples
    --------
    >>> resolve_corpus("sample")
    'sample'
    """
    if corpus in SHIPPED:
        return corpus
    path = Path(corpus).expanduser()
    if not path.exists():
        raise ValueError(f"corpus={corpus!r} is invalid; must be a shipped corpus "
                         f"({', '.join(SHIPPED)}) or an existing file or folder")
    return str(path.resolve())
