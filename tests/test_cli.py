"""Tests for toolkit.cli: `python -m toolkit figures`, the notebook runner."""

from __future__ import annotations

import base64

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from toolkit import cli, figures
from toolkit.cli import progress, runner
from _paths import PROJECT_ROOT
from _runs import kernels_of


def _notebook(folder: Path, name: str, body: list[str], *, params: str | None = None) -> Path:
    """Write a small notebook: a parameters cell, then ``body`` as code cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    cell = nbformat.v4.new_code_cell(params or 'corpus = "sample"\nseed = 2015\nstart = None\n'
                                               'end = None\nextra = False')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), cell]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in body]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


_SETUP = """
import matplotlib.pyplot as plt
from toolkit import corpus as tc, figures
docs = tc.load(corpus, start=start, end=end)
figures.setup(notebook="01-demo", corpus=docs,
              parameters={"corpus": corpus, "seed": seed, "start": start, "end": end})
"""
_PLOT = """
fig, ax = plt.subplots(figsize=(4, 3))
ax.bar(docs["doc_id"].str[:8], docs["text"].str.len())
ax.set_title(f"{len(docs)} documents, seed {seed}")
ax.set_xlabel(" ".join({"peace", "war", "trade", "aid", "talks", "treaty"}))  # hash order
figures.save(fig, "demo-lengths")
"""
_EXTRA = """
if extra:
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    figures.save(fig, "demo-extra")
"""


@pytest.fixture
def demo(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    _notebook(folder, "01-demo", [_SETUP, _PLOT, _EXTRA])
    return folder


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", "figures", *args],
                          cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: figures.sha256(p) for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def _images(files) -> list[str]:
    """The figure images among written files (figures.save also writes a caption .txt)."""
    return sorted(str(f) for f in files if Path(f).suffix in (".png", ".svg"))


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize("text, expected", [
    ("num_topics=20", ("num_topics", 20)),
    ("alpha=0.5", ("alpha", 0.5)),
    ("start=2000", ("start", "2000")),
    ("end=2012-06", ("end", "2012-06")),
    ("corpus=corpus/news.csv", ("corpus", "corpus/news.csv")),
    ("end=None", ("end", None)),
    ("flag=True", ("flag", True)),
    ("flag=false", ("flag", False)),
    ("freq=M", ("freq", "M")),
    ("topics=[5, 10]", ("topics", [5, 10])),
    ("label=peace talks", ("label", "peace talks")),
])
def test_parse_parameter(text, expected):
    assert cli.parse_parameter(text) == expected


@pytest.mark.parametrize("text", ["oops", "=3", "two words=3", "1x=2"])
def test_parse_parameter_errors(text):
    with pytest.raises(ValueError, match=r"parameter .* is invalid; must be key=value"):
        cli.parse_parameter(text)


def test_list_notebooks(tmp_path):
    for name in ("02-topics", "01-corpus", "03-actors"):
        _notebook(tmp_path, name, [])
    (tmp_path / ".hidden.ipynb").write_text("{}")
    assert [p.stem for p in cli.list_notebooks(tmp_path)] == ["01-corpus", "02-topics",
                                                              "03-actors"]
    assert [p.stem for p in cli.list_notebooks(tmp_path, ["03", "01-corpus"])] == [
        "01-corpus", "03-actors"]
    with pytest.raises(ValueError, match=r"notebooks='07' is invalid; must be one of "
                                         r"01-corpus, 02-topics, 03-actors"):
        cli.list_notebooks(tmp_path, ["07"])


def test_run_figures_writes_where_figures_output_dir_says(demo, monkeypatch, tmp_path):
    # one rule for the output folder (the naming itself is tested in test_figures)
    monkeypatch.delenv("TOOLKIT_FIGURES_DIR", raising=False)
    monkeypatch.setenv("TOOLKIT_PROJECT", str(tmp_path))
    seen = []

    def fake_run(path, out, *, parameters, **kw):
        seen.append((Path(out), parameters))
        return cli.NotebookRun(Path(path).stem, 0.0, Path(out) / "x.ipynb", [])

    monkeypatch.setattr(runner, "run_notebook", fake_run)
    cli.run_figures(corpus="sotu", notebooks_dir=demo)
    cli.run_figures(corpus="sample", notebooks_dir=demo, parameters={"start": "2000"})
    assert seen == [
        (figures.output_dir("sotu"), {"corpus": "sotu"}),
        (figures.output_dir("sample", {"start": "2000"}), {"corpus": "sample",
                                                           "start": "2000"}),
    ]
    # readable folder names: the corpus name; the parameters go to the manifest (issue 11)
    assert [out for out, _ in seen] == [tmp_path / "figures", tmp_path / "figures-sample"]


def test_main_reports_bad_input(capsys, tmp_path):
    assert cli.main(["figures", "-p", "oops"]) == 2
    assert "parameter 'oops' is invalid" in capsys.readouterr().err
    assert cli.main(["figures", "--corpus", str(tmp_path / "missing.csv")]) == 2
    assert "must be a shipped corpus (sample, sotu, ungdc) or an existing file" in \
        capsys.readouterr().err
    assert cli.main(["figures", "--notebooks", "42", "--corpus", "sample"]) == 2
    assert "notebooks='42' is invalid" in capsys.readouterr().err


def test_failure_message_is_readable():
    from papermill.exceptions import PapermillExecutionError

    exc = PapermillExecutionError(
        cell_index=4, exec_count=3, source="x = 1\nraise ValueError('boom')",
        ename="ValueError", evalue="boom",
        traceback=["\x1b[0;31m---------\x1b[0m", "\x1b[0;31mValueError\x1b[0m: boom"])
    text = progress.describe_failure("02-topics", exc, None)
    assert text.splitlines()[0] == "notebook 02-topics failed in cell In [3]:"
    assert "    raise ValueError('boom')" in text
    assert text.splitlines()[-1] == "ValueError: boom"
    assert "\x1b" not in text


def test_cell_progress_lines_and_heartbeat(caplog):
    import time

    class Manager:
        def __init__(self):
            self.nb = nbformat.v4.new_notebook()
            self.nb.cells = [nbformat.v4.new_markdown_cell("# text"),
                             nbformat.v4.new_code_cell("\nmodel = fit(corpus)\nmore()")]
            self.calls = []

        def cell_start(self, cell, cell_index=None, **kw):
            self.calls.append(("start", cell_index))

        def cell_complete(self, cell, cell_index=None, **kw):
            self.calls.append(("complete", cell_index))

    manager = Manager()
    progress.CellProgress(manager, "02-topics", heartbeat=0.2)
    with caplog.at_level("INFO", logger="toolkit.cli"):
        manager.cell_start(manager.nb.cells[0], 0)
        manager.cell_complete(manager.nb.cells[0], 0)
        manager.cell_start(manager.nb.cells[1], 1)
        time.sleep(1.1)
        manager.cell_complete(manager.nb.cells[1], 1)
    lines = [r.getMessage().strip() for r in caplog.records]
    assert lines[0] == "02-topics cell 1/1: model = fit(corpus)"
    assert lines[1].startswith("02-topics cell 1/1 still running (0.")
    assert lines[-1].startswith("02-topics cell 1/1 done in 1.")
    assert manager.calls == [("start", 0), ("complete", 0), ("start", 1), ("complete", 1)]


# --------------------------------------------------------------------------- runs


@pytest.mark.notebook
def test_two_runs_give_identical_files(demo, tmp_path):
    # different hash seeds in the calling shell: the runner pins the kernel's
    for run, hashseed in (("one", "1"), ("two", "2")):
        result = _run("--corpus", "sample", "--out", str(tmp_path / run),
                      "--notebooks-dir", str(demo), "-p", "seed=7",
                      env={"TOOLKIT_CACHE": str(tmp_path / f"cache-{run}"),
                           "PYTHONHASHSEED": hashseed})
        assert result.returncode == 0, result.stderr
    one, two = _digests(tmp_path / "one"), _digests(tmp_path / "two")
    assert _images(one) == ["demo-lengths.png", "demo-lengths.svg"] and "manifest.csv" in one
    sources = {figures.read_manifest(tmp_path / run)["toolkit_source"].iloc[0]
               for run in ("one", "two")}
    if len(sources) > 1:
        pytest.skip("the toolkit's source changed between the two runs")
    assert one == two
    manifest = figures.read_manifest(tmp_path / "one")
    assert manifest["notebook"].unique().tolist() == ["01-demo"]
    assert manifest["seed"].unique().tolist() == ["7"]
    assert set(manifest["corpus"]) == {"sample"}
    # the executed notebook is kept beside the figures, with its outputs; the image it
    # shows is the PNG file written (not drawn a third time by the inline backend)
    executed = nbformat.read(tmp_path / "one" / "notebooks" / "01-demo.ipynb", as_version=4)
    assert any(c.get("outputs") for c in executed.cells if c.cell_type == "code")
    images = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if "image/png" in o.get("data", {})]
    assert len(images) == 1 and images[0]["metadata"]["image/png"] == {"width": 400}
    assert base64.b64decode(images[0]["data"]["image/png"]) == \
        (tmp_path / "one" / "demo-lengths.png").read_bytes()


@pytest.mark.notebook
def test_progress_lines(demo, tmp_path):
    result = _run("--corpus", "sample", "--out", str(tmp_path / "out"),
                  "--notebooks-dir", str(demo))
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "[1/1] 01-demo ..." in err
    assert "01-demo cell 3/5: import matplotlib.pyplot as plt" in err
    assert re.search(r"\[1/1\] 01-demo: \d+ figure files in", err)
    assert re.search(r"figures: wrote \d+ figure files from 1 notebooks in", err)


@pytest.mark.notebook
def test_failing_notebook_stops_the_run_with_a_short_message(tmp_path):
    folder = tmp_path / "notebooks"
    _notebook(folder, "01-broken", [_SETUP, "total = 1\nraise ValueError(f'bad total: {total}')"])
    _notebook(folder, "02-never", [_SETUP, _PLOT])
    result = _run("--corpus", "sample", "--out", str(tmp_path / "out"),
                  "--notebooks-dir", str(folder), "--jobs", "1")
    assert result.returncode == 1
    err = result.stderr
    assert "FAILED: notebook 01-broken failed in cell In [4]:" in err
    assert "    raise ValueError(f'bad total: {total}')" in err
    assert "ValueError: bad total: 1" in err
    assert f"executed notebook with the full output: {tmp_path / 'out'}" in err
    assert "02-never" not in err
    assert '"cell_type"' not in err and "\x1b[" not in err


@pytest.mark.notebook
def test_a_dead_kernel_keeps_the_cells_run_so_far(tmp_path):
    # the executed notebook is written once, at the end (not after every cell); when the
    # kernel dies mid-run, what it printed before is still kept in the failed copy
    folder = tmp_path / "notebooks"
    _notebook(folder, "01-dies", ["print('before the crash')", "import os\nos._exit(3)"])
    with pytest.raises(cli.NotebookFailed, match="DeadKernelError") as failed:
        cli.run_figures(corpus="sample", out=tmp_path / "out", notebooks_dir=folder)
    assert failed.value.output == (tmp_path / "out" / "notebooks" / "01-dies.failed.ipynb"
                                   ).resolve()
    kept = nbformat.read(failed.value.output, as_version=4)
    printed = [o.get("text") for c in kept.cells for o in c.get("outputs", [])]
    assert printed == ["before the crash\n"]
    assert not (tmp_path / "out" / "notebooks" / "01-dies.ipynb").exists()


def _other(name: str, *before_plot: str) -> list[str]:
    """The demo notebook's cells as notebook ``name``, saving ``<name>-lengths``."""
    return [_SETUP.replace("01-demo", name), *before_plot,
            _PLOT.replace("demo-lengths", f"{name}-lengths")]


@pytest.mark.notebook
def test_notebooks_at_once_write_what_one_after_another_writes(tmp_path):
    folder = tmp_path / "notebooks"
    _notebook(folder, "01-demo", [_SETUP, _PLOT])
    _notebook(folder, "02-other", _other("02-other"))
    digests = {}
    for jobs in ("1", "2"):
        result = _run("--corpus", "sample", "--out", str(tmp_path / jobs), "--notebooks-dir",
                      str(folder), "--jobs", jobs, env={"TOOLKIT_CACHE": str(tmp_path / "c")})
        assert result.returncode == 0, result.stderr
        assert "[2/2] 02-other ..." in result.stderr
        digests[jobs] = _digests(tmp_path / jobs)
    assert _images(digests["2"]) == ["02-other-lengths.png", "02-other-lengths.svg",
                                     "demo-lengths.png", "demo-lengths.svg"]
    assert digests["2"] == digests["1"]  # the manifest lists both notebooks' files
    assert sorted(figures.read_manifest(tmp_path / "2")["notebook"].unique()) == [
        "01-demo", "02-other"]


@pytest.mark.notebook
def test_a_failure_beside_a_running_notebook_starts_no_other(tmp_path):
    folder = tmp_path / "notebooks"
    out = tmp_path / "out"
    _notebook(folder, "01-broken", ["raise ValueError('bad total: 1')"])
    # 02 runs until the runner has kept 01's failed notebook (at most a minute), so it is
    # still running when 01 fails, however slow the machine
    failed = out.resolve() / "notebooks" / "01-broken.failed.ipynb"
    _notebook(folder, "02-slow", _other(
        "02-slow", f"import pathlib, time\nfailed = pathlib.Path({str(failed)!r})\n"
                   "deadline = time.monotonic() + 60\n"
                   "while not failed.exists() and time.monotonic() < deadline:\n"
                   "    time.sleep(0.05)\n"
                   "assert failed.exists(), 'notebook 01 did not fail within a minute'"))
    _notebook(folder, "03-never", _other("03-never"))
    result = _run("--corpus", "sample", "--out", str(out), "--notebooks-dir", str(folder),
                  "--jobs", "2")
    assert result.returncode == 1
    assert "FAILED: notebook 01-broken failed" in result.stderr
    assert "ValueError: bad total: 1" in result.stderr
    assert "03-never" not in result.stderr
    # the notebook that was running when the other failed finished, and its files are in
    assert _images(figures.read_manifest(out)["file"]) == ["02-slow-lengths.png",
                                                           "02-slow-lengths.svg"]


@pytest.mark.notebook
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_ctrl_c_stops_every_running_notebook_and_leaves_no_kernel(tmp_path):
    # the notebooks run in threads of the runner; Ctrl-C (SIGINT to the runner) must stop
    # the kernels of all of them, not wait for the notebooks to finish
    folder, out = tmp_path / "notebooks", tmp_path / "out"
    started = tmp_path / "started"
    wait = (f"import pathlib, time\npathlib.Path({str(started)!r}, NAME).touch()\n"
            "time.sleep(300)")
    started.mkdir()
    _notebook(folder, "01-first", [wait.replace("NAME", "'01'")])
    _notebook(folder, "02-second", [wait.replace("NAME", "'02'")])
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "figures", "--corpus", "sample", "--out", str(out),
         "--notebooks-dir", str(folder), "--jobs", "2"], cwd=PROJECT_ROOT,
        stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while len(list(started.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(list(started.iterdir())) == 2, "the two notebooks did not start"
        kernels = kernels_of(process.pid)
        assert len(kernels) == 2
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130 and "interrupted" in err, err[-2000:]
    time.sleep(1)
    assert not [k for k in kernels if Path(f"/proc/{k}").exists() and "zombie" not in
                Path(f"/proc/{k}/status").read_text(errors="replace")]
    assert not list(out.glob(".staging.*"))
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == [
        "01-first.failed.ipynb", "02-second.failed.ipynb"]


@pytest.mark.notebook
def test_stale_figures_and_other_corpora(demo, tmp_path):
    out = tmp_path / "out"
    runs = cli.run_figures(corpus="sample", out=out, notebooks_dir=demo,
                           parameters={"extra": True})
    assert _images(runs[0].files) == ["demo-extra.png", "demo-extra.svg", "demo-lengths.png",
                                      "demo-lengths.svg"]
    # the same notebook without the extra figure: its old files go, with their rows
    cli.run_figures(corpus="sample", out=out, notebooks_dir=demo)
    assert _images(figures.read_manifest(out)["file"]) == ["demo-lengths.png",
                                                           "demo-lengths.svg"]
    assert not (out / "demo-extra.svg").exists()
    # another corpus into the same folder is refused, unless forced
    mine = tmp_path / "mine.csv"
    pd.DataFrame({"doc_id": ["x1", "x2"], "date": ["2001-01-02", "2001-03-04"],
                  "text": ["Talks resumed in Oslo.", "The ceasefire held."]}).to_csv(
        mine, index=False)
    with pytest.raises(cli.NotebookFailed, match=r"OutputConflictError: .* made from other "
                                                 r"corpus content \[sample"):
        cli.run_figures(corpus=str(mine), out=out, notebooks_dir=demo)
    cli.run_figures(corpus=str(mine), out=out, notebooks_dir=demo, force=True)
    manifest = figures.read_manifest(out)
    assert set(manifest["corpus"]) == {str(mine)}
    assert set(manifest["n_documents"]) == {2} and len(_images(manifest["file"])) == 2


@pytest.mark.notebook
def test_issue_11_each_notebook_gets_only_its_parameters_from_a_params_file(demo, tmp_path):
    _notebook(demo, "02-other", ["print(label)"],
              params='corpus = "sample"\nseed = 2015\nstart = None\nend = None\nlabel = ["x"]')
    params = tmp_path / "mine.yaml"
    params.write_text("extra: true\nlabel: [peace, talks]\nstart: 2015\n", encoding="utf-8")
    result = _run("--corpus", "sample", "--out", str(tmp_path / "out"), "--notebooks-dir",
                  str(demo), "--params-file", str(params),
                  env={"TOOLKIT_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert "Passed unknown parameter" not in result.stderr
    assert f"parameters from {params}: extra, label, start" in result.stderr
    injected = {}
    for name in ("01-demo", "02-other"):
        nb = nbformat.read(tmp_path / "out" / "notebooks" / f"{name}.ipynb", as_version=4)
        cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        injected[name] = cell.source
    assert "extra = True" in injected["01-demo"] and "label" not in injected["01-demo"]
    assert 'label = ["peace", "talks"]' in injected["02-other"]
    assert "extra" not in injected["02-other"]
    # an integer year is a year, in every notebook
    assert 'start = "2015"' in injected["01-demo"] and 'start = "2015"' in injected["02-other"]
    assert _images(figures.read_manifest(tmp_path / "out")["file"]) == [
        "demo-extra.png", "demo-extra.svg", "demo-lengths.png", "demo-lengths.svg"]
