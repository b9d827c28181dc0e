"""Every notebook in notebooks/: committed clean, and executed end to end on a small corpus.

Hygiene (fast, always run): no outputs or execution counts, narrative markdown, exactly
one cell tagged ``parameters`` holding at least ``corpus``, ``seed``, ``start``, ``end``,
test parameters that name real parameters, no ``def``/``class``/``lambda`` in code cells,
and ``figures.setup`` naming the notebook before any ``figures.save``.

Kept clean (fast): ``make strip`` and the git filter (nbstripout, keeping cell ids) leave
every committed notebook byte for byte as it is, and JupyterLab's pre-save hook
(``etc/jupyter/jupyter_server_config.py``, loaded by ``make lab``) turns a notebook that
was run in Lab back into the committed file.

Execution (mark ``notebook``): each notebook runs headless through the same runner as
``make figures`` (:func:`toolkit.cli.run_notebook`) with ``TEST_PARAMETERS`` merged with
the notebook's ``metadata["toolkit"]["test_parameters"]``, figures and cache in temporary
folders; any error output fails, and the manifest must list the figures it wrote. A second
run with the same cache must write byte-identical figures and compute nothing new. Both
runs of one notebook share a folder, so they run on one pytest-xdist worker
(``xdist_group``, with ``make test``'s ``--dist loadgroup``). After ``figures.setup``
the toolkit's log lines are plain stdout lines, in these runs and in a kernel of its own.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import nbformat
import pytest

from toolkit import cli, figures
from _paths import PROJECT_ROOT
from toolkit._core import DEFAULT_SEED

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[!.]*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
#: One notebook's runs share a folder and a cache: one xdist worker runs them all.
GROUPED = [pytest.param(p, id=p.stem, marks=pytest.mark.xdist_group(f"notebook-{p.stem}"))
           for p in NOTEBOOKS]
LAB_CONFIG = PROJECT_ROOT / "etc" / "jupyter" / "jupyter_server_config.py"
#: The small corpus every notebook is tested on (the notebook's test_parameters go on top).
TEST_PARAMETERS: dict[str, Any] = {"corpus": "sotu", "start": "2000", "end": "2012"}
REQUIRED_PARAMETERS = ("corpus", "seed", "start", "end")
_MAGIC = re.compile(r"^\s*[%!]")
#: A toolkit log line as logging.basicConfig formats it in the notebooks.
_TOOLKIT_LOG = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL):? ?toolkit[.:]")


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
def test_strip_and_git_filter_leave_committed_notebooks_unchanged(path):
    # `make strip` and the clean filter `make lab` configures run exactly this command
    stripped = subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", "-t",
                               str(path)], capture_output=True, check=True).stdout
    assert stripped == path.read_bytes(), \
        f"{path.name}: nbstripout --keep-id would change it; run `make strip`"


def _lab_pre_save_hook():
    """The pre-save hook of the Jupyter config `make lab` loads, as Jupyter loads it."""
    from traitlets.config import Config

    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(LAB_CONFIG)}
    exec(compile(LAB_CONFIG.read_text(encoding="utf-8"), str(LAB_CONFIG), "exec"), namespace)
    assert config.ServerApp.ip == "127.0.0.1"
    return config.FileContentsManager.pre_save_hook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_lab_saves_notebooks_without_outputs(path):
    hook = _lab_pre_save_hook()
    committed = json.loads(path.read_text(encoding="utf-8"))
    ran = json.loads(path.read_text(encoding="utf-8"))  # as Lab holds it after "Run All"
    ran["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    ran["metadata"]["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                     "language": "python", "name": "python3"}
    ran["metadata"]["language_info"] = {"name": "python", "version": "3.99.0",
                                        "file_extension": ".py"}
    for count, cell in enumerate((c for c in ran["cells"] if c["cell_type"] == "code"), 1):
        cell["execution_count"] = count
        cell["metadata"]["execution"] = {"iopub.status.idle": "2025-01-01T00:00:00Z"}
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "INFO\n"},
                           {"output_type": "execute_result", "execution_count": count,
                            "data": {"text/plain": "[PosixPath('figures-lab/x.svg')]"},
                            "metadata": {}}]
    contents = SimpleNamespace(root_dir=str(path.parent))  # Lab's root: notebooks/
    model = {"type": "notebook", "content": ran}
    hook(model=model, path=path.name, contents_manager=contents)
    assert json.loads(json.dumps(model["content"])) == committed
    # a copy under notebooks/scratch/ keeps its outputs
    kept = {"type": "notebook", "content": json.loads(json.dumps(ran))}
    hook(model=kept, path=f"scratch/{path.name}", contents_manager=contents)
    assert kept["content"] == ran


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
    # the calendar period comes from the dates (a month of news is not binned in years)
    assert values.get("freq") is None, f"{path.name}: freq = {values['freq']!r}; use None"
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
@pytest.mark.parametrize("path", GROUPED)
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
    # from figures.setup on, the toolkit logs plain stdout lines, never stderr boxes
    setup_at = next(i for i, c in enumerate(executed.cells)
                    if c.cell_type == "code" and "figures.setup(" in c.source)
    boxed = [(i, line) for i, c in enumerate(executed.cells) if i > setup_at
             and c.cell_type == "code" for o in c.get("outputs", [])
             if o.get("output_type") == "stream" and o.get("name") == "stderr"
             for line in o.get("text", "").splitlines() if _TOOLKIT_LOG.match(line)]
    assert not boxed, f"{path.name}: toolkit log lines on stderr after setup: {boxed[:3]}"
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
@pytest.mark.parametrize("path", GROUPED)
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


@pytest.mark.notebook
def test_kernel_logs_plain_stdout_lines_once(tmp_path):
    # as in JupyterLab: the notebook configured logging to stderr, then calls setup twice
    from nbclient import NotebookClient

    out = tmp_path / "figures-log"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (
        "import logging\n"
        "logging.basicConfig(level=logging.INFO, format='%(levelname)s %(name)s: %(message)s')",
        "import pandas as pd\nfrom toolkit import figures\n"
        "docs = pd.DataFrame({'doc_id': ['a'], 'text': ['Peace talks.']})\n"
        f"figures.setup('00-log', docs, {{'corpus': 'sample'}}, out={str(out)!r})\n"
        f"_ = figures.setup('00-log', docs, {{'corpus': 'sample'}}, out={str(out)!r})",
        "log = logging.getLogger('toolkit.demo')\n"
        "log.info('ceasefire in %d days', 3)\nlog.warning('talks stalled')",
    )]
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    streams = [(o["name"], line) for c in nb.cells[1:] for o in c.outputs
               if o["output_type"] == "stream" for line in o["text"].splitlines()]
    assert ("stdout", "ceasefire in 3 days") in streams
    assert ("stdout", "WARNING: talks stalled") in streams
    assert [line for _, line in streams].count("ceasefire in 3 days") == 1
    setup_lines = [(name, line) for name, line in streams if line.startswith("figures: 00-log")]
    assert len(setup_lines) == 2 and {name for name, _ in setup_lines} == {"stdout"}
    assert not [line for name, line in streams if name == "stderr"], streams
