"""The layer order of ``docs/architecture.md``, held by a test.

Read from the source (``ast``), so the test also sees imports inside functions:

* every import of a toolkit module respects the layer order (a stage imports only lower
  layers, or its own subpackage);
* the module import graph has no cycle (a subpackage's modules import their siblings,
  never their own package facade);
* no private name (``_x``) is imported from another subpackage;
* each module's ``__all__`` lists exactly what it defines publicly (and, for a package
  facade, what it re-exports);
* no module is much over 400 lines.

The checks are plain functions over a folder, so ``test_checks_catch_violations`` runs them
on a small planted package and shows that each one fails when it should.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from _paths import PROJECT_ROOT

#: Layers from the bottom; a module may import its own layer's subpackage and lower layers.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_core",),
    ("schemas", "cache"),
    ("text",),
    ("corpus",),
    ("actors", "topics"),
    ("network",),
    ("timeline",),
    ("scale",),
    ("style",),
    ("plots",),
    ("figures",),
    ("cli",),
    ("__main__",),
)
MAX_LINES = 420
#: Public-looking module-level names that are not API.
NOT_API = frozenset({"logger", "T"})


@dataclass(frozen=True)
class Import:
    source: str        # importing module, e.g. "toolkit.corpus.load"
    target: str        # imported module, e.g. "toolkit.schemas"
    names: tuple[str, ...]
    line: int


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(root, p): p for p in sorted(root.rglob("*.py"))}


def _resolve(known: dict[str, Path], name: str, imported: str | None) -> str:
    """The module an import refers to: a submodule when ``imported`` names one."""
    if imported and f"{name}.{imported}" in known:
        return f"{name}.{imported}"
    return name


def imports(root: Path) -> Iterator[Import]:
    known = modules(root)
    package = root.name
    for source, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == package:
                        yield Import(source, alias.name, (), node.lineno)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = source.split(".") if is_pkg else source.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    name = ".".join(base + ([node.module] if node.module else []))
                else:
                    name = node.module or ""
                if name.split(".")[0] != package:
                    continue
                names = tuple(a.name for a in node.names)
                targets = {_resolve(known, name, n) for n in names}
                for target in sorted(targets):
                    yield Import(source, target, names, node.lineno)


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _rank(stage: str) -> int:
    for i, layer in enumerate(LAYERS):
        if stage in layer:
            return i
    raise KeyError(stage)


def layer_violations(root: Path) -> list[str]:
    out = []
    for imp in imports(root):
        src, dst = _stage(imp.source), _stage(imp.target)
        if not src or not dst or src == dst:
            continue
        try:
            ok = _rank(dst) < _rank(src)
        except KeyError as exc:
            out.append(f"{imp.source}:{imp.line}: stage {exc} is in no layer of LAYERS")
            continue
        if not ok:
            out.append(f"{imp.source}:{imp.line} imports {imp.target}: layer {src!r} may not "
                       f"import layer {dst!r}")
    return out


def cycles(root: Path) -> list[list[str]]:
    graph: dict[str, set[str]] = {m: set() for m in modules(root)}
    for imp in imports(root):
        if imp.target in graph and imp.target != imp.source:
            graph[imp.source].add(imp.target)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def private_imports(root: Path) -> list[str]:
    out = []
    for imp in imports(root):
        src, dst = _stage(imp.source), _stage(imp.target)
        if src == dst:
            continue
        private_module = [p for p in imp.target.split(".")[1:] if p.startswith("_")
                          and p != "_core"]
        private_names = [n for n in imp.names if n.startswith("_") and n != "_core"]
        if private_module or private_names:
            out.append(f"{imp.source}:{imp.line} imports private "
                       f"{private_names or private_module} from {imp.target}")
    return out


def _public_definitions(tree: ast.Module) -> tuple[set[str], set[str], list[str] | None]:
    defined: set[str] = set()
    imported: set[str] = set()
    declared = None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    if t.id == "__all__":
                        try:
                            declared = list(ast.literal_eval(node.value))
                        except ValueError:
                            declared = ["<__all__ is not a literal list>"]
                    elif t.id == "_LAZY":  # names a package imports on first use
                        imported.update(ast.literal_eval(node.value))
                    else:
                        defined.add(t.id)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit"):
            imported.update(a.asname or a.name for a in node.names)
    public = {n for n in defined if not n.startswith("_") and n not in NOT_API}
    return public, {n for n in imported if not n.startswith("_")}, declared


def all_mismatches(root: Path) -> list[str]:
    out = []
    for name, path in modules(root).items():
        if path.name == "__main__.py":
            continue
        public, imported, declared = _public_definitions(ast.parse(path.read_text("utf-8")))
        if declared is None:
            out.append(f"{name}: no __all__")
            continue
        if len(set(declared)) != len(declared):
            out.append(f"{name}: __all__ lists a name twice")
        expected = public | (imported if path.name == "__init__.py" else set())
        missing, extra = expected - set(declared), set(declared) - expected
        if path.name == "__init__.py":
            extra -= imported
        if missing:
            out.append(f"{name}: defines {sorted(missing)} but __all__ leaves them out")
        if extra:
            out.append(f"{name}: __all__ lists {sorted(extra)}, which it does not define")
    return out


def long_modules(root: Path) -> list[str]:
    return [f"{name}: {n} lines" for name, path in modules(root).items()
            if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES]


TOOLKIT = PROJECT_ROOT / "toolkit"


def test_layers_are_respected():
    assert layer_violations(TOOLKIT) == []


def test_no_import_cycles():
    assert cycles(TOOLKIT) == []


def test_no_private_names_across_subpackages():
    assert private_imports(TOOLKIT) == []


def test_all_lists_what_each_module_defines():
    assert all_mismatches(TOOLKIT) == []


def test_no_module_much_over_400_lines():
    assert long_modules(TOOLKIT) == []


def test_every_stage_is_in_a_layer():
    stages = {_stage(m) for m in modules(TOOLKIT)} - {""}
    assert stages <= {s for layer in LAYERS for s in layer}


# --------------------------------------------------------------------------- the test's test


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "toolkit"
    for rel, source in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return root


CLEAN = {
    "__init__.py": '__all__ = []\n',
    "_core/__init__.py": 'from toolkit._core.checks import check\n__all__ = ["check"]\n',
    "_core/checks.py": '__all__ = ["check"]\ndef check(): pass\n',
    "corpus/__init__.py": 'from toolkit.corpus.load import load\n__all__ = ["load"]\n',
    "corpus/load.py": ('from toolkit._core import check\n__all__ = ["load"]\n'
                       'def load(): pass\ndef _private(): pass\n'),
    "network/__init__.py": '__all__ = ["count"]\ndef count():\n    from toolkit.corpus import load\n',
}


def test_checks_pass_a_clean_package(tmp_path):
    root = _plant(tmp_path, CLEAN)
    assert layer_violations(root) == []
    assert cycles(root) == []
    assert private_imports(root) == []
    assert all_mismatches(root) == []


def test_checks_catch_violations(tmp_path):
    root = _plant(tmp_path, {
        **CLEAN,
        # a cycle through an import inside a function: corpus -> network -> corpus
        "corpus/load.py": ('__all__ = ["load"]\ndef load():\n'
                           '    from toolkit.network import count\ndef _private(): pass\n'),
        # a private name from another subpackage
        "network/__init__.py": ('from toolkit.corpus.load import _private\n'
                                '__all__ = ["count", "extra"]\ndef count(): pass\n'
                                'def forgotten(): pass\n'),
    })
    assert cycles(root) == [["toolkit.corpus.load", "toolkit.network"]]
    assert private_imports(root) == [
        "toolkit.network:1 imports private ['_private'] from toolkit.corpus.load"]
    assert layer_violations(root) == [
        "toolkit.corpus.load:3 imports toolkit.network: layer 'corpus' may not import "
        "layer 'network'"]
    assert all_mismatches(root) == [
        "toolkit.network: defines ['forgotten'] but __all__ leaves them out",
        "toolkit.network: __all__ lists ['extra'], which it does not define"]


@pytest.mark.parametrize("name", ["_core", "schemas"])
def test_bottom_layers_import_no_stage(name):
    stages = {s for layer in LAYERS[2:] for s in layer}
    bad = [f"{i.source} -> {i.target}" for i in imports(TOOLKIT)
           if _stage(i.source) == name and _stage(i.target) in stages]
    assert bad == []
