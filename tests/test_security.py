"""Issue 16: nothing runs from data, nothing outside the output folder is touched.

The cache never executes anything it reads (no pickle; a keyed HMAC checked first; private
files and folders), and every write of ``python -m toolkit figures`` stays inside the
output folder (manifest paths checked, the researcher's own files protected, refused
folders, refused runs that replace nothing). The case table is ``tests/README.md``.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from toolkit import cache, cli, figures
from toolkit.cache import keys
from toolkit.figures import folders, manifest
from toolkit.figures.manifest import (
    ManifestError,
    OutputConflictError,
    check_replace,
    foreign_files,
)

IS_ROOT = os.geteuid() == 0


@pytest.fixture(autouse=True)
def _private_key(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_KEY", str(tmp_path_factory.mktemp("key") / "cache.key"))


class Counter:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- cache


class _Boom:
    """Unpickling this runs a command that leaves a file behind."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_issue16_planted_pickle_never_runs(tmp_path, caplog):
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Boom(marker))
    root = tmp_path / "cache"
    cache.cached("step", {"k": 1}, Counter(1), directory=root)  # the folder and the key
    digest = cache.key_digest("step", {"k": 1})
    # a pickle where an entry is, one under the old format's name, and one with the old magic
    (root / "step" / f"{digest}.tkc").write_bytes(payload)
    (root / "step" / f"{digest}.pkl").write_bytes(payload)
    os.chmod(root / "step" / f"{digest}.tkc", 0o600)
    compute = Counter(41)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        assert cache.cached("step", {"k": 1}, compute, directory=root) == 41
    assert compute.calls == 1
    assert not marker.exists()
    assert "not a toolkit cache entry" in caplog.text
    # a pickle wearing an entry's header but not signed with the user's key
    entry = root / "step" / f"{digest}.tkc"
    entry.write_bytes(b"TKCACHE2" + bytes(32) + payload)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        assert cache.cached("step", {"k": 1}, compute, directory=root) == 41
    assert "signature does not match" in caplog.text
    assert not marker.exists()


def _sealed(label: str, body: bytes) -> bytes:
    return b"TKCACHE2" + keys.sign(keys.secret_key(), label, body) + body


def test_issue16_even_a_signed_entry_cannot_name_code(tmp_path, caplog):
    # the codec rebuilds only toolkit classes and allow-listed gensim ones
    root = tmp_path / "cache"
    cache.cached("step", {"k": 1}, Counter(1), directory=root)
    digest = cache.key_digest("step", {"k": 1})
    tree = {"t": "obj", "c": "subprocess.Popen", "i": 0,
            "d": {"t": "dict", "i": 1, "m": {"args": "touch pwned"}}}
    header = json.dumps({"format": 2, "value": tree, "arrays": []}).encode()
    body = len(header).to_bytes(8, "little") + header
    (root / "step" / f"{digest}.tkc").write_bytes(_sealed(f"step/{digest}", body))
    compute = Counter(2)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        assert cache.cached("step", {"k": 1}, compute, directory=root) == 2
    assert compute.calls == 1
    assert "is not loaded" in caplog.text or "cannot be rebuilt" in caplog.text
    with pytest.raises(ValueError, match="subprocess.Popen"):
        cache.loads(body)


def test_issue16_forged_or_moved_entries_are_recomputed(tmp_path, monkeypatch, caplog):
    root = tmp_path / "cache"
    assert cache.cached("step", {"k": 1}, Counter("one"), directory=root) == "one"
    assert cache.cached("step", {"k": 2}, Counter("two"), directory=root) == "two"
    one = root / "step" / f"{cache.key_digest('step', {'k': 1})}.tkc"
    two = root / "step" / f"{cache.key_digest('step', {'k': 2})}.tkc"
    # a valid entry copied over another key's entry: the signature binds it to its name
    two.write_bytes(one.read_bytes())
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        assert cache.cached("step", {"k": 2}, Counter("two"), directory=root) == "two"
    assert "signature does not match" in caplog.text
    # entries signed with someone else's key
    monkeypatch.setenv("TOOLKIT_CACHE_KEY", str(tmp_path / "other" / "cache.key"))
    compute = Counter("one")
    assert cache.cached("step", {"k": 1}, compute, directory=root) == "one"
    assert compute.calls == 1


def test_issue16_entries_0600_folders_0700_under_umask_002(tmp_path):
    old = os.umask(0o002)
    try:
        cache.cached("step", {"k": 1}, Counter(pd.DataFrame({"x": [1]})),
                     directory=tmp_path / "cache")
    finally:
        os.umask(old)
    (entry,) = cache.entries(tmp_path / "cache")
    assert _mode(entry) == 0o600
    assert _mode(tmp_path / "cache") == 0o700
    assert _mode(tmp_path / "cache" / "step") == 0o700
    assert _mode(keys.key_path()) == 0o600
    assert _mode(keys.key_path().parent) == 0o700


def test_issue16_loose_folder_is_tightened_and_loose_entry_recomputed(tmp_path, caplog):
    root = tmp_path / "cache"
    cache.cached("step", {"k": 1}, Counter(1), directory=root)
    os.chmod(root / "step", 0o777)
    (entry,) = cache.entries(root)
    os.chmod(entry, 0o666)
    compute = Counter(1)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        assert cache.cached("step", {"k": 1}, compute, directory=root) == 1
    assert "was open to other users (mode 0o777)" in caplog.text
    assert "refused entry" in caplog.text and "open to other users (mode 0o666)" in caplog.text
    assert compute.calls == 1
    assert _mode(root / "step") == 0o700 and _mode(entry) == 0o600


def test_issue16_a_symlinked_entry_is_never_followed(tmp_path, caplog):
    root = tmp_path / "cache"
    cache.cached("step", {"k": 1}, Counter(1), directory=root)
    (entry,) = cache.entries(root)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    entry.unlink()
    entry.symlink_to(victim)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        assert cache.cached("step", {"k": 1}, Counter(1), directory=root) == 1
    assert "refused entry" in caplog.text
    assert victim.read_text() == "keep me"
    assert not entry.is_symlink()


@pytest.mark.skipif(not IS_ROOT, reason="giving a folder to another user needs root")
def test_issue16_folders_and_entries_of_another_user_are_not_trusted(tmp_path, caplog):
    root = tmp_path / "cache"
    cache.cached("step", {"k": 1}, Counter(1), directory=root)
    (entry,) = cache.entries(root)
    os.chown(entry, 4242, -1)
    compute = Counter(1)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        cache.cached("step", {"k": 1}, compute, directory=root)
    assert "owned by user id 4242" in caplog.text and compute.calls == 1
    os.chown(root / "step", 4242, -1)
    compute = Counter(1)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        cache.cached("step", {"k": 1}, compute, directory=root)
        cache.cached("step", {"k": 1}, compute, directory=root)
    assert "belongs to user id 4242" in caplog.text and compute.calls == 2


def test_issue16_key_made_once_private_and_a_loose_key_refused(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("TOOLKIT_CACHE_KEY", str(tmp_path / "k" / "cache.key"))
    first = keys.secret_key()
    assert keys.secret_key() == first and len(first) == 32
    assert _mode(tmp_path / "k" / "cache.key") == 0o600
    os.chmod(tmp_path / "k" / "cache.key", 0o644)
    with pytest.raises(keys.CacheSecurityError, match="readable or writable by other users"):
        keys.secret_key()
    compute = Counter(3)
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        cache.cached("step", {"k": 1}, compute, directory=tmp_path / "cache")
        cache.cached("step", {"k": 1}, compute, directory=tmp_path / "cache")
    assert compute.calls == 2 and "cache: not used" in caplog.text
    assert cache.entries(tmp_path / "cache") == []


def test_issue16_orphan_temp_files_of_dead_writers_are_removed(tmp_path):
    root = tmp_path / "cache"
    cache.cached("step", {"k": 1}, Counter(1), directory=root)
    dead = root / "step" / ".abc.tkc.999999999.x1y2.tmp"
    alive = root / "step" / f".abc.tkc.{os.getpid()}.x1y2.tmp"
    dead.write_bytes(b"half an entry")
    alive.write_bytes(b"being written")
    cache.cached("step", {"k": 1}, Counter(1), directory=root)
    assert not dead.exists()
    assert alive.exists()


# --------------------------------------------------------------------------- manifest


def _manifest(folder: Path, files: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    given = {"notebook": "01-demo", "corpus": "sample", "n_documents": "1", "bytes": "1",
             "sha256": "0" * 64}
    table = pd.DataFrame([{c: given.get(c, "") for c in figures.MANIFEST_COLUMNS} | {"file": f}
                          for f in files], columns=list(figures.MANIFEST_COLUMNS))
    (folder / "manifest.csv").write_text(table.to_csv(index=False))


@pytest.mark.parametrize("bad", ["../victim.txt", "ABSOLUTE", "sub/../../victim.txt"])
def test_issue16_manifest_rows_outside_the_folder_are_refused(tmp_path, bad):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    bad = str(victim) if bad == "ABSOLUTE" else bad
    out = tmp_path / "received" / "figures"
    _manifest(out, ["fine.svg", bad])
    with pytest.raises(ManifestError, match=rf"manifest.csv, line 3: file '{bad}' is not a "
                                            r"file name inside the output folder"):
        figures.read_manifest(out)
    with pytest.raises(ManifestError):
        figures.remove_entries(out, [bad])
    with pytest.raises(ValueError, match="line 3"):
        cli.run_figures(corpus="sample", out=out, notebooks_dir=_demo_notebook(tmp_path / "nb"))
    assert victim.read_text() == "keep me"


def test_issue16_listed_symlink_is_unlinked_not_followed(tmp_path):
    victim = tmp_path / "victim.svg"
    victim.write_text("keep me")
    out = tmp_path / "out"
    _manifest(out, ["plot.svg"])
    (out / "plot.svg").symlink_to(victim)
    assert foreign_files(out, ["plot.svg"]) == ["plot.svg"]
    assert figures.remove_entries(out, ["plot.svg"]) == 1
    assert victim.read_text() == "keep me" and not (out / "plot.svg").is_symlink()


def test_issue16_files_the_toolkit_did_not_write_are_protected(tmp_path):
    out = tmp_path / "out"
    _manifest(out, ["ours.svg"])
    (out / "ours.svg").write_text("<svg/>")
    (out / "corpus-lengths.svg").write_text("my own figure")
    check_replace(out, ["ours.svg", "new.png"])
    with pytest.raises(OutputConflictError, match=r"holds corpus-lengths\.svg, which the "
                                                  r"toolkit did not write .* --force"):
        check_replace(out, ["ours.svg", "corpus-lengths.svg"])
    check_replace(out, ["corpus-lengths.svg"], force=True)  # the researcher typed --force


def test_issue16_unrelated_manifest_is_one_clear_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.csv").write_text("name,value\nlicence,CC-BY\n")
    with pytest.raises(ManifestError, match=r"is not a toolkit manifest: it has no column\(s\) "
                                            r"\['file', 'notebook', 'corpus', 'sha256'\]"):
        figures.read_manifest(out)
    result = _cli("--corpus", "sample", "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "is not a toolkit manifest" in result.stderr and "Traceback" not in result.stderr
    assert (out / "manifest.csv").read_text() == "name,value\nlicence,CC-BY\n"


# --------------------------------------------------------------------------- output folder


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A researcher's project: notebooks/, corpus/ with a CSV, the toolkit's rules there."""
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "corpus").mkdir()
    (root / "corpus" / "news.csv").write_text("id,text\na,Talks resumed.\n")
    _demo_notebook(root / "notebooks")
    monkeypatch.setenv("TOOLKIT_PROJECT", str(root))
    monkeypatch.delenv("TOOLKIT_FIGURES_DIR", raising=False)
    return root


def _cli(*args: str, cwd: Path | None = None, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "toolkit", "figures", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("where, why", [
    (".", "contains the project's notebooks/ folder"),
    ("notebooks", "is the project's notebooks/ folder"),
    ("notebooks/figs", "is inside the project's notebooks/ folder"),
    ("corpus", "is the project's corpus/ folder"),
    ("corpus/figures", "is inside the project's corpus/ folder"),
    ("PACKAGE", "is the toolkit package"),
    ("PACKAGE/out", "is inside the toolkit package"),
])
def test_issue16_out_refused_over_notebooks_corpus_and_package(project, where, why):
    package = Path(figures.__file__).resolve().parents[1]
    out = package / where.removeprefix("PACKAGE").strip("/") if where.startswith("PACKAGE") \
        else project / where
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    with pytest.raises(folders.OutputFolderError, match=f"{why}.*Choose a folder of its own"):
        cli.run_figures(corpus="sample", out=out)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert not (package / "out").exists() and not (package / "manifest.csv").exists()


def test_issue16_out_dot_on_the_command_line_leaves_the_notebooks_alone(project):
    notebook = project / "notebooks" / "01-demo.ipynb"
    before = notebook.read_bytes()
    result = _cli("--corpus", "sample", "--out", ".", cwd=project,
                  env={"TOOLKIT_PROJECT": str(project)})
    assert result.returncode == 2, result.stderr
    assert "error: output folder '.'" in result.stderr
    assert "contains the project's notebooks/ folder" in result.stderr
    assert notebook.read_bytes() == before
    assert not (project / "manifest.csv").exists()


def test_issue16_a_symlink_to_the_notebooks_is_refused(project, tmp_path):
    link = tmp_path / "figs"
    link.symlink_to(project / "notebooks")
    with pytest.raises(folders.OutputFolderError, match="is the project's notebooks/ folder"):
        figures.output_dir("sample", out=link)


def test_issue16_unwritable_output_folder_is_one_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _cli("--corpus", "sample", "--out", str(blocker / "figures"))
    assert result.returncode == 2
    assert "error: cannot write into the output folder" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    if not IS_ROOT:  # root writes through any permission
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(folders.OutputFolderError, match="Permission denied"):
            cli.run_figures(corpus="sample", out=locked / "figures")


def test_issue11_readable_folder_names_with_parameters_in_the_manifest(project):
    assert figures.output_dir("sotu") == project / "figures"
    assert figures.output_dir("sotu", {"start": "2000"}) == project / "figures-sotu"
    news = str(project / "corpus" / "news.csv")
    assert figures.output_dir(news) == project / "figures-news"
    assert figures.output_dir(news, {"num_topics": 30}) == project / "figures-news"
    # a folder made with other parameters is never written over: the next free name
    out = project / "figures-news"
    _manifest(out, ["a.svg"])
    table = figures.read_manifest(out)
    table["corpus"], table["overrides"] = "corpus/news.csv", '{"num_topics":30}'
    table.to_csv(out / "manifest.csv", index=False)
    assert figures.output_dir(news, {"num_topics": 30}) == out
    assert figures.output_dir(news, {"num_topics": 20}) == project / "figures-news-2"
    assert figures.output_dir(news) == project / "figures-news-2"
    # a folder that is not the toolkit's is left alone too
    (project / "figures-other").mkdir()
    (project / "figures-other" / "notes.txt").write_text("mine")
    assert figures.output_dir("other.csv") == project / "figures-other-2"


def test_issue16_interactive_kernels_write_to_figures_lab(project, monkeypatch):
    class Shell:
        kernel = object()

    class FakeIPython:
        @staticmethod
        def get_ipython():
            return Shell()

    monkeypatch.setitem(sys.modules, "IPython", FakeIPython)
    assert folders.in_lab()
    assert figures.output_dir("sotu") == project / "figures-lab"
    assert figures.output_dir("sotu", {"start": "2000"}) == project / "figures-lab"
    assert figures.output_dir("corpus/news.csv") == project / "figures-lab-news"
    # a kernel started by `python -m toolkit figures` is not interactive
    monkeypatch.setenv("TOOLKIT_FIGURES_DIR", str(project / "figures-run"))
    assert not folders.in_lab()
    assert figures.output_dir("sotu") == project / "figures-run"


def test_issue16_lab_folder_replaces_its_own_older_figures(project):
    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Peace."]})
    other = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Peace.", "War."]})
    for folder in (project / "figures-lab", project / "figures-x"):
        (folder / "x.svg").parent.mkdir()
        (folder / "x.svg").write_text("<svg/>")
        manifest._update_manifest(folder, [{"file": "x.svg", "notebook": "01-demo",
                                            "corpus": "sample",
                                            "corpus_fingerprint": cache.fingerprint(corpus)}])
    # the same notebook on other content: replaced in the lab's scratch folder ...
    figures.setup("01-demo", other, {"corpus": "sample"}, out=project / "figures-lab")
    assert figures.read_manifest(project / "figures-lab").empty
    assert not (project / "figures-lab" / "x.svg").exists()
    # ... refused anywhere else
    with pytest.raises(OutputConflictError, match="made from other corpus content"):
        figures.setup("01-demo", other, {"corpus": "sample"}, out=project / "figures-x")
    assert (project / "figures-x" / "x.svg").exists()


# --------------------------------------------------------------------------- runs


_DEMO = """
import matplotlib.pyplot as plt
from toolkit import cache, corpus as tc, figures
docs = tc.load(corpus)
figures.setup(notebook="01-demo", corpus=docs, parameters={"corpus": corpus, "seed": seed})
n = cache.cached("demo.lengths", {"docs": docs}, lambda: docs["text"].str.len().tolist())
fig, ax = plt.subplots(figsize=(3, 2))
ax.bar(range(len(n)), n)
figures.save(fig, "demo-lengths")
"""


def _demo_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    cell = nbformat.v4.new_code_cell('corpus = "sample"\nseed = 2015')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, nbformat.v4.new_code_cell(_DEMO)]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "01-demo.ipynb")
    return folder


def _visible(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(
                folder).parts)}


@pytest.mark.notebook
def test_issue16_refused_runs_replace_nothing(project, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "out"
    nbs = project / "notebooks"
    # the researcher's own figure, under the name the notebook writes
    out.mkdir()
    (out / "demo-lengths.svg").write_text("my own figure")
    (out / ".manifest.csv.999999999.abc.tmp").write_text("left by a killed run")
    (out / ".staging.999999999.abc").mkdir()
    with pytest.raises(OutputConflictError, match=r"holds demo-lengths\.svg, which the toolkit "
                                                  "did not write"):
        cli.run_figures(corpus="sample", out=out, notebooks_dir=nbs)
    assert _visible(out) == {"demo-lengths.svg": b"my own figure"}
    assert not (out / ".manifest.csv.999999999.abc.tmp").exists()
    assert not (out / ".staging.999999999.abc").exists()
    # --force replaces it; a clean folder has no leftovers
    cli.run_figures(corpus="sample", out=out, notebooks_dir=nbs, force=True)
    good = _visible(out)
    assert sorted(good) == sorted(["manifest.csv", "notebooks/01-demo.ipynb",
                                   *figures.read_manifest(out)["file"]])
    assert good["demo-lengths.svg"] != b"my own figure"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".staging")]
    # another corpus is refused inside the notebook: figures, manifest and the executed
    # notebook of the good run stay as they were; the failed one is kept beside it
    mine = tmp_path / "mine.csv"
    mine.write_text("id,text\nx1,Talks resumed in Oslo.\nx2,The ceasefire held.\n")
    with pytest.raises(cli.NotebookFailed, match="OutputConflictError") as failed:
        cli.run_figures(corpus=str(mine), out=out, notebooks_dir=nbs)
    after = _visible(out)
    assert {k: v for k, v in after.items() if not k.endswith(".failed.ipynb")} == good
    assert failed.value.output == out.resolve() / "notebooks" / "01-demo.failed.ipynb"
    # a notebook in <out>/notebooks/ that papermill did not write is not replaced
    (out / "notebooks" / "01-demo.ipynb").write_text(json.dumps(
        {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(OutputConflictError, match=r"01-demo\.ipynb was not written by the "
                                                  "toolkit"):
        cli.run_figures(corpus="sample", out=out, notebooks_dir=nbs)
    assert json.loads((out / "notebooks" / "01-demo.ipynb").read_text())["cells"] == []
