"""Run a topics notebook's code cells on any checkout and write its figures as PNG (issue 17).

``python -m toolkit figures`` cannot run the code from before the figure work: that commit
lacks the modules of ``toolkit.figures`` (they were ignored by ``/figures/`` in
``.gitignore`` at the time). This script runs the notebook's own code cells, in order,
with its parameters cell and the overrides given, and stands in for ``toolkit.figures``:
``setup`` applies the house style, ``save`` writes ``<name>.png`` at the house resolution
(honouring ``title=False``, or ``titles`` given to ``setup``, as ``figures.save`` does) and
appends to ``checks.txt`` the overlapping texts and the texts leaving their axes, measured
on the drawn figure by this checkout's ``toolkit/plots/checks.py`` (so that old code is
measured by the same rule). Everything else is the checkout's own code, so the figures are
what that code drew::

    git archive 885be90 | tar -x -C /tmp/before      # no git write, no worktree
    PYTHONPATH=/tmp/before python docs/figures-review/make_topics_review.py \\
        /tmp/before/notebooks/02-topics.ipynb /tmp/un50.csv /tmp/before-un50 \\
        -p covariate=era -p 'seed_words={"economy": ["economy"], "war": ["war"]}'

Values of ``-p`` are JSON (else taken as strings).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import types
from pathlib import Path

import matplotlib

matplotlib.use("Agg")


def _checks() -> types.ModuleType:
    """``toolkit/plots/checks.py`` of this script's checkout, whatever code is imported."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "toolkit" / "plots" / "checks.py"
    spec = importlib.util.spec_from_file_location("_review_checks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _figures_shim(out: Path) -> types.ModuleType:
    """A stand-in for ``toolkit.figures``: style on setup, a PNG and a check per save."""
    from toolkit import style

    module, checks, given = types.ModuleType("toolkit.figures"), _checks(), {}
    (out / "checks.txt").write_text("")

    def setup(*args, parameters=None, **kwargs):
        given.update(parameters or (args[2] if len(args) > 2 else {}) or {})
        style.apply_style()
        return {}

    def save(fig, name, *, title=None, **kwargs):
        title = given.get("titles", True) if title is None else title
        fig.canvas.draw()
        overlaps, outside = checks.text_overlaps(fig), checks.texts_outside(fig)
        with (out / "checks.txt").open("a") as f:
            f.write(f"{name}: {len(overlaps)} overlapping text pairs {overlaps}, "
                    f"{len(outside)} texts outside {outside}\n")
        hidden = []
        if title is False:  # as figures.save(title=False): the titles are left out
            hidden = [t for t in [getattr(fig, "_suptitle", None), *(
                getattr(ax, a) for ax in fig.axes for a in ("_left_title", "title",
                                                            "_right_title"))]
                if t is not None and t.get_text()]
            keep = {id(t) for t in hidden if _is_panel_title(t)}
            hidden = [(t, t.get_text()) for t in hidden if id(t) not in keep]
            for t, _ in hidden:
                t.set_text("")
        fig.savefig(out / f"{name}.png", dpi=style.save_dpi())
        for t, text in hidden:
            t.set_text(text)
        logging.getLogger("make_topics_review").warning("wrote %s", out / f"{name}.png")
        return [out / f"{name}.png"]

    def save_artifact(data, filename, **kwargs):  # not a figure: not reviewed
        return out / filename

    module.setup, module.save, module.save_artifact = setup, save, save_artifact
    return module


def _is_panel_title(text) -> bool:
    try:
        from toolkit.style import is_panel_title
    except ImportError:  # the old code has none
        return False
    return is_panel_title(text)


def run(notebook: Path, corpus: str, out: Path, overrides: dict, *, keep_going: bool = False
        ) -> None:
    """Execute ``notebook``'s code cells with ``corpus`` and ``overrides``; figures to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    import toolkit

    shim = _figures_shim(out)
    sys.modules["toolkit.figures"] = shim
    toolkit.figures = shim
    cells = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    namespace: dict = {"display": lambda *a, **k: None, "__name__": "__main__"}
    for cell in cells:
        source = "".join(cell["source"])
        try:
            exec(compile(source, f"<{notebook.name}>", "exec"), namespace)
        except Exception as exc:  # noqa: BLE001 - a review shows what the other cells draw
            if not keep_going:
                raise
            logging.getLogger("make_topics_review").warning(
                "cell failed, going on: %s: %s: %s", source.splitlines()[0],
                type(exc).__name__, exc)
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            namespace.update({"corpus": corpus, **overrides})
        namespace["figures"] = shim


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("corpus")
    parser.add_argument("out", type=Path)
    parser.add_argument("-p", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--keep-going", action="store_true",
                        help="log a failing cell and run the next ones")
    options = parser.parse_args(argv)
    overrides = {}
    for item in options.p:
        key, _, raw = item.partition("=")
        try:
            overrides[key] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key] = raw
    logging.basicConfig(level=logging.WARNING)
    run(options.notebook, options.corpus, options.out, overrides,
        keep_going=options.keep_going)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
