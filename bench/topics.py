"""Topic-model quality on the UN General Debates, by the protocol of issue 14.

**Protocol.** The speeches of 2010-2024 (paragraphs of at least 100 characters): 20% of
the speeches are held out (seed 2015). Three runs, each trained on its own random 80% of
the remaining speeches (drawn with the run's seed, 2015, 2016, 2017) with that seed,
K = 20. Coherence: NPMI of each topic's 10 most probable terms, counted on the paragraphs
of the held-out speeches (tokenised by the pipeline's own tokeniser), both in gensim's
sliding windows of 10 tokens (``c_npmi``) and per paragraph; mean over topics and runs.
Stability: the mean Hungarian-matched Jaccard overlap of the top-10 term sets across the
three runs (three pairs). Seconds per fit, and the load average while measuring (the
machine is shared; quality figures do not depend on load).

Every configuration ("config") is one way of fitting; ``--configs a,b`` runs some of
them and adds their rows to ``bench/results/topics.json`` (rows of other configs are
kept), then the Markdown ``bench/results/topics.md`` is written from every recorded row.
``--curve`` records held-out NPMI and stability after each pass (gensim callbacks) for
the toolkit and the tutorial pipelines.

Run: ``.venv/bin/python -m bench.topics`` (every config; hours on two shared cores),
``--configs tutorial,defaults``, ``--curve toolkit:10,tutorial:10``, ``--collect``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from toolkit import topics
from toolkit._core import DEFAULT_SEED, UNGDC_PARQUET
from toolkit.corpus import load, split_paragraphs
from toolkit.topics.matching import term_lists

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT_ROOT / "bench" / "results" / "topics.md"
RECORD = PROJECT_ROOT / "bench" / "results" / "topics.json"
COMMAND = ".venv/bin/python -m bench.topics"
SEEDS = (DEFAULT_SEED, DEFAULT_SEED + 1, DEFAULT_SEED + 2)
K = 20
#: Larger than any paragraph: NPMI counted per held-out paragraph.
PARAGRAPH = 10**7


class Data:
    """The protocol's documents: paragraphs, tokens, the held-out split, each run's 80%."""

    def __init__(self, quick: bool = False) -> None:
        speeches = load("ungdc", start="2010", end="2024")
        if quick:
            speeches = speeches[speeches["year"] >= 2023].reset_index(drop=True)
        self.speeches = speeches
        self.paragraphs = split_paragraphs(speeches, min_chars=100)
        self.tokens = topics.tokenize(self.paragraphs).tolist()
        self.parent = self.paragraphs["parent_id"].to_numpy()
        ids = speeches["doc_id"].to_numpy()
        rng = np.random.default_rng(DEFAULT_SEED)
        self.test_ids = set(rng.choice(ids, size=round(0.2 * len(ids)), replace=False).tolist())
        self.rest = np.array([i for i in ids if i not in self.test_ids])
        self.is_test = np.isin(self.parent, list(self.test_ids))
        self.reference = topics.ReferenceTexts().fit(
            [t for t, h in zip(self.tokens, self.is_test) if h])
        self._tutorial: tuple[list, topics.ReferenceTexts] | None = None

    def run_speeches(self, seed: int) -> np.ndarray:
        """The speeches of one run: its own random 80% of those not held out."""
        rng = np.random.default_rng(seed)
        return rng.choice(self.rest, size=round(0.8 * len(self.rest)), replace=False)

    def run_rows(self, seed: int) -> np.ndarray:
        return np.flatnonzero(np.isin(self.parent, self.run_speeches(seed)))

    def tutorial(self) -> tuple[list[list[str]], topics.ReferenceTexts]:
        """Paragraph tokens of the tutorial pipeline, and its held-out reference."""
        if self._tutorial is None:
            toks = _tutorial_tokens(self.paragraphs["text"].tolist())
            ref = topics.ReferenceTexts().fit([t for t, h in zip(toks, self.is_test) if h])
            self._tutorial = (toks, ref)
        return self._tutorial


def _tutorial_tokens(texts: list[str]) -> list[list[str]]:
    from gensim.parsing.preprocessing import STOPWORDS
    from gensim.utils import simple_preprocess

    return [[w for w in simple_preprocess(t) if w not in STOPWORDS] for t in texts]


def _tutorial_fit(tokens: list[list[str]], seed: int, passes: int = 1,
                  callbacks: list | None = None) -> list[list[str]]:
    """The gensim tutorial: filter_extremes(5, 0.5), LdaModel(num_topics=20, passes=1)."""
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    dictionary = Dictionary(tokens)
    dictionary.filter_extremes(no_below=5, no_above=0.5)
    bow = [dictionary.doc2bow(t) for t in tokens]
    lda = LdaModel(bow, id2word=dictionary, num_topics=K, passes=passes, random_state=seed,
                   callbacks=callbacks)
    return [[w for w, _ in lda.show_topic(t, topn=10)] for t in range(K)]


# ------------------------------------------------------------------------- configs
#: name -> (what it is, fit(data, seed) -> (term lists, tokens used for the reference))
Fit = Callable[[Data, int], tuple[list[list[str]], str]]
CONFIGS: dict[str, tuple[str, Fit]] = {}


def config(name: str, what: str) -> Callable[[Fit], Fit]:
    def register(fn: Fit) -> Fit:
        CONFIGS[name] = (what, fn)
        return fn
    return register


def _toolkit(name: str, what: str, **options: Any) -> None:
    def fn(data: Data, seed: int) -> tuple[list[list[str]], str]:
        rows = data.run_rows(seed)
        model = topics.fit(data.paragraphs.iloc[rows], K, seed=seed,
                           tokens=[data.tokens[i] for i in rows], cache=False, **options)
        return term_lists(model, 10), "toolkit"
    config(name, what)(fn)


@config("tutorial", "gensim tutorial: simple_preprocess, STOPWORDS, filter_extremes(5, 0.5), "
        "1 pass, on paragraphs")
def _tutorial(data: Data, seed: int) -> tuple[list[list[str]], str]:
    toks, _ = data.tutorial()
    return _tutorial_fit([toks[i] for i in data.run_rows(seed)], seed), "tutorial"


@config("tutorial-speeches", "the same tutorial on whole speeches")
def _tutorial_speeches(data: Data, seed: int) -> tuple[list[list[str]], str]:
    texts = data.speeches.set_index("doc_id").loc[data.run_speeches(seed), "text"].tolist()
    return _tutorial_fit(_tutorial_tokens(texts), seed), "tutorial"


@config("toolkit-speeches-whole", "toolkit on whole speeches, unit='document' (asked for)")
def _whole(data: Data, seed: int) -> tuple[list[list[str]], str]:
    docs = data.speeches.set_index("doc_id").loc[data.run_speeches(seed)].reset_index()
    model = topics.fit(docs, K, seed=seed, unit="document", passes=5, cache=False)
    return term_lists(model, 10), "toolkit"


def _variant(name: str, what: str, *, passes: int = 5, shuffle: bool = False,
             update_every: int = 1, decay: float = 0.5, alpha: Any = "symmetric",
             eta: Any = None, iterations: int = 100) -> None:
    """A training variant not (yet) offered by TopicModel: same vocabulary and start."""
    def fn(data: Data, seed: int) -> tuple[list[list[str]], str]:
        from gensim.models import LdaModel

        from toolkit._core import random_state
        from toolkit.topics.init import set_start

        rows = data.run_rows(seed)
        model = topics.TopicModel(K, seed=seed)
        dictionary, _, train, _, _ = model._prepare([data.tokens[i] for i in rows], None,
                                                    list(data.parent[rows]))
        if shuffle:
            train = [train[i] for i in random_state(seed).permutation(len(train))]
        lda = LdaModel(id2word=dictionary, num_topics=K, alpha=alpha, eta=eta,
                       random_state=seed, eval_every=None, dtype=np.float32)
        set_start(lda, train, init="nndsvd", guided={}, seed=seed)
        lda.update(train, chunksize=2000, passes=passes, iterations=iterations, decay=decay,
                   offset=1.0, gamma_threshold=0.001, update_every=update_every)
        beta = lda.get_topics()
        return [[dictionary[int(i)] for i in np.argsort(-row, kind="stable")[:10]]
                for row in beta], "toolkit"
    config(name, what)(fn)


_variant("shuffled-p5", "NNDSVD start, passes=5, training paragraphs in a seeded random order",
         shuffle=True)
_variant("eta-0.01-p5", "NNDSVD start, passes=5, eta=0.01 (sparser topics than 1/K)",
         eta=0.01)
#: The defaults before issue 14 (NNDSVD start, gensim's learning-rate offset, 10 passes).
BEFORE = {"init": "nndsvd", "offset": 1.0, "passes": 10}
OLD = {"init": "nndsvd", "offset": 1.0}
_toolkit("single-p10", "before issue 14: NNDSVD start, offset=1, passes=10, one fit", **BEFORE)
_toolkit("single-p5", "NNDSVD start, passes=5", **OLD, passes=5)
_toolkit("vocab-parent-0.5", "NNDSVD start, passes=5, no_above_parent=0.5 (drop words of more "
         "than half the speeches)", **OLD, passes=5, no_above_parent=0.5)
_toolkit("vocab-keep-3000", "NNDSVD start, passes=5, keep_n=3000 (the 3,000 most frequent "
         "terms)", **OLD, passes=5, keep_n=3000)
_toolkit("alpha-0.02", "NNDSVD start, passes=5, alpha=0.02 (sparser documents than 1/K)",
         **OLD, passes=5, alpha=0.02)
_toolkit("consensus-5-nndsvd", "consensus of 5 NNDSVD-start fits on 80% of the speeches each "
         "(ensemble=5), refined 2 passes on all", **OLD, passes=10, ensemble=5)
_toolkit("nmf-offset1-p5", "NMF start, gensim's offset=1 (the first chunk replaces the start), "
         "passes=5", init="nmf", offset=1.0, passes=5)
_toolkit("consensus-3", "defaults, as the consensus of 3 fits (ensemble=3)", ensemble=3)
_toolkit("defaults", "toolkit defaults after issue 14: NMF start (HALS, 50 rounds), offset 64 x "
         "chunks per pass, passes=2")


def _tuned(name: str, what: str, *, hals: int | None = None, offset_per_chunk: float | None = None,
           same_data: bool = False, **options: Any) -> None:
    """Defaults with more HALS rounds in the NMF start and/or another learning-rate offset;
    ``same_data``: every run on the first run's 80% (only the seed changes)."""
    def fn(data: Data, seed: int) -> tuple[list[list[str]], str]:
        from toolkit.topics import init

        rows = data.run_rows(SEEDS[0] if same_data else seed)
        opts = dict(options)
        if offset_per_chunk is not None:  # as the default: per chunk after the first
            opts["offset"] = offset_per_chunk * (-(-len(rows) // 2000) - 1)
        saved = dict(init.nmf.__kwdefaults__)
        if hals is not None:
            init.nmf.__kwdefaults__["iterations"] = hals
        try:
            model = topics.fit(data.paragraphs.iloc[rows], K, seed=seed,
                               tokens=[data.tokens[i] for i in rows], cache=False, **opts)
        finally:
            init.nmf.__kwdefaults__.update(saved)
        return term_lists(model, 10), "toolkit"
    config(name, what)(fn)


_tuned("nmf-offset-16", "the first NMF defaults (before offset 64): NMF start, offset 16 x chunks "
       "per pass, passes=2", offset_per_chunk=16.0)
_tuned("nmf-200", "NMF start with 200 HALS rounds (instead of 50), offset 16 x chunks per pass",
       hals=200, offset_per_chunk=16.0)
_tuned("offset-256", "defaults with offset 256 x chunks per pass (instead of 64)",
       offset_per_chunk=256.0)
_tuned("defaults-same-data", "seed-only agreement, not stability: defaults, every run on the "
       "first run's 80% (only the seed differs)", same_data=True)


@config("nmf-alone", "the NMF start alone (no LDA): top terms of the factorisation")
def _nmf_alone(data: Data, seed: int) -> tuple[list[list[str]], str]:
    from toolkit.topics.init import nmf

    rows = data.run_rows(seed)
    model = topics.TopicModel(K, seed=seed)
    dictionary, _, train, _, _ = model._prepare([data.tokens[i] for i in rows], None,
                                                list(data.parent[rows]))
    start = nmf(train, len(dictionary), K)
    return [[dictionary[int(i)] for i in np.argsort(-row, kind="stable")[:10]]
            for row in start], "toolkit"


def measure(data: Data, name: str) -> dict[str, Any]:
    """Three runs of one config; its row of the table."""
    what, fn = CONFIGS[name]
    load_before = os.getloadavg()[0]
    runs, secs = [], []
    for seed in SEEDS:
        t0 = time.perf_counter()
        terms, pipeline = fn(data, seed)
        secs.append(time.perf_counter() - t0)
        runs.append(terms)
        logger.info("%s seed %d: %.0f s", name, seed, secs[-1])
    ref = data.tutorial()[1] if pipeline == "tutorial" else data.reference
    npmi = [topics.coherence(r, ref, measure="c_npmi") for r in runs]
    per_para = [topics.coherence(r, ref, measure="c_npmi", window_size=PARAGRAPH) for r in runs]
    pairs = [topics.match_topics(a, b)["jaccard"].mean() for a, b in combinations(runs, 2)]
    return {"config": name, "what": what, "npmi": float(np.mean(npmi)),
            "npmi_runs": [round(float(v), 4) for v in npmi],
            "npmi_paragraph": float(np.mean(per_para)), "stability": float(np.mean(pairs)),
            "seconds_per_fit": float(np.mean(secs)),
            "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            "measured": time.strftime("%Y-%m-%d %H:%M"), "first_topics": [
                ", ".join(t) for t in runs[0][:5]], "runs": runs}


# ------------------------------------------------------------------------- passes


def curve(data: Data, which: str, passes: int) -> list[dict[str, Any]]:
    """Held-out NPMI and stability after each pass, for the toolkit or the tutorial."""
    from gensim.models.callbacks import Metric

    class Terms(Metric):
        def __init__(self, out: list, clock: list) -> None:
            self.out, self.clock = out, clock
            self.logger, self.title, self.viz_env = "shell", "terms", None

        def get_value(self, **kwargs: Any) -> float:
            model = kwargs["model"]
            beta = model.get_topics()
            terms = [[model.id2word[int(i)] for i in np.argsort(-row, kind="stable")[:10]]
                     for row in beta]
            self.out.append((terms, time.perf_counter() - self.clock[0]))  # since the start
            return 0.0

    per_run = []
    for seed in SEEDS:
        rows = data.run_rows(seed)
        out, clock = [], [time.perf_counter()]
        if which == "tutorial":
            toks = data.tutorial()[0]
            _tutorial_fit([toks[i] for i in rows], seed, passes=passes,
                          callbacks=[Terms(out, clock)])
        else:  # "toolkit": the NNDSVD start of before; "nmf": today's defaults
            model = topics.TopicModel(K, seed=seed, passes=passes)
            dictionary, _, train, _, _ = model._prepare([data.tokens[i] for i in rows], None,
                                                        list(data.parent[rows]))
            from gensim.models import LdaModel

            from toolkit.topics.init import set_start
            lda = LdaModel(id2word=dictionary, num_topics=K, random_state=seed,
                           eval_every=None, dtype=np.float32, callbacks=[Terms(out, clock)])
            init = "nmf" if which == "nmf" else "nndsvd"
            set_start(lda, train, init=init, guided={}, seed=seed)
            offset = max(1.0, 64.0 * (-(-len(train) // 2000) - 1)) if which == "nmf" else 1.0
            lda.update(train, chunksize=2000, passes=passes, iterations=100, decay=0.5,
                       offset=offset, gamma_threshold=0.001)
        per_run.append(out)
        logger.info("curve %s seed %d: %.0f s", which, seed, out[-1][1])
    ref = data.tutorial()[1] if which == "tutorial" else data.reference
    rows_out = []
    for p in range(passes):
        runs = [r[p][0] for r in per_run]
        pairs = [topics.match_topics(a, b)["jaccard"].mean() for a, b in combinations(runs, 2)]
        rows_out.append({"curve": which, "passes": p + 1,
                         "npmi": float(np.mean([topics.coherence(r, ref) for r in runs])),
                         "stability": float(np.mean(pairs)),
                         "seconds": float(np.mean([r[p][1] for r in per_run])),
                         "load": round(os.getloadavg()[0], 2)})
    return rows_out


# ------------------------------------------------------------------------- output


def _record() -> dict[str, Any]:
    return json.loads(RECORD.read_text()) if RECORD.exists() else {"rows": {}, "curves": {}}


def _save(kind: str, name: str, value: Any) -> dict[str, Any]:
    """Add one row (or curve) to the record on disk, re-read first: runs may overlap."""
    record = _record()
    record.setdefault(kind, {})[name] = value
    RECORD.write_text(json.dumps(record, indent=1, sort_keys=True))
    return record


def markdown(record: dict[str, Any], data_line: str = "") -> str:
    rows = [r for name in CONFIGS if (r := record["rows"].get(name))]
    lines = ["## Topics: stability across data, coherence and speed (UN General Debates)", "",
             "Protocol (issue 14): the 2010-2024 speeches, paragraphs of at least 100 "
             "characters; 20% of the speeches held out (seed 2015); three runs, each fitted on "
             "its own random 80% of the remaining speeches with its own seed (2015, 2016, "
             "2017); K = 20. NPMI: top-10 terms, on the held-out paragraphs (window of 10 "
             "tokens as gensim's `c_npmi`, and per paragraph); stability: mean "
             "Hungarian-matched top-10 Jaccard over the three pairs of runs. "
             + data_line, "",
             "|config|what|NPMI (window 10)|NPMI per run|NPMI (per paragraph)|stability|"
             "s per fit|load (before, after)|", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"|{r['config']}|{r['what']}|{r['npmi']:.3f}|"
                     f"{' / '.join(f'{v:.3f}' for v in r['npmi_runs'])}|"
                     f"{r['npmi_paragraph']:.3f}|{r['stability']:.3f}|"
                     f"{r['seconds_per_fit']:.0f}|{r['load'][0]:.1f}, {r['load'][1]:.1f}|")
    for which, points in sorted(record.get("curves", {}).items()):
        lines += ["", f"NPMI and stability against passes, {which} (one fit per run, "
                  "measured after each pass; seconds: cumulative training time):", "",
                  "|passes|NPMI (window 10)|stability|seconds|load|", "|---|---|---|---|---|"]
        lines += [f"|{p['passes']}|{p['npmi']:.3f}|{p['stability']:.3f}|{p['seconds']:.0f}|"
                  f"{p['load']:.1f}|" for p in points]
    lines += ["", "First five topics of the first run:", ""]
    for r in rows:
        lines += [f"**{r['config']}**: " + "; ".join(r["first_topics"][:3]), ""]
    lines += [f"Reproduce: `{COMMAND} --configs NAME[,NAME...]` (one row each, kept in "
              "`bench/results/topics.json`), `--curve toolkit:10,tutorial:10`; "
              f"`{COMMAND} --collect` rewrites this file from the record."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default="", help="comma-separated: " + ", ".join(CONFIGS))
    parser.add_argument("--curve", default="", help="e.g. toolkit:10,tutorial:10")
    parser.add_argument("--collect", action="store_true", help="only rewrite the Markdown")
    parser.add_argument("--quick", action="store_true", help="2023-2024 only; not recorded")
    args = parser.parse_args(argv)
    if not UNGDC_PARQUET.exists():
        return f"## Topics\n\nSkipped: the UN General Debate corpus is not at {UNGDC_PARQUET}.\n"
    record = _record()
    names = [c for c in args.configs.split(",") if c] or (
        [] if args.collect or args.curve else list(CONFIGS))
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        raise SystemExit(f"unknown configs {unknown}; choose from {list(CONFIGS)}")
    if names or args.curve:
        data = Data(quick=args.quick)
        for name in names:
            row = measure(data, name)
            logger.info("%s", json.dumps({k: v for k, v in row.items()
                                          if k not in ("first_topics", "runs")}))
            record = record if args.quick else _save("rows", name, row)
        for spec in [s for s in args.curve.split(",") if s]:
            which, passes = spec.split(":")
            points = curve(data, which, int(passes))
            record = record if args.quick else _save("curves", which, points)
    md = markdown(record)
    if not args.quick:
        RESULTS.write_text(md)
    return md


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("gensim").setLevel(logging.WARNING)
    sys.stdout.write(main())
