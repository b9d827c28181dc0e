"""The Makefile: variables reach the toolkit as data, the lock decides the environment.

``make figures`` passes ``CORPUS``, ``OUT``, ``PARAMS`` and ``PARAMS_FILE`` to ``python -m
toolkit figures`` through the environment: make never expands them and no shell parses
them, so hostile values (``$(touch pwned)``, backticks, quote breakouts, make's own
``$(shell ...)``) arrive verbatim and run nothing, and a failing run fails make. Each test
runs the real Makefile, copied into a temporary folder, with the test's Python as ``PY``
and the install step marked as done (``make -o``), so nothing is installed; ``DRY_RUN=1``
prints the command ``make figures`` would run.

The lock: ``uv.lock`` records exactly the requirements of ``pyproject.toml`` (edit one
without ``make lock`` and this fails), the pip fallback's ``requirements*.lock`` pin the
same versions with hashes, and only a change of the lock makes make reinstall.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from _paths import PROJECT_ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")

#: Values that would run `touch pwned` if a shell or make ever interpreted them.
HOSTILE = [
    "$(touch pwned)",
    "`touch pwned`",
    '"; touch pwned; "',
    "'; touch pwned; '",
    "$(shell touch pwned)",
    "x; touch pwned",
]
LOCKS = {"requirements.lock": ("test",), "requirements-lab.lock": ("test", "lab"),
         "requirements-bench.lock": ("test", "bench")}


@pytest.fixture
def project(tmp_path) -> Path:
    """A folder with the project's Makefile and etc/, where a `pwned` file would appear."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy2(PROJECT_ROOT / "Makefile", folder / "Makefile")
    shutil.copytree(PROJECT_ROOT / "etc", folder / "etc")
    return folder


def _make(project: Path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    """Run make in ``project`` with the install step marked done; variables as argv items."""
    argv = [MAKE, "--no-print-directory", "-o", ".venv/.installed", "-o", ".venv/.lab",
            f"PY={sys.executable}", *args, *(f"{k}={v}" for k, v in variables.items())]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "TOOLKIT_"))}
    return subprocess.run(argv, cwd=project, capture_output=True, text=True, env=env,
                          timeout=300)


def _pwned(project: Path) -> list[Path]:
    return sorted(project.parent.rglob("pwned*"))


def _dry_run(project: Path, **variables: str) -> list[str]:
    result = _make(project, "figures", DRY_RUN="1", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_dry_run_prints_the_toolkit_command(project):
    assert _dry_run(project) == ["python", "-m", "toolkit", "figures", "--corpus", "sotu"]
    assert _dry_run(project, CORPUS="corpus/my news.csv", OUT="figures-mine",
                    PARAMS="-p start=2010 -p 'label=peace talks' --force",
                    PARAMS_FILE="params.yaml") == [
        "python", "-m", "toolkit", "figures", "--corpus", "corpus/my news.csv",
        "--out", "figures-mine", "--params-file", "params.yaml",
        "-p", "start=2010", "-p", "label=peace talks", "--force"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_arrive_verbatim_and_run_nothing(project, value):
    argv = _dry_run(project, CORPUS=value, OUT=value, PARAMS_FILE=value)
    assert argv[argv.index("--corpus") + 1] == value
    assert argv[argv.index("--out") + 1] == value
    assert argv[argv.index("--params-file") + 1] == value
    # PARAMS is split into words like a shell would, but nothing in it is run
    params = _dry_run(project, PARAMS=f"-p x={value}")[6:]
    assert params[0] == "-p" and params[1].startswith("x=")
    assert "touch" in " ".join(params) and "pwned" in " ".join(params)
    assert not _pwned(project)


@pytest.mark.parametrize("value", HOSTILE)
def test_make_n_expands_nothing(project, value):
    # make -n prints the recipe; make itself must not expand the value ($(shell ...))
    result = _make(project, "-n", "figures", CORPUS=value, OUT=value, PARAMS=value)
    assert result.returncode == 0, result.stderr
    assert '-c "$TOOLKIT_MAKE_FIGURES"' in result.stdout
    assert "pwned" not in result.stdout
    assert not _pwned(project)


@pytest.mark.parametrize("value", HOSTILE[:3])
def test_a_failing_run_fails_make_and_names_the_value(project, value):
    result = _make(project, "figures", CORPUS=value)
    assert result.returncode != 0
    assert f"error: corpus={value!r} is invalid" in result.stderr
    assert not _pwned(project)


def test_params_that_do_not_split_are_refused(project):
    result = _make(project, "figures", PARAMS="-p 'label=peace talks")
    assert result.returncode == 2
    assert "error: PARAMS=\"-p 'label=peace talks\" is invalid (No closing quotation)" in \
        result.stderr


def test_lab_binds_loopback_and_allows_root_only_as_root(project):
    # a stand-in jupyter that reports how `make lab` started it
    venv = project / ".venv" / "bin"
    venv.mkdir(parents=True)
    jupyter = venv / "jupyter"
    jupyter.write_text(f"#!{sys.executable}\nimport json, os, sys\n"
                       "print(json.dumps([sys.argv[1:], os.environ['JUPYTER_CONFIG_PATH'], "
                       "os.getcwd()]))\n")
    jupyter.chmod(0o755)
    result = _make(project, "lab")
    assert result.returncode == 0, result.stderr
    args, config_path, cwd = json.loads(result.stdout.strip().splitlines()[-1])
    expected = ["lab", "--notebook-dir=notebooks", "--ip=127.0.0.1"]
    assert args == expected + (["--allow-root"] if os.getuid() == 0 else [])
    assert Path(config_path) == project / "etc" / "jupyter" and Path(cwd) == project


# --------------------------------------------------------------------------- the lock


def _pyproject() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _lock() -> dict:
    return tomllib.loads((PROJECT_ROOT / "uv.lock").read_text(encoding="utf-8"))


def _specifier(spec: str) -> str:
    """A version specifier in one order (uv writes ``>=8,<9.2`` where pyproject has
    ``<9.2,>=8``)."""
    return ",".join(sorted(str(s) for s in SpecifierSet(spec)))


def _normal(req: str, extra: str | None = None) -> tuple[str, str, str | None]:
    parsed = Requirement(req)
    return canonicalize_name(parsed.name), _specifier(str(parsed.specifier)), extra


def test_uv_lock_matches_pyproject():
    project = _pyproject()["project"]
    wanted = {_normal(r) for r in project["dependencies"]}
    for extra, reqs in project["optional-dependencies"].items():
        wanted |= {_normal(r, extra) for r in reqs}
    (root,) = [p for p in _lock()["package"] if p["name"] == project["name"]]
    locked = set()
    for entry in root["metadata"]["requires-dist"]:
        marker = re.fullmatch(r"extra == '([^']+)'", entry.get("marker", ""))
        locked.add((canonicalize_name(entry["name"]), _specifier(entry.get("specifier", "")),
                    marker.group(1) if marker else None))
    assert locked == wanted, ("uv.lock is out of date with pyproject.toml; run `make lock`: "
                              f"only in pyproject {sorted(wanted - locked)}, only in the "
                              f"lock {sorted(locked - wanted)}")


@pytest.mark.parametrize("name", sorted(LOCKS))
def test_pip_fallback_pins_the_locked_versions_with_hashes(name):
    versions = {}
    for package in _lock()["package"]:
        versions.setdefault(canonicalize_name(package["name"]), set()).add(package["version"])
    text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=\S)", text.strip())
    pinned = {}
    for entry in entries:
        if entry.startswith("#"):
            continue
        head = entry.split(";")[0].split("\\")[0].strip()
        package, _, version = head.partition("==")
        assert version, f"{name}: {head!r} is not pinned with =="
        assert "--hash=sha256:" in entry, f"{name}: {head} has no hash"
        pinned[canonicalize_name(package)] = version.strip()
        assert version.strip() in versions.get(canonicalize_name(package), set()), \
            f"{name}: {head} is not the version uv.lock holds; run `make lock`"
    # every requirement of the extras is there (the lock's own closure is uv's business)
    project = _pyproject()["project"]
    direct = [*project["dependencies"],
              *(r for extra in LOCKS[name] for r in project["optional-dependencies"][extra])]
    missing = sorted({canonicalize_name(Requirement(r).name) for r in direct} - set(pinned))
    assert not missing, f"{name} lacks {missing}; run `make lock`"


def test_only_a_changed_lock_reinstalls(tmp_path):
    for name in ("Makefile", "pyproject.toml", "uv.lock", *LOCKS, "requirements-uv.lock"):
        shutil.copy2(PROJECT_ROOT / name, tmp_path / name)
    stamp = tmp_path / ".venv" / ".installed"
    stamp.parent.mkdir()
    stamp.touch()

    def plan() -> str:
        result = subprocess.run([MAKE, "-n", ".venv/.installed"], cwd=tmp_path,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    later = stamp.stat().st_mtime + 10
    assert "setup exact test" not in plan()
    os.utime(tmp_path / "pyproject.toml", (later, later))
    assert "setup exact test" not in plan()
    os.utime(tmp_path / "uv.lock", (later, later))
    assert "setup exact test" in plan()
