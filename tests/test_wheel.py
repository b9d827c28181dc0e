"""The toolkit installed from a wheel works like the checkout, and writes nothing into itself.

The wheel is built from a copy of the checkout's sources (so the build leaves no ``build/``
or ``*.egg-info`` behind in the checkout), installed with ``--no-deps`` into a fresh
virtual environment that sees the main environment's libraries (but not its editable
toolkit) through a ``.pth`` file, and exercised from a working directory outside the
checkout: package data (the sample corpus, the actor dictionary, the events lists, the
style sheet) is found inside the installed package, and figures and the cache go to the
working directory's project, never into ``site-packages``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from _paths import PROJECT_ROOT

pytestmark = pytest.mark.slow

_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import toolkit
    from toolkit import _core, actors, cache, corpus, figures, timeline

    site, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    assert Path(toolkit.__file__).resolve().is_relative_to(site), toolkit.__file__
    assert _core.data_path("house.mplstyle").resolve().is_relative_to(site)
    assert not _core.project_dir().is_relative_to(site), _core.project_dir()
    docs = corpus.load("sample")
    mentions = actors.find_mentions(docs)
    events = timeline.load_events("sotu")
    assert len(docs) > 0 and len(mentions) > 0 and len(events) > 0
    figures.setup("00-wheel", docs, {"corpus": "sample", "seed": 1}, out=out)
    fig, ax = plt.subplots()
    counts = mentions["actor"].value_counts().head(5)
    ax.bar(counts.index.astype(str), counts.to_numpy())
    written = figures.save(fig, "wheel-mentions")
    assert {p.parent for p in written} == {out}, written
    assert figures.read_manifest(out)["file"].tolist() == ["wheel-mentions.png",
                                                          "wheel-mentions.svg",
                                                          "wheel-mentions.txt"]
    assert cache.cached("wheel-demo", {"n": len(docs)}, lambda: len(mentions)) == len(mentions)
    assert not cache.cache_dir().resolve().is_relative_to(site), cache.cache_dir()
    print("ok", len(docs), len(mentions), len(events))
""")


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, **kw)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _copy_sources(target: Path) -> Path:
    """The files the build reads, without caches, virtualenvs or build leftovers."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(PROJECT_ROOT / name, target / name)
    for path in PROJECT_ROOT.glob("LICEN[CS]E*"):
        shutil.copy2(path, target / path.name)
    shutil.copytree(PROJECT_ROOT / "toolkit", target / "toolkit",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    return target


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """A fresh venv with the toolkit wheel; returns (its python, its site-packages)."""
    pytest.importorskip("wheel", reason="building the wheel needs the test extra (wheel)")
    setuptools = pytest.importorskip("setuptools")
    if int(setuptools.__version__.split(".")[0]) < 77:
        pytest.skip(f"setuptools {setuptools.__version__} < 77: install the test extra")
    tmp = tmp_path_factory.mktemp("wheel")
    source = _copy_sources(tmp / "src")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--quiet", "-w", str(tmp / "dist"), str(source)], cwd=tmp)
    (wheel,) = (tmp / "dist").glob("toolkit-*.whl")
    _run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")])
    python = tmp / "venv" / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; "
                      "print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # the main environment's libraries, but not its editable toolkit: a path added by a
    # .pth line is not scanned for further .pth files (the editable finder is one)
    (site / "main-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", "--quiet", str(wheel)])
    return python, site


def test_wheel_ships_the_package_data(installed):
    _, site = installed
    data = site / "toolkit" / "data"
    for name in ("house.mplstyle", "actors/states.yaml", "stopwords/english.txt",
                 "corpora/sample/metadata.csv", "events/sotu.csv"):
        assert (data / name).is_file(), name
    checkout = PROJECT_ROOT / "toolkit" / "data"
    shipped = {p.relative_to(checkout).as_posix() for p in checkout.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")}
    assert {p for p in _files(data) if (data / p).is_file()} == shipped


def test_installed_wheel_runs_outside_the_checkout(installed, tmp_path):
    python, site = installed
    work = tmp_path / "project"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TOOLKIT_") and k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["MPLBACKEND"] = "Agg"
    before = _files(site)
    result = _run([str(python), "-c", _SCRIPT, str(site), str(work / "out")], cwd=work,
                  env=env)
    assert result.stdout.startswith("ok "), result.stdout
    # nothing written into the installed package (no .cache, no figures, nothing else)
    assert _files(site) == before
    assert sorted(p.name for p in (work / "out").iterdir() if not p.name.startswith(".")) \
        == ["manifest.csv", "wheel-mentions.png", "wheel-mentions.svg", "wheel-mentions.txt"]
    # the cache went to the project folder: the working directory (no pyproject.toml above)
    assert len(list((work / ".cache" / "wheel-demo").glob("*.tkc"))) == 1
