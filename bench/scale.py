"""Benchmark: the UN debates 1x, 3x, 10x through load -> near-duplicates -> mentions ->
co-occurrence -> attention, in memory, streaming, and on a Dask LocalCluster (1 and 2 workers).

The real corpus is repeated with new document ids (``<id>~r<k>``; 10x is about 2 GB of
text) and written as a partitioned Parquet dataset (files of 1,000 speeches, row groups of
500) under a temporary folder, never in the repository. Each path runs in a fresh process
whose whole process tree (workers included) is sampled for its resident memory; every
path must give the same mentions, edges, attention series and near-duplicate clusters.

    .venv/bin/python -m bench.scale                       # 1x, 3x, 10x, every path
    .venv/bin/python -m bench.scale --factors 1 3         # what fits in a coffee break
    .venv/bin/python -m bench.scale --paths stream dask1 dask2 --factors 10 --append
    .venv/bin/python -m bench.scale --factors 1 --paths dask1,dask2 --append
    .venv/bin/python -m bench.scale --factors 1 --paths dask1,dask2 --sample 300  # smoke test

Lists take spaces or commas. ``--sample N`` runs on the first N speeches only, to check
that the paths work: its rows are printed, never written to ``bench/results``.

Every finished row is kept at once in ``bench/results/scale.json`` and the table in
``bench/results/scale.md`` (``--append`` keeps the rows of earlier runs it does not redo).

Targets (issue 12): streaming peak RSS under 2 GiB at 10x; time linear (10x within 12x
of 1x); 2 Dask workers at least 1.6x faster than 1; the same tables on every path. The
machine's load average is recorded at the start and end of every measurement: run it
on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

from bench._common import RESULTS_DIR, machine, write

COMMAND = ".venv/bin/python -m bench.scale"
ROWS = 1000
PATHS = ("memory", "stream", "dask1", "dask2")
TABLES = ("edges", "attention", "clusters")


def build(folder: Path, factor: int, sample: int | None = None) -> dict:
    """Write the UN debates (the first ``sample`` speeches) ``factor`` times (new ids) as a
    Parquet dataset in ``folder``."""
    from toolkit import corpus

    docs = corpus.load("ungdc")
    if sample is not None:
        docs = docs.iloc[:sample]
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(factor):
        copy = docs.assign(doc_id=docs["doc_id"] + f"~r{k}")
        for j, lo in enumerate(range(0, len(copy), ROWS)):
            copy.iloc[lo:lo + ROWS].to_parquet(folder / f"part-{k:03d}-{j:02d}.parquet",
                                               row_group_size=500)
    return {"documents": len(docs) * factor,
            "characters": int(docs["text"].str.len().sum()) * factor}


def tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:  # proportional set size: pages shared after fork() count once in all
        try:
            total += p.memory_full_info().pss
        except psutil.Error:
            pass
        except AttributeError:  # no PSS outside Linux
            total += p.memory_info().rss
    return total


def measure(path: str, dataset: Path, out: Path) -> dict:
    """Run one path in this process (called in a fresh subprocess); write its tables."""
    from toolkit import actors, corpus, network, scale, timeline

    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    extra: dict = {}
    if path == "memory":
        docs = corpus.from_frame(pd.read_parquet(dataset))
        clusters = corpus.duplicate_clusters(docs)
        mentions = actors.find_mentions(docs)
        tables = {"edges": network.cooccurrence(mentions, corpus=docs),
                  "attention": timeline.attention(mentions, docs), "clusters": clusters}
        mentions.to_parquet(out / "mentions.parquet")
        n_mentions = len(mentions)
    else:
        run_dir = out / "run"
        if path == "stream":
            result = scale.run(dataset, out=run_dir, rows=ROWS, resume=False)
        else:
            from distributed import Client, LocalCluster

            workers = int(path[-1])
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None, host="127.0.0.1") as cluster, \
                    Client(cluster) as client:
                extra["cluster_start_s"] = round(time.perf_counter() - t0, 1)
                result = scale.run(dataset, out=run_dir, rows=ROWS, client=client,
                                   resume=False)
        tables = {"edges": result.edges, "attention": result.attention,
                  "clusters": result.clusters}
        n_mentions = result.report["mentions"]
    wall = time.perf_counter() - t0
    for name, table in tables.items():
        frame = table.copy()
        if name == "clusters":
            frame["members"] = frame["members"].map(list)
        if name == "attention":
            frame.index = frame.index.astype(str)
        frame.to_parquet(out / f"{name}.parquet")
    return {"wall_s": round(wall, 1), "mentions": int(n_mentions), **extra}


def run_path(path: str, dataset: Path, out: Path) -> dict:
    """Run ``measure`` in a fresh process, sampling the memory of its process tree."""
    load0 = os.getloadavg()[0]
    proc = subprocess.Popen([sys.executable, "-m", "bench.scale", "--one", path,
                             str(dataset), str(out)], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    sampler.join()
    if proc.returncode:
        return {"error": f"exit {proc.returncode}"}
    row = json.loads(stdout.strip().splitlines()[-1])
    row.update(peak_gib=round(peak[0] / 2**30, 2), load=f"{load0:.1f}-{os.getloadavg()[0]:.1f}")
    return row


def same_tables(a: Path, b: Path) -> bool:
    """Whether two paths' mentions (when both kept them) and tables are equal."""
    try:
        for name in TABLES:
            pd.testing.assert_frame_equal(pd.read_parquet(a / f"{name}.parquet"),
                                          pd.read_parquet(b / f"{name}.parquet"))
        ma = a / "mentions.parquet" if (a / "mentions.parquet").exists() else a / "run" / "mentions"
        mb = b / "mentions.parquet" if (b / "mentions.parquet").exists() else b / "run" / "mentions"
        pd.testing.assert_frame_equal(pd.read_parquet(ma), pd.read_parquet(mb))
    except AssertionError as exc:
        print(f"DIFFER {a} {b}: {str(exc)[:300]}", file=sys.stderr)
        return False
    return True


def _words(values: list[str]) -> list[str]:
    """``["dask1,dask2", "stream"]`` -> ``["dask1", "dask2", "stream"]``."""
    return [w for v in values for w in v.split(",") if w]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.scale")
    parser.add_argument("--factors", nargs="+", default=["1", "3", "10"],
                        help="corpus repeats, e.g. 1 3 10 or 1,3")
    parser.add_argument("--paths", nargs="+", default=list(PATHS),
                        help=f"some of {', '.join(PATHS)} (spaces or commas)")
    parser.add_argument("--sample", type=int, default=None, help="only the first N speeches "
                        "(a smoke test: rows are printed, not written to bench/results)")
    parser.add_argument("--memory-up-to", type=int, default=3,
                        help="largest factor the in-memory path is run at (it needs several "
                             "GiB beyond)")
    parser.add_argument("--tmp", default=None, help="folder for the datasets (default: a "
                        "temporary folder, removed at the end)")
    parser.add_argument("--append", action="store_true", help="keep the rows of earlier "
                        "runs (bench/results/scale.json) for the factors and paths not rerun")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one[0], Path(args.one[1]), Path(args.one[2]))))
        return 0
    args.paths = _words(args.paths)
    unknown = sorted(set(args.paths) - set(PATHS))
    if unknown:
        parser.error(f"--paths: {unknown} invalid; must be some of {', '.join(PATHS)}")
    try:
        args.factors = [int(f) for f in _words(args.factors)]
    except ValueError:
        parser.error(f"--factors: {args.factors} invalid; must be whole numbers such as 1 3 10")
    base = Path(args.tmp or tempfile.mkdtemp(prefix="toolkit-bench-scale-"))
    started = machine()
    saved = RESULTS_DIR / "scale.json"
    earlier = json.loads(saved.read_text()) if args.append and saved.exists() else []
    rows: list[dict] = []

    def record(row: dict) -> None:
        """Keep every finished row on disk at once: a long run that is stopped keeps them."""
        rows.append(row)
        print(json.dumps(row), flush=True)
        if args.sample is not None:  # a smoke test: the results files stay as they are
            return
        new = {(r["factor"], r["path"]) for r in rows}
        kept = [r for r in earlier if (r["factor"], r["path"]) not in new] + rows
        kept.sort(key=lambda r: (r["factor"], PATHS.index(r["path"])))
        saved.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
        write("scale", report(kept, started, args))

    try:
        for factor in args.factors:
            dataset = base / f"ungdc-{factor}x"
            size = build(dataset, factor, args.sample)
            reference = None
            for path in args.paths:
                if path == "memory" and factor > args.memory_up_to:
                    continue
                out = base / f"out-{factor}x-{path}"
                row = {"factor": factor, "path": path, **size, **run_path(path, dataset, out)}
                if "error" not in row:
                    row["same"] = "reference" if reference is None else (
                        "yes" if same_tables(reference, out) else "NO")
                    reference = reference or out
                record(row)
            shutil.rmtree(dataset, ignore_errors=True)
    finally:
        if args.tmp is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


def markdown(table: pd.DataFrame) -> str:
    """A Markdown table (without the optional ``tabulate`` package)."""
    cells = [[str(c) for c in table.columns]] + [
        ["" if pd.isna(v) else str(v) for v in row] for row in table.itertuples(index=False)]
    out = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    return "\n".join(out + ["| " + " | ".join(r) + " |" for r in cells[1:]])


def report(rows: list[dict], started: str, args: argparse.Namespace) -> str:
    table = pd.DataFrame(rows)
    factors = ", ".join(f"{f}x" for f in sorted({r["factor"] for r in rows}))
    lines = ["## At scale: the UN debates 1x, 3x, 10x (issue 12)", "",
             f"`{COMMAND}` (the rows below: factors {factors}; "
             f"last run `--factors {' '.join(map(str, args.factors))} --paths "
             f"{' '.join(args.paths)}{' --append' if args.append else ''}`, {started}). Load -> near-duplicates -> mentions -> "
             "co-occurrence (sentences, actors) -> attention (years), on the corpus repeated "
             "with new ids, as a Parquet dataset of 1,000-speech files. `peak_gib`: the "
             "memory of the whole process tree (workers included; proportional set size, so "
             "pages shared by forked workers count once), sampled every 0.2 s; `load`: the machine's 1-minute load average at start and end; `same`: "
             "mentions, edges, attention and clusters equal to the first path of the factor. "
             "Wall times depend on the load column: on a machine shared with other work the "
             "speed-ups of more processes are not measurable.",
             "", markdown(table), ""]
    wall = table.set_index(["factor", "path"])["wall_s"] if "wall_s" in table else None
    checks = []
    if wall is not None:
        for path in ("stream", "dask2"):
            if (1, path) in wall and (10, path) in wall:
                checks.append(f"- {path}: 10x took {wall[(10, path)] / wall[(1, path)]:.1f}x "
                              "the time of 1x (target: within 12x)")
        for factor in sorted({r["factor"] for r in rows}):
            if (factor, "dask1") in wall and (factor, "dask2") in wall:
                checks.append(f"- {factor}x: 2 Dask workers {wall[(factor, 'dask1')] / wall[(factor, 'dask2')]:.2f}x "
                              "faster than 1 (target: 1.6x)")
        stream10 = table[(table["factor"] == 10) & (table["path"] == "stream")]
        if len(stream10):
            checks.append(f"- streaming peak at 10x: {stream10['peak_gib'].iloc[0]} GiB "
                          "(target: under 2 GiB)")
    return "\n".join(lines + checks)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
