"""Issue 16: kill ``python -m toolkit figures`` with SIGKILL mid-write, rerun, compare.

Two small notebooks on the shipped ``sample`` corpus each store a cache entry of about
16 MB (so a cache write takes long enough to be hit) and save figures. One clean run gives
the reference. Then the same command is killed (the whole process group: the runner and
its Jupyter kernel) again and again: at seeded random times, and at the moment a cache
temporary file, a staged figure or a manifest update is seen. After every kill the output
folder holds no file its manifest does not list, and every cache entry present verifies.
A last run to completion must give a manifest and figure files byte-identical to the
clean run, identical cache entries, and no leftovers (temporary files, staging folders).
Every run imports one snapshot of the toolkit's source (the checkout may change meanwhile).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from toolkit import cache, figures
from toolkit.cache import keys
from _paths import PROJECT_ROOT
from _runs import kernels_of

pytestmark = [pytest.mark.slow, pytest.mark.notebook]

_CELL = """
import matplotlib.pyplot as plt
import numpy as np
from toolkit import cache, corpus as tc, figures
docs = tc.load(corpus)
paras = tc.split_paragraphs(docs, min_chars=20)
figures.setup(notebook=NAME, corpus=paras, parameters={"corpus": corpus, "seed": seed})

def stats():
    noise = np.random.default_rng(seed).random(2_000_000)  # 16 MB: a write worth hitting
    return {"lengths": paras["text"].str.len().to_numpy(), "noise": noise}

value = cache.cached(NAME + ".stats", {"paras": paras, "seed": seed}, stats)
for k in range(3):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(range(len(value["lengths"])), np.roll(value["lengths"], k))
    ax.set_title(f"{NAME} {k}: {value['noise'][:3].round(3).tolist()}")
    figures.save(fig, f"{NAME}-{k}")
    plt.close(fig)
"""


def _notebooks(folder: Path) -> Path:
    for name in ("01-first", "02-second"):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        cell = nbformat.v4.new_code_cell('corpus = "sample"\nseed = 2015')
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell, nbformat.v4.new_code_cell(_CELL.replace("NAME", repr(name)))]
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def _snapshot(folder: Path) -> Path:
    """A copy of the toolkit's source that every run imports (``PYTHONPATH``), so the clean
    run and the reruns are the same code even while the checkout is being edited."""
    for _ in range(3):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(PROJECT_ROOT / "toolkit", folder / "toolkit",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        probe = subprocess.run([sys.executable, "-c", "import toolkit.cli, toolkit.corpus"],
                               cwd=folder, capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(folder)})
        if probe.returncode == 0:
            return folder
        time.sleep(5)  # copied half-way through an edit: copy again
    raise AssertionError(f"the toolkit's source does not import: {probe.stderr[-2000:]}")


def _start(out: Path, nbs: Path, env: dict[str, str]) -> subprocess.Popen:
    log = open(out.parent / f"{out.name}.log", "ab")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "figures", "--corpus", "sample", "--out", str(out),
         "--notebooks-dir", str(nbs)], cwd=env["PYTHONPATH"], env={**os.environ, **env},
        stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    log.close()
    return process


def _stderr(out: Path) -> str:
    return (out.parent / f"{out.name}.log").read_text(errors="replace")[-3000:]


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL the runner's process group, as a killed ``make figures``; its kernel notices
    within a second that its parent is gone and exits (ipykernel's parent poller), maybe
    half-way through a write of its own. Wait for that, so the next run starts alone."""
    kernels = kernels_of(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15
    while kernels and time.monotonic() < deadline:
        kernels = [k for k in kernels if Path(f"/proc/{k}").exists()
                   and "zombie" not in Path(f"/proc/{k}/status").read_text(errors="replace")]
        time.sleep(0.1)
    for k in kernels:
        with contextlib.suppress(ProcessLookupError):
            os.kill(k, signal.SIGKILL)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")} if folder.exists() else {}


def _entries(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in cache.entries(folder)}


def _check_consistent(out: Path, cache_dir: Path) -> None:
    """What must hold after any kill: no unlisted file, every cache entry signed."""
    if (out / figures.MANIFEST).exists():
        listed = set(figures.read_manifest(out)["file"])
        unlisted = set(_files(out)) - listed - {figures.MANIFEST}
        assert not unlisted, f"files in the output folder not in its manifest: {unlisted}"
    else:
        assert not _files(out), "figure files without a manifest"
    secret = keys.secret_key()
    for path in cache.entries(cache_dir):
        blob = path.read_bytes()
        label = f"{path.parent.name}/{path.stem}"
        assert blob[:8] == b"TKCACHE2", path
        assert blob[8:40] == keys.sign(secret, label, blob[40:]), f"{path} does not verify"


def _leftovers(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.name.endswith(".tmp") or path.name.startswith(".staging"):
                found.append(str(path))
    return found


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


def _triggers(out: Path) -> dict:
    """When to kill: the first sight of each kind of write (read at the start of a run)."""
    manifest = out / figures.MANIFEST
    return {
        "a cache write": lambda c: any(c.rglob(".*.tmp")),
        "a staged figure": lambda c: any(out.glob(".staging.*/*.png")),
        "a manifest update": lambda c, before=_mtime(manifest): any(
            out.glob(".manifest.csv.*.tmp")) or _mtime(manifest) != before,
    }


def _run_until(process: subprocess.Popen, trigger, out: Path, cache_dir: Path,
               limit: float) -> bool:
    """Poll until ``trigger`` fires (then kill) or the run ends; return whether killed."""
    stop = time.monotonic() + limit
    while time.monotonic() < stop and process.poll() is None:
        try:
            fired = trigger(cache_dir)
        except FileNotFoundError:   # a staging folder moved in while we looked into it
            fired = False
        if fired:
            _kill(process)
            return True
        time.sleep(0.002)
    if process.poll() is None:
        _kill(process)
        return True
    return False


def test_issue16_sigkill_at_random_points_then_rerun_is_identical(tmp_path, monkeypatch):
    nbs = _notebooks(tmp_path / "notebooks")
    env = {"TOOLKIT_CACHE_KEY": str(tmp_path / "key" / "cache.key"), "PYTHONHASHSEED": "0",
           "TOOLKIT_PROJECT": str(tmp_path), "PYTHONPATH": str(_snapshot(tmp_path / "src"))}
    monkeypatch.setenv("TOOLKIT_CACHE_KEY", env["TOOLKIT_CACHE_KEY"])  # for the checks here
    clean_out, clean_cache = tmp_path / "clean", tmp_path / "cache-clean"
    started = time.monotonic()
    run = _start(clean_out, nbs, {**env, "TOOLKIT_CACHE": str(clean_cache)})
    assert run.wait(timeout=600) == 0, _stderr(clean_out)
    duration = time.monotonic() - started
    reference, reference_entries = _files(clean_out), _entries(clean_cache)
    assert len(figures.read_manifest(clean_out)) == len(reference) - 1 >= 12
    assert len(reference_entries) == 2

    out, cache_dir = tmp_path / "out", tmp_path / "cache"
    faulty = {**env, "TOOLKIT_CACHE": str(cache_dir)}
    rng = random.Random(1616)
    killed = []
    for delay in [rng.uniform(0.5, duration) for _ in range(4)]:
        process = _start(out, nbs, faulty)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            _kill(process)
            killed.append(f"after {delay:.1f} s")
        _check_consistent(out, cache_dir)
    for what in ("a cache write", "a staged figure", "a manifest update"):
        if what == "a cache write":  # a fresh cache, so there is a write to hit
            for path in cache.entries(cache_dir):
                path.unlink()
        trigger = _triggers(out)[what]
        process = _start(out, nbs, faulty)
        if _run_until(process, trigger, out, cache_dir, limit=3 * duration):
            killed.append(f"at {what}")
        _check_consistent(out, cache_dir)
    assert len(killed) >= 4, killed

    final = _start(out, nbs, faulty)
    assert final.wait(timeout=600) == 0, _stderr(out)
    result = _files(out)
    versions = {figures.read_manifest(f)["toolkit_source"].iloc[0] for f in (clean_out, out)}
    if len(versions) > 1:
        pytest.skip("the toolkit's source changed between the clean and the final run")
    assert sorted(result) == sorted(reference)
    for name, data in reference.items():
        assert result[name] == data, f"{name} differs from the clean run (kills: {killed})"
    assert _entries(cache_dir) == reference_entries
    assert not _leftovers(out, cache_dir), _leftovers(out, cache_dir)
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == [
        "01-first.ipynb", "02-second.ipynb"]
