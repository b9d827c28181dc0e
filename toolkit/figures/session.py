"""What a notebook records before it saves figures: :func:`setup` and :func:`provenance`.

Every notebook calls, right after loading its corpus::

    figures.setup(notebook="02-topics", corpus=corpus, parameters={...})

which applies the house style (:func:`toolkit.style.apply_style`), chooses the output
folder (:func:`toolkit.figures.output_dir`), checks that it holds no other corpus's
figures, and records the provenance of what follows: the notebook, the corpus label and
its content fingerprint, the parameters, the seed, the library versions and the SHA-256
of the lock file the environment was installed from (``lock``: written by ``make`` into
``<venv>/toolkit-lock.sha256``; empty for an environment installed otherwise). It
changes no random state: every random step of the toolkit takes ``seed`` itself.

In a Jupyter kernel (JupyterLab, or a notebook run by ``python -m toolkit figures``) it
also sends the toolkit's log lines to the cell's stdout as plain lines, once: no red
stderr boxes for INFO lines, and no line printed twice.

The record is one per process (the figures of one notebook at a time), kept until the
next :func:`setup`; it holds labels and hashes only, no data.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit._core.checks import check_type
from toolkit.cache import fingerprint, versions
from toolkit.figures.folders import _corpus_label, changed_parameters, output_dir, shown
from toolkit.figures.manifest import _guard
from toolkit.style import apply_style

logger = logging.getLogger(__name__)

__all__ = ["provenance", "setup"]

_ENV_FORCE = "TOOLKIT_FIGURES_FORCE"

# what setup() recorded: the provenance of every figure saved after it, and the folder
_STATE: dict[str, Any] = {}
# written by `make` (the Makefile's setup) next to the environment it installed
_LOCK_RECORD = "toolkit-lock.sha256"
_STDOUT_HANDLER = "toolkit-kernel-stdout"


def _lock_hash(prefix: str | Path | None = None) -> str:
    """SHA-256 of the lock file the environment at ``prefix`` (default: this one) came from."""
    record = Path(sys.prefix if prefix is None else prefix) / _LOCK_RECORD
    try:
        digest = record.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return digest if len(digest) == 64 and all(c in "0123456789abcdef" for c in digest) else ""


def _in_kernel() -> bool:
    """Whether this process is a Jupyter kernel (its stdout is the cell's output)."""
    return "ipykernel" in sys.modules and type(sys.stdout).__module__.startswith("ipykernel")


class _CellStdout(logging.StreamHandler):
    """Write to whatever ``sys.stdout`` is when a record is emitted (the kernel's stream)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stdout

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


class _PlainFormatter(logging.Formatter):
    """The message alone; warnings and errors say what they are."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text if record.levelno < logging.WARNING else f"{record.levelname}: {text}"


def _log_to_stdout(logger_name: str = "toolkit") -> logging.Handler:
    """Send ``logger_name``'s records to stdout as plain lines; idempotent.

    The logger stops propagating, so a handler the notebook put on the root logger
    (``logging.basicConfig``, which writes to stderr) does not print each line again. Its
    level is the notebook's choice; INFO when nothing configured logging.
    """
    log = logging.getLogger(logger_name)
    for handler in log.handlers:
        if handler.get_name() == _STDOUT_HANDLER:
            return handler
    handler = _CellStdout()
    handler.set_name(_STDOUT_HANDLER)
    handler.setFormatter(_PlainFormatter("%(message)s"))
    log.addHandler(handler)
    log.propagate = False
    root = logging.getLogger()
    if log.level == logging.NOTSET and not root.handlers and root.level > logging.INFO:
        log.setLevel(logging.INFO)
    return handler


def _json_safe(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, Path):
        return _corpus_label(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(_json_safe(value), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True)


def _check_setup(notebook: Any, corpus: Any, parameters: Any) -> None:
    check_type("notebook", notebook, str, "the notebook's name, e.g. '02-topics'")
    if not notebook.strip():
        raise ValueError(f"notebook={notebook!r} is invalid; must be the notebook's name, "
                         "e.g. '02-topics'")
    check_type("corpus", corpus, (pd.DataFrame, type(None)), "the Corpus DataFrame or None")
    check_type("parameters", parameters, (Mapping, type(None)),
               "a dict of the parameters cell or None")


def setup(notebook: str, corpus: pd.DataFrame | None = None,
          parameters: Mapping[str, Any] | None = None, *, out: str | Path | None = None,
          force: bool | None = None) -> dict[str, Any]:
    """Apply the house style and record the provenance of the figures saved next.

    Parameters
    ----------
    notebook
        Name of the notebook (or script) making the figures, e.g. ``"02-topics"``.
    corpus
        The Corpus table the figures are made from; its content fingerprint goes into
        the provenance and guards the output folder.
    parameters
        The notebook's parameters cell as a dict (``corpus``, ``seed``, ``start``, ...).
    out
        Output folder; default :func:`toolkit.figures.output_dir` of
        ``parameters["corpus"]`` and the parameters that differ from the notebook's
        parameters cell (:func:`toolkit.figures.changed_parameters`).
    force
        Write into a folder made from a different corpus, deleting that corpus's
        figures there. Default: ``TOOLKIT_FIGURES_FORCE=1`` in the environment.

    Returns
    -------
    dict
        The provenance recorded (also embedded in each file and the manifest):
        ``notebook``, ``corpus``, ``corpus_fingerprint``, ``n_documents``,
        ``parameters``, ``seed``, ``versions`` and ``lock``.

    Raises
    ------
    OutputConflictError
        The output folder's manifest records figures made from a different corpus.

    Examples
    --------
    >>> import tempfile
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Peace."]})
    >>> info = setup("00-demo", corpus, {"corpus": "sample", "seed": 1}, out=tempfile.mkdtemp())
    >>> info["notebook"], info["seed"], info["n_documents"], len(info["corpus_fingerprint"])
    ('00-demo', 1, 1, 64)
    >>> import matplotlib as mpl; mpl.rcdefaults()
    """
    _check_setup(notebook, corpus, parameters)
    if _in_kernel():
        _log_to_stdout()
    params = dict(parameters or {})
    label = _corpus_label(params.get("corpus"))
    folder = output_dir(label, changed_parameters(notebook, params), out=out)
    if force is None:
        force = os.environ.get(_ENV_FORCE, "").strip().lower() in {"1", "true", "yes"}
    info = {
        "notebook": notebook,
        "corpus": label,
        "corpus_fingerprint": fingerprint(corpus) if corpus is not None else "",
        "n_documents": int(len(corpus)) if corpus is not None else 0,
        "parameters": _json_safe(params),
        "seed": _json_safe(params.get("seed")),
        "versions": versions(),
        "lock": _lock_hash(),
    }
    if info["corpus_fingerprint"]:
        _guard(folder, info, force=bool(force))
    apply_style()
    _STATE.clear()
    _STATE.update(info, out=folder)
    logger.info("figures: %s on %s (%d documents, fingerprint %s) -> %s", notebook,
                label or "no corpus", info["n_documents"],
                info["corpus_fingerprint"][:12] or "-", shown(folder))
    return dict(info)


def provenance() -> dict[str, Any]:
    """Return the provenance recorded by the last :func:`setup` (empty before it).

    Examples
    --------
    >>> isinstance(provenance(), dict)
    True
    """
    return {k: v for k, v in _STATE.items() if k != "out"}
