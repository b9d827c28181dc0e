"""Every notebook in notebooks/: committed clean, and executed end to end on a small corpus.

Hygiene (fast, always run): no outputs or execution counts, narrative markdown, exactly
one cell tagged ``parameters`` holding at least ``corpus``, ``seed``, ``start``, ``end``,
test parameters that name real parameters, no ``def``/``class``/``lambda`` in code cells,
and ``figures.setup`` naming the notebook before any ``figures.save``.

Execution (mark ``notebook``): each notebook runs headless through the same runner as
``make figures`` (:func:`toolkit.cli.run_notebook`) with ``TEST_PARAMETERS`` merged with
the notebook's ``metadata["toolkit"]["test_parameters"]``, figures and cache in temporary
folders; any error output fails, and the manifest must list the figures it wrote. A second
run with the same cache must write byte-identical figures and compute nothing new.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from toolkit import cli, figures
from _paths import PROJECT_ROOT
from toolkit._core import DEFAULT_SEED

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[!.]*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
#: The small corpus every notebook is tested on (the notebook's test_parameters go on top).
TEST_PARAMETERS: dict[str, Any] = {"corpus": "sotu", "start": "2000", "end": "2012"}
REQUIRED_PARAMETERS = ("corpus", "seed", "start", "end")
_MAGIC = re.compile(r"^\s*[%!]")


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code(cell: nbformat.NotebookNode) -> str:
    """Cell source as Python: IPython magics and shell escapes blanked out."""
    return "\n".join("" if _MAGIC.match(line) else line for line in cell.source.splitlines())


def _parameters_cell(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


def _assigned(source: str) -> dict[str, Any]:
    values = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    try:
                        values[target.id] = ast.literal_eval(node.value)
                    except ValueError:
                        values[target.id] = ...
    return values


def test_notebooks_exist():
    assert NOTEBOOKS, "notebooks/ holds no notebooks"
    assert all(re.match(r"^\d\d-[a-z0-9-]+$", p.stem) for p in NOTEBOOKS), IDS


# --------------------------------------------------------------------------- hygiene


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(path):
    nb = _read(path)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts; clear them"
    assert "papermill" not in nb.metadata, f"{path.name} is an executed copy (papermill metadata)"
    assert nb.metadata.get("kernelspec", {}).get("name", "python3") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_has_narrative(path):
    nb = _read(path)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("#"), \
        f"{path.name}: must open with a markdown title"
    words = sum(len(c.source.split()) for c in nb.cells if c.cell_type == "markdown")
    assert words >= 50, f"{path.name}: only {words} words of narrative"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_one_parameters_cell(path):
    nb = _read(path)
    cells = _parameters_cell(nb)
    assert len(cells) == 1, f"{path.name}: {len(cells)} cells tagged 'parameters'; need 1"
    (cell,) = cells
    assert cell.cell_type == "code"
    values = _assigned(cell.source)
    missing = [k for k in REQUIRED_PARAMETERS if k not in values]
    assert not missing, f"{path.name}: parameters cell lacks {missing}"
    assert values["corpus"] == "sotu"
    assert values["seed"] == DEFAULT_SEED
    assert values["start"] is None and values["end"] is None
    test_parameters = nb.metadata.get("toolkit", {}).get("test_parameters", {})
    assert isinstance(test_parameters, dict)
    unknown = sorted(set(test_parameters) - set(values))
    assert not unknown, f"{path.name}: test_parameters {unknown} are not in the parameters cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_definitions_in_code_cells(path):
    nb = _read(path)
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(_code(cell))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                 ast.Lambda)):
                found.append(f"cell {i + 1}, line {node.lineno}: {type(node).__name__}")
    assert not found, f"{path.name}: move these into the toolkit: {found}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_figures_setup_names_the_notebook(path):
    nb = _read(path)
    code = "\n".join(_code(c) for c in nb.cells if c.cell_type == "code")
    if "figures.save(" not in code:
        pytest.skip(f"{path.name} saves no figures")
    setup = re.search(r"figures\.setup\(\s*(?:notebook\s*=\s*)?[\"']([^\"']+)[\"']", code)
    assert setup, f"{path.name}: call figures.setup(notebook=...) before saving figures"
    assert setup.group(1) == path.stem
    assert setup.start() < code.index("figures.save(")


# --------------------------------------------------------------------------- execution

_RUNS: dict[tuple[str, str], cli.NotebookRun | cli.NotebookFailed] = {}


def _execute(path: Path, run: str, base: Path) -> cli.NotebookRun:
    """Run a notebook once per (notebook, run); later tests reuse the result (or failure)."""
    key = (path.stem, run)
    if key not in _RUNS:
        nb = _read(path)
        params = {**TEST_PARAMETERS, **nb.metadata.get("toolkit", {}).get("test_parameters", {})}
        try:
            _RUNS[key] = cli.run_notebook(path, base / run, parameters=params,
                                          env={"TOOLKIT_CACHE": str(base / "cache")})
        except cli.NotebookFailed as exc:
            _RUNS[key] = exc
    result = _RUNS[key]
    if isinstance(result, cli.NotebookFailed):
        raise result
    return result


@pytest.fixture(scope="module")
def runs_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("notebook-runs")


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_executes(path, runs_dir):
    try:
        run = _execute(path, "first", runs_dir)
    except cli.NotebookFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    executed = _read(run.output)
    errors = [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(executed.cells)
              if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: error outputs {errors}"
    manifest = figures.read_manifest(runs_dir / "first")
    rows = manifest[manifest["notebook"] == path.stem]
    if "figures.save(" in path.read_text(encoding="utf-8"):
        assert len(rows) > 0, f"{path.name} saved no figures"
    assert sorted(rows["file"]) == run.files
    for row in rows.itertuples():
        assert row.sha256 == figures.sha256(runs_dir / "first" / row.file), row.file
        assert row.n_documents > 0 and len(row.corpus_fingerprint) == 64
        params = json.loads(row.parameters)
        assert params.get("start") == "2000" and params.get("end") == "2012", params


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_rerun_is_byte_identical_and_cached(path, runs_dir):
    try:
        first = _execute(path, "first", runs_dir)
        entries = sorted(p.relative_to(runs_dir) for p in (runs_dir / "cache").rglob("*.pkl"))
        second = _execute(path, "second", runs_dir)
    except cli.NotebookFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    one = figures.read_manifest(runs_dir / "first").set_index("file")
    two = figures.read_manifest(runs_dir / "second").set_index("file")
    if set(one["toolkit_source"]) != set(two["toolkit_source"]):
        pytest.skip("the toolkit's source changed between the two runs")
    assert first.files == second.files
    for file in first.files:
        assert one.loc[file, "sha256"] == two.loc[file, "sha256"], f"{file} differs"
        assert figures.sha256(runs_dir / "first" / file) == \
            figures.sha256(runs_dir / "second" / file)
    # nothing changed, so nothing was computed again: no new cache entries
    after = sorted(p.relative_to(runs_dir) for p in (runs_dir / "cache").rglob("*.pkl"))
    assert after == entries
