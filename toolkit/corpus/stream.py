"""Read a corpus bigger than memory one partition at a time, into the same Corpus table.

:func:`partitions` lists the row groups of a Parquet file or dataset (hive folders such as
``year=2001/`` included) without reading text; :func:`stream` yields every partition of
any format :func:`toolkit.corpus.load` reads as a Corpus table, through the rules of
``load`` (so the partitions put together equal ``load(source)``; ids made from row
numbers continue across partitions). :func:`minhash` and :func:`minhash_links` split
:func:`toolkit.corpus.duplicate_clusters` into a step per partition and one over all.
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core import check_choice, check_int, check_number, check_type
from toolkit.corpus.duplicates import _candidate_pairs, _link, _lsh_params, _minhash_signatures
from toolkit.corpus.load import COLUMN_ALIASES, _to_schema
from toolkit.corpus.read import (_ABSENT, _UNGDC_FILE, _field_count_error, _is_junk,
                                 _json_record, _long_fields, _parquet_dataset, _parquet_files,
                                 _read_csv, _read_text, _read_txt, _Report, _ungdc_frame)
from toolkit.schemas import CorpusError

logger = logging.getLogger("toolkit.corpus")

__all__ = ["DEFAULT_ROWS", "Partition", "PartitionError", "load_partition", "minhash",
           "minhash_links", "partitions", "stream"]

#: Rows (documents) per partition unless told otherwise: about 20-60 MB of news text.
DEFAULT_ROWS = 5000
_PARQUET = (".parquet", ".pq")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class PartitionError(CorpusError):
    """A partition could not be read or loaded; the message names the file and row."""


PartitionError.__module__ = "toolkit.corpus.stream"


@dataclass(frozen=True)
class Partition:
    """Where a partition is: file, first row (0-based; a folder: first file), rows, row groups."""

    index: int
    file: str
    first: int
    rows: int
    row_groups: tuple[int, ...] = ()
    keys: tuple[tuple[str, Any], ...] = field(default=())

    def __str__(self) -> str:
        return f"partition {self.index} ({self.file}, rows {self.first}-{self.first + self.rows - 1})"


def _checked(source: Any, rows: int) -> Path:
    check_type("source", source, (str, os.PathLike), "a corpus file or folder")
    check_int("rows", rows, minimum=1)
    path = Path(source).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"corpus not found: {path}")
    return path


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() in _PARQUET or (path.is_dir() and bool(_parquet_files(path)))


def partitions(source: str | os.PathLike, *, rows: int = DEFAULT_ROWS) -> list[Partition]:
    """List the partitions of a Parquet file or dataset: row groups of a file grouped up
    to ``rows`` rows (never split: write row groups of a few thousand documents).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"doc_id": list("abcde"), "text": ["x"] * 5}).to_parquet(
    ...     folder / "part-0.parquet", row_group_size=2)
    >>> [(p.first, p.rows, p.row_groups) for p in partitions(folder, rows=4)]
    [(0, 4, (0, 1)), (4, 1, (2,))]
    """
    import pyarrow.dataset as ds

    path = _checked(source, rows)
    if not _is_parquet(path):
        raise CorpusError(f"{path}: not a Parquet file or a folder of Parquet files; "
                          "stream() reads CSV, JSON Lines and .txt folders in chunks")
    try:
        dataset = _parquet_dataset(path)
        files = [(f.path, [rg.num_rows for rg in f.row_groups], tuple(sorted(
            ds.get_partition_keys(f.partition_expression).items())))
            for f in sorted(dataset.get_fragments(), key=lambda f: f.path)]
    except Exception as exc:  # pyarrow's ArrowInvalid: a damaged or foreign file
        raise PartitionError(f"{path}: cannot read the Parquet metadata ({type(exc).__name__}: "
                             f"{str(exc)[:200]}); is every file complete?") from None
    out: list[Partition] = []
    for file, sizes, keys in files:
        group: list[int] = []
        first = n = 0
        for i, size in enumerate([*sizes, rows + 1]):  # the sentinel closes the last group
            if group and (n + size > rows or i == len(sizes)):
                out.append(Partition(len(out), file, first, n, tuple(group), keys))
                group, first, n = [], first + n, 0
            group.append(i)
            n += size
    return out


def _read_parquet_partition(part: Partition) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(part.file).read_row_groups(list(part.row_groups))
    except Exception as exc:  # a damaged page, a truncated file
        raise PartitionError(f"{part}: cannot read these Parquet row groups "
                             f"({type(exc).__name__}: {str(exc)[:200]})") from None
    df = table.to_pandas()
    for key, value in part.keys:
        if key not in df.columns:
            df[key] = value
    if {"country", "session", "year", "text"} <= set(df.columns) and "doc_id" not in df:
        df = _ungdc_frame(df)  # the UN General Debate layout, as load() reads it
    return df


def _has_ids(columns: Any, mapping: Mapping[str, str] | None) -> bool:
    """Whether ``load`` would find a doc_id column among these raw columns."""
    if mapping and "doc_id" in mapping.values():
        return True
    return any(str(c).lower() == "doc_id" or COLUMN_ALIASES.get(str(c).lower()) == "doc_id"
               for c in columns)


def _to_corpus(raw: pd.DataFrame, part: Partition, stem: str, offset: int,
               opts: dict[str, Any], report: _Report) -> pd.DataFrame:
    """One raw partition through the rules of ``load``; ids from row numbers continue at
    ``offset`` when the source has none."""
    label = part.file if "_line" in raw else (
        f"{part.file} (partition {part.index}, rows from {part.first})")
    try:
        df = _to_schema(raw, label, report, **opts)
    except CorpusError as exc:
        raise PartitionError(str(exc)) from None
    if not _has_ids(raw.columns, opts["columns"]):
        df["doc_id"] = [f"{stem}-{offset + i:06d}" for i in range(len(df))]
    return df


def load_partition(part: Partition, **options: Any) -> pd.DataFrame:
    """Read one Parquet partition into a Corpus table, on its own (a cluster worker does):
    the data must have ids. ``options``: ``columns``, ``date_errors``, ``date_format``,
    ``dayfirst`` of :func:`toolkit.corpus.load`.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "c.parquet"
    >>> pd.DataFrame({"doc_id": ["a", "b"], "text": ["One.", "Two."]}).to_parquet(f)
    >>> load_partition(partitions(f)[0])[["doc_id", "text"]].values.tolist()
    [['a', 'One.'], ['b', 'Two.']]
    """
    check_type("part", part, Partition, "a Partition from toolkit.corpus.stream.partitions")
    opts = _options(options)
    raw = _read_parquet_partition(part)
    if not _has_ids(raw.columns, opts["columns"]):
        raise PartitionError(f"{part}: has no doc_id column; a partition read on its own "
                             "needs ids in the data (stream() numbers rows across partitions)")
    report = _Report(part.file)
    return report.finish(_to_corpus(raw, part, Path(part.file).stem, 0, opts, report))


def _options(options: dict[str, Any]) -> dict[str, Any]:
    out = {"columns": None, "date_errors": "raise", "date_format": None, "dayfirst": None}
    if set(options) - set(out):
        raise TypeError(f"unknown option(s) {sorted(set(options) - set(out))}; the options of "
                        f"load a partition takes are {sorted(out)}")
    check_choice("date_errors", options.get("date_errors", "raise"), ["raise", "coerce"])
    return {**out, **options}


def stream(source: str | os.PathLike, *, rows: int = DEFAULT_ROWS, sep: str | None = None,
           metadata: str | os.PathLike | None = None, pattern: str | None = None,
           skip: Mapping[int, int] | frozenset[int] = frozenset(), **options: Any
           ) -> Iterator[tuple[Partition, pd.DataFrame | None]]:
    """Yield every partition of a corpus on disk as a Corpus table, in order.

    ``source``: a Parquet file or dataset, a CSV/TSV or JSON Lines file (chunks of
    ``rows`` records), a folder of ``.txt`` files (chunks of ``rows`` files).
    ``sep``, ``metadata``, ``pattern`` and ``options`` (``columns``, ``date_errors``,
    ``date_format``, ``dayfirst``) are those of :func:`toolkit.corpus.load`. Partitions
    in ``skip`` (a resumed run has them; a mapping gives their documents, so numbered ids
    continue) are yielded as ``(partition, None)``, Parquet ones without being read.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "news.csv"
    >>> pd.DataFrame({"text": ["One.", "Two.", "Three."]}).to_csv(f, index=False)
    >>> [c["doc_id"].tolist() for _, c in stream(f, rows=2)]
    [['news-000000', 'news-000001'], ['news-000002']]
    """
    opts = _options(options)
    path = _checked(source, rows)
    if _is_parquet(path):
        chunks: Iterator[tuple[Partition, pd.DataFrame | None]] = (
            (p, None if p.index in skip else _read_parquet_partition(p))
            for p in partitions(path, rows=rows))
    elif path.is_dir():
        chunks = _folder_chunks(path, rows, metadata, pattern)
    elif path.suffix.lower() == ".txt" and sep is None:  # one document, as load() reads it
        chunks = iter([(Partition(0, str(path), 0, 1), _read_txt(path, _Report(str(path))))])
    elif path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        chunks = _jsonl_chunks(path, rows)
    elif path.suffix.lower() in {".csv", ".tsv", ".tab", ".txt"}:
        chunks = _csv_chunks(path, rows, sep)
    else:
        raise CorpusError(f"{path}: unsupported file type {path.suffix!r}; use .csv, .tsv, "
                          ".jsonl, .parquet or a folder of .txt files")
    offset = 0
    for part, raw in chunks:
        if raw is None or part.index in skip:
            offset += skip[part.index] if isinstance(skip, Mapping) else part.rows
            yield part, None
            continue
        report = _Report(part.file)
        df = _to_corpus(raw, part, path.stem, offset, opts, report)
        offset += len(df)
        yield part, report.finish(df)


def _open_text(path: Path) -> Any:
    """``path`` as text in the encoding of its byte-order mark (else UTF-8, bad bytes replaced)."""
    with path.open("rb") as f:
        head = f.read(4)
    if not head:
        raise CorpusError(f"{path}: the file is empty (0 bytes)")
    encoding = next((e for bom, e in _BOMS if head.startswith(bom)), "utf-8")
    return path.open("r", encoding=encoding, errors="replace", newline="")


def _batches(path: Path, records: Iterator[tuple[Any, int]], rows: int, frame: Any
             ) -> Iterator[tuple[Partition, pd.DataFrame]]:
    """Group ``(record, line)`` pairs into partitions of ``rows`` records (``_line`` kept)."""
    batch, lines, index = [], [], 0
    for record, line in records:
        batch.append(record)
        lines.append(line)
        if len(batch) == rows:
            yield Partition(index, str(path), index * rows, rows), frame(batch, lines)
            index, batch, lines = index + 1, [], []
    if batch or index == 0:
        yield Partition(index, str(path), index * rows, len(batch)), frame(batch, lines)


def _csv_chunks(path: Path, rows: int, sep: str | None
                ) -> Iterator[tuple[Partition, pd.DataFrame]]:
    sep = sep or ("\t" if path.suffix.lower() in {".tsv", ".tab"} else ",")
    with _open_text(path) as handle, _long_fields():
        reader = csv.reader(handle, delimiter=sep)
        try:
            header = next((r for r in reader if r), None)
            if header is None:
                raise CorpusError(f"{path}: the file is empty")
            header = [h.strip() or f"Unnamed: {i}" for i, h in enumerate(header)]

            def records() -> Iterator[tuple[list[str], int]]:
                start = reader.line_num + 1
                for record in reader:
                    if record:
                        if len(record) != len(header):
                            raise PartitionError(_field_count_error(path, start, record,
                                                                    header, sep))
                        yield record, start
                    start = reader.line_num + 1

            yield from _batches(path, records(), rows, lambda batch, lines: pd.DataFrame(
                batch, columns=header, dtype=str).assign(_line=lines))
        except csv.Error as exc:
            raise PartitionError(f"{path}: malformed CSV at line {reader.line_num}: {exc}"
                                 ) from None


def _jsonl_chunks(path: Path, rows: int) -> Iterator[tuple[Partition, pd.DataFrame]]:
    def records() -> Iterator[tuple[dict, int]]:
        with _open_text(path) as handle:
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                yield _json_record(path, lineno, line, PartitionError), lineno

    def frame(batch: list[dict], lines: list[int]) -> pd.DataFrame:
        if not batch:
            raise CorpusError(f"{path}: no JSON objects: the file is empty")
        keys = list(dict.fromkeys(k for row in batch for k in row))
        return pd.DataFrame([{k: r.get(k, _ABSENT) for k in keys} for r in batch]).assign(
            _line=lines)

    yield from _batches(path, records(), rows, frame)


def _folder_chunks(folder: Path, rows: int, metadata: str | os.PathLike | None,
                   pattern: str | None) -> Iterator[tuple[Partition, pd.DataFrame]]:
    import re

    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".txt"
                   and not any(_is_junk(Path(s)) for s in p.relative_to(folder).parts))
    if not files:
        raise CorpusError(f"{folder}: no .txt files found")
    report = _Report(str(folder))
    sidecar = Path(metadata) if metadata else next(
        (folder / n for n in ("metadata.csv", "metadata.tsv") if (folder / n).exists()), None)
    meta, on = None, "file"
    if sidecar is not None:
        if not sidecar.exists():
            raise FileNotFoundError(f"metadata file not found: {sidecar}")
        meta = _read_csv(sidecar, None, report).drop(columns="_line")
        key = next((k for k in ("file", "filename", "doc_id", "id") if k in meta.columns), None)
        if key is None:
            raise CorpusError(f"{sidecar}: needs a 'file' or 'doc_id' column to match the "
                              f".txt files; found columns {list(meta.columns)}")
        on = "file" if key in ("file", "filename") else "doc_id"
        meta = meta.rename(columns={key: on})
        if on == "file":
            meta["file"] = meta["file"].map(lambda f: f if f.endswith(".txt") else f + ".txt")
        rel = [p.relative_to(folder) for p in files]
        unknown = sorted(set(meta[on]) - {(r if on == "file" else r.with_suffix("")).as_posix()
                                          for r in rel})
        if unknown:
            raise CorpusError(f"{sidecar}: rows name files that are not in {folder}: "
                              f"{unknown[:5]}")
    regex = re.compile(pattern) if pattern else None
    ungdc = all(_UNGDC_FILE.match(p.name) for p in files)
    for index, first in enumerate(range(0, len(files), rows)):
        chunk = files[first:first + rows]
        part = Partition(index, str(folder), first, len(chunk))
        texts = [(p, _read_text(p, report)) for p in chunk]
        if ungdc:  # the UN General Debate layout: Session NN - YYYY/ISO_NN_YYYY.txt
            yield part, _ungdc_frame(texts)
            continue
        records = []
        for p, text in texts:
            rel = p.relative_to(folder)
            row: dict[str, Any] = {"doc_id": rel.with_suffix("").as_posix(),
                                   "file": rel.as_posix(), "text": text}
            if regex is not None:
                m = regex.search(p.stem)
                if m is None:
                    raise PartitionError(f"{p}: file name does not match pattern {pattern!r}")
                row.update({k: v for k, v in m.groupdict().items() if v is not None})
            records.append(row)
        df = pd.DataFrame(records)
        if meta is not None:
            df = df.merge(meta, on=on, how="left", suffixes=("", "_meta"))
            if "doc_id_meta" in df:
                given = df.pop("doc_id_meta")
                df["doc_id"] = given.where(given.notna() & (given != ""), df["doc_id"])
        yield part, df


def minhash(corpus: pd.DataFrame, *, shingle: int = 5, num_perm: int = 128,
            seed: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return the MinHash signatures and shingle counts of a partition's documents.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> sigs, sizes = minhash(from_frame(pd.DataFrame({"text": ["a b c d e f", "?"]})))
    >>> sigs.shape, sizes.tolist()
    ((2, 128), [2, 0])
    """
    check_int("shingle", shingle, minimum=1)
    check_int("num_perm", num_perm, minimum=2)
    return _minhash_signatures(corpus["text"].tolist(), shingle=shingle, num_perm=num_perm,
                               seed=seed)


def minhash_links(signatures: np.ndarray, sizes: np.ndarray, *, threshold: float = 0.8
                  ) -> tuple[dict[int, list[int]], dict[int, float]]:
    """Link near-duplicates among every document's signatures: groups of rows, lowest links.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> base = "the ministers met in geneva to discuss the ceasefire in the north " * 5
    >>> groups, low = minhash_links(*minhash(from_frame(pd.DataFrame(
    ...     {"text": [base, "other words entirely", base + " now"]}))))
    >>> sorted(groups.values()), low
    ([[0, 2], [1]], {0: 0.9...})
    """
    check_number("threshold", threshold, minimum=0, inclusive=False)
    check_number("threshold", threshold, maximum=1)
    if len(sizes) != len(signatures):
        raise ValueError(f"signatures has {len(signatures)} rows but sizes {len(sizes)}")
    bands, rows = _lsh_params(threshold, signatures.shape[1])
    candidates = _candidate_pairs(signatures, np.flatnonzero(sizes > 0), bands, rows)
    logger.info("minhash_links: %d documents, %d bands x %d rows, %d candidate pairs",
                len(sizes), bands, rows, len(candidates))
    return _link(candidates, signatures, threshold)
