"""Benchmark: actor co-occurrence on the whole UN General Debate corpus, speed and quality.

Side by side in one process, on the Mentions table of ``toolkit.actors.find_mentions``
over all 10,952 speeches:

* ``toolkit.network.cooccurrence`` (sparse units x actors incidence, ``X.T @ X``) for
  every unit and level, against the two ways researchers usually count pairs: a pandas
  self-merge on the unit, and a pure-Python loop over ``itertools.combinations``; all
  three must give the same ``n_ab`` counts.
* Quality: well-known rival or warring pairs must be among each other's strongest
  associations (country level, sentence unit, ``min_count=5``), ranked by NPMI and G2.

    .venv/bin/python -m bench.network
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from collections import Counter

import pandas as pd

from bench._common import machine, peak_rss_mib, timed, write
from toolkit import network
from toolkit._core import UNGDC_PARQUET

COMMAND = ".venv/bin/python -m bench.network"
TARGET_SECONDS = 1.0
RIVALS = [("IND", "PAK"), ("ARM", "AZE"), ("IRQ", "KWT"), ("ISR", "PSE"), ("CYP", "GRC"),
          ("CYP", "TUR"), ("ERI", "ETH"), ("GRC", "TUR"), ("KOR", "PRK"), ("IRN", "IRQ"),
          ("SDN", "SSD"), ("RUS", "UKR")]
TOP_K = 5


def pandas_pairs(mentions: pd.DataFrame) -> pd.DataFrame:
    """Sentence co-occurrence counts the way a pandas user writes them: a self-merge."""
    m = mentions[["doc_id", "sentence", "actor"]].drop_duplicates()
    pairs = m.merge(m, on=["doc_id", "sentence"])
    pairs = pairs[pairs["actor_x"] < pairs["actor_y"]]
    return pairs.groupby(["actor_x", "actor_y"]).size().rename("n_ab").reset_index()


def python_pairs(mentions: pd.DataFrame) -> Counter:
    """Sentence co-occurrence counts with a dictionary of sets and itertools.combinations."""
    units: dict[tuple[str, int], set[str]] = {}
    for doc, sent, actor in zip(mentions["doc_id"], mentions["sentence"], mentions["actor"]):
        units.setdefault((doc, sent), set()).add(actor)
    counts: Counter = Counter()
    for actors in units.values():
        counts.update(itertools.combinations(sorted(actors), 2))
    return counts


def ranks(edges: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Rank of every partner in each node's list, by ``measure`` (1 = strongest).

    G2 is signed (negative for pairs seen together less often than expected), so that
    strong avoidance does not rank as a strong association.
    """
    if measure == "g2":
        edges = edges.assign(g2=edges["g2"].where(edges["n_ab"] > edges["expected"],
                                                   -edges["g2"]))
    both = pd.concat([edges[["a", "b", measure]],
                      edges.rename(columns={"a": "b", "b": "a"})[["a", "b", measure]]])
    both["rank"] = both.groupby("a")[measure].rank(ascending=False, method="min")
    return both.set_index(["a", "b"])


def median_time(fn, repeat: int = 7) -> tuple[object, float, float]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, min(times), statistics.median(times)


def main() -> str:
    if not UNGDC_PARQUET.exists():
        return write("network", f"## Network\n\nSkipped: {UNGDC_PARQUET} not found.\n")
    from toolkit import actors
    from toolkit.corpus import load

    where = machine()
    corpus, t_load = timed(lambda: load("ungdc"))
    mentions, t_find = timed(lambda: actors.find_mentions(corpus))
    units, t_units = timed(lambda: network.count_units(corpus, unit="sentence"))
    n_sentences = int(units.sum())

    lines = [
        "## Network: actor co-occurrence (UN General Debates, whole corpus)",
        "",
        f"Command: `{COMMAND}`. Machine: {where}. The machine is shared with other "
        "agents' work, so timings are noisy; best and median of 7 runs are given.",
        "",
        f"- Input: `find_mentions` over {len(corpus):,} speeches ({t_find:.1f} s; load "
        f"{t_load:.1f} s): {len(mentions):,} mentions of {mentions['actor'].nunique()} "
        f"actors ({mentions['country'].replace('', pd.NA).nunique()} countries).",
        f"- `count_units(corpus, unit=\"sentence\")`: {n_sentences:,} sentences in "
        f"{t_units:.1f} s (needed once for the exact `n`; pass `n=` to repeated calls).",
        "",
        f"| `cooccurrence(mentions, unit=..., level=...)` | best s | median s | pairs | "
        f"units with a mention | under {TARGET_SECONDS:.0f} s |",
        "|---|---|---|---|---|---|",
    ]
    for unit in ("sentence", "paragraph", "document"):
        for level in ("actor", "country"):
            edges, best, med = median_time(
                lambda unit=unit, level=level: network.cooccurrence(mentions, unit=unit,
                                                                    level=level))
            seen = edges.attrs["n"]
            lines.append(f"| {unit}, {level} | {best:.3f} | {med:.3f} | {len(edges):,} | "
                         f"{seen:,} | {'yes' if med < TARGET_SECONDS else 'NO'} |")

    ours, best, med = median_time(lambda: network.cooccurrence(mentions, unit="sentence"),
                                  repeat=3)
    theirs, t_pandas, _ = median_time(lambda: pandas_pairs(mentions), repeat=3)
    loop, t_loop, _ = median_time(lambda: python_pairs(mentions), repeat=1)
    ours_counts = dict(zip(zip(ours["a"], ours["b"]), ours["n_ab"]))
    same_pandas = ours_counts == dict(zip(zip(theirs["actor_x"], theirs["actor_y"]),
                                          theirs["n_ab"]))
    same_loop = ours_counts == dict(loop)
    lines += [
        "",
        "Counting only (sentence unit, actor level; the toolkit also computes every "
        "measure and the correction in its time):",
        "",
        "| method | seconds | speed-up of the toolkit | same n_ab |",
        "|---|---|---|---|",
        f"| toolkit `cooccurrence` (sparse `X.T @ X`, measures included) | {best:.3f} | 1x | "
        "- |",
        f"| pandas self-merge + groupby (counts only) | {t_pandas:.3f} | "
        f"{t_pandas / best:.1f}x | {'yes' if same_pandas else 'NO'} |",
        f"| Python dict of sets + `itertools.combinations` (counts only) | {t_loop:.3f} | "
        f"{t_loop / best:.1f}x | {'yes' if same_loop else 'NO'} |",
    ]

    lines += [
        "",
        f"Quality: rival or warring pairs, country level, sentence unit, `min_count=5`; "
        f"the rank of each country in the other's list of partners (1 = strongest), "
        f"target: both ranks <= {TOP_K}. Two denominators: `n` = sentences with a "
        f"mention (no corpus given) and `n` = all {n_sentences:,} sentences (`n=` from "
        "`count_units`).",
        "",
        "| pair | n_ab | NPMI ranks | signed G2 ranks | NPMI ranks, all sentences | "
        "signed G2 ranks, all sentences |",
        "|---|---|---|---|---|---|",
    ]
    plain = network.cooccurrence(mentions, unit="sentence", level="country", min_count=5)
    full = network.cooccurrence(mentions, unit="sentence", level="country", min_count=5,
                                n=n_sentences)
    tables = [ranks(plain, "npmi"), ranks(plain, "g2"), ranks(full, "npmi"),
              ranks(full, "g2")]
    counts = dict(zip(zip(plain["a"], plain["b"]), plain["n_ab"]))
    met = 0
    for a, b in RIVALS:
        cells = []
        ok = True
        for table in tables:
            r1 = table["rank"].get((a, b))
            r2 = table["rank"].get((b, a))
            ok &= r1 is not None and r2 is not None and max(r1, r2) <= TOP_K
            cells.append("-" if r1 is None else f"{int(r1)} / {int(r2)}")
        met += ok
        lines.append(f"| {a}-{b} | {counts.get((a, b), 0):,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"{met} of {len(RIVALS)} pairs are within each other's top {TOP_K} under all four "
        f"rankings. Peak RSS: {peak_rss_mib():,.0f} MiB.",
    ]
    return write("network", "\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.stdout.write(main())
