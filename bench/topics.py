"""Topic-model quality on the UN General Debates: toolkit defaults vs the gensim tutorial.

Side by side on the same documents (paragraphs of at least 100 characters of the
2010-2024 speeches), with the same 80/20 split by speech (seeded; paragraphs of one
speech stay on one side), K = 20, several seeds per side:

* **baseline**: the plain gensim tutorial pipeline: ``simple_preprocess``, gensim
  ``STOPWORDS``, ``filter_extremes(no_below=5, no_above=0.5)``,
  ``LdaModel(num_topics=20, passes=1)``;
* **toolkit**: ``toolkit.topics.fit(corpus, 20, seed=s)`` with every default;
* **toolkit, random init**: the same with ``init="random"`` (gensim's own start; two
  seeds), to show what the preprocessing alone gives and what the data-driven start adds;
* **toolkit, phrases joined**: the same with ``topics.tokenize(..., phrases=True)``
  (``united_nations``, ``climate_change``; two seeds), to show why phrases are off by
  default for topic models;
* **baseline on speeches**: the tutorial on whole speeches (the documents it is usually
  run on), as a reference row.

Measured: held-out NPMI coherence of the top-10 terms (reference texts = the held-out
paragraphs, tokenised by each side's own tokeniser), mean matched Jaccard of top-10 term
sets across seeds (Hungarian matching), the share of top-10 terms that are "ubiquitous"
(used in more than half of the training speeches: boilerplate), training seconds per fit
and the peak resident memory of the process.

Run: ``.venv/bin/python -m bench.topics`` (``--quick`` for a small smoke run).
"""

from __future__ import annotations

import argparse
from pathlib import Path
import logging
import os
import sys
import time
from itertools import combinations

import numpy as np
import pandas as pd

from bench._common import peak_rss_mib
from toolkit import topics
from toolkit._core import DEFAULT_SEED, UNGDC_PARQUET

PROJECT_ROOT = Path(__file__).resolve().parent.parent
from toolkit.corpus import load, split_paragraphs
from toolkit.topics.matching import term_lists

logger = logging.getLogger(__name__)

RESULTS = PROJECT_ROOT / "bench" / "results" / "topics.md"
COMMAND = ".venv/bin/python -m bench.topics"


def _baseline_tokens(texts: list[str]) -> list[list[str]]:
    from gensim.parsing.preprocessing import STOPWORDS
    from gensim.utils import simple_preprocess

    return [[w for w in simple_preprocess(t) if w not in STOPWORDS] for t in texts]


def _baseline_fit(tokens: list[list[str]], k: int, seed: int) -> list[list[str]]:
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    dictionary = Dictionary(tokens)
    dictionary.filter_extremes(no_below=5, no_above=0.5)
    bow = [dictionary.doc2bow(t) for t in tokens]
    lda = LdaModel(bow, id2word=dictionary, num_topics=k, passes=1, random_state=seed)
    return [[w for w, _ in lda.show_topic(t, topn=10)] for t in range(k)]


def _ubiquitous(tokens: list[list[str]], parents: np.ndarray) -> set[str]:
    """Terms used in more than half of the training speeches."""
    seen: dict[str, set] = {}
    for toks, p in zip(tokens, parents):
        for w in set(toks):
            seen.setdefault(w, set()).add(p)
    n = len(set(parents))
    return {w for w, ps in seen.items() if len(ps) > n / 2}


def _stability(runs: list[list[list[str]]]) -> float:
    pairs = [topics.match_topics(a, b)["jaccard"].mean() for a, b in combinations(runs, 2)]
    return float(np.mean(pairs)) if pairs else float("nan")


def main(*, quick: bool = False, seeds: tuple[int, ...] = (DEFAULT_SEED, DEFAULT_SEED + 1,
                                                          DEFAULT_SEED + 2),
         k: int = 20) -> str:
    """Run the comparison, write ``bench/results/topics.md`` and return its Markdown."""
    if not UNGDC_PARQUET.exists():
        return f"## Topics\n\nSkipped: the UN General Debate corpus is not at {UNGDC_PARQUET}.\n"
    load_before = os.getloadavg()
    started = time.perf_counter()
    speeches = load("ungdc", start="2010", end="2024")
    if quick:
        speeches = speeches[speeches["year"] >= 2022].reset_index(drop=True)
        seeds = seeds[:2]
    paras = split_paragraphs(speeches, min_chars=100)
    rng = np.random.default_rng(DEFAULT_SEED)
    ids = speeches["doc_id"].to_numpy()
    test_ids = set(rng.choice(ids, size=round(0.2 * len(ids)), replace=False).tolist())
    is_test = paras["parent_id"].isin(test_ids).to_numpy()
    train, test = paras[~is_test].reset_index(drop=True), paras[is_test].reset_index(drop=True)
    logger.info("bench.topics: %d speeches, %d train / %d held-out paragraphs",
                len(speeches), len(train), len(test))
    rows, examples = [], {}

    # toolkit first, so the peak memory read after it is the toolkit pipeline's peak
    t0 = time.perf_counter()
    tk_train = topics.tokenize(train)
    # held-out paragraphs are joined into phrases with the training phrase table
    tk_test = topics.tokenize(test, phrases=tk_train.attrs["phrases"]).tolist()
    tk_train = tk_train.tolist()
    tok_seconds = time.perf_counter() - t0
    ubiq_tk = _ubiquitous(tk_train, train["parent_id"].to_numpy())
    # the ablations run two seeds only: one pair is enough to show the spread, and each
    # fit costs minutes on two shared cores
    for label, options, its_seeds in [("toolkit defaults", {}, seeds),
                                      ("toolkit, init=\"random\"", {"init": "random"},
                                       seeds[:2])]:
        runs, secs = [], []
        for s in its_seeds:
            t0 = time.perf_counter()
            model = topics.fit(train, k, seed=s, tokens=tk_train, cache=False, **options)
            secs.append(time.perf_counter() - t0)
            runs.append(term_lists(model, 10))
            logger.info("%s seed %d: %.0f s", label, s, secs[-1])
        rows.append(_row(label, runs, tk_test, ubiq_tk, secs, tok_seconds))
        examples[label] = runs[0]
        del model

    t0 = time.perf_counter()
    ph_train = topics.tokenize(train, phrases=True)
    ph_test = topics.tokenize(test, phrases=ph_train.attrs["phrases"]).tolist()
    ph_train = ph_train.tolist()
    ph_seconds = time.perf_counter() - t0
    runs, secs = [], []
    for s in seeds[:2]:
        t0 = time.perf_counter()
        model = topics.fit(train, k, seed=s, tokens=ph_train, cache=False)
        secs.append(time.perf_counter() - t0)
        runs.append(term_lists(model, 10))
    label = "toolkit, phrases=True"
    rows.append(_row(label, runs, ph_test, _ubiquitous(ph_train, train["parent_id"].to_numpy()),
                     secs, ph_seconds))
    examples[label] = runs[0]
    del model, ph_train, ph_test

    t0 = time.perf_counter()
    bl_train = _baseline_tokens(train["text"].tolist())
    bl_test = _baseline_tokens(test["text"].tolist())
    bl_tok = time.perf_counter() - t0
    ubiq_bl = _ubiquitous(bl_train, train["parent_id"].to_numpy())
    runs, secs = [], []
    for s in seeds:
        t0 = time.perf_counter()
        runs.append(_baseline_fit(bl_train, k, s))
        secs.append(time.perf_counter() - t0)
    rows.append(_row("gensim tutorial (baseline)", runs, bl_test, ubiq_bl, secs, bl_tok))
    examples["gensim tutorial (baseline)"] = runs[0]

    train_sp = speeches[~speeches["doc_id"].isin(test_ids)]
    sp_tokens = _baseline_tokens(train_sp["text"].tolist())
    runs, secs = [], []
    for s in seeds:
        t0 = time.perf_counter()
        runs.append(_baseline_fit(sp_tokens, k, s))
        secs.append(time.perf_counter() - t0)
    rows.append(_row("gensim tutorial on whole speeches", runs, bl_test, ubiq_bl, secs,
                     float("nan")))
    examples["gensim tutorial on whole speeches"] = runs[0]
    total = time.perf_counter() - started
    md = _markdown(rows, examples, speeches, train, test, seeds, k, quick, total, load_before)
    if not quick:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(md)
    return md


def _row(label: str, runs: list, test_tokens: list, ubiq: set, secs: list,
         tok_seconds: float) -> dict:
    npmi = [topics.coherence(r, test_tokens, measure="c_npmi") for r in runs]
    boiler = [np.mean([w in ubiq for t in r for w in t]) for r in runs]
    logger.info("%s: npmi %s, stability %.3f", label, np.round(npmi, 3), _stability(runs))
    return {"pipeline": label, "held-out NPMI": np.mean(npmi), "NPMI sd": np.std(npmi),
            "NPMI per seed": " / ".join(f"{v:.3f}" for v in npmi),
            "stability (matched Jaccard)": _stability(runs),
            "ubiquitous top terms": np.mean(boiler),
            "train s / fit": np.mean(secs), "tokenise s": tok_seconds,
            "peak RSS MiB": peak_rss_mib()}


def _verdict(table: pd.DataFrame) -> str:
    rows = table.set_index("pipeline")
    ours, base = rows.loc["toolkit defaults"], rows.loc["gensim tutorial (baseline)"]
    ours_seeds = [float(v) for v in ours["NPMI per seed"].split(" / ")]
    base_seeds = [float(v) for v in base["NPMI per seed"].split(" / ")]
    gain = ours["held-out NPMI"] / base["held-out NPMI"] - 1
    return (f"Targets. Held-out NPMI: {ours['held-out NPMI']:.3f} against the baseline's "
            f"{base['held-out NPMI']:.3f} ({gain:+.0%}); the lowest toolkit seed "
            f"({min(ours_seeds):.3f}) is "
            f"{'above' if min(ours_seeds) > max(base_seeds) else 'NOT above'} "
            f"the highest baseline seed ({max(base_seeds):.3f}). Stability: "
            f"{ours['stability (matched Jaccard)']:.3f} (target 0.8: "
            f"{'met' if ours['stability (matched Jaccard)'] >= 0.8 else 'NOT met'}). Training: "
            f"{ours['train s / fit']:.0f} s per fit on one core of this 2-core machine.")


def _markdown(rows: list, examples: dict, speeches: pd.DataFrame, train: pd.DataFrame,
              test: pd.DataFrame, seeds: tuple, k: int, quick: bool, total: float,
              load_before: tuple) -> str:
    table = pd.DataFrame(rows)
    fmt = table.copy()
    for col in ("held-out NPMI", "NPMI sd", "stability (matched Jaccard)"):
        fmt[col] = fmt[col].map("{:.3f}".format)
    fmt["ubiquitous top terms"] = fmt["ubiquitous top terms"].map("{:.0%}".format)
    for col in ("train s / fit", "tokenise s", "peak RSS MiB"):
        fmt[col] = fmt[col].map(lambda v: "-" if pd.isna(v) else f"{v:.0f}")
    head = "|" + "|".join(fmt.columns) + "|\n|" + "|".join("---" for _ in fmt.columns) + "|\n"
    body = "".join("|" + "|".join(str(v) for v in r) + "|\n" for r in fmt.itertuples(index=False))
    lines = [
        "## Topics: toolkit defaults vs the gensim tutorial (UN General Debates)",
        "",
        f"{len(speeches):,} speeches {int(speeches['year'].min())}-"
        f"{int(speeches['year'].max())} split into {len(train) + len(test):,} paragraphs "
        f"(>= 100 characters); {len(train):,} train / {len(test):,} held-out paragraphs "
        f"(80/20 by speech, seed {DEFAULT_SEED}); K = {k}; seeds {list(seeds)} "
        "(the two ablations: the first two)."
        + (" QUICK RUN (2022-2024 only, 2 seeds): not the recorded result." if quick else ""),
        "",
        head + body,
        _verdict(table),
        "",
        "- held-out NPMI: gensim-compatible c_npmi of each topic's top 10 terms, window 10, "
        "reference = held-out paragraphs tokenised by that pipeline; mean over topics, then "
        "over seeds.",
        "- stability: top-10 term sets of the runs with different seeds, topics paired by the "
        "Hungarian algorithm; mean Jaccard over pairs of runs (1 = identical topics).",
        "- ubiquitous top terms: share of top-10 terms used in more than half of the "
        "training speeches (\"united\", \"nations\", \"international\"...).",
        "- peak RSS is the process maximum read after each row (rows run top to bottom; the "
        "first row's figure is the toolkit pipeline's peak including loading the corpus).",
        f"- machine: {os.cpu_count()} cores shared with other jobs; load average "
        f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after; total {total / 60:.1f} "
        "min. Timings are noisy.",
        "",
        f"Reproduce: `{COMMAND}`",
        "",
        "### First five topics of the first seed",
        "",
    ]
    for label, runs in examples.items():
        lines.append(f"**{label}**")
        lines.append("")
        for t, terms in enumerate(runs[:5]):
            lines.append(f"{t}. {', '.join(terms)}")
        lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run (2022-2024)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    sys.stdout.write(main(quick=args.quick))
