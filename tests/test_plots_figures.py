"""Every corpus, actors and timeline figure, drawn as the notebooks draw it, read as a reader would.

On real text (State of the Union messages since 1980, and 50 UN General Debate speeches
when ``../shared`` has them): no two text boxes overlap, no label leaves its axes or the
figure, every drawn node is labelled, places are not drawn as actors, bands are drawn only
when readable, share axes have no negative ticks, each figure has a caption, and no
matplotlib warning is logged.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from _paths import PROJECT_ROOT  # noqa: E402
from toolkit import actors as ta, corpus as tc, network, style, timeline  # noqa: E402
from toolkit.plots import corpus as cplots, network as nplots, timeline as tplots  # noqa: E402
from toolkit.plots.checks import text_overlaps, texts_outside  # noqa: E402


@pytest.fixture(autouse=True)
def _house_style():
    style.apply_style()
    yield
    plt.close("all")
    matplotlib.rcdefaults()


def _data(docs: pd.DataFrame, pdocs: pd.DataFrame, actors: list, terms: list, pair: list,
          freq: str = "Y") -> dict:
    mentions = ta.find_mentions(docs)
    nodes = network.actor_table(mentions)
    edges = network.cooccurrence(mentions, unit="sentence", corpus=docs, min_count=2)
    graph = network.to_graph(edges, weight="npmi", threshold=0.0, nodes=nodes)
    pm = ta.find_mentions(pdocs)
    share = timeline.attention(pm, pdocs, freq=freq, level="country")
    selected = share.reindex(columns=[*actors, timeline.N_DOCUMENTS], fill_value=0.0)
    selected.attrs = dict(share.attrs)
    terms_share = timeline.term_series(pdocs, terms, freq=freq)
    return {
        "docs": docs, "overview": tc.summary(docs, freq=freq, duplicates=False),
        "nodes": nodes, "edges": edges, "graph": graph,
        "groups": network.communities(graph, seed=2015),
        "spine": network.backbone(network.to_graph(edges, weight="n_ab", nodes=nodes),
                                  weight="n_ab"),
        "selected": selected, "band": timeline.share_band(selected),
        "bursts": timeline.bursts(selected, corpus=pdocs),
        "changes": timeline.change_points(selected, corpus=pdocs),
        "mix": timeline.source_mix(pdocs, freq=freq), "terms": terms_share,
        "term_bursts": timeline.bursts(terms_share, corpus=pdocs),
        "pair": timeline.pair_series(pm, pdocs, *pair, freq=freq, level="country", window=3),
        "events": timeline.load_events("sotu"), "actors": actors, "pair_ids": pair,
    }


@pytest.fixture(scope="module")
def sotu():
    docs = tc.load("sotu", start="1980")
    pdocs = tc.load("sotu", start="1980", paragraphs=True)
    return _data(docs, pdocs, ["RUS", "CHN", "IRQ", "AFG", "IRN", "UKR"],
                 ["terrorism", "tariff", "cold war"], ["RUS", "CHN"])


def _un50(freq: str) -> dict:
    from toolkit._core import ungdc_parquet

    path = ungdc_parquet()
    if path is None or not path.exists():
        pytest.skip("the UN General Debate corpus is not in ../shared")
    table = pd.read_parquet(path)
    table = table[table["year"] >= 1975]
    rng = np.random.default_rng(2015)
    rows = pd.DataFrame([g.iloc[rng.integers(len(g))] for _, g in table.groupby("year")])
    frame = pd.DataFrame({
        "doc_id": (rows["country"] + "_" + rows["year"].astype(str)).to_numpy(),
        # one speech a month: monthly bins with one document each, like a small news corpus
        "date": pd.date_range("2020-01-15", periods=len(rows), freq="MS").to_numpy(),
        "source": "UN General Debate", "title": "", "text": rows["text"].to_numpy()})
    docs = tc.from_frame(frame)
    pdocs = tc.split_paragraphs(docs, min_chars=1)
    return _data(docs, pdocs, ["USA", "RUS", "CHN", "IRQ", "ISR", "PSE"],
                 ["terrorism", "climate", "nuclear"], ["USA", "RUS"], freq=freq)


@pytest.fixture(scope="module")
def un_monthly():
    return _un50("M")


def _figures(d: dict) -> dict:
    """Every figure of notebooks 01, 03 and 04, as the notebooks call them."""
    out = {}
    overview, events, actors = d["overview"], d["events"], d["actors"]
    for name, column in (("documents-over-time", "documents"), ("words-over-time", "words")):
        fig, ax = plt.subplots(figsize=(7, 3))
        cplots.documents_over_time(overview["periods"], column=column, ax=ax)
        ax.set_title(f"{column} per period")
        out[f"corpus-{name}"] = fig
    out["corpus-documents-by-source"] = cplots.documents_by_source(overview["sources"]).figure
    fig, ax = plt.subplots(figsize=(7, 3))
    out["corpus-lengths"] = cplots.length_distribution(d["docs"], ax=ax).figure
    for name, kw in (("actors-network", {}), ("actors-communities", {
            "color": "community", "communities": d["groups"]})):
        fig, ax = plt.subplots(figsize=(8, 7))
        nplots.network(d["graph"], ax=ax, labels=30, seed=2015, title="Associations", **kw)
        out[name] = fig
    fig, ax = plt.subplots(figsize=(8, 7))
    out["actors-backbone"] = nplots.network(d["spine"], ax=ax, labels=30).figure
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    out["actors-heatmap"] = nplots.heatmap(d["edges"], top=25, nodes=d["nodes"], ax=ax).figure
    fig, ax = plt.subplots(figsize=(7, 6.5))
    out["actors-ego"] = nplots.ego(d["graph"], None, ax=ax, top=20).figure
    head = actors[:3]
    fig, ax = plt.subplots(figsize=(9, 3.8))
    tplots.attention(d["selected"], columns=head, band=d["band"], bursts=d["bursts"],
                     events=timeline.select_events(events, actors=head), ax=ax)
    ax.set_title("Attention")
    out["timeline-attention"] = fig
    fig, ax = plt.subplots(figsize=(9, 3.8))
    tplots.attention(d["selected"], columns=head[:1], band=d["band"], bursts=d["bursts"],
                     changes=d["changes"], events=events, ax=ax)
    out["timeline-attention-one"] = fig
    panels = tplots.small_multiples(d["selected"], band=d["band"], bursts=d["bursts"],
                                    changes=d["changes"], events=events, ncols=3)
    panels[0].figure.suptitle("Attention by state")
    out["timeline-small-multiples"] = panels[0].figure
    out["timeline-bursts"] = tplots.burst_chart(d["bursts"], series=actors, events=events).figure
    fig, ax = plt.subplots(figsize=(9, 2.8))
    tplots.attention(d["mix"], events=timeline.select_events(events, actors=[]), ax=ax)
    out["timeline-source-mix"] = fig
    fig, ax = plt.subplots(figsize=(9, 3.6))
    tplots.attention(d["terms"], band=timeline.share_band(d["terms"]),
                     bursts=d["term_bursts"], events=events, ax=ax)
    out["timeline-terms"] = fig
    axes = tplots.pair(d["pair"], events=events)
    out["timeline-pair"] = axes[0].figure
    return out


def _check_reads(figs: dict) -> None:
    problems = {}
    for name, fig in figs.items():
        fig.canvas.draw()
        found = {"overlaps": text_overlaps(fig), "outside": texts_outside(fig),
                 "caption": [] if style.get_caption(fig) else ["no caption"]}
        found = {k: v for k, v in found.items() if v}
        if found:
            problems[name] = found
    assert problems == {}


def test_every_figure_reads_on_the_default_corpus(sotu, caplog):
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        figs = _figures(sotu)
        _check_reads(figs)
    # e.g. "Ignoring fixed y limits to fulfill fixed data aspect" on every network figure
    assert [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")] == []
    assert len(figs) == 16


@pytest.mark.ungdc
def test_every_figure_reads_on_a_small_corpus_in_monthly_bins(un_monthly, caplog):
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        _check_reads(_figures(un_monthly))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")] == []


def test_checks_catch_what_a_reader_would_see():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.text(0.3, 0.5, "Iran")
    ax.text(0.32, 0.5, "Iraq")
    ax.text(0.9, 0.1, "Dissolution of the Soviet Union")
    fig.canvas.draw()
    assert text_overlaps(fig) == [("Iran", "Iraq")]
    assert texts_outside(fig) == ["Dissolution of the Soviet Union"]
    # tick labels crowding each other count too
    fig, ax = plt.subplots(figsize=(1.5, 1))
    ax.set_xticks(range(10), [f"label {k}" for k in range(10)])
    fig.canvas.draw()
    assert len(text_overlaps(fig)) >= 9


def test_network_draws_only_what_it_labels(sotu):
    graph = sotu["graph"]
    fig, ax = plt.subplots(figsize=(8, 7))
    nplots.network(graph, ax=ax, labels=12)
    drawn = ax.collections[1].get_offsets()
    labels = [t.get_text() for t in ax.texts]
    assert len(drawn) == len(labels) <= 12
    # the strongest actors that are not places
    kinds = {graph.nodes[v]["name"]: graph.nodes[v].get("kind") for v in graph}
    assert "other" not in {kinds[name] for name in labels}
    actors = graph.subgraph([v for v in graph if graph.nodes[v].get("kind") != "other"])
    strength = {actors.nodes[v]["name"]: actors.degree(v, weight="weight") for v in actors}
    assert set(labels) <= set(sorted(strength, key=strength.get, reverse=True)[:12])
    # legends: kind, node area and line width, outside the data
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"kind", "node area: mentions", "line width: npmi"} <= set(legend)
    fig.canvas.draw()
    assert ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1
    caption = style.get_caption(fig)
    assert "places and regions left out" in caption and "of highest strength" in caption
    # places come back when asked for
    fig, ax = plt.subplots(figsize=(8, 7))
    nplots.network(graph, ax=ax, labels=len(graph), places=True)
    assert "other" in {kinds[t.get_text()] for t in ax.texts}


def test_communities_are_named_by_their_strongest_members(sotu):
    fig, ax = plt.subplots(figsize=(8, 7))
    nplots.network(sotu["graph"], ax=ax, color="community", communities=sotu["groups"],
                   labels=30)
    entries = [t.get_text() for t in ax.get_legend().get_texts()]
    names = {d["name"] for _, d in sotu["graph"].nodes(data=True)}
    groups = entries[1:entries.index("node area: mentions")]
    assert groups and not any(g.startswith("community") for g in groups)
    first = [g for g in groups if g != "smaller groups"][0]
    assert set(first.rstrip(", .").split(", ")) <= names
    colours = [h.get_color() for h in ax.get_legend().legend_handles[1:len(groups) + 1]]
    assert len(set(colours)) == len(colours)


def test_ego_explains_order_width_and_counts(sotu):
    fig, ax = plt.subplots(figsize=(7, 6.5))
    nplots.ego(sotu["graph"], None, ax=ax, top=10)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "node area: sentences naming both" in legend and "line width: npmi" in legend
    caption = style.get_caption(fig)
    assert "clockwise from the top in decreasing order" in caption
    # only the spokes: partners' own ties would hide the order
    centre = sotu["graph"].graph.get("center")
    assert centre is None and len(ax.collections[0].get_segments()) == len(ax.texts) - 1


def test_packed_layout_does_not_depend_on_the_hash_seed(sotu, tmp_path):
    path = tmp_path / "graph.graphml"
    import networkx as nx

    nx.write_graphml(sotu["graph"], path)
    code = ("import sys, networkx as nx; from toolkit.plots.layout import packed_layout;"
            "g = nx.read_graphml(sys.argv[1]);"
            "print(sorted((v, [round(float(c), 9) for c in p]) for v, p in packed_layout(g).items()))")
    outs = {subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                           text=True, check=True, cwd=PROJECT_ROOT,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
            for seed in ("1", "2", "3")}
    assert len(outs) == 1


def test_one_colour_per_actor_across_figures(sotu):
    head = sotu["actors"][:3]
    ax = tplots.attention(sotu["selected"], columns=head)
    by_label = {line.get_label(): line.get_color() for line in ax.get_lines()}
    panels = tplots.small_multiples(sotu["selected"], columns=head)
    for panel, actor in zip(panels, head):
        assert panel.get_lines()[0].get_color() == by_label[actor] == \
            style.actor_colors(head)[actor]


def test_share_axes_have_no_negative_ticks_and_a_time_label(sotu):
    ax = tplots.attention(sotu["selected"], columns=sotu["actors"][:3], bursts=sotu["bursts"])
    ax.figure.canvas.draw()
    assert ax.get_ylim()[0] == 0
    assert ax.get_xlabel() == "year"
    # bursts are drawn on their own lines, not as strips under zero
    assert ax.get_ylim()[0] >= 0 and not [t for t in ax.texts if "bursts" in t.get_text()]


def test_bands_only_when_readable(sotu, un_monthly):
    # several series: no band (they would pile up into a block that reads as data)
    ax = tplots.attention(sotu["selected"], columns=sotu["actors"][:3], band=sotu["band"])
    assert not [c for c in ax.collections if isinstance(c, PolyCollection)]
    # monthly bins on 50 speeches (one a month): the bands would cover the plot
    for col in ("USA", "RUS"):
        ax = tplots.attention(un_monthly["selected"], columns=[col], band=un_monthly["band"])
        assert not [c for c in ax.collections if isinstance(c, PolyCollection)]
        assert "95% band not drawn: on average it would span over 30% of the plot's " \
               "height" in style.get_caption(ax)  # it said "not drawn: x"
    # a thousand units per period: a narrow band, drawn
    idx = pd.period_range("1990", "1999", freq="Y")
    many = pd.DataFrame({"KWT": [.1, .1, .4, .3, .1, .1, .1, .2, .1, .1],
                         timeline.N_DOCUMENTS: 1000}, index=idx)
    many.attrs = {"value": "share"}
    ax = tplots.attention(many, band=timeline.share_band(many))
    assert [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert "shaded: 95% Wilson interval" in style.get_caption(ax)


def test_source_mix_is_stacked_not_mirrored(sotu):
    mix = sotu["mix"]
    ax = tplots.attention(mix)
    assert ax.get_lines() == [] and ax.get_ylim() == (0, 1)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        c for c in mix.columns if c != timeline.N_DOCUMENTS]


def test_pair_has_a_band_counts_and_only_its_events(sotu):
    events = timeline.load_events("sotu")
    top, bottom = tplots.pair(sotu["pair"], events=events)
    assert [c for c in top.collections if isinstance(c, PolyCollection)]
    assert len(bottom.patches) == len(sotu["pair"])
    a, b = sotu["pair_ids"]
    mine = set(events.loc[events["actors"].map(lambda e: bool({a, b} & set(e))), "label"])
    assert {t.get_text() for t in top.texts} <= mine


def test_burst_chart_has_years_and_a_colour_bar(sotu):
    ax = tplots.burst_chart(sotu["bursts"], series=sotu["actors"])
    assert ax.get_xlabel() == "year"
    assert any(a.get_ylabel() == "burst strength" for a in ax.figure.axes)


def test_period_and_source_labels_that_look_like_numbers_log_nothing(caplog):
    # The notebooks log at INFO: matplotlib's category axis said "Using categorical units
    # to plot a list of strings that are all parsable as floats or dates" for every bar
    # chart of days, years or sources named like "2019", twice per figure.
    days = pd.DataFrame({"documents": [2, 0, 1]},
                        index=pd.period_range("2001-12-01", periods=3, freq="D"))
    sources = pd.DataFrame({"documents": [5, 3]}, index=pd.Index(["2019", "2020"]))
    with caplog.at_level(logging.INFO, logger="matplotlib"):
        ax = cplots.documents_over_time(days)
        ax.figure.canvas.draw()
        bars = cplots.documents_by_source(sources)
        bars.figure.canvas.draw()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")] == []
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2001-12-01", "2001-12-02",
                                                           "2001-12-03"]
    assert [p.get_height() for p in ax.patches] == [2, 0, 1]
    assert [t.get_text() for t in bars.get_yticklabels()] == ["2020", "2019"]
    assert [p.get_width() for p in bars.patches] == [3, 5]


def test_a_share_resting_on_one_or_two_units_is_not_drawn():
    # 50 news stories dated over December 2001 in weekly bins: the last week held one
    # story (31 December), so attention jumped to 1.0 for every actor it named.
    idx = pd.period_range("2001-11-26", periods=6, freq="W")
    shares = pd.DataFrame({"USA": [0.0, .18, .17, .27, .09, 1.0],
                           "GBR": [0.0, .18, 0.0, .18, .18, 1.0],
                           timeline.N_DOCUMENTS: [4, 11, 12, 11, 11, 1]}, index=idx)
    shares.attrs = {"value": "share", "freq": "W-SUN", "unit": "paragraph"}
    ax = tplots.attention(shares)
    drawn = ax.get_lines()[0].get_ydata()
    assert np.isnan(drawn[-1]) and np.allclose(drawn[:5], [0.0, .18, .17, .27, .09])
    assert ax.get_ylim()[1] < 0.5  # the scale is the data's, not the thin week's
    assert "1 week with fewer than 3 paragraphs not drawn" in style.get_caption(ax.figure)
    panels = tplots.small_multiples(shares)
    assert np.isnan(panels[0].get_lines()[0].get_ydata()[-1])
    assert "1 week with fewer than 3 paragraphs not drawn" in style.get_caption(panels[0].figure)
    counts = shares.copy()
    counts.attrs = {"value": "documents", "freq": "W-SUN"}  # counts are drawn as they are
    assert tplots.attention(counts).get_lines()[0].get_ydata()[-1] == 1.0


def test_pair_counts_axis_has_whole_numbers():
    # 50 news stories: at most 6 sentences a week named both, and the axis read 2.5
    idx = pd.period_range("2001-11-26", periods=5, freq="W")
    t = pd.DataFrame({"n_ab": [3, 5, 2, 6, 0], "n_a": [9, 20, 30, 12, 5],
                      "n_b": [5, 9, 12, 8, 4], "n": [100, 120, 150, 110, 90]}, index=idx)
    t["npmi"] = [0.7, 0.6, 0.7, 0.75, np.nan]
    t.attrs = {"a": "IND", "b": "PAK", "unit": "sentence", "window": 1}
    _, bottom = tplots.pair(t)
    bottom.figure.canvas.draw()
    ticks = [v for v in bottom.get_yticks() if bottom.get_ylim()[0] <= v <= bottom.get_ylim()[1]]
    assert len(ticks) >= 2 and all(float(v).is_integer() for v in ticks), ticks
