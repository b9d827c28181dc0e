"""Tests for toolkit.figures: byte-reproducible files, provenance, manifest, style."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from toolkit import figures, style  # noqa: E402
from _paths import PROJECT_ROOT  # noqa: E402
from toolkit.cache import fingerprint  # noqa: E402
from toolkit.figures import session  # noqa: E402


@pytest.fixture(autouse=True)
def _clean_state(monkeypatch):
    monkeypatch.delenv("TOOLKIT_FIGURES_DIR", raising=False)
    monkeypatch.delenv("TOOLKIT_FIGURES_FORCE", raising=False)
    monkeypatch.delenv("TOOLKIT_FIGURES_RUNLOG", raising=False)
    yield
    session._STATE.clear()
    plt.close("all")
    mpl.rcdefaults()


def _corpus(texts=("Peace talks in Geneva.", "War in the Balkans.")) -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(texts))],
        "date": pd.to_datetime(["1995-03-01", "1996-07-15"][: len(texts)]),
        "source": "wire", "title": "", "text": list(texts),
    })


def _figure():
    fig, (left, right) = plt.subplots(1, 2, figsize=(6, 3))
    left.plot([1, 3, 2, 4], label="série α")
    left.plot([2, 2, 3, 1], label="second")
    left.legend(title="Légende")
    right.bar(["ONU", "NATO", "EU"], [3, 5, 2])
    right.imshow([[0, 1], [1, 0]], extent=(0, 2, 0, 6), alpha=0.3)
    fig.suptitle("Reproducible — or not?")
    return fig


_SCRIPT = textwrap.dedent("""
    import sys, matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt, pandas as pd
    from toolkit import figures
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Peace.", "War."]})
    figures.setup("00-test", corpus, {"corpus": "sample", "seed": 7}, out=sys.argv[1])
    fig, ax = plt.subplots()
    for k in range(5):
        ax.plot([k, k + 1, k * 2], label=f"line {k}")
    ax.legend(); ax.set_title("Title with ümlaut"); ax.set_xlabel("year")
    figures.save(fig, "lines")
""")


# --------------------------------------------------------------------------- bytes


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_render_twice_gives_identical_bytes(fmt):
    style.apply_style()
    fig = _figure()
    first, second = figures.render(fig, fmt), figures.render(fig, fmt)
    assert first == second
    again = figures.render(_figure(), fmt)  # a new figure drawn the same way
    assert figures.sha256(again) == figures.sha256(first)


def test_two_processes_write_identical_files(tmp_path):
    digests = []
    for run, hashseed in (("one", "1"), ("two", "99")):
        env = {**os.environ, "PYTHONHASHSEED": hashseed, "MPLBACKEND": "Agg"}
        subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path / run)], env=env,
                       cwd=PROJECT_ROOT, check=True, capture_output=True)
        digests.append({p.name: figures.sha256(p) for p in sorted((tmp_path / run).iterdir())
                        if p.is_file() and not p.name.startswith(".")})
    assert sorted(digests[0]) == ["lines.png", "lines.svg", "lines.txt", "manifest.csv"]
    assert digests[0] == digests[1]


def test_files_hold_provenance_and_no_dates_or_paths(tmp_path):
    corpus = _corpus()
    figures.setup("03-actors", corpus, {"corpus": "sample", "seed": 11, "start": None},
                  out=tmp_path)
    svg, png = figures.save(_figure(), "actors-demo")
    text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in text
    assert "Matplotlib v" not in text  # matplotlib's default creator string is replaced
    assert str(tmp_path) not in text
    start = text.index("<dc:description>") + len("<dc:description>")
    meta = json.loads(text[start:text.index("</dc:description>")])
    assert meta["notebook"] == "03-actors"
    assert meta["corpus"] == "sample"
    assert meta["corpus_fingerprint"] == fingerprint(corpus)
    assert meta["parameters"] == {"corpus": "sample", "seed": 11, "start": None}
    assert meta["seed"] == 11 and meta["n_documents"] == 2
    assert meta["file"] == "actors-demo.svg" and meta["figure"] == "actors-demo"
    assert meta["versions"]["matplotlib"] == mpl.__version__
    assert meta["versions"]["python"].startswith("3.")
    info = Image.open(png).info
    assert set(info) >= {"Description", "Title", "Software"}
    assert "Creation Time" not in info
    assert json.loads(info["Description"])["file"] == "actors-demo.png"
    assert info["Software"].startswith("toolkit ")


def test_svg_text_is_written_as_paths_with_salted_ids(tmp_path):
    figures.setup("00-test", _corpus(), {"corpus": "sample"}, out=tmp_path)
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": None}):
        (svg,) = figures.save(_figure(), "paths", formats=["svg"])
    text = svg.read_text(encoding="utf-8")
    assert "<text" not in text  # text as paths even if the active style said otherwise
    assert 'id="DejaVuSans-' in text  # glyphs from the bundled font


# --------------------------------------------------------------------------- manifest


def test_manifest_rows(tmp_path):
    corpus = _corpus()
    figures.setup("02-topics", corpus, {"corpus": "sample", "seed": 5, "num_topics": 3},
                  out=tmp_path)
    written = figures.save(_figure(), "topics-b")
    figures.save(_figure(), "topics-a", formats=("png",))
    assert [p.name for p in written] == ["topics-b.svg", "topics-b.png"]
    table = figures.read_manifest(tmp_path)
    assert table.columns.tolist() == list(figures.MANIFEST_COLUMNS)
    assert table["file"].tolist() == ["topics-a.png", "topics-a.txt", "topics-b.png",
                                      "topics-b.svg", "topics-b.txt"]
    assert set(table["notebook"]) == {"02-topics"}
    assert set(table["corpus_fingerprint"]) == {fingerprint(corpus)}
    assert set(table["seed"]) == {"5"}
    assert json.loads(table["parameters"].iloc[0]) == {"corpus": "sample", "num_topics": 3,
                                                       "seed": 5}
    for row in table.itertuples():
        path = tmp_path / row.file
        assert row.sha256 == figures.sha256(path)
        assert row.bytes == path.stat().st_size
    assert set(table["matplotlib"]) == {mpl.__version__}


def test_saving_again_replaces_the_row(tmp_path):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    figures.save(_figure(), "volume")
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    figures.save(fig, "volume")
    table = figures.read_manifest(tmp_path)
    assert table["file"].tolist() == ["volume.png", "volume.svg", "volume.txt"]
    assert table.set_index("file").loc["volume.svg", "sha256"] == \
        figures.sha256(tmp_path / "volume.svg")


def test_save_writes_run_log(tmp_path, monkeypatch):
    log = tmp_path / "run.log"
    monkeypatch.setenv("TOOLKIT_FIGURES_RUNLOG", str(log))
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path / "out")
    figures.save(_figure(), "one")
    assert log.read_text().split() == ["one.svg", "one.png", "one.txt"]


def test_remove_entries(tmp_path):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    figures.save(_figure(), "keep")
    figures.save(_figure(), "drop")
    assert figures.remove_entries(tmp_path, ["drop.svg", "drop.png", "drop.txt",
                                             "never.svg"]) == 3
    assert figures.read_manifest(tmp_path)["file"].tolist() == ["keep.png", "keep.svg",
                                                                "keep.txt"]
    assert sorted(p.name for p in tmp_path.glob("[!.]*")) == ["keep.png", "keep.svg",
                                                           "keep.txt", "manifest.csv"]


# --------------------------------------------------------------------------- folders


# The folder rules (readable names, parameters in the manifest, figures-lab for
# interactive runs) are held by tests/test_security.py (issues 11 and 16).


def test_other_corpus_in_folder_is_refused(tmp_path):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    figures.save(_figure(), "volume")
    with pytest.raises(figures.OutputConflictError,
                       match=r"holds 3 figure files made from other corpus content "
                             r"\[sample \(.{12}\)\] than this run of 01-corpus \[mine"):
        figures.setup("01-corpus", _corpus(), {"corpus": "mine"}, out=tmp_path)
    # the same notebook on other content of the same corpus (another date range)
    with pytest.raises(figures.OutputConflictError, match="--force"):
        figures.setup("01-corpus", _corpus(["Only one."]), {"corpus": "sample"}, out=tmp_path)
    # another notebook may pass another table of the same corpus (e.g. paragraphs)
    figures.setup("03-actors", _corpus(["Only one."]), {"corpus": "sample"}, out=tmp_path)


def test_force_replaces_the_other_corpus(tmp_path, monkeypatch):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    figures.save(_figure(), "old")
    monkeypatch.setenv("TOOLKIT_FIGURES_FORCE", "1")
    figures.setup("01-corpus", _corpus(), {"corpus": "mine"}, out=tmp_path)
    assert not (tmp_path / "old.svg").exists()
    figures.save(_figure(), "new")
    assert set(figures.read_manifest(tmp_path)["corpus"]) == {"mine"}


def test_setup_leaves_corpus_and_parameters_untouched(tmp_path):
    corpus, params = _corpus(), {"corpus": "sample", "seed": 3}
    before = fingerprint(corpus)
    figures.setup("01-corpus", corpus, params, out=tmp_path)
    assert fingerprint(corpus) == before
    assert params == {"corpus": "sample", "seed": 3}


# --------------------------------------------------------------------------- errors


def test_save_before_setup_is_an_error(tmp_path):
    with pytest.raises(RuntimeError, match=r"call figures.setup\(notebook=.*before"):
        figures.save(_figure(), "x", out=tmp_path)


@pytest.mark.parametrize("name", ["", "a/b", "../up", "fig.svg", " space", "x.png"])
def test_bad_names(tmp_path, name):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    with pytest.raises(ValueError, match=r"name=.* is invalid; must be a file name"):
        figures.save(_figure(), name)


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match=r"notebook='' is invalid"):
        figures.setup("", _corpus())
    with pytest.raises(TypeError, match=r"notebook=1 has the wrong type int; must be the "):
        figures.setup(1, _corpus())
    with pytest.raises(TypeError, match=r"corpus=\[1, 2\] has the wrong type list; must be "
                                        "the Corpus DataFrame"):
        figures.setup("01-corpus", [1, 2])
    with pytest.raises(TypeError, match="parameters='seed=1' has the wrong type str; must be "
                                        "a dict"):
        figures.setup("01-corpus", _corpus(), "seed=1")
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    with pytest.raises(ValueError, match=r"formats='pdf' is invalid; must be one of 'svg'"):
        figures.save(_figure(), "x", formats=["pdf"])
    with pytest.raises(TypeError, match="fig=.* has the wrong type Axes; must be a matplotlib "
                                        "Figure"):
        figures.save(plt.subplots()[1], "x")
    with pytest.raises(ValueError, match="fmt='jpg' is invalid"):
        figures.render(_figure(), "jpg")


# --------------------------------------------------------------------------- style


def test_style_is_one_file_with_the_palette():
    style.apply_style()
    cycle = mpl.rcParams["axes.prop_cycle"].by_key()
    assert tuple(c.lstrip("#").upper() for c in cycle["color"]) == tuple(
        c.lstrip("#").upper() for c in style.PALETTE)
    # neighbours in the cycle also differ by dash pattern: series stay apart in greyscale
    styles = cycle["linestyle"]
    assert all(a != b for a, b in zip(styles, styles[1:]))
    assert mpl.rcParams["image.cmap"] == style.SEQUENTIAL_CMAP
    assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert mpl.rcParams["svg.fonttype"] == "path"
    assert mpl.rcParams["svg.hashsalt"] == figures.SVG_HASHSALT
    assert mpl.rcParams["savefig.dpi"] == 200


def test_palette_is_distinct_in_greyscale():
    from matplotlib.colors import to_rgb

    def luminance(colour):
        r, g, b = to_rgb(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    grey = [luminance(c) for c in style.PALETTE[:4]]
    gaps = [abs(a - b) for i, a in enumerate(grey) for b in grey[i + 1:]]
    assert min(gaps) > 0.075


def test_bundled_font_is_used():
    from matplotlib import font_manager

    style.apply_style()
    path = font_manager.findfont("DejaVu Sans")
    assert Path(path).is_relative_to(Path(mpl.get_data_path()))


def test_style_context_restores():
    before = mpl.rcParams["font.size"]
    with style.style():
        assert mpl.rcParams["font.size"] == 9.5
    assert mpl.rcParams["font.size"] == before


def test_facade_keeps_the_style_names():
    for name in ("PALETTE", "SEQUENTIAL_CMAP", "DIVERGING_CMAP", "STYLE_PATH", "apply_style",
                 "style"):
        assert getattr(figures, name) is getattr(style, name)
    assert style.STYLE_PATH.parent.name == "data" and style.STYLE_PATH.is_file()


def test_setup_leaves_global_random_state_alone(tmp_path):
    import random

    import numpy as np

    random.seed(123)
    np.random.seed(123)
    expected = (random.random(), np.random.random())
    random.seed(123)
    np.random.seed(123)
    figures.setup("01-corpus", _corpus(), {"corpus": "sample", "seed": 7}, out=tmp_path)
    assert (random.random(), np.random.random()) == expected


# --------------------------------------------------------------------------- artifacts


def test_save_artifact_writes_atomically_with_a_manifest_row(tmp_path, monkeypatch):
    log = tmp_path / "run.log"
    monkeypatch.setenv("TOOLKIT_FIGURES_RUNLOG", str(log))
    corpus = _corpus()
    figures.setup("02-topics", corpus, {"corpus": "sample", "seed": 5}, out=tmp_path / "out")
    html = "<!doctype html><title>Thèmes</title><p>topic 0: peace, talks</p>\n"
    path = figures.save_artifact(html, "topics-explorer.html")
    assert path == tmp_path / "out" / "topics-explorer.html"
    assert path.read_text(encoding="utf-8") == html
    figures.save_artifact(b"\x00\x01data", "topics-weights.bin")
    figures.save(_figure(), "topics-a", formats=("png",))
    table = figures.read_manifest(tmp_path / "out").set_index("file")
    assert table.index.tolist() == ["topics-a.png", "topics-a.txt", "topics-explorer.html",
                                    "topics-weights.bin"]
    row = table.loc["topics-explorer.html"]
    assert (row.figure, row.format, row.notebook, row.corpus, row.seed) == (
        "topics-explorer", "html", "02-topics", "sample", "5")
    assert row.corpus_fingerprint == fingerprint(corpus)
    assert row.sha256 == figures.sha256(html.encode("utf-8"))
    assert row.bytes == len(html.encode("utf-8"))
    assert table.loc["topics-weights.bin", "sha256"] == figures.sha256(b"\x00\x01data")
    # saving again replaces the row and the file; no temp file is left behind
    figures.save_artifact("<p>v2</p>", "topics-explorer.html")
    table = figures.read_manifest(tmp_path / "out")
    assert table["file"].tolist().count("topics-explorer.html") == 1
    assert path.read_text() == "<p>v2</p>"
    assert not list((tmp_path / "out").glob(".*.tmp"))
    assert log.read_text().split() == ["topics-explorer.html", "topics-weights.bin",
                                       "topics-a.png", "topics-a.txt", "topics-explorer.html"]


def test_save_artifact_follows_the_provenance_rules(tmp_path):
    with pytest.raises(RuntimeError, match=r"call figures.setup\(.*before "
                                           r"figures.save_artifact"):
        figures.save_artifact("x", "a.html", out=tmp_path)
    figures.setup("02-topics", _corpus(), {"corpus": "sample"}, out=tmp_path)
    figures.save_artifact("x", "a.html")
    # another corpus may not write into this folder
    with pytest.raises(figures.OutputConflictError):
        figures.setup("02-topics", _corpus(), {"corpus": "mine"}, out=tmp_path)


@pytest.mark.parametrize("filename", ["noext", "../up.html", "a/b.html", ".hidden.html",
                                      "x.", "manifest.csv", ""])
def test_save_artifact_bad_names(tmp_path, filename):
    figures.setup("02-topics", _corpus(), {"corpus": "sample"}, out=tmp_path)
    with pytest.raises(ValueError, match=r"filename=.* is invalid"):
        figures.save_artifact("x", filename)


def test_save_artifact_bad_data(tmp_path):
    figures.setup("02-topics", _corpus(), {"corpus": "sample"}, out=tmp_path)
    with pytest.raises(TypeError, match=r"data=\{'a': 1\} has the wrong type dict; must be "
                                        "bytes, or str"):
        figures.save_artifact({"a": 1}, "a.json")


# --------------------------------------------------------------------------- captions, titles


def test_caption_is_written_next_to_the_figure_and_in_the_metadata(tmp_path):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample", "seed": 3, "freq": "M",
                                           "start": None}, out=tmp_path)
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [2, 1])
    ax.set_title("Where the documents come from")
    style.set_caption(ax, "Documents per source; N = 2 documents")
    saved = figures.save(fig, "corpus-sources")
    text = (tmp_path / "corpus-sources.txt").read_text(encoding="utf-8")
    assert text == saved.caption + "\n"
    assert text.startswith("Where the documents come from. Documents per source; "
                           "N = 2 documents. "
                           "Corpus: sample (2 documents, fingerprint ")
    assert text.rstrip().endswith("Parameters: freq=M, seed=3. Notebook 01-corpus.")
    meta = json.loads(Image.open(tmp_path / "corpus-sources.png").info["Description"])
    assert meta["caption"] == saved.caption
    table = figures.read_manifest(tmp_path).set_index("file")
    assert table.loc["corpus-sources.txt", "format"] == "txt"
    assert table.loc["corpus-sources.txt", "sha256"] == figures.sha256(text.encode())
    if "caption" in figures.MANIFEST_COLUMNS:  # the column is added in figures/manifest.py
        assert set(table["caption"]) == {saved.caption}


def test_save_returns_quietly(tmp_path):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path / "figs")
    saved = figures.save(_figure(), "quiet")
    assert repr(saved) == "<saved quiet (.svg .png .txt) in figs/>"
    assert "PosixPath" not in repr(saved) and "\n" not in repr(saved)
    assert [p.name for p in saved] == ["quiet.svg", "quiet.png"]


def _pixels(png: Path):
    import numpy as np

    return np.asarray(Image.open(png).convert("RGB"))


def test_save_without_titles(tmp_path):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    fig = _figure()
    fig.axes[0].set_title("Left panel")
    with_title = figures.save(fig, "titled")
    without = figures.save(fig, "untitled", title=False)
    bare = _figure()  # drawn the same way, never given titles
    bare.suptitle("")
    figures.save(bare, "bare")
    assert (_pixels(without[1]) == _pixels(tmp_path / "bare.png")).all()
    assert _pixels(with_title[1]).shape != _pixels(without[1]).shape or \
        (_pixels(with_title[1]) != _pixels(without[1])).any()
    # the figure keeps its titles, and the caption keeps their words
    assert fig.get_suptitle() == "Reproducible — or not?"
    assert figures.figure_titles(fig) == ["Reproducible — or not?", "Left panel"]
    assert without.caption.startswith("Reproducible — or not?")
    # the same through the parameters given to setup (a notebook's `titles = False`)
    figures.setup("01-corpus", _corpus(), {"corpus": "sample", "titles": False}, out=tmp_path)
    assert (_pixels(figures.save(fig, "param")[1]) == _pixels(without[1])).all()
    with pytest.raises(TypeError, match="title='no' has the wrong type str"):
        figures.save(fig, "bad", title="no")


def test_save_keeps_the_figure_open_outside_a_headless_kernel(tmp_path, monkeypatch):
    # only a `make figures` kernel (its run log set, the inline backend) shows the saved
    # PNG and closes the figure (tests/test_cli.py); a script or Lab keeps it, unless asked
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    fig = plt.figure()
    fig.add_subplot().plot([1, 3, 2])
    figures.save(fig, "kept")
    monkeypatch.setenv("TOOLKIT_FIGURES_RUNLOG", str(tmp_path / ".runlog"))
    figures.save(fig, "kept-in-a-run")  # Agg here: nothing to show it in
    assert plt.fignum_exists(fig.number)
    assert (tmp_path / ".runlog").read_text().split() == [
        "kept-in-a-run.svg", "kept-in-a-run.png", "kept-in-a-run.txt"]
    figures.save(fig, "closed", close=True)
    assert not plt.fignum_exists(fig.number)


def test_save_lays_the_figure_out_once_for_both_files(tmp_path, monkeypatch):
    # the PNG is laid out (constrained layout, at the house DPI) and the SVG keeps its
    # positions; the figure gets its layout engine back, so Lab's next draw lays out again
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    runs = []
    execute = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(ConstrainedLayoutEngine, "execute",
                        lambda self, fig: runs.append(fig.dpi) or execute(self, fig))
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    fig = plt.figure(layout="constrained")
    ax = fig.add_subplot()
    ax.plot([1, 3, 2])
    ax.set_title("Volume")
    engine = fig.get_layout_engine()
    figures.save(fig, "once", title=False)
    assert runs == [style.save_dpi()]
    positions = ax.get_position().bounds
    assert fig.get_layout_engine() is engine
    fig.canvas.draw()  # laid out again, with its title back
    assert len(runs) == 2 and ax.get_position().bounds != positions


def test_save_without_titles_keeps_the_panel_names(tmp_path):
    # issue 17: a panel's name (an actor, a topic) is content, not a title to leave out
    from toolkit.plots import timeline as tplots

    figures.setup("04-timeline", _corpus(), {"corpus": "sample"}, out=tmp_path)
    idx = pd.period_range("2001", "2006", freq="Y")
    series = pd.DataFrame({"RUS": [.1, .2, .3, .2, .1, .2], "CHN": [.3, .1, .2, .2, .3, .1],
                           "n_documents": 40}, index=idx)
    series.attrs = {"value": "share", "unit": "paragraph"}
    panels = tplots.small_multiples(series, ncols=2)
    panels[0].figure.suptitle("Attention by state")
    saved = figures.save(panels[0].figure, "panels", title=False)
    assert figures.figure_titles(panels[0].figure) == ["Attention by state"]
    assert saved.caption.startswith("Attention by state. ")

    def names():
        return ["".join(ax.get_title(loc=where) for where in ("left", "center", "right"))
                for ax in panels[:2]]

    with figures.without_titles(panels[0].figure):  # as the figure is rendered
        assert names() == ["RUS", "CHN"] and panels[0].figure.get_suptitle() == ""
    # a panel title the caller writes over is a title again
    panels[0].set_title("Russia, as a title")
    assert figures.figure_titles(panels[0].figure) == ["Attention by state",
                                                       "Russia, as a title"]


def test_manifest_rows_carry_the_lock_the_environment_came_from(tmp_path, monkeypatch):
    # issue 17: the manifest's lock column was always empty (the row never took it)
    import hashlib

    lock = PROJECT_ROOT / "uv.lock"
    assert lock.is_file()
    venv = tmp_path / "venv"
    venv.mkdir()
    # what the Makefile writes next to the environment it installs from uv.lock
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    (venv / "toolkit-lock.sha256").write_text(digest + "\n", encoding="ascii")
    monkeypatch.setattr(sys, "prefix", str(venv))
    info = figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path / "a")
    assert info["lock"] == digest
    figures.save(_figure(), "locked")
    figures.save_artifact("<p>x</p>", "page.html")
    rows = figures.read_manifest(tmp_path / "a")
    assert len(rows) == 4 and set(rows["lock"]) == {digest}
    meta = json.loads(Image.open(tmp_path / "a" / "locked.png").info["Description"])
    assert meta["lock"] == digest
    # an environment installed otherwise has no record: the column says nothing, not a guess
    (venv / "toolkit-lock.sha256").unlink()
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path / "b")
    figures.save(_figure(), "unlocked")
    assert set(figures.read_manifest(tmp_path / "b")["lock"].fillna("")) == {""}


def test_save_never_replaces_a_file_the_toolkit_did_not_write(tmp_path):
    figures.setup("01-corpus", _corpus(), {"corpus": "sample"}, out=tmp_path)
    (tmp_path / "mine.txt").write_text("my notes")
    (tmp_path / "explorer.html").write_text("<p>mine</p>")
    with pytest.raises(figures.OutputConflictError, match="mine.txt"):
        figures.save(_figure(), "mine")
    with pytest.raises(figures.OutputConflictError, match="explorer.html"):
        figures.save_artifact("<p>new</p>", "explorer.html")
    assert (tmp_path / "mine.txt").read_text() == "my notes"
    assert not (tmp_path / "mine.svg").exists()


def test_what_a_notebook_cell_shows_names_the_output_folder(tmp_path):
    # make figures gives each notebook <out>/.staging.<pid>.<x>/; a cell ending in a save
    # showed that folder (PosixPath('<out>/.staging.19852.rn91fi2i/topics-explorer.html')),
    # which is gone when the executed notebook is read
    staging = tmp_path / "out" / ".staging.19852.rn91fi2i"
    figures.setup("02-topics", _corpus(), {"corpus": "sample", "seed": 5}, out=staging)
    page = figures.save_artifact("<p>topics</p>", "topics-explorer.html")
    assert repr(page) == "<saved topics-explorer.html in out/>"
    assert page == staging / "topics-explorer.html" and page.read_text() == "<p>topics</p>"
    saved = figures.save(_figure(), "topics-a", formats=("png",))
    assert repr(saved) == "<saved topics-a (.png .txt) in out/>"
