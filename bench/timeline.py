"""Benchmark timelines: calendar binning against the pandas idioms; bursts and change points
for every state of the UN General Debates, with a check against well-known history.

    .venv/bin/python -m bench.timeline

Writes ``bench/results/timeline.md``.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

import time
from collections.abc import Callable
from typing import Any

from bench._common import machine, peak_rss_mib, timed, write
from toolkit import timeline
from toolkit._core import UNGDC_PARQUET
from toolkit.timeline import changepoints as detect

log = logging.getLogger("bench.timeline")

N_ROWS = 10_000_000
N_DOCS = 100_000
N_ACTORS = 200
FREQ = "M"
#: (state, years) that the yearly UNGDC attention must show as bursts
HISTORY = {"KWT": [1990, 1991], "BIH": [1993, 1994, 1995], "RWA": [1994], "AFG": [1980, 2001],
           "IRQ": [1991, 2003], "TLS": [1999], "SSD": [2011], "HTI": [2010],
           "UKR": [2014, 2022], "SYR": [2012, 2013], "NAM": [1989, 1990], "ZAF": [1985],
           "KHM": [1980], "LBN": [1982], "GEO": [2008], "FLK": [1982], "LBY": [2011],
           "MLI": [2012], "IRN": [1980]}


def _timed2(fn: Callable[[], Any], repeat: int = 1) -> tuple[Any, float, float]:
    """Best wall time and best CPU time of ``repeat`` runs: on a shared machine the CPU
    time (this process only) is the steadier figure."""
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return result, best_wall, best_cpu


def _synthetic(seed: int = 2015) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A corpus of 100k dated documents and 10M mentions (sorted by document, as find_mentions)."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2000-01-01T00:00:00", "s")
    seconds = rng.integers(0, 20 * 365 * 86_400, N_DOCS)
    dates = (start + seconds.astype("timedelta64[s]")).astype("datetime64[ns]")
    doc_ids = np.array([f"doc{i:06d}" for i in range(N_DOCS)], dtype=object)
    corpus = pd.DataFrame({"doc_id": pd.array(doc_ids, dtype="str"), "date": dates,
                           "source": "wire", "title": "", "text": ""})
    doc = np.sort(rng.integers(0, N_DOCS, N_ROWS))
    # a Zipf-like mix of actors, as in news
    weights = 1 / np.arange(1, N_ACTORS + 1)
    actor = rng.choice(N_ACTORS, N_ROWS, p=weights / weights.sum())
    labels = np.array([f"A{i:03d}" for i in range(N_ACTORS)], dtype=object)
    mentions = pd.DataFrame({
        "doc_id": pd.Categorical.from_codes(doc, categories=doc_ids),
        "actor": pd.Categorical.from_codes(actor, categories=labels),
    })
    rows = pd.DataFrame({"date": dates[doc], "actor": pd.array(labels[actor], dtype="str")})
    return corpus, mentions, rows


def _binning() -> str:
    corpus, mentions, rows = _synthetic()
    as_str = mentions.astype({"doc_id": "str", "actor": "str"})
    log.info("synthetic data ready: %d mentions, %d documents", N_ROWS, N_DOCS)
    runs = [
        ("toolkit `bin_counts(dates, keys=actors, freq='M')` (same (date, actor) rows)",
         lambda: timeline.bin_counts(rows["date"], keys=rows["actor"], freq=FREQ)),
        ("toolkit `attention(mentions, corpus, value='mentions')`, categorical columns",
         lambda: timeline.attention(mentions, corpus, freq=FREQ, value="mentions")),
        ("toolkit `attention(mentions, corpus)` (share of documents), categorical columns",
         lambda: timeline.attention(mentions, corpus, freq=FREQ)),
        ("toolkit `attention(mentions, corpus, value='mentions')`, Arrow `str` columns",
         lambda: timeline.attention(as_str, corpus, freq=FREQ, value="mentions")),
        ("toolkit `attention(mentions, corpus)` (share of documents), Arrow `str` columns",
         lambda: timeline.attention(as_str, corpus, freq=FREQ)),
    ]
    ours = {}
    for name, fn in runs:
        ours[name] = _timed2(fn, repeat=5)
    log.info("toolkit done; pandas idioms next (slow)")
    actor_cat = rows["actor"].astype("category")

    def numpy_idiom(codes: np.ndarray, k: int) -> np.ndarray:
        m = rows["date"].to_numpy().astype("datetime64[M]").astype(np.int64)
        m0, n = m.min(), m.max() - m.min() + 1
        return np.bincount((m - m0) * k + codes, minlength=n * k).reshape(n, k)

    peers = [
        ("numpy month ordinals + `pd.factorize(actor)` + `np.bincount`",
         lambda: numpy_idiom(*(lambda c, u: (c, len(u)))(*pd.factorize(rows["actor"])))),
        ("numpy month ordinals + `np.bincount`, actor already integer codes",
         lambda: numpy_idiom(actor_cat.cat.codes.to_numpy(), len(actor_cat.cat.categories))),
        ("pandas `groupby([pd.Grouper(key='date', freq='ME'), 'actor']).size()`",
         lambda: rows.groupby([pd.Grouper(key="date", freq="ME"), "actor"]).size()
         .unstack(fill_value=0)),
        ("pandas `set_index('date').groupby('actor').resample('ME').size()`",
         lambda: rows.set_index("date").groupby("actor").resample("ME").size()
         .unstack(0, fill_value=0)),
        ("pandas `groupby([date.dt.to_period('M'), 'actor']).size()`",
         lambda: rows.groupby([rows["date"].dt.to_period("M"), "actor"]).size()
         .unstack(fill_value=0)),
    ]
    # the numpy idioms are fast enough to take the best of 5 like the toolkit
    theirs = {name: _timed2(fn, repeat=5 if name.startswith("numpy") else 1)
              for name, fn in peers}
    grouper = theirs[peers[2][0]][0]
    binned = ours[runs[0][0]][0]
    same = np.array_equal(grouper.to_numpy(), binned[grouper.columns].to_numpy())
    lines = [
        f"### Calendar binning: {N_ROWS / 1e6:.0f} million (date, actor) mentions, "
        f"{N_DOCS:,} documents over 20 years, {N_ACTORS} actors, monthly",
        "",
        "| method | wall s | CPU s | wall vs. fastest pandas idiom |",
        "|---|---|---|---|",
    ]
    fastest = min(wall for name, (_, wall, _) in theirs.items() if name.startswith("pandas"))
    for name, (_, wall, cpu) in [*theirs.items(), *ours.items()]:
        lines.append(f"| {name} | {wall:.3f} | {cpu:.3f} | {fastest / wall:.1f}x |")
    att = [ours[runs[i][0]] for i in range(1, 5)]
    lines += [
        "",
        f"`bin_counts` gives exactly the `pd.Grouper` counts: {same}. Toolkit and numpy figures "
        "are the best of 5 runs, pandas figures one run each (the last column compares with "
        "the fastest pandas idiom); the bare numpy idiom is fastest when the actors are "
        "already integer codes, and `bin_counts` is that idiom plus the string encoding, "
        "time zones, undated rows and a gap-free period index. CPU time is this process's own, the "
        "steadier figure while other jobs share the cores. `attention` starts from the "
        "Mentions table and the Corpus table (it maps each mention to its document and the "
        "document to its period), so it does more than the idioms, which start from rows "
        "that already carry their date. Target: attention for every actor from 10 million "
        "mentions in under 0.5 s. Categorical columns: "
        f"{att[0][1]:.2f} s wall / {att[0][2]:.2f} s CPU (counts), "
        f"{att[1][1]:.2f} s / {att[1][2]:.2f} s (shares). Arrow string columns: "
        f"{att[2][1]:.2f} s / {att[2][2]:.2f} s and {att[3][1]:.2f} s / {att[3][2]:.2f} s "
        "(the difference is encoding the strings: `doc_id` comes sorted by document, as "
        "`find_mentions` returns it, and is encoded one run of equal values at a time; the "
        "`actor` strings are dictionary-encoded by Arrow, 0.1 s). Target met with both "
        "column types: "
        f"{'yes' if max(a[1] for a in att) < 0.5 else 'NO'} (wall), "
        f"{'yes' if max(a[2] for a in att) < 0.5 else 'NO'} (CPU).",
    ]
    return "\n".join(lines)


def _ungdc() -> str:
    if not UNGDC_PARQUET.exists():
        return f"### UN General Debates\n\nSkipped: {UNGDC_PARQUET} is absent."
    from toolkit import actors, corpus

    c, t_load = timed(lambda: corpus.load("ungdc"))
    m, t_find = timed(lambda: actors.find_mentions(c))
    share, t_att = timed(lambda: timeline.attention(m, c, level="country"), repeat=3)
    b, t_bursts = timed(lambda: timeline.bursts(share), repeat=3)
    cp, t_cp = timed(lambda: timeline.change_points(share), repeat=3)
    values = share.drop(columns=timeline.N_DOCUMENTS).to_numpy()
    pens = []
    for col in range(values.shape[1]):
        y = values[:, col]
        pens.append(2.0 * np.log(len(y)) * detect._noise_scale(y) ** 2 if np.ptp(y) else 0)
    _, t_ruptures = timed(lambda: [detect._pelt(values[:, i], p, "l2", 2)
                                   for i, p in enumerate(pens) if p > 0])

    def years(state: str) -> set[int]:
        rows = b[(b["series"] == state) & (b["level"] == 1)]
        return {y for r in rows.itertuples() for y in range(r.start.year, r.end.year + 1)}

    states = share.drop(columns=timeline.N_DOCUMENTS)
    mentioned = [s for s in states.columns if states[s].sum() > 0]
    flagged = pd.Series({s: len(years(s)) / len(share) for s in mentioned})
    lines = [
        f"### Bursts and change points for every state, UN General Debates "
        f"({len(c):,} speeches, {len(share)} years, {states.shape[1]} states)",
        "",
        f"Mentions from `toolkit.actors.find_mentions` ({len(m):,} mentions in "
        f"{t_find:.1f} s; loading the corpus {t_load:.1f} s), yearly attention by country "
        "(`level='country'`).",
        "",
        "| step | seconds |",
        "|---|---|",
        f"| `attention(mentions, corpus, level='country')` | {t_att:.3f} |",
        f"| `bursts(share)` (Kleinberg, s=2, gamma=1, all states at once) | {t_bursts:.3f} |",
        f"| `change_points(share)` (exact l2 segmentation in numpy, BIC-like penalty) | "
        f"{t_cp:.3f} |",
        f"| same change points with `ruptures.Pelt(model='l2')`, one state at a time | "
        f"{t_ruptures:.3f} |",
        f"| **attention + bursts + change points** | **{t_att + t_bursts + t_cp:.3f}** |",
        "",
        f"{len(b)} bursts and {len(cp)} change points. Target \"a few seconds\": "
        f"{'met' if t_att + t_bursts + t_cp < 5 else 'NOT met'}.",
        "",
        "Known history (burst years must include the listed years):",
        "",
        "| state | expected | burst years found |",
        "|---|---|---|",
    ]
    hits = 0
    for state, want in HISTORY.items():
        got = sorted(years(state))
        ok = set(want) <= set(got)
        hits += ok
        lines.append(f"| {state} | {', '.join(map(str, want))} | "
                     f"{_ranges(got) or '-'} {'' if ok else '**MISSED**'} |")
    lines += [
        "",
        f"{hits} of {len(HISTORY)} expected bursts found. Share of years flagged per state: "
        f"median {flagged.median():.0%}; {(flagged < 0.25).mean():.0%} of the "
        f"{len(flagged)} mentioned states have fewer than 25% of their years in a burst. "
        f"Most flagged: {', '.join(f'{s} {v:.0%}' for s, v in flagged.nlargest(5).items())}.",
    ]
    return "\n".join(lines)


def _ranges(years: list[int]) -> str:
    out, run = [], []
    for y in years:
        if run and y != run[-1] + 1:
            out.append(run)
            run = []
        run.append(y)
    if run:
        out.append(run)
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in out)


def main() -> str:
    """Run the timeline benchmarks, write ``bench/results/timeline.md`` and return it."""
    head = ["## Timelines: calendar binning, bursts, change points", "",
            f"Command: `.venv/bin/python -m bench.timeline`. Machine: {machine()}. "
            "Other jobs shared the 2 cores while this ran, so the timings are noisy.", ""]
    body = [_binning(), "", _ungdc(), "",
            f"Peak RSS of the process: {peak_rss_mib():,.0f} MiB."]
    return write("timeline", "\n".join(head + body))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    print(main())
