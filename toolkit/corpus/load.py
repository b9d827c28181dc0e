"""Read corpus files of every supported shape into the one Corpus table.

:func:`load` reads CSV/TSV, JSON Lines, Parquet, a folder of ``.txt`` files, the UN
General Debate folder layout, or a shipped corpus by name (``"sample"``, ``"sotu"``,
``"ungdc"``). It never writes anything. What it dropped or repaired is logged and kept
in ``corpus.attrs["load_report"]``. :func:`from_frame` maps a DataFrame you already have.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_type, data_path, ungdc_parquet
from toolkit.corpus.dates import date_bound, parse_date_column
from toolkit.corpus.paragraphs import split_paragraphs
from toolkit.corpus.read import (
    _ABSENT,
    _load_sotu,
    _read_csv,
    _read_folder,
    _read_jsonl,
    _read_parquet,
    _read_txt,
    _Report,
    _ungdc_frame,
)
from toolkit.schemas import CORPUS_SCHEMA, DATE_DTYPE, CorpusError, validate_corpus

logger = logging.getLogger("toolkit.corpus")

__all__ = ["COLUMN_ALIASES", "SHIPPED", "from_frame", "load"]

_REQUIRED = ("text",)

#: Column names common in news exports, mapped onto the schema (compared case-insensitively).
COLUMN_ALIASES: dict[str, str] = {
    **dict.fromkeys(["id", "docid", "doc", "document_id", "article_id", "uid", "guid"], "doc_id"),
    **dict.fromkeys(
        ["published", "published_at", "publish_date", "publication_date", "pubdate",
         "pub_date", "datetime", "timestamp", "created_at", "time", "day"], "date"),
    **dict.fromkeys(["content", "body", "article", "full_text", "fulltext", "story", "speech"],
                    "text"),
    **dict.fromkeys(["outlet", "publisher", "publication", "media", "medium", "newspaper",
                     "site", "domain", "source_name"], "source"),
    **dict.fromkeys(["headline", "heading", "header", "name"], "title"),
}

#: Shipped corpora that ``load`` accepts by name.
SHIPPED = ("sample", "sotu", "ungdc")

# --------------------------------------------------------------------------- public


def load(
    source: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    date_errors: Literal["raise", "coerce"] = "raise",
    date_format: str | None = None,
    metadata: str | Path | None = None,
    pattern: str | None = None,
    sep: str | None = None,
    paragraphs: bool = False,
    start: int | str | pd.Timestamp | None = None,
    end: int | str | pd.Timestamp | None = None,
    dayfirst: bool | None = None,
) -> pd.DataFrame:
    """Load a corpus from a file, a folder or a shipped name into the Corpus table.

    Parameters
    ----------
    source
        A ``.csv``/``.tsv``, ``.jsonl``/``.ndjson`` or ``.parquet`` file; a single ``.txt``
        file (one document); a folder of
        ``.txt`` files (one document each; the UN General Debate layout
        ``Session NN - YYYY/ISO_NN_YYYY.txt`` is recognised); or a shipped corpus name:
        ``"sample"`` (the seed news article), ``"sotu"`` (US annual messages, 1790 to
        today), ``"ungdc"`` (the UN General Debates from ``../shared``).
    columns
        Your own mapping of input column names onto the schema, e.g.
        ``{"headline_en": "title"}``. Applied before :data:`COLUMN_ALIASES`.
    date_errors
        ``"raise"`` (default) stops at the first date that cannot be parsed, naming the
        value and row; ``"coerce"`` keeps such rows with ``NaT`` and counts them.
    date_format
        An explicit ``strftime`` format for the dates, when they are not ISO-like.
    dayfirst
        The order of numeric dates such as ``05/10/2015``: ``True`` day/month/year,
        ``False`` month/day/year. Default ``None``: ISO and spelled-out dates are read,
        and a numeric date that reads both ways is an error naming the file, line and
        value (see :mod:`toolkit.corpus.dates`).
    metadata
        For a folder: a sidecar CSV with a ``file`` (or ``doc_id``) column and any
        metadata; ``metadata.csv`` inside the folder is used when present.
    pattern
        For a folder: a regular expression with named groups read from each file name,
        e.g. ``r"(?P<date>\\d{4}-\\d{2}-\\d{2})_(?P<source>\\w+)"``.
    sep
        Field separator for CSV-like files (default: tab for ``.tsv``, else comma). Given
        for a ``.txt`` file, reads it as a delimited table instead of one document.
    paragraphs
        Split each document into paragraph documents (see :func:`split_paragraphs`).
    start, end
        Keep only documents dated within ``[start, end]``, both included. A year, as an
        integer or a string (``start=2000, end=2012`` keeps 2000-01-01 to 2012-12-31), a
        date (``"2001-09-11"``; a shorter ``end`` such as ``"2012-06"`` includes its whole
        month) or a ``Timestamp``. Documents without a date are dropped and counted when
        either bound is given.

    Returns
    -------
    pandas.DataFrame
        The Corpus table (see the module docstring), one row per document, in input
        order. ``attrs["load_report"]`` counts what was skipped, dropped or repaired.

    Raises
    ------
    FileNotFoundError
        When ``source`` does not exist (the path is named).
    CorpusError
        A ``ValueError`` naming the file, row and value: an empty file, malformed rows
        (also a row with a missing field), missing columns, duplicate ids, texts that are
        not strings, dates that cannot be parsed, are ambiguous or out of range, bytes
        that are not the format they are named.

    Examples
    --------
    >>> corpus = load("sample")
    >>> corpus.loc[0, ["doc_id", "date", "title"]].tolist()
    ['000_7b58ddb520ee29f2', Timestamp('2015-09-28 00:00:00'), 'Putin seeks partners to fight jihadists']
    >>> len(load("sample", paragraphs=True))
    15
    """
    check_type("source", source, (str, os.PathLike),
               "a file or folder path or a shipped corpus name (" + ", ".join(SHIPPED) + ")")
    check_choice("date_errors", date_errors, ["raise", "coerce"])
    check_type("dayfirst", dayfirst, (bool, type(None)), "True, False or None")
    bounds = date_bound(start, "start"), date_bound(end, "end", end=True)
    if isinstance(source, str) and source in SHIPPED:
        label, report = source, _Report(source)
        df = _load_shipped(source, bounds, report)
    else:
        path = Path(source).expanduser()
        if not path.exists():
            hint = f" (shipped corpora: {', '.join(SHIPPED)})" if isinstance(source, str) else ""
            raise FileNotFoundError(f"corpus not found: {path}{hint}")
        report = _Report(str(path))
        df = _read_path(path, report, metadata=metadata, pattern=pattern, sep=sep)
        label = str(source)
    df = _to_schema(df, label, report, columns=columns, date_errors=date_errors,
                    date_format=date_format, dayfirst=dayfirst)
    if bounds != (None, None):
        df = _between(df, *bounds, report)
    df = report.finish(df)
    validate_corpus(df, where=label)
    if paragraphs:
        df = split_paragraphs(df)
    return df


def _read_path(path: Path, report: _Report, *, metadata: str | Path | None,
               pattern: str | None, sep: str | None) -> pd.DataFrame:
    """Read a file or folder with the reader its type calls for (raw columns)."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return _read_folder(path, report, metadata=metadata, pattern=pattern)
    if suffix == ".txt" and sep is None:
        return _read_txt(path, report)
    if suffix in {".csv", ".tsv", ".tab", ".txt"} and path.is_file():
        return _read_csv(path, sep, report)
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return _read_jsonl(path, report)
    if suffix in {".parquet", ".pq"}:
        df = _read_parquet(path)
        if {"country", "session", "year", "text"} <= set(df.columns) and "doc_id" not in df:
            df = _ungdc_frame(df)
        return df
    raise CorpusError(f"{path}: unsupported file type {suffix!r}; use .csv, .tsv, "
                      ".jsonl, .parquet or a folder of .txt files")


def _between(df: pd.DataFrame, start: pd.Timestamp | None, stop: pd.Timestamp | None,
             report: _Report) -> pd.DataFrame:
    """Keep the rows dated within ``[start, stop]`` (from :func:`date_bound`)."""
    keep = df["date"].notna()
    report.add("undated_documents_dropped_by_date_range", int((~keep).sum()))
    if start is not None:
        keep &= df["date"] >= start
    if stop is not None:
        keep &= df["date"] <= stop
    report.add("documents_outside_date_range_dropped", int((df["date"].notna() & ~keep).sum()))
    return df[keep].reset_index(drop=True)


def _load_shipped(name: str, bounds: tuple[pd.Timestamp | None, pd.Timestamp | None],
                  report: _Report) -> pd.DataFrame:
    if name == "sample":
        return _read_folder(data_path("corpora", "sample"), report, metadata=None, pattern=None)
    if name == "sotu":
        return _load_sotu()
    path = ungdc_parquet()
    if not path.exists():
        raise FileNotFoundError(
            f"the UN General Debate corpus is not at {path}; put the shared folder "
            "beside the repository or set TOOLKIT_SHARED")
    df = pd.read_parquet(path)
    # each speech's year is known before any text is touched: the years outside the range
    # go now (load("ungdc", start="2015", end="2015"), the first load of a process: 1.7-2.0
    # -> 0.7-0.9 CPU s, three runs each, alternated); the exact dates
    # are checked afterwards, like any corpus's
    lo, hi = bounds
    keep = np.ones(len(df), dtype=bool)
    if lo is not None:
        keep &= (df["year"] >= lo.year).to_numpy()
    if hi is not None:
        keep &= (df["year"] <= hi.year).to_numpy()
    report.add("documents_outside_date_range_dropped", int((~keep).sum()))
    return _ungdc_frame(df[keep].reset_index(drop=True))


def _to_schema(df: pd.DataFrame, label: str, report: _Report, *,
               columns: Mapping[str, str] | None, date_errors: str,
               date_format: str | None, dayfirst: bool | None = None) -> pd.DataFrame:
    """Map column names, fill defaults, parse dates, drop empty texts, check ids."""
    df = _rename_columns(df, label, columns)
    where, rowname = _row_numbers(df, label)
    _check_cell_types(df, label, where, rowname, report)
    _restore_absent(df)
    df, where = _drop_empty_texts(df, where, report)
    _check_doc_ids(df, label, where, rowname)
    if "date" in df.columns:
        df["date"] = parse_date_column(df["date"], label=label, rowname=rowname, where=where,
                                       report=report, errors=date_errors, fmt=date_format,
                                       dayfirst=dayfirst)
    else:
        df["date"] = pd.Series(pd.NaT, index=df.index, dtype=DATE_DTYPE)
        logger.info("%s: no date column; dates are missing for all %d documents", label, len(df))
    for col in ("source", "title"):
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].astype("string").fillna("").astype(str)
    order = list(CORPUS_SCHEMA) + [c for c in df.columns if c not in CORPUS_SCHEMA]
    return df[order].reset_index(drop=True)


def _rename_columns(df: pd.DataFrame, label: str, columns: Mapping[str, str] | None
                    ) -> pd.DataFrame:
    """A copy of ``df`` with the user's mapping, then :data:`COLUMN_ALIASES`, applied."""
    df = df.copy()
    if columns:
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise CorpusError(f"{label}: columns={dict(columns)!r} names columns that are not "
                              f"there: {missing}; found "
                              f"{[c for c in df.columns if c != '_line']}")
        df = df.rename(columns=dict(columns))
    present = set(df.columns)
    renames = {}
    for col in df.columns:
        lower = str(col).lower()
        target = COLUMN_ALIASES.get(lower)
        if col not in CORPUS_SCHEMA and lower in CORPUS_SCHEMA and lower not in present:
            target = lower
        if target and target not in present and target not in renames.values():
            renames[col] = target
    df = df.rename(columns=renames)
    for col in _REQUIRED:
        if col not in df.columns:
            raise CorpusError(f"{label}: required column {col!r} is missing; found columns "
                              f"{[c for c in df.columns if c != '_line']}. Pass "
                              f"columns={{'your_column': {col!r}}} to map yours.")
    return df


def _row_numbers(df: pd.DataFrame, label: str) -> tuple[pd.Series, str]:
    """The row number a person finds in the file (the line of a CSV row or JSONL object,
    from the readers' ``_line`` column, which is dropped; else the 0-based row)."""
    if "_line" in df.columns:
        return df.pop("_line"), "line"
    return pd.Series(np.arange(len(df)), index=df.index), "row"


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _check_cell_types(df: pd.DataFrame, label: str, where: pd.Series, rowname: str,
                      report: _Report) -> None:
    """Texts must be strings; ids strings or integers (integral floats such as ``1.0``
    become ``"1"``, counted); titles and sources strings (numbers become text, counted).
    Anything else (lists, dicts, ``1.5`` as an id) names the row and value. In place."""
    for col in ("text", "doc_id", "title", "source"):
        if col not in df.columns:
            continue
        values = df[col]
        if pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
            continue
        kinds = values.map(lambda v: "absent" if v is _ABSENT else
                           "missing" if _is_missing(v) else
                           "str" if isinstance(v, str) else
                           "int" if isinstance(v, (int, np.integer)) and not isinstance(
                               v, (bool, np.bool_)) else
                           "integral" if isinstance(v, (float, np.floating)) and float(
                               v).is_integer() else type(v).__name__)
        scalars = {"str", "missing", "absent", "int", "integral", "float"}
        allowed = {"text": {"str", "missing"}, "doc_id": scalars - {"float"}}.get(col, scalars)
        wrong = ~kinds.isin(allowed)
        if wrong.any():
            i = wrong.idxmax()
            value = values[i]
            what = (f"has no {col!r} field (a line without it is malformed; write "
                    f'"{col}": "" for an empty one)' if value is _ABSENT else
                    f"{col} is {type(value).__name__} {str(value)[:60]!r}, not a string"
                    + ("" if col != "doc_id" else " or an integer"))
            raise CorpusError(f"{label}, {rowname} {where[i]}: {what} "
                              f"({int(wrong.sum())} such row(s))")
        if col == "doc_id" and (kinds == "integral").any():
            report.add("float_ids_read_as_integers", int((kinds == "integral").sum()),
                       example=f"{values[(kinds == 'integral').idxmax()]!r}")
            df[col] = values.map(lambda v: str(int(v)) if isinstance(v, (float, np.floating))
                                 and not _is_missing(v) else v)
        elif col != "text" and kinds.isin({"int", "integral", "float"}).any():
            report.add(f"non_string_{col}s_read_as_text", int(kinds.isin(
                {"int", "integral", "float"}).sum()))


def _restore_absent(df: pd.DataFrame) -> None:
    """Keys some JSON Lines objects lack become missing values, as pandas reads them. In place."""
    for col in df.columns:
        if df[col].dtype == object:
            absent = df[col].map(lambda v: v is _ABSENT)
            if absent.any():
                df[col] = df[col].where(~absent, np.nan).infer_objects()


def _drop_empty_texts(df: pd.DataFrame, where: pd.Series, report: _Report
                      ) -> tuple[pd.DataFrame, pd.Series]:
    """Drop (and count) rows whose text is empty; texts become str."""
    # a byte-order mark left at the start of a text (the UNGDC has them) is not content
    text = df["text"].astype("string").fillna("").str.removeprefix("\ufeff")
    empty = text.str.strip() == ""
    if empty.any():
        ids = df.loc[empty, "doc_id"].astype(str).tolist() if "doc_id" in df else []
        report.add("empty_texts_dropped", int(empty.sum()),
                   example=None if not ids else ", ".join(ids[:3]))
        df, text, where = df[~empty], text[~empty], where[~empty]
    df["text"] = text.astype(str)
    return df, where


def _check_doc_ids(df: pd.DataFrame, label: str, where: pd.Series, rowname: str) -> None:
    """Make ids from row numbers when there are none; else check (in place) they are set
    and unique, naming the rows of the first offenders."""
    if "doc_id" not in df.columns:
        stem = "doc" if label == "frame" else (Path(label).stem or "doc")
        df["doc_id"] = [f"{stem}-{i:06d}" for i in range(len(df))]
        logger.info("%s: no doc_id column; ids made from row numbers", label)
    ids = df["doc_id"]
    if ids.isna().any() or (ids.astype(str).str.strip() == "").any():
        bad = where[ids.isna() | (ids.astype(str).str.strip() == "")].tolist()[:5]
        raise CorpusError(f"{label}: empty doc_id at {rowname}(s) {bad}")
    df["doc_id"] = ids.astype(str)
    dup = df["doc_id"].duplicated(keep=False)
    if dup.any():
        first = list(dict.fromkeys(df.loc[dup, "doc_id"]))[:5]
        rows = {d: where[df["doc_id"] == d].tolist()[:3] for d in first}
        raise CorpusError(f"{label}: {int(df['doc_id'].duplicated().sum())} duplicate "
                          "doc_id(s), first: "
                          + "; ".join(f"{d!r} at {rowname}s {r}" for d, r in rows.items()))


def from_frame(df: pd.DataFrame, *, columns: Mapping[str, str] | None = None,
               date_errors: Literal["raise", "coerce"] = "raise") -> pd.DataFrame:
    """Turn any DataFrame with a text column into a Corpus table (same rules as ``load``).

    Examples
    --------
    >>> c = from_frame(pd.DataFrame({"content": ["Hello."], "published": ["2020-01-02"]}))
    >>> c[["doc_id", "date", "text"]].to_dict("records")
    [{'doc_id': 'doc-000000', 'date': Timestamp('2020-01-02 00:00:00'), 'text': 'Hello.'}]
    """
    check_type("df", df, pd.DataFrame, "a pandas DataFrame with a text column")
    check_choice("date_errors", date_errors, ["raise", "coerce"])
    report = _Report("frame")
    out = _to_schema(df, "frame", report, columns=columns, date_errors=date_errors,
                     date_format=None)
    return report.finish(out)


