"""Tests for toolkit.network: co-occurrence counts, association measures, graphs."""

from __future__ import annotations

import logging

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from toolkit import network
from _runs import UNGDC_MENTIONS
from toolkit._core import UNGDC_PARQUET
from toolkit.corpus import from_frame


def mentions_frame(rows: list[tuple]) -> pd.DataFrame:
    """A Mentions table from (doc_id, paragraph, sentence, actor, kind, country) rows."""
    m = pd.DataFrame(rows, columns=["doc_id", "paragraph", "sentence", "actor", "kind",
                                    "country"])
    m["start"] = np.arange(len(m)) * 10
    m["end"] = m["start"] + 5
    m["surface"] = m["actor"]
    m["name"] = m["actor"].str.title()
    m["rule"] = "alias"
    return m


@pytest.fixture
def mentions() -> pd.DataFrame:
    return mentions_frame([
        # doc d1: paragraph 0 = sentences 0, 1; paragraph 1 = sentence 2
        ("d1", 0, 0, "iran", "state", "IRN"),
        ("d1", 0, 0, "russia", "state", "RUS"),
        ("d1", 0, 0, "iran", "state", "IRN"),        # repeated: counts once
        ("d1", 0, 1, "russia", "state", "RUS"),
        ("d1", 0, 1, "putin", "person", "RUS"),
        ("d1", 1, 2, "usa", "state", "USA"),
        ("d1", 1, 2, "un", "organisation", ""),
        # doc d2: one paragraph, sentences 0, 1
        ("d2", 0, 0, "iran", "state", "IRN"),
        ("d2", 0, 0, "russia", "state", "RUS"),
        ("d2", 0, 1, "usa", "state", "USA"),
    ])


def pair(edges: pd.DataFrame, a: str, b: str) -> pd.Series:
    rows = edges[(edges["a"] == a) & (edges["b"] == b)]
    assert len(rows) == 1, f"pair {a}-{b} not found once in {edges[['a', 'b']].values}"
    return rows.iloc[0]


# --------------------------------------------------------------------------- counts


def test_cooccurrence_sentence_counts_are_binary_and_skip_self_pairs(mentions):
    edges = network.cooccurrence(mentions)
    assert list(edges.columns) == list(network.EDGE_COLUMNS)
    got = {(r.a, r.b): (r.n_ab, r.n_a, r.n_b, r.n) for r in edges.itertuples()}
    # 5 sentences mention someone: d1#0, d1#1, d1#2, d2#0, d2#1
    assert got == {
        ("iran", "russia"): (2, 2, 3, 5),
        ("putin", "russia"): (1, 1, 3, 5),
        ("un", "usa"): (1, 1, 2, 5),
    }
    assert (edges["a"] < edges["b"]).all()


def test_cooccurrence_paragraph_and_document_units(mentions):
    para = network.cooccurrence(mentions, unit="paragraph")
    # paragraphs with mentions: d1#0, d1#1, d2#0 -> n = 3
    assert pair(para, "iran", "putin")[["n_ab", "n_a", "n_b", "n"]].tolist() == [1, 2, 1, 3]
    assert pair(para, "russia", "usa")[["n_ab", "n_a", "n_b"]].tolist() == [1, 2, 2]
    assert len(para) == 6
    doc = network.cooccurrence(mentions, unit="document")
    assert pair(doc, "russia", "usa")[["n_ab", "n_a", "n_b", "n"]].tolist() == [2, 2, 2, 2]
    assert len(doc) == 10  # all 5 actors are in d1: every pair once


def test_cooccurrence_country_level_counts_persons_for_their_state(mentions, caplog):
    with caplog.at_level(logging.INFO, logger="toolkit.network"):
        edges = network.cooccurrence(mentions, level="country")
    assert "dropped 1 of 10 mentions without a country" in caplog.text
    got = {(r.a, r.b): (r.n_ab, r.n_a, r.n_b, r.n) for r in edges.itertuples()}
    # putin + russia in d1#1 is RUS alone: no self-pair; the UN mention is dropped, so
    # sentence d1#2 still has USA
    assert got == {("IRN", "RUS"): (2, 2, 3, 5)}


def test_cooccurrence_with_corpus_counts_units_without_mentions(mentions):
    corpus = from_frame(pd.DataFrame({
        "doc_id": ["d1", "d2", "d3"],
        "text": ["Iran and Russia. Russia and Putin.\nThe USA and the UN. Nothing here.",
                 "Iran and Russia. The USA.", "No actor at all. None."],
    }))
    edges = network.cooccurrence(mentions, corpus=corpus)
    assert network.count_units(corpus).tolist() == [4, 2, 2]
    assert pair(edges, "iran", "russia")["n"] == 8
    assert edges.attrs["n"] == 8
    # mentions outside the corpus are dropped
    only_d2 = network.cooccurrence(mentions, corpus=corpus.iloc[[1]])
    assert only_d2[["a", "b", "n_ab", "n"]].values.tolist() == [["iran", "russia", 1, 2]]


def test_count_units_paragraph_and_document():
    corpus = from_frame(pd.DataFrame({"doc_id": ["a", "b"],
                                      "text": ["One. Two.\nThree.", "Four."]}))
    assert network.count_units(corpus, unit="paragraph").to_dict() == {"a": 2, "b": 1}
    assert network.count_units(corpus, unit="document").to_dict() == {"a": 1, "b": 1}
    with pytest.raises(ValueError, match="unit='word' is invalid"):
        network.count_units(corpus, unit="word")


def test_cooccurrence_accepts_categorical_ids_and_leaves_input_alone(mentions):
    before = mentions.copy()
    plain = network.cooccurrence(mentions, unit="paragraph")
    pd.testing.assert_frame_equal(mentions, before)
    cat = mentions.astype({"doc_id": "category", "actor": "category"})
    pd.testing.assert_frame_equal(network.cooccurrence(cat, unit="paragraph"), plain)


def test_cooccurrence_empty_mentions_gives_empty_table(mentions):
    edges = network.cooccurrence(mentions.iloc[:0])
    assert edges.empty and list(edges.columns) == list(network.EDGE_COLUMNS)
    one = network.cooccurrence(mentions.iloc[:1])
    assert one.empty


# --------------------------------------------------------------------------- measures


def two_by_two(n_ab: int, n_a: int, n_b: int, n: int) -> pd.DataFrame:
    """Mentions whose sentence units realise exactly this 2x2 table."""
    rows, s = [], 0
    for count, actors in ((n_ab, ["a", "b"]), (n_a - n_ab, ["a"]), (n_b - n_ab, ["b"])):
        for _ in range(count):
            rows += [("d", 0, s, x, "state", x.upper()) for x in actors]
            s += 1
    assert s <= n
    return mentions_frame(rows)


@pytest.mark.parametrize("table", [(6, 10, 8, 40), (1, 30, 20, 50), (3, 3, 3, 3),
                                   (2, 5, 4, 9)])
def test_measures_match_their_definitions_and_scipy(table):
    n_ab, n_a, n_b, n = table
    row = pair(network.cooccurrence(two_by_two(*table), n=n), "a", "b")
    assert row[["n_ab", "n_a", "n_b", "n"]].tolist() == list(table)
    assert row["expected"] == pytest.approx(n_a * n_b / n)
    assert row["jaccard"] == pytest.approx(n_ab / (n_a + n_b - n_ab))
    pmi = np.log2(n_ab * n / (n_a * n_b))
    assert row["pmi"] == pytest.approx(pmi)
    assert row["npmi"] == pytest.approx(pmi / -np.log2(n_ab / n) if n_ab < n else 1.0)
    cells = np.array([[n_ab, n_a - n_ab], [n_b - n_ab, n - n_a - n_b + n_ab]])
    if (cells.sum(axis=0) > 0).all() and (cells.sum(axis=1) > 0).all():
        g2, p2, _, _ = stats.chi2_contingency(cells, correction=False,
                                              lambda_="log-likelihood")
    else:  # a degenerate table (every unit has both): no evidence either way
        g2, p2 = 0.0, 1.0
    assert row["g2"] == pytest.approx(g2, abs=1e-9)
    attracted = n_ab > n_a * n_b / n
    assert row["p_value"] == pytest.approx(p2 / 2 if attracted else 1 - p2 / 2)


def test_measures_known_values():
    # 40 units; a in 10, b in 8, both in 6: expected 2, pmi = log2(3)
    row = pair(network.cooccurrence(two_by_two(6, 10, 8, 40), n=40), "a", "b")
    assert row["pmi"] == pytest.approx(1.5849625)
    assert row["npmi"] == pytest.approx(1.5849625 / np.log2(40 / 6))
    assert row["jaccard"] == pytest.approx(0.5)
    # 2 (6 ln 3 + 4 ln 1/2 + 2 ln 1/3 + 28 ln 28/24)
    assert row["g2"] == pytest.approx(11.87616, abs=1e-5)


def test_p_value_is_one_sided_for_attraction():
    # a and b together less often than chance: p-value above 0.5
    row = pair(network.cooccurrence(two_by_two(1, 30, 20, 50), n=50), "a", "b")
    assert row["npmi"] < 0 and row["p_value"] > 0.5


def many_pairs() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    for s in range(300):
        present = [x for x, p in zip("abcdefg", (.5, .4, .3, .3, .2, .1, .05))
                   if rng.random() < p]
        if "a" in present and rng.random() < .6:
            present.append("b")
        rows += [("d", 0, s, x, "state", x.upper()) for x in dict.fromkeys(present)]
    return mentions_frame(rows)


def test_bh_correction_matches_scipy_over_all_pairs():
    m = many_pairs()
    edges = network.cooccurrence(m, n=400, min_count=1)
    k = m["actor"].nunique()
    assert edges.attrs["n_tests"] == k * (k - 1) // 2 == 21
    # unseen pairs are tests with p = 1: pad the family with them
    padded = np.concatenate([edges["p_value"], np.ones(21 - len(edges))])
    expected = stats.false_discovery_control(padded, method="bh")[: len(edges)]
    np.testing.assert_allclose(edges["p_adjusted"], expected)
    assert edges.loc[0, "a":"b"].tolist() == ["a", "b"]  # the planted pair is strongest


def test_bonferroni_none_and_min_count():
    m = many_pairs()
    full = network.cooccurrence(m, correction="bonferroni")
    np.testing.assert_allclose(full["p_adjusted"], np.minimum(full["p_value"] * 21, 1))
    raw = network.cooccurrence(m, correction=None)
    np.testing.assert_array_equal(raw["p_adjusted"], raw["p_value"])
    bh = network.cooccurrence(m)
    some = network.cooccurrence(m, min_count=20)
    assert 0 < len(some) < len(bh) and (some["n_ab"] >= 20).all()
    merged = some.merge(bh, on=["a", "b"], suffixes=("", "_all"))
    np.testing.assert_allclose(merged["p_adjusted"], merged["p_adjusted_all"])


def test_rows_sorted_from_attraction_to_avoidance():
    edges = network.cooccurrence(many_pairs(), n=400)
    signed = np.where(edges["n_ab"] > edges["expected"], edges["g2"], -edges["g2"])
    assert (np.diff(signed) <= 0).all()
    assert (edges["npmi"].iloc[:3] > 0).all() and edges["npmi"].iloc[-1] < 0


def test_pmi_without_corpus_is_biased_towards_zero():
    # the documented consequence of n = units with a mention
    m = two_by_two(6, 10, 8, 40)
    without = pair(network.cooccurrence(m), "a", "b")
    with_n = pair(network.cooccurrence(m, n=40), "a", "b")
    assert without["n"] == 12 and with_n["pmi"] > without["pmi"]


# --------------------------------------------------------------------------- errors


def test_cooccurrence_errors_name_the_argument(mentions):
    with pytest.raises(ValueError, match="unit='word' is invalid"):
        network.cooccurrence(mentions, unit="word")
    with pytest.raises(ValueError, match="level='region' is invalid"):
        network.cooccurrence(mentions, level="region")
    with pytest.raises(ValueError, match="correction='holm' is invalid"):
        network.cooccurrence(mentions, correction="holm")
    with pytest.raises(ValueError, match="min_count=0 is invalid"):
        network.cooccurrence(mentions, min_count=0)
    with pytest.raises(TypeError, match="min_count='5' has the wrong type str"):
        network.cooccurrence(mentions, min_count="5")
    with pytest.raises(ValueError, match=r"n=3 is invalid; must be an integer >= 5, the "
                                         "number of sentences that mention an actor"):
        network.cooccurrence(mentions, n=3)
    with pytest.raises(TypeError, match="n=5.0 has the wrong type float; must be an integer"):
        network.cooccurrence(mentions, n=5.0)
    with pytest.raises(ValueError, match="corpus or n, not both"):
        network.cooccurrence(mentions, n=10, corpus=from_frame(pd.DataFrame({"text": ["x"]})))
    with pytest.raises(ValueError, match=r"missing columns \['sentence'\]"):
        network.cooccurrence(mentions.drop(columns="sentence"))
    with pytest.raises(TypeError, match="mentions has the wrong type list; must be a "
                                        "Mentions table"):
        network.cooccurrence(mentions.to_dict("records"))
    one_sentence = from_frame(pd.DataFrame({"doc_id": ["d1", "d2"], "text": ["A.", "B."]}))
    with pytest.raises(ValueError, match="corpus: has 2 sentences but the mentions fall in 5"):
        network.cooccurrence(mentions, corpus=one_sentence)
    with pytest.raises(ValueError, match="'sentence' has negative values"):
        network.cooccurrence(mentions.assign(sentence=-1))


# --------------------------------------------------------------------------- periods, nodes


def test_issue17_places_found_by_the_venue_rule_are_not_actors(caplog):
    # "met in Vienna", "Talks in Vienna": Austria as a place, not as an actor
    from toolkit.actors import find_mentions

    corpus = from_frame(pd.DataFrame({
        "doc_id": ["a", "b"], "date": ["2015-07-14", "2015-07-15"],
        "text": ["Negotiators from Iran and Russia met in Vienna on Tuesday. Moscow said "
                 "the deal holds.", "Iran and Austria signed a trade pact. Talks in Vienna "
                 "went on."]}))
    m = find_mentions(corpus)
    assert m.loc[m["surface"] == "Vienna", "rule"].tolist() == ["venue", "venue"]
    cols = ["a", "b", "n_ab", "n_a", "n_b", "n"]
    with caplog.at_level(logging.INFO, logger="toolkit.network"):
        default = network.cooccurrence(m, corpus=corpus)
    assert default[cols].values.tolist() == [["AUT", "IRN", 1, 1, 2, 4],
                                             ["IRN", "RUS", 1, 2, 2, 4]]
    assert "left out 2 of 7 mentions of a place (rule 'venue'" in caplog.text
    asked = network.cooccurrence(m, corpus=corpus, venues=True)
    assert asked[cols].values.tolist() == [["AUT", "IRN", 2, 3, 2, 4],
                                           ["IRN", "RUS", 1, 2, 2, 4],
                                           ["AUT", "RUS", 1, 3, 2, 4]]
    assert (default.attrs["venues"], asked.attrs["venues"]) == (False, True)
    assert network.to_graph(default, weight="n_ab").graph["venues"] is False
    # by period, and at the country level, the same rule
    by_period = network.cooccurrence_by_period(m, corpus, freq="D")
    assert by_period[["a", "b", "n_ab"]].values.tolist() == [["IRN", "RUS", 1],
                                                             ["AUT", "IRN", 1]]
    assert len(network.cooccurrence_by_period(m, corpus, freq="D", venues=True)) == 4
    assert network.cooccurrence(m, level="country", corpus=corpus)[cols].values.tolist() \
        == default[cols].values.tolist()
    with pytest.raises(TypeError, match="venues"):
        network.cooccurrence(m, corpus=corpus, venues="no")


def test_cooccurrence_by_period():
    corpus = from_frame(pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"],
        "date": ["2001-03-01", "2001-09-01", "2003-01-01", None],
        "text": ["Iran, Russia. Iran.", "Iran and Russia.", "Russia, Iran. USA.", "Iran."],
    }), date_errors="coerce")
    m = mentions_frame([
        ("d1", 0, 0, "iran", "state", "IRN"), ("d1", 0, 0, "russia", "state", "RUS"),
        ("d1", 0, 1, "iran", "state", "IRN"),
        ("d2", 0, 0, "iran", "state", "IRN"), ("d2", 0, 0, "russia", "state", "RUS"),
        ("d3", 0, 0, "russia", "state", "RUS"), ("d3", 0, 0, "iran", "state", "IRN"),
        ("d3", 0, 1, "usa", "state", "USA"),
        ("d4", 0, 0, "iran", "state", "IRN"),
    ])
    out = network.cooccurrence_by_period(m, corpus, freq="Y")
    assert [str(p) for p in out["period"]] == ["2001", "2003"]
    assert out[["a", "b", "n_ab", "n_a", "n_b", "n"]].values.tolist() == [
        ["iran", "russia", 2, 3, 2, 3], ["iran", "russia", 1, 1, 1, 2]]
    graphs = network.to_graphs(out, weight="n_ab")
    assert [str(k) for k in graphs] == ["2001", "2003"]
    assert graphs[out["period"][0]].edges["iran", "russia"]["weight"] == 2
    with pytest.raises(ValueError, match="freq='fortnight' is invalid"):
        network.cooccurrence_by_period(m, corpus, freq="fortnight")
    with pytest.raises(TypeError, match="freq"):
        network.cooccurrence_by_period(m, corpus, freq=10)
    # the calendar grammar of every stage: multiples bin into decades (notebook 03)
    decades = network.cooccurrence_by_period(m, corpus, freq="10Y")
    assert [str(p) for p in decades["period"]] == ["2000"]
    assert str(decades["period"].dtype) == "period[10Y-DEC]"
    assert decades[["a", "b", "n_ab", "n_a", "n_b", "n"]].values.tolist() == [
        ["iran", "russia", 3, 4, 3, 5]]


def test_actor_table(mentions):
    t = network.actor_table(mentions)
    assert t.index.tolist() == ["iran", "russia", "usa", "putin", "un"]
    assert t.loc["iran"].tolist() == ["Iran", "state", "IRN", 3]
    c = network.actor_table(mentions, level="country")
    assert c.loc["RUS", ["name", "mentions"]].tolist() == ["Russia", 4]
    assert c.index.tolist() == ["RUS", "IRN", "USA"]


def test_with_names(mentions):
    edges = network.cooccurrence(mentions)
    named = network.with_names(edges, network.actor_table(mentions).drop(index="un"))
    assert list(named.columns[:4]) == ["a", "b", "name_a", "name_b"]
    row = named[(named["a"] == "un")].iloc[0]
    assert row[["name_a", "name_b"]].tolist() == ["un", "Usa"]  # missing id keeps its id
    assert "name_a" not in edges.columns
    with pytest.raises(ValueError, match=r"nodes is missing columns \['name'\].*actor_table"):
        network.with_names(edges, pd.DataFrame({"x": [1]}))


# --------------------------------------------------------------------------- graphs


@pytest.fixture
def edges() -> pd.DataFrame:
    return network.cooccurrence(many_pairs(), n=400)


def test_to_graph_filters_and_attributes(edges, mentions):
    g = network.to_graph(edges, weight="npmi", threshold=0.0)
    assert g.number_of_edges() == int((edges["npmi"] >= 0).sum())
    assert g.graph["weight"] == "npmi" and g.graph["n"] == 400
    top = network.to_graph(edges, weight="g2", top=3)
    assert sorted(d["g2"] for *_, d in top.edges(data=True)) == \
        sorted(edges["g2"].nlargest(3).tolist())
    sig = network.to_graph(edges, alpha=0.05)
    assert sig.number_of_edges() == int((edges["p_adjusted"] <= 0.05).sum())
    a_b = g.edges["a", "b"]
    row = pair(edges, "a", "b")
    assert a_b["weight"] == pytest.approx(row["npmi"]) and a_b["n_ab"] == row["n_ab"]
    assert g.nodes["a"]["units"] == row["n_a"]
    e2 = network.cooccurrence(mentions)
    g2 = network.to_graph(e2, nodes=network.actor_table(mentions), weight="n_ab")
    assert g2.nodes["putin"] == {"name": "Putin", "kind": "person", "country": "RUS",
                                 "mentions": 1, "units": 1}
    with pytest.raises(ValueError, match=r"missing columns \['dice'\]"):
        network.to_graph(edges, weight="dice")
    with pytest.raises(ValueError, match="top=0 is invalid; must be an integer >= 1 or None"):
        network.to_graph(edges, top=0)
    with pytest.raises(TypeError, match="top=2.5 has the wrong type float"):
        network.to_graph(edges, top=2.5)
    with pytest.raises(TypeError, match="nodes=.* has the wrong type list; must be a node table"):
        network.to_graph(edges, nodes=["a"])
    with pytest.raises(ValueError, match="alpha=2 is invalid"):
        network.to_graph(edges, alpha=2)


def test_backbone_disparity_filter_by_hand():
    e = pd.DataFrame({"a": ["A", "A", "A", "A", "B"], "b": ["B", "C", "D", "E", "C"],
                      "n_ab": [50, 1, 1, 1, 1]})
    # A: k=4, s=53; A-B: (1 - 50/53)^3 = 1.8e-4; A-C at A: (52/53)^3 = 0.94,
    # at C (k=2, s=2): (1 - 1/2)^1 = 0.5; B-C at B (k=2, s=51): 50/51
    out = network.backbone(e, alpha=0.6)
    assert out[["a", "b"]].values.tolist() == [["A", "B"], ["A", "C"], ["B", "C"]]
    np.testing.assert_allclose(out["disparity_alpha"], [(3 / 53) ** 3, 0.5, 0.5])
    g = network.backbone(network.to_graph(e, weight="n_ab"), alpha=0.6)
    assert sorted(g.edges) == [("A", "B"), ("A", "C"), ("B", "C")]
    assert "D" not in g and g.edges["A", "B"]["disparity_alpha"] == pytest.approx(
        (3 / 53) ** 3)
    with pytest.raises(ValueError, match="alpha=1.5 is invalid"):
        network.backbone(e, alpha=1.5)
    with pytest.raises(ValueError, match="weight='npmi' has 1 missing or non-positive"):
        network.backbone(e.assign(npmi=[0.5, 0.1, 0.2, -0.1, 0.3]), weight="npmi")


def two_triangles() -> nx.Graph:
    g = nx.Graph()
    g.add_weighted_edges_from([("A", "B", 3.0), ("B", "C", 3.0), ("A", "C", 3.0),
                               ("D", "E", 2.0), ("E", "F", 2.0), ("D", "F", 2.0),
                               ("C", "D", 0.5), ("G", "H", 1.0)])
    return g


def test_communities_are_seeded_and_numbered_by_size():
    found = network.communities(two_triangles())
    assert found.to_dict() == {"A": 0, "B": 0, "C": 0, "D": 1, "E": 1, "F": 1,
                               "G": 2, "H": 2}
    for seed in (1, 2, 3):
        pd.testing.assert_series_equal(network.communities(two_triangles(), seed=seed),
                                       found)
    bad = two_triangles()
    bad.edges["A", "B"]["weight"] = -1.0
    with pytest.raises(ValueError, match="weight='weight' has 1 missing or non-positive"):
        network.communities(bad)
    with pytest.raises(TypeError, match="graph has the wrong type DiGraph; must be an "
                                        "undirected networkx.Graph"):
        network.communities(nx.DiGraph())


def test_centrality_table():
    t = network.centrality(two_triangles())
    assert t.index.tolist()[:3] == ["C", "A", "B"]  # by strength, ties by id
    assert t.loc["C", ["degree", "strength"]].tolist() == [3, 6.5]
    # C and D bridge the triangles: every shortest path between them passes there
    assert t.loc["C", "betweenness"] == pytest.approx(t.loc["D", "betweenness"])
    assert t.loc["C", "betweenness"] > 0 and t.loc["A", "betweenness"] == 0
    # within each component, scaled so its most central node has 1
    assert t.loc["C", "eigenvector"] == pytest.approx(1.0)
    assert t.loc["A", "eigenvector"] > t.loc["E", "eigenvector"] > 0
    assert t.loc[["G", "H"], "eigenvector"].tolist() == pytest.approx([1.0, 1.0])
    assert list(t.columns) == ["name", "degree", "strength", "betweenness", "eigenvector"]
    assert network.centrality(nx.Graph()).empty


def test_ego_by_id_or_name():
    g = two_triangles()
    nx.set_node_attributes(g, {"C": "Cuba"}, "name")
    assert sorted(network.ego(g, "Cuba").nodes) == ["A", "B", "C", "D"]
    assert network.ego(g, "cuba").graph["center"] == "C"
    assert sorted(network.ego(g, "C", radius=2).nodes) == list("ABCDEF")
    with pytest.raises(KeyError, match="actor='Cubaa' is not a node.*did you mean 'Cuba'"):
        network.ego(g, "Cubaa")
    with pytest.raises(ValueError, match="radius=0 is invalid; must be an integer >= 1"):
        network.ego(g, "C", radius=0)
    with pytest.raises(TypeError, match="radius=True has the wrong type bool"):
        network.ego(g, "C", radius=True)


def test_ego_without_actor_picks_the_actor_with_most_partners():
    g = two_triangles()
    # C and D both have three partners; C's edges are heavier (6.5 against 4.5)
    assert network.ego(g, None).graph["center"] == "C"
    g.add_edge("D", "G", weight=0.1)
    assert network.ego(g, None).graph["center"] == "D"
    with pytest.raises(ValueError, match="the network is empty: no pair of actors passed "
                                         r"the filters \(min_count, alpha\)"):
        network.ego(nx.Graph(), None)


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_export_round_trip_and_no_overwrite(tmp_path, edges, suffix):
    g = network.to_graph(edges, weight="npmi", threshold=0.0)
    path = network.export(g, tmp_path / f"net{suffix}")
    back = (nx.read_gexf if suffix == ".gexf" else nx.read_graphml)(path)
    assert sorted(map(tuple, map(sorted, back.edges))) == sorted(
        map(tuple, map(sorted, g.edges)))
    assert float(back.edges["a", "b"]["npmi"]) == pytest.approx(g.edges["a", "b"]["npmi"])
    with pytest.raises(FileExistsError, match="overwrite=True"):
        network.export(g, path)
    network.export(g, path, overwrite=True)
    with pytest.raises(ValueError, match="path suffix='.png' is invalid"):
        network.export(g, tmp_path / "net.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"net{suffix}"]


# --------------------------------------------------------------------------- plots


@pytest.fixture
def plt():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    yield pyplot
    pyplot.close("all")


def crowded_graph() -> nx.Graph:
    g = nx.complete_graph([f"Actor number {i}" for i in range(12)])
    for k, (a, b) in enumerate(g.edges):
        g.edges[a, b]["weight"] = 0.1 + (k % 5) / 10
    for k, v in enumerate(g):
        g.nodes[v].update(name=v, kind=["state", "person", "organisation"][k % 3],
                          mentions=10 + k)
    return g


def label_boxes(ax):
    ax.figure.draw_without_rendering()
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.texts]


def test_network_plot_labels_do_not_overlap(plt):
    from toolkit.plots import network as plots

    g = crowded_graph()
    # every node in nearly the same place: the worst case for labels
    layout = {v: (0.01 * k, 0.005 * (k % 3)) for k, v in enumerate(g)}
    ax = plots.network(g, layout=layout, labels=8)
    assert len(ax.texts) == 8
    boxes = label_boxes(ax)
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i)
                if boxes[i].overlaps(boxes[j])]
    assert overlaps == []
    # the eight strongest actors (sum of edge weights) are drawn and labelled (issue 17:
    # draw only what can be labelled); four tie at the cut-off, so check strengths
    labelled = [t.get_text() for t in ax.texts]
    strength = dict(g.degree(weight="weight"))
    assert len(set(labelled)) == 8
    assert {"Actor number 10", "Actor number 4", "Actor number 5", "Actor number 9",
            "Actor number 2"} <= set(labelled)
    assert min(strength[v] for v in labelled) >= max(strength[v] for v in g
                                                     if v not in labelled)


def test_network_plot_is_seeded(plt):
    from toolkit.plots import network as plots

    g = crowded_graph()

    def positions(seed):
        ax = plots.network(g, seed=seed, labels=0)
        return ax.collections[1].get_offsets().data.copy()

    np.testing.assert_array_equal(positions(1), positions(1))
    assert not np.allclose(positions(1), positions(2))


def test_network_plot_colors_and_errors(plt):
    from toolkit.plots import network as plots

    g = two_triangles()
    found = network.communities(g)
    ax = plots.network(g, color="community", communities=found, labels=0)
    colors = ax.collections[1].get_facecolors()
    nodes = list(g)
    assert np.allclose(colors[nodes.index("A")], colors[nodes.index("B")])
    assert not np.allclose(colors[nodes.index("A")], colors[nodes.index("D")])
    # communities are named by their members (issue 17), then the size and width keys
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == ["community", "C, A, B", "D, E, F", "G, H"]
    assert "node area: strength" in legend and "line width: weight" in legend
    with pytest.raises(ValueError, match="color='community' needs communities"):
        plots.network(g, color="community")
    with pytest.raises(ValueError, match="color='size' is invalid"):
        plots.network(g, color="size")
    with pytest.raises(ValueError, match="layout has no position for nodes"):
        plots.network(g, layout={"A": (0, 0)})
    with pytest.raises(ValueError, match="weight='npmi' is not an edge attribute"):
        plots.network(g, weight="npmi")


def test_packed_layout_puts_small_pieces_below_the_main_one():
    from toolkit.plots import network as plots

    g = nx.Graph()
    nx.add_path(g, [f"m{i}" for i in range(15)])
    g.add_edges_from([("x", "y"), ("p", "q")])
    g.add_node("lonely")
    pos = plots.packed_layout(g, seed=3)
    assert set(pos) == set(g)
    main_bottom = min(pos[f"m{i}"][1] for i in range(15))
    assert all(pos[v][1] < main_bottom for v in ("x", "y", "p", "q", "lonely"))
    again = plots.packed_layout(g, seed=3)
    assert all(np.array_equal(pos[v], again[v]) for v in g)
    # the main piece is spread evenly over a disc: distances from its centre go as
    # sqrt(rank), and it spans [-1, 1] on its wider axis
    main = np.array([pos[f"m{i}"] for i in range(15)])
    assert np.abs(main).max() == pytest.approx(1.0)
    radii = np.sort(np.hypot(main[:, 0], main[:, 1]))  # the main piece is centred on 0
    np.testing.assert_allclose(radii / radii[-1], np.sqrt((np.arange(15) + 0.5) / 14.5))


def test_network_plot_labels_the_listed_nodes(plt):
    from toolkit.plots import network as plots

    ax = plots.network(two_triangles(), labels=["A", "H", "nobody"], color=None)
    assert sorted(t.get_text() for t in ax.texts) == ["A", "H"]
    # no colour key without colours; the size key is always there (issue 17)
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "node area: strength"


def test_heatmap_matrix_values(plt):
    from toolkit.plots import network as plots

    e = pd.DataFrame({"a": ["IRN", "IRN", "RUS", "IRN"], "b": ["RUS", "USA", "USA", "ZWE"],
                      "n_a": [5, 5, 4, 5], "n_b": [4, 3, 3, 1], "npmi": [0.5, -0.2, 0.1, 0.9]})
    ax = plots.heatmap(e, top=3, order="count")
    values = ax.images[0].get_array()
    expected = np.array([[np.nan, 0.5, -0.2], [0.5, np.nan, 0.1], [-0.2, 0.1, np.nan]])
    np.testing.assert_allclose(np.ma.filled(values.astype(float), np.nan), expected)
    nodes = pd.DataFrame({"name": ["Iran", "Russia", "United States"]},
                         index=["IRN", "RUS", "USA"])
    ax = plots.heatmap(e, top=3, nodes=nodes)
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == [
        "Iran", "Russia", "United States"]
    with pytest.raises(ValueError, match=r"missing columns \['g2'\]"):
        plots.heatmap(e, measure="g2")
    with pytest.raises(ValueError, match="top=1 is invalid; must be an integer >= 2"):
        plots.heatmap(e, top=1)
    with pytest.raises(TypeError, match="edges has the wrong type dict; must be an Edges table"):
        plots.heatmap(e.to_dict())


def test_ego_plot(plt):
    from toolkit.plots import network as plots

    g = two_triangles()
    ax = plots.ego(g, "C", top=2)
    # C's partners by weight: A and B (3.0) before D (0.5)
    assert sorted(t.get_text() for t in ax.texts) == ["A", "B", "C"]
    assert ax.get_title() == "C and its partners"
    ax = plots.ego(g, "C", radius=2)
    assert sorted(t.get_text() for t in ax.texts) == list("ABCDEF")
    with pytest.raises(KeyError, match="actor='Z' is not a node"):
        plots.ego(g, "Z")


# --------------------------------------------------------------------------- UNGDC quality

RIVALS = [("IND", "PAK"), ("ARM", "AZE"), ("IRQ", "KWT"), ("ISR", "PSE"), ("CYP", "GRC"),
          ("CYP", "TUR"), ("ERI", "ETH")]


@pytest.mark.ungdc
@pytest.mark.slow
@UNGDC_MENTIONS
@pytest.mark.skipif(not UNGDC_PARQUET.exists(), reason=f"UNGDC corpus absent: {UNGDC_PARQUET}")
def test_ungdc_rival_pairs_are_among_each_others_strongest_associations(ungdc_mentions):
    _, mentions = ungdc_mentions
    edges = network.cooccurrence(mentions, unit="sentence", level="country", min_count=5)
    both = pd.concat([edges[["a", "b", "npmi"]],
                      edges.rename(columns={"a": "b", "b": "a"})[["a", "b", "npmi"]]])
    top = both.sort_values(["a", "npmi"], ascending=[True, False]).groupby("a").head(5)
    partners = top.groupby("a")["b"].agg(set)
    missing = [(x, y) for x, y in RIVALS
               if y not in partners.get(x, set()) or x not in partners.get(y, set())]
    assert not missing, f"rival pairs not in each other's top 5 by NPMI: {missing}"


# ------------------------------------------- issue 11: settings chosen from the data

def _edges_with(n_ab: list[int], p_adjusted: list[float]) -> pd.DataFrame:
    k = len(n_ab)
    return pd.DataFrame({"a": [f"A{i}" for i in range(k)], "b": [f"B{i}" for i in range(k)],
                         "n_ab": n_ab, "n_a": [20] * k, "n_b": [20] * k, "n": [100] * k,
                         "expected": [2.5] * k, "npmi": [0.3] * k, "p_adjusted": p_adjusted})


def test_issue_11_choose_min_count_keeps_a_small_corpus_drawable():
    big = _edges_with([9] * 12 + [2] * 30, [0.01] * 42)
    assert network.choose_min_count(big) == (5, "min_count=5: the largest of 5, 3, 2 that "
                                                "keeps at least 10 pairs of actors (12 kept)")
    small = _edges_with([3] * 4 + [2] * 8 + [1] * 20, [0.5] * 32)
    assert network.choose_min_count(small).value == 2
    tiny = _edges_with([1, 1], [0.5, 0.5])
    value, reason = network.choose_min_count(tiny)
    assert value == 2 and "no threshold of 5, 3, 2 keeps 10 pairs" in reason
    assert network.choose_min_count(tiny, given=1) == (
        1, "min_count=1: set in the parameters (2 pairs kept)")
    with pytest.raises(ValueError, match="min_count=0 is invalid"):
        network.choose_min_count(tiny, given=0)


def test_issue_11_no_significant_pair_falls_back_with_a_warning(caplog):
    """The silent failure of issue 11: at the default alpha the 53-article corpus had no
    significant pair, and the notebook died on "graph has no nodes"."""
    edges = _edges_with([6, 3, 2], [0.2, 0.6, 0.9])
    with caplog.at_level(logging.WARNING, logger="toolkit.network"):
        strict = network.to_graph(edges, weight="npmi", alpha=0.05)
    assert strict.number_of_edges() == 0
    assert "none of the 3 pairs of actors passes alpha=0.05 (the smallest p_adjusted is " \
           "0.2)" in caplog.text
    graph, why = network.significant_graph(edges, weight="npmi", alpha=0.05, fallback_top=2)
    assert sorted(graph.edges) == [("A0", "B0"), ("A1", "B1")] and graph.graph["fallback"]
    assert why.startswith("no pair of actors is named together significantly more often "
                          "than chance (alpha=0.05; the smallest adjusted p-value is 0.2")
    assert "counts, not evidence of association" in why
    graph, why = network.significant_graph(edges, alpha=0.5)
    assert list(graph.edges) == [("A0", "B0")] and not graph.graph["fallback"]
    assert why == ("1 of 3 pairs of actors are named together significantly more often than "
                   "chance (alpha=0.5)")
    empty, why = network.significant_graph(edges.iloc[:0])
    assert empty.number_of_nodes() == 0 and "the graph is empty" in why


def test_issue_11_ego_of_an_empty_network_is_said_in_the_researchers_terms():
    assert network.choose_ego(nx.Graph()) == (
        None, "the graph has no edge, so no actor has partners to draw")
    g = nx.Graph([("IRN", "RUS"), ("RUS", "SYR")])
    nx.set_node_attributes(g, {"RUS": "Russia", "IRN": "Iran", "SYR": "Syria"}, "name")
    assert network.choose_ego(g, given="russia").value == "RUS"
    with pytest.raises(ValueError, match=r"ego_actor='CHN' is not in the network of this "
                                         r"corpus \(its 3 actors include IRN, RUS, SYR\)"):
        network.choose_ego(g, given="CHN")


def test_issue_11_the_seed_article_has_a_network_with_chosen_settings():
    from toolkit.actors import find_mentions
    from toolkit.corpus import load

    sample = load("sample")
    mentions = find_mentions(sample)
    pairs = network.cooccurrence(mentions, unit="sentence", corpus=sample, min_count=1)
    min_count, _ = network.choose_min_count(pairs)
    edges = network.cooccurrence(mentions, unit="sentence", corpus=sample, min_count=min_count)
    graph, why = network.significant_graph(edges, nodes=network.actor_table(mentions))
    assert graph.number_of_edges() > 0, why
    assert network.choose_ego(graph).value in graph


def test_issue_11_periods_of_an_undated_corpus_are_said_not_a_cast_error():
    c = from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": ["Russia and China met.",
                                                                "Iran."]}))
    m = mentions_frame([("a", 0, 0, "RUS", "state", "RUS"), ("a", 0, 0, "CHN", "state", "CHN")])
    with pytest.raises(ValueError, match="none of the 2 documents has a date, so there is no "
                                         "period to count in"):
        network.cooccurrence_by_period(m, c)
