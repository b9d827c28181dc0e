"""The output folder of a run: one checkpoint per partition, the final tables, the manifest.

Layout of ``out/``::

    run.json                    the manifest: source, settings, partitions done, complete
    partials/part-00003/        the checkpoint of partition 3 (toolkit.scale.partial)
    mentions/part-00003.parquet the Mentions table of partition 3
    edges.parquet, attention.parquet, terms.parquet, clusters.parquet
                                the final tables, written only when every partition is done

A rerun on the same folder with the same source and settings **skips the partitions
already done** (it reads their checkpoints instead of computing them again), unless the
file a partition came from has changed since (its size or modification time): such a
partition is computed again, so repairing one damaged file of a dataset recomputes only
its partitions. Other settings or another source raise an error that names what
differs, unless ``resume=False``, which clears the folder's checkpoints and computes
everything. While a
run is under way, and after one that stopped on an error, ``run.json`` says
``"complete": false`` and no final table is in the folder, so partial results are never
taken for complete ones.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.cache import atomic_write

logger = logging.getLogger("toolkit.scale")

__all__ = ["FINAL_TABLES", "RunFolder", "source_files", "stamp"]

#: The final tables of a complete run.
FINAL_TABLES = ("edges", "attention", "terms", "clusters")


def source_files(source: str | os.PathLike) -> list[list[Any]]:
    """Return ``[path, size, mtime_ns]`` of every file of a source (a file or a folder).

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = f.write_text("text\\nHello.\\n")
    >>> [size for _, size, _ in source_files(f)]
    [12]
    """
    path = Path(source)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [[str(p), p.stat().st_size, p.stat().st_mtime_ns] for p in files]


def stamp(path: str | os.PathLike) -> list[list[Any]]:
    """Return what identifies the content of a file (or folder) cheaply: sizes and times.

    Examples
    --------
    >>> stamp("/no/such/file")
    []
    """
    return source_files(path) if Path(path).exists() else []


class RunFolder:
    """The output folder of a run (see the module docstring).

    Examples
    --------
    >>> import tempfile
    >>> folder = RunFolder(Path(tempfile.mkdtemp()) / "run")
    >>> folder.start({"source": "x", "settings": {}}, resume=True)
    {}
    >>> folder.manifest()["complete"]
    False
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)

    def manifest(self) -> dict[str, Any]:
        """The manifest, or ``{}`` when the folder holds no run."""
        try:
            return json.loads((self.path / "run.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        atomic_write(self.path / "run.json", json.dumps(manifest, indent=1, default=str)
                     .encode("utf-8"))

    def partial_dir(self, index: int) -> Path:
        """The checkpoint folder of partition ``index``."""
        return self.path / "partials" / f"part-{index:05d}"

    def mentions_file(self, index: int) -> Path:
        """The Parquet file of partition ``index``'s mentions."""
        return self.path / "mentions" / f"part-{index:05d}.parquet"

    def done(self) -> dict[int, int]:
        """Partitions whose checkpoint is complete and whose file has not changed since,
        with the number of documents each holds."""
        folder = self.path / "partials"
        out = {}
        for p in sorted(folder.glob("part-*")) if folder.exists() else []:
            try:
                meta = json.loads((p / "partial.json").read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                continue
            if meta.get("stamp") == stamp(meta["part"]["file"]):
                out[int(p.name.split("-")[1])] = int(meta["counts"]["documents"])
            else:
                logger.info("%s: %s has changed since this checkpoint; computed again", p,
                            meta["part"]["file"])
        return out

    def start(self, run: dict[str, Any], *, resume: bool) -> dict[int, int]:
        """Begin (or resume) a run; return the partitions already done.

        ``run`` describes it (``source``, ``files``, ``rows``, ``settings``): a folder
        holding another run is an error unless ``resume=False``, which clears it.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        before = self.manifest()
        if before and resume:
            differ = [k for k in run if before.get(k) != json.loads(json.dumps(
                run[k], default=str))]
            if differ:
                raise ValueError(
                    f"{self.path} holds a run of another {', '.join(differ)} (run.json); "
                    "to compute this run there, pass resume=False (its checkpoints are "
                    "deleted), or choose another folder")
        if not resume:
            for sub in ("partials", "mentions"):
                shutil.rmtree(self.path / sub, ignore_errors=True)
        for name in FINAL_TABLES:
            (self.path / f"{name}.parquet").unlink(missing_ok=True)
        done = self.done() if resume else {}
        self._write_manifest({**run, "complete": False, "done": len(done)})
        if done:
            logger.info("%s: resuming; %d partitions already done are read from their "
                        "checkpoints", self.path, len(done))
        return done

    def finish(self, tables: dict[str, pd.DataFrame | None], report: dict[str, Any]) -> None:
        """Write the final tables, then mark the run complete."""
        for name, table in tables.items():
            if table is None:
                continue
            frame = table.copy()
            if name == "clusters":
                frame["members"] = frame["members"].map(list)
            if isinstance(frame.index, pd.PeriodIndex):
                frame.index = frame.index.astype(str)
                frame.columns = [str(c) for c in frame.columns]
            frame.to_parquet(self.path / f".{name}.parquet.tmp")
            os.replace(self.path / f".{name}.parquet.tmp", self.path / f"{name}.parquet")
        self._write_manifest({**self.manifest(), "complete": True, "report": report})

    def fail(self, message: str, done: int) -> None:
        """Record why the run stopped; it stays incomplete."""
        self._write_manifest({**self.manifest(), "complete": False, "done": done,
                              "error": message})
