"""Read a researcher's events file: the dates every timeline figure is annotated with.

The format (``corpus/README.md``, section "Events file") is a UTF-8 CSV with a header::

    date,label,actors
    1990-08-02,Iraq invades Kuwait,IRQ;KWT
    2001-09-11,September 11 attacks,al_qaeda;AFG

``date`` is ISO (``YYYY-MM-DD``; ``YYYY-MM`` or ``YYYY`` mean the first day), ``label`` a
short text and ``actors`` optional actor ids separated by ``;`` (ISO3 for states, the
dictionary's lower_snake_case ids for the rest).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from toolkit._core import data_path
from toolkit.schemas import EVENT_COLUMNS, validate_events

logger = logging.getLogger(__name__)

__all__ = ["EventsError", "load_events", "select_events"]


class EventsError(ValueError):
    """A malformed events file; the message names the file, line and value."""


def _resolve(path: str | Path) -> Path:
    text = str(path)
    if isinstance(path, str) and "/" not in text and "\\" not in text and "." not in text:
        return data_path("events", f"{text}.csv")  # a shipped name such as "sotu"
    return Path(path)


def load_events(path: str | Path = "sotu") -> pd.DataFrame:
    """Load an events file into a table of dated, labelled events.

    Parameters
    ----------
    path
        A CSV file (see the module docstring), or the name of a shipped file:
        ``"sotu"`` reads ``corpus/events-sotu.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``label``, ``actors`` (a tuple of ids), sorted by date.

    Raises
    ------
    FileNotFoundError
        When the file does not exist.
    EventsError
        A ``ValueError`` naming the file, line and value: a missing column, a date that
        cannot be read, an empty label.

    Examples
    --------
    >>> events = load_events("sotu")
    >>> events.loc[events["label"] == "Iraq invades Kuwait", ["date", "actors"]].values.tolist()
    [[Timestamp('1990-08-02 00:00:00'), ('IRQ', 'KWT')]]
    """
    file = _resolve(path)
    if not file.exists():
        raise FileNotFoundError(f"events file not found: {file}")
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = [c for c in ("date", "label") if c not in header]
        if missing:
            raise EventsError(f"{file}, line 1: missing column(s) {missing}; the header must "
                              f"be 'date,label,actors' (actors optional), got {header}")
        reader.fieldnames = header
        rows = []
        for row in reader:
            line = reader.line_num
            if None in row:
                raise EventsError(f"{file}, line {line}: too many fields {row[None]!r}; quote "
                                  "labels that contain commas")
            date_text = (row.get("date") or "").strip()
            label = (row.get("label") or "").strip()
            if not date_text and not label and not (row.get("actors") or "").strip():
                continue  # blank line
            try:
                date = pd.Timestamp(date_text) if date_text else pd.NaT
            except (ValueError, TypeError):
                date = pd.NaT
            if pd.isna(date):
                raise EventsError(f"{file}, line {line}: cannot read date {date_text!r}; "
                                  "use YYYY-MM-DD (or YYYY-MM, YYYY)")
            if not label:
                raise EventsError(f"{file}, line {line}: empty label for the event of "
                                  f"{date_text}")
            actors = tuple(a.strip() for a in (row.get("actors") or "").split(";") if a.strip())
            rows.append((date.tz_localize(None) if date.tzinfo else date, label, actors))
    out = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out["label"] = out["label"].astype(str)
    out = out.sort_values("date", kind="stable").reset_index(drop=True)
    logger.info("load_events: %d events from %s", len(out), file)
    return out


def select_events(events: pd.DataFrame, *, actors: Sequence[str] | None = None,
                  start: str | pd.Timestamp | None = None,
                  end: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Keep the events within ``[start, end]`` that involve any of ``actors``.

    Events without actors are kept whenever ``actors`` is given (they concern everyone,
    like the end of a war). ``end`` is inclusive to the end of its period: ``"2003"``
    keeps all of 2003.

    Examples
    --------
    >>> e = load_events("sotu")
    >>> select_events(e, actors=["IRQ"], start="2000")["label"].tolist()
    ['Invasion of Iraq', 'ISIS takes Mosul']
    """
    validate_events(events)
    keep = pd.Series(True, index=events.index)
    if actors is not None:
        wanted = set(actors)
        keep &= events["actors"].map(lambda a: not a or bool(wanted.intersection(a)))
    if start is not None:
        keep &= events["date"] >= pd.Timestamp(start)
    if end is not None:
        bound = pd.Period(str(end)).end_time if isinstance(end, str) else pd.Timestamp(end)
        keep &= events["date"] <= bound
    return events.loc[keep].reset_index(drop=True)
