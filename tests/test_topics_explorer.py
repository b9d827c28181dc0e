"""Tests of toolkit.topics.explorer: the offline HTML topic explorer.

The page must be byte-reproducible, reference nothing outside itself, and embed the
model's own numbers; the slow test opens it in headless Chromium with the network cut
off and checks what the page's script drew.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit import topics
from toolkit.corpus import from_frame
from toolkit.topics.explorer import explorer_data, explorer_html, relevant_terms

THEMES = {
    "arms": "nuclear weapons disarmament treaty missile warhead nations",
    "trade": "trade tariff market export import investment nations",
    "climate": "climate warming ocean emissions island carbon nations",
}
FAST = {"passes": 5, "no_below": 1, "no_above": 1.0, "min_tokens": 1, "cache": False}
# a document whose text tries to break out of the page and to load something
HOSTILE = ("nuclear treaty </script><script>alert(1)</script> <!-- warhead "
           "<img src=http://example.org/x.png> see https://cdn.example.org/lib.js & more")


def _corpus() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    texts = []
    for theme, count in zip(THEMES.values(), (14, 10, 7)):
        words = theme.split()
        texts += [" ".join(rng.choice(words, size=8)) for _ in range(count)]
    texts[0] = HOSTILE
    return from_frame(pd.DataFrame({
        "doc_id": [f"d{i:02d}" for i in range(len(texts))],
        "text": texts,
        "date": [f"{2001 + i % 3}-06-01" for i in range(len(texts))],
        "title": [f"Doc {i}" for i in range(len(texts))],
    }))


@pytest.fixture(scope="module")
def fitted() -> tuple[topics.TopicModel, pd.DataFrame]:
    corpus = _corpus()
    return topics.fit(corpus, 3, seed=7, **FAST), corpus


def _embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="explorer-data">(.*?)</script>',
                      page, flags=re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


def _ranking(data: dict, topic: int, lam: float) -> list[str]:
    """The terms the page's script shows for a topic and lambda (its formula, in Python)."""
    terms = data["terms"]
    n_tokens = data["model"]["n_tokens"]
    scored = []
    for w in data["topics"][topic]["candidates"]:
        log_beta = np.log(max(terms["beta"][w][topic], 1e-12))
        log_pw = np.log(max(terms["count"][w], 1) / n_tokens)
        scored.append((-(lam * log_beta + (1 - lam) * (log_beta - log_pw)), w))
    return [terms["term"][w] for _, w in sorted(scored)[:data["model"]["n_terms"]]]


# --------------------------------------------------------------------------- the page


def test_same_model_gives_the_same_bytes_also_after_a_round_trip(fitted):
    model, corpus = fitted
    page = explorer_html(model, corpus, n_terms=5)
    assert page == explorer_html(model, corpus, n_terms=5)
    # a model read back from the cache (a pickle) gives the same page
    assert explorer_html(pickle.loads(pickle.dumps(model)), corpus, n_terms=5) == page
    assert page != explorer_html(model, corpus, n_terms=6)


def test_the_page_references_nothing_outside_itself(fitted):
    model, corpus = fitted
    page = explorer_html(model, corpus, n_docs=31)  # every document, the hostile one too
    for needle in ("http://", "https://", "//cdn"):
        assert needle not in page, needle
    # outside the data (whose text may say anything) no element loads or links anything
    data = re.search(r'id="explorer-data">(.*?)</script>', page, re.DOTALL).group(1)
    shell = page.replace(data, "")
    for needle in ("src=", "href=", "url(", "@import", "<link", "@font-face", "fetch(",
                   "XMLHttpRequest", "WebSocket", "import("):
        assert needle not in shell, needle
    # the browser is told to fetch nothing at all
    assert "content=\"default-src 'none'; script-src 'unsafe-inline'; " \
           "style-src 'unsafe-inline'\"" in page
    # the script and style sheet are inlined, in full
    assert "function drawBars()" in page and "circle.topic" in page


def test_document_text_cannot_break_out_of_the_data_block(fitted):
    model, corpus = fitted
    page = explorer_html(model, corpus, n_docs=31, snippet=1000)
    assert page.count("</script>") == 2  # the data block's and the script's own
    assert "<img" not in page and "<!-- warhead" not in page
    texts = [d["text"] for t in _embedded(page)["topics"] for d in t["docs"]]
    assert HOSTILE in texts  # decoded intact


def test_embedded_terms_rank_like_the_model(fitted):
    model, corpus = fitted
    data = _embedded(explorer_html(model, corpus, n_terms=6))
    assert data["model"]["num_topics"] == 3 and data["model"]["n_terms"] == 6
    top = topics.top_terms(model, n=6)
    for t in range(3):
        # lambda = 1: the model's most probable terms, in order
        assert _ranking(data, t, 1.0) == top[top["topic"] == t]["term"].tolist()
        for lam in (0.0, 0.37, 0.6):
            rel = relevant_terms(model, 6, lambda_=lam)
            assert _ranking(data, t, lam) == rel[rel["topic"] == t]["term"].tolist()
    # the embedded p(w|t) are the model's, to 9 significant digits
    beta = model.topic_word_
    ids = [model.dictionary_.token2id[w] for w in data["terms"]["term"]]
    np.testing.assert_allclose(np.array(data["terms"]["beta"]), beta[:, ids].T, rtol=1e-8)
    assert data["terms"]["count"] == [model.dictionary_.cfs[i] for i in ids]


def test_embedded_map_documents_and_colours_are_the_models(fitted):
    from matplotlib.colors import to_hex

    from toolkit.style import topic_color

    model, corpus = fitted
    data = explorer_data(model, corpus, n_docs=2)
    tmap = topics.topic_map(model)
    typical = topics.typical_docs(model, corpus, n=2, snippet=300)
    for t, topic in enumerate(data["topics"]):
        assert topic["id"] == t
        assert topic["x"] == pytest.approx(tmap.at[t, "x"], rel=1e-6, abs=1e-12)
        assert topic["prevalence"] == pytest.approx(tmap.at[t, "prevalence"], rel=1e-6)
        assert topic["color"].lower() == to_hex(topic_color(t))  # the figures' colour
        rows = typical[typical["topic"] == t]
        assert [d["doc_id"] for d in topic["docs"]] == rows["doc_id"].tolist()
        assert [d["date"] for d in topic["docs"]] == rows["date"].dt.strftime("%Y-%m-%d").tolist()
    assert data["initial"] == {"topic": 0, "lambda": 0.6}
    custom = explorer_data(model, corpus, n_terms=2, colors=lambda t: f"#00000{t}")
    assert [t["color"] for t in custom["topics"]] == ["#000000", "#000001", "#000002"]


def test_topics_appear_under_their_ids_when_ids_are_not_positions(fitted):
    import copy

    model, corpus = fitted
    renamed = copy.copy(model)  # what topics.align does: other ids, same positions
    renamed.topic_ids_ = np.array([4, 0, 7])
    data = explorer_data(renamed, corpus, n_terms=4, n_docs=1)
    assert [t["id"] for t in data["topics"]] == [0, 4, 7]
    top = topics.top_terms(renamed, n=4)
    for i, topic in enumerate(data["topics"]):
        assert _ranking(data, i, 1.0) == top[top["topic"] == topic["id"]]["term"].tolist()
        assert topic["docs"][0]["doc_id"] == \
            topics.typical_docs(renamed, corpus, n=1).set_index("topic").at[topic["id"], "doc_id"]
    # listed second (id 4): the topic at position 0, listed first under its old id 0
    assert data["topics"][1]["candidates"] == explorer_data(
        model, corpus, n_terms=4, n_docs=1)["topics"][0]["candidates"]


def test_relevance_weight_moves_from_probability_to_lift(fitted):
    model, _ = fitted
    # "nation" is in every theme: probable in each topic but never specific to one
    by_probability = relevant_terms(model, 3, lambda_=1.0)
    by_lift = relevant_terms(model, 3, lambda_=0.0)
    assert "nation" in set(by_probability["term"])
    assert "nation" not in set(by_lift["term"])
    assert (by_lift.groupby("topic")["weight"].apply(lambda w: w.is_monotonic_decreasing)).all()


def test_bad_arguments_are_named(fitted):
    model, corpus = fitted
    with pytest.raises(ValueError, match=r"lambda_=1.5 is invalid; must be a number >= 0"):
        explorer_html(model, corpus, lambda_=1.5)
    with pytest.raises(ValueError, match=r"n_terms=0 is invalid"):
        explorer_html(model, corpus, n_terms=0)
    with pytest.raises(TypeError, match=r"colors='red' has the wrong type str"):
        explorer_html(model, corpus, colors="red")
    with pytest.raises(TypeError, match=r"title=3 has the wrong type int"):
        explorer_html(model, corpus, title=3)
    with pytest.raises(TypeError, match=r"(?s)model=.* has the wrong type DataFrame; must be a TopicModel"):
        relevant_terms(topics.doc_topics(model))
    with pytest.raises(ValueError, match=r"not fitted yet"):
        relevant_terms(topics.TopicModel(2))


# --------------------------------------------------------------------------- in a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# no route out (a dead proxy, no name resolution) and none of the browser's own traffic
OFFLINE_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions"]


def render_offline(page: str | Path, *, fragment: str = "", timeout: float = 120
                   ) -> tuple[str, list[str]]:
    """Open an HTML page (and ``#fragment``) in headless Chromium with the network off.

    Returns the DOM after load (``--dump-dom``: after the page's scripts ran) and the
    URLs of every network request the *page* started, read from Chromium's net log
    (requests the browser makes for itself are told apart by their initiator).
    """
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed (Debian: apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="toolkit-explorer-") as tmp:
        path = Path(page) if isinstance(page, Path) else Path(tmp) / "page.html"
        if not isinstance(page, Path):
            path.write_text(page, encoding="utf-8")
        netlog = Path(tmp) / "netlog.json"
        done = subprocess.run(
            [CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={tmp}/profile",
             f"--log-net-log={netlog}", "--dump-dom",
             path.resolve().as_uri() + (f"#{fragment}" if fragment else "")],
            capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
        log = json.loads(netlog.read_text(encoding="utf-8"))
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requests = [e["params"].get("url", "") for e in log["events"]
                if names.get(e["type"]) == "URL_REQUEST_START_JOB"
                and e.get("params", {}).get("initiator", "not an origin") != "not an origin"]
    return done.stdout, requests


needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (Debian package `chromium`: "
    "apt-get update && apt-get install -y chromium); the page is not opened in a browser")


@pytest.mark.slow
@needs_chromium
def test_the_request_detector_sees_a_page_that_loads_things():
    # the check below can fail: a page that does reach out is caught
    page = ('<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.org/'
            'x.css"></head><body><img src="http://example.org/a.png"><script>'
            'fetch("https://example.com/d.json").catch(function () {});</script></body></html>')
    _, requests = render_offline(page)
    assert sorted(requests) == ["http://example.org/a.png", "https://cdn.example.org/x.css",
                                "https://example.com/d.json"]


@pytest.mark.slow
@needs_chromium
def test_the_page_renders_offline_in_headless_chromium():
    from toolkit.corpus import load, split_paragraphs

    paragraphs = split_paragraphs(load("sotu", start="2000"), min_chars=100)
    model = topics.fit(paragraphs, 6, seed=2015, passes=5, cache=False)
    page = explorer_html(model, paragraphs, n_terms=12, lambda_=0.6)
    dom, requests = render_offline(page)
    assert requests == []
    circles = re.findall(r'<circle [^>]*class="topic( selected)?" data-topic="(\d+)"', dom)
    assert sorted(int(t) for _, t in circles) == list(range(6))  # one disc per topic
    assert [t for sel, t in circles if sel] == ["0"]  # topic 0 is selected at load
    bars = re.findall(r'class="bar-topic" data-term="([^"]+)"', dom)
    expected = relevant_terms(model, 12, lambda_=0.6)
    assert bars == expected[expected["topic"] == 0]["term"].tolist()
    assert 'id="lambda-value" for="lambda">0.60</output>' in dom
    docs = re.search(r'<ol id="docs">(.*?)</ol>', dom, flags=re.DOTALL).group(1)
    first = topics.typical_docs(model, paragraphs, n=3).query("topic == 0")
    assert docs.count("<li") == 3 and all(str(t) in docs for t in first["title"])
    # another topic and lambda, as the selector and the slider set them (via the address)
    dom, requests = render_offline(page, fragment="topic=3&lambda=0.2")
    assert requests == []
    assert re.findall(r'class="topic selected" data-topic="(\d+)"', dom) == ["3"]
    bars = re.findall(r'class="bar-topic" data-term="([^"]+)"', dom)
    expected = relevant_terms(model, 12, lambda_=0.2)
    assert bars == expected[expected["topic"] == 3]["term"].tolist()
    assert 'id="lambda-value" for="lambda">0.20</output>' in dom
