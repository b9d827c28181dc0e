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

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._corpus_read import (
    CorpusError,
    _load_sotu,
    _read_csv,
    _read_folder,
    _read_jsonl,
    _Report,
    _ungdc_frame,
)
from toolkit._util import CORPUS_DIR, UNGDC_PARQUET, check_choice

logger = logging.getLogger(__name__)
CorpusError.__module__ = __name__  # its public home, as tracebacks and docs show it

__all__ = [
    "CorpusError",
    "SCHEMA",
    "COLUMN_ALIASES",
    "SHIPPED",
    "load",
    "validate",
    "split_paragraphs",
    "from_frame",
    "duplicate_clusters",
    "deduplicate",
    "summary",
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


# near-duplicate detection lives in its own module; it is part of this module's API
from toolkit._duplicates import deduplicate, duplicate_clusters  # noqa: E402
