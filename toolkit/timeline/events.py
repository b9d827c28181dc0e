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
import io
import logging
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from toolkit._core import data_path
from toolkit.corpus.dates import DATE_RANGE, date_bound, out_of_range_message
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


def _text(file: Path) -> str:
    """The file as text: UTF-8 (a UTF-8 or UTF-16 byte-order mark is understood); an empty
    file or other bytes are a named error."""
    raw = file.read_bytes()
    if not raw.strip():
        raise EventsError(f"{file}: the file is empty; an events file starts with the header "
                          "'date,label,actors'")
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[2:].decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        hint = " (it looks like UTF-16 without a byte-order mark)" if b"\x00" in raw[:200] else ""
        raise EventsError(f"{file}, line {line}: byte {raw[exc.start]:#04x} is not UTF-8{hint}; "
                          "save the file as UTF-8") from None
    if "\x00" in text:
        raise EventsError(f"{file}: holds NUL bytes, so it is not UTF-8 text (UTF-16 without a "
                          "byte-order mark?); save it as UTF-8")
    return text


def _event_date(file: Path, line: int, text: str) -> pd.Timestamp:
    """The date of one event, or an error naming the line and value."""
    try:
        date = pd.Timestamp(text) if text else pd.NaT
    except (ValueError, TypeError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        date = pd.NaT
        try:
            date_bound(text, "date")
        except ValueError as exc:
            if "1678 to 2261" in str(exc):
                raise EventsError(f"{file}, line {line}: {out_of_range_message(text)}") from None
    if pd.isna(date):
        raise EventsError(f"{file}, line {line}: cannot read date {text!r}; "
                          "use YYYY-MM-DD (or YYYY-MM, YYYY)")
    if date.tzinfo:
        date = date.tz_localize(None)
    if not DATE_RANGE[0] <= date <= DATE_RANGE[1]:
        raise EventsError(f"{file}, line {line}: {out_of_range_message(text)}")
    return date


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
        A ``ValueError`` naming the file, line and value: an empty file, bytes that are not
        UTF-8, a missing column, a date that cannot be read or lies outside the dates
        pandas holds (1677-09-22 to 2262-04-11), an empty label.

    Examples
    --------
    >>> events = load_events("sotu")
    >>> events.loc[events["label"] == "Iraq invades Kuwait", ["date", "actors"]].values.tolist()
    [[Timestamp('1990-08-02 00:00:00'), ('IRQ', 'KWT')]]
    """
    file = _resolve(path)
    if not file.exists():
        raise FileNotFoundError(f"events file not found: {file}")
    with io.StringIO(_text(file), newline="") as handle:
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
            date = _event_date(file, line, date_text)
            if not label:
                raise EventsError(f"{file}, line {line}: empty label for the event of "
                                  f"{date_text}")
            actors = tuple(a.strip() for a in (row.get("actors") or "").split(";") if a.strip())
            rows.append((date, label, actors))
    out = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out["label"] = out["label"].astype(str)
    out = out.sort_values("date", kind="stable").reset_index(drop=True)
    logger.info("load_events: %d events from %s", len(out), file)
    return out


def select_events(events: pd.DataFrame, *, actors: Sequence[str] | None = None,
                  start: int | str | pd.Timestamp | None = None,
                  end: int | str | pd.Timestamp | None = None) -> pd.DataFrame:
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
    first, last = date_bound(start, "start"), date_bound(end, "end", end=True)
    if first is not None:
        keep &= events["date"] >= first
    if last is not None:
        keep &= events["date"] <= last
    return events.loc[keep].reset_index(drop=True)
