"""The manifest of a figures folder, and the rules that keep a folder's other files safe.

``<out>/manifest.csv`` has one row per file the toolkit wrote there (see
:data:`MANIFEST_COLUMNS`), sorted by ``file``, rewritten atomically under a file lock so
parallel notebooks can share a folder. The manifest is also the toolkit's claim on the
folder:

* a ``file`` value is a plain file name in the folder (no ``/``, no ``..``, not absolute);
  a manifest with any other value, or one without the toolkit's columns (someone else's
  ``manifest.csv``), is refused with a :class:`ManifestError` naming the file and line;
* files not listed in it are never deleted or replaced (:func:`check_replace`): the
  researcher's own ``corpus-lengths.svg`` stops the run with an error naming it, unless
  ``force`` (``--force``) is given; a symbolic link is never followed;
* a folder holding figures of another corpus (or of the same notebook on other content:
  another date range, an updated file) is never written into unless forced; in the
  scratch folder of interactive runs (``figures-lab``) the same notebook's older figures
  are replaced, with a warning.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.cache import atomic_write
from toolkit.figures.folders import (
    LAB_FOLDER,
    OutputFolderError,
    changed_parameters,
    output_dir,
    overrides_text,
)

logger = logging.getLogger(__name__)

__all__ = ["MANIFEST", "MANIFEST_COLUMNS", "ManifestError", "OutputConflictError",
           "check_file_name", "check_replace", "commit_staged", "foreign_files",
           "prepare_folder", "read_manifest", "remove_entries"]

#: Columns of ``manifest.csv``, one row per file, sorted by ``file``. ``parameters`` are
#: the notebook's parameters; ``overrides`` those the run changed (``-p``, a parameters
#: file), which tell runs of other parameters apart.
MANIFEST_COLUMNS: tuple[str, ...] = (
    "file", "figure", "format", "notebook", "corpus", "corpus_fingerprint", "n_documents",
    "parameters", "overrides", "seed", "python", "numpy", "pandas", "scipy", "gensim", "nltk",
    "networkx", "matplotlib", "pillow", "toolkit", "toolkit_source", "lock", "caption", "bytes",
    "sha256",
)
#: File name of the manifest in each figures folder.
MANIFEST = "manifest.csv"
_REQUIRED = ("file", "notebook", "corpus", "sha256")
_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ENV_OVERRIDES = "TOOLKIT_FIGURES_OVERRIDES"


class OutputConflictError(OutputFolderError, RuntimeError):
    """The output folder holds figures of other corpus content, or files not the toolkit's."""


class ManifestError(OutputFolderError):
    """A ``manifest.csv`` the toolkit did not write, or a row naming a file outside its folder."""


def check_file_name(file: Any, *, where: str = "file") -> str:
    """Return ``file`` if it is a plain file name inside a folder; else raise ``ValueError``.

    Examples
    --------
    >>> check_file_name("topics-sweep.svg")
    'topics-sweep.svg'
    >>> check_file_name("../x")
    Traceback (most recent call last):
    ...
    ValueError: file '../x' is not a file name inside the output folder (letters, digits, '-', '_', '.'; no '/', no '..', not absolute)
    """
    if not isinstance(file, str) or not _FILE.match(file) or file == MANIFEST:
        raise ValueError(f"{where} {file!r} is not a file name inside the output folder "
                         "(letters, digits, '-', '_', '.'; no '/', no '..', not absolute)")
    return file


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    # never follow a planted link, never truncate: the lock file is only locked
    fd = os.open(folder / ".manifest.lock", os.O_WRONLY | os.O_CREAT
                 | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str) for c in MANIFEST_COLUMNS})


def read_manifest(folder: str | Path | None = None) -> pd.DataFrame:
    """Read ``<folder>/manifest.csv`` (empty table with :data:`MANIFEST_COLUMNS` if absent).

    ``folder`` defaults to :func:`toolkit.figures.output_dir` of the default corpus.

    Raises
    ------
    ManifestError
        The file is not a toolkit manifest (not a CSV, or without the toolkit's columns),
        or a row's ``file`` is not a file name inside the folder (file, line and value).

    Examples
    --------
    >>> import tempfile
    >>> read_manifest(tempfile.mkdtemp()).columns[:3].tolist()
    ['file', 'figure', 'format']
    """
    path = Path(folder if folder is not None else output_dir()) / MANIFEST
    if not path.exists():
        return _empty()
    advice = "move it away or choose another output folder (--out)"
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path} is not a toolkit manifest ({type(exc).__name__}: "
                            f"{str(exc).strip()[:120]}); {advice}") from None
    missing = [c for c in _REQUIRED if c not in table.columns]
    if missing:
        raise ManifestError(f"{path} is not a toolkit manifest: it has no column(s) {missing} "
                            f"(its columns: {list(table.columns)[:8]}); {advice}")
    for i, file in enumerate(table["file"]):
        try:
            check_file_name(file)
        except ValueError as exc:
            raise ManifestError(f"{path}, line {i + 2}: {exc}; the toolkit never writes such a "
                                f"row: remove the line, or {advice}") from None
    for col in ("n_documents", "bytes"):
        if col in table:
            numbers = pd.to_numeric(table[col].replace("", "0"), errors="coerce")
            if numbers.isna().any():
                line = int(numbers.isna().to_numpy().argmax()) + 2
                raise ManifestError(f"{path}, line {line}: {col} "
                                    f"{table[col].iloc[line - 2]!r} is not a number; {advice}")
            table[col] = numbers.astype("int64")
    for col in MANIFEST_COLUMNS:
        if col not in table:
            table[col] = ""  # written by an older version
    extra = [c for c in table.columns if c not in MANIFEST_COLUMNS]
    return table[list(MANIFEST_COLUMNS) + extra]


def _write_manifest(folder: Path, table: pd.DataFrame) -> None:
    table = table.reindex(columns=list(MANIFEST_COLUMNS)).fillna("")
    table = table.sort_values("file", kind="stable").reset_index(drop=True)
    atomic_write(folder / MANIFEST, table.to_csv(index=False, lineterminator="\n").encode())


def _overrides(row: Mapping[str, Any]) -> str:
    env = os.environ.get(_ENV_OVERRIDES)
    if env is not None:
        return env  # the figure runner's -p values and parameters file, as it recorded them
    try:
        params = json.loads(row.get("parameters") or "{}")
    except json.JSONDecodeError:
        params = {}
    return overrides_text(changed_parameters(str(row.get("notebook", "")), params))


def _update_manifest(folder: Path, rows: list[dict[str, Any]]) -> None:
    """Add or replace the rows of ``rows``'s files."""
    rows = [{**r, "overrides": r.get("overrides") or _overrides(r)} for r in rows]
    with _locked(folder):
        table = read_manifest(folder)
        table = table[~table["file"].isin([r["file"] for r in rows])]
        new = pd.DataFrame(rows, columns=list(MANIFEST_COLUMNS))
        _write_manifest(folder, pd.concat([table.astype(object), new.astype(object)],
                                          ignore_index=True))


def foreign_files(folder: str | Path, files: Sequence[str]) -> list[str]:
    """Return those of ``files`` that exist in ``folder`` but are not in its manifest.

    Such files are someone else's: the toolkit never replaces or deletes them unforced.
    A symbolic link counts as foreign even when listed.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "corpus-lengths.svg").write_text("<svg/>")
    >>> foreign_files(folder, ["corpus-lengths.svg", "new.png"])
    ['corpus-lengths.svg']
    """
    folder = Path(folder)
    listed = set(read_manifest(folder)["file"])
    found = []
    for file in files:
        path = folder / check_file_name(file)
        if path.is_symlink() or (path.exists() and file not in listed):
            found.append(file)
    return found


def check_replace(folder: str | Path, files: Sequence[str], *, force: bool = False) -> None:
    """Refuse to write ``files`` into ``folder`` over files the toolkit did not write.

    Call before writing; with ``force`` the files are replaced, with a warning.

    Raises
    ------
    OutputConflictError
        Naming the files, the folder and what to do.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.svg").write_text("<svg/>")
    >>> check_replace(folder, ["other.svg"])
    >>> check_replace(folder, ["notes.svg"])
    Traceback (most recent call last):
    ...
    toolkit.figures.manifest.OutputConflictError: ... holds notes.svg, which the toolkit did not write ...
    """
    found = foreign_files(folder, files)
    if not found:
        return
    names = ", ".join(found)
    if not force:
        raise OutputConflictError(
            f"{folder} holds {names}, which the toolkit did not write (not in its {MANIFEST}); "
            "it would be replaced. Move it away, choose another folder (--out), or pass "
            "--force (force=True) to replace it")
    logger.warning("figures: replacing %s in %s, which the toolkit did not write (forced)",
                   names, folder)


def prepare_folder(folder: str | Path) -> Path:
    """Create ``folder`` if needed and check that files can be written in it; return it.

    Raises
    ------
    OutputFolderError
        The folder cannot be created or written (the reason and what to do).

    Examples
    --------
    >>> import tempfile
    >>> prepare_folder(Path(tempfile.mkdtemp()) / "figures-x").name
    'figures-x'
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".write-test.{os.getpid()}.",
                                     suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputFolderError(
            f"cannot write into the output folder {folder} ({exc.strerror or exc}); choose "
            "another folder: --out DIR (make figures OUT=DIR) or out=...") from None
    return folder


def remove_entries(folder: str | Path, files: Sequence[str]) -> int:
    """Delete figure files and their manifest rows; return how many rows were removed.

    Only files listed in the manifest are deleted, inside ``folder``: a listed symbolic
    link is unlinked, never followed.

    Examples
    --------
    >>> import tempfile
    >>> remove_entries(tempfile.mkdtemp(), ["gone.svg"])
    0
    """
    folder = Path(folder)
    with _locked(folder):
        table = read_manifest(folder)
        drop = table["file"].isin(list(files))
        for file in table.loc[drop, "file"]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / check_file_name(file))
        if drop.any():
            _write_manifest(folder, table[~drop])
    return int(drop.sum())


def _concat(*tables: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([t.astype(object) for t in tables], ignore_index=True)


def commit_staged(staging: str | Path, out: str | Path, *, notebook: str,
                  files: Sequence[str], force: bool = False,
                  started_from: Sequence[str] | None = None) -> list[str]:
    """Move a notebook's files from a staging folder into ``out``; return the files removed.

    ``staging`` holds the files the notebook wrote (``files``) and its copy of ``out``'s
    manifest, updated by the notebook. Under the folder's lock: every name is checked, files
    the toolkit did not write are protected (:func:`check_replace`), then the manifest is
    rewritten to list every file about to change, the files are moved in (one atomic
    rename each), the files that go are deleted (figures of another corpus that the
    notebook's forced guard dropped, figures this notebook no longer makes), and the final
    manifest is written. A kill at any point leaves no file in ``out`` unlisted.

    ``started_from``: the files of ``out``'s manifest when the staging copy was made.
    Files listed in ``out`` since then (by a notebook running beside this one) are kept;
    default: every file of ``out`` counts as seen by the notebook.

    Raises
    ------
    OutputConflictError
        A file would replace one the toolkit did not write (nothing was changed).

    Examples
    --------
    >>> import tempfile
    >>> out, staging = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = (staging / "a.svg").write_text("<svg/>")
    >>> _update_manifest(staging, [{"file": "a.svg", "notebook": "01-demo", "corpus": "x"}])
    >>> commit_staged(staging, out, notebook="01-demo", files=["a.svg"])
    []
    >>> read_manifest(out)["file"].tolist(), (out / "a.svg").read_text()
    (['a.svg'], '<svg/>')
    """
    staging, out = Path(staging), Path(out)
    files = [check_file_name(f, where=f"{notebook} wrote") for f in files]
    with _locked(out):
        current = read_manifest(out)
        staged = read_manifest(staging)
        check_replace(out, files, force=force)
        new = staged[staged["file"].isin(files)]
        seen = current["file"] if started_from is None else pd.Series(list(started_from))
        gone = current[(current["file"].isin(seen) & ~current["file"].isin(staged["file"]))
                       | ((current["notebook"] == notebook) & ~current["file"].isin(files))]
        gone = gone[~gone["file"].isin(files)]
        if len(gone):
            logger.info("  %s: removing %d figure files: %s", notebook, len(gone),
                        ", ".join(gone["file"]))
        kept = current[~current["file"].isin(files)]
        _write_manifest(out, _concat(kept, new))
        for file in files:
            target = out / file
            if target.is_symlink():
                target.unlink()  # replace the link itself, never write through it
            os.replace(staging / file, target)
        for file in gone["file"]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(out / file)
        _write_manifest(out, _concat(kept[~kept["file"].isin(gone["file"])], new))
    return gone["file"].tolist()


def _is_lab(folder: Path) -> bool:
    return folder.name == LAB_FOLDER or folder.name.startswith(f"{LAB_FOLDER}-")


def _guard(folder: Path, info: Mapping[str, Any], *, force: bool) -> None:
    """Refuse to mix corpora in one folder (and check it can be written).

    Conflicts: figures of another corpus (by name), or figures of this same notebook made
    from different content (another date range, an updated corpus file). Notebooks may
    legitimately pass different tables of one corpus (documents, paragraphs), so other
    notebooks' fingerprints are not compared. With ``force`` the conflicting figures are
    deleted instead; in the lab folder, so are the same corpus's older figures.
    """
    prepare_folder(folder)
    manifest = read_manifest(folder)
    if manifest.empty:
        return
    other = manifest[(manifest["corpus"] != info["corpus"]) | (
        (manifest["notebook"] == info["notebook"])
        & (manifest["corpus_fingerprint"] != info["corpus_fingerprint"]))]
    if other.empty:
        return
    corpora = ", ".join(sorted({f"{c or '?'} ({f[:12]})" for c, f in
                                zip(other["corpus"], other["corpus_fingerprint"])}))
    scratch = _is_lab(Path(folder)) and set(other["corpus"]) == {info["corpus"]}
    if not force and not scratch:
        raise OutputConflictError(
            f"{folder} holds {len(other)} figure files made from other corpus content "
            f"[{corpora}] than this run of {info['notebook']} [{info['corpus'] or '?'} "
            f"({info['corpus_fingerprint'][:12]})]; write elsewhere (out=..., "
            f"TOOLKIT_FIGURES_DIR or --out DIR) or replace them (force=True, --force)")
    logger.warning("figures: replacing %d figure files of %s in %s", len(other), corpora,
                   folder)
    remove_entries(folder, other["file"].tolist())
