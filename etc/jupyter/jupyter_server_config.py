"""JupyterLab as ``make lab`` starts it (``JUPYTER_CONFIG_PATH=etc/jupyter``).

- Listens on 127.0.0.1 only (``jupyter_lab_config.py``: asks no one for news or updates).
- Saves the notebooks of ``notebooks/`` as they are committed: without outputs, execution
  counts or widget state (as ``make strip`` and the git filter do, keeping cell ids), and
  with the kernel and language metadata of the file on disk (Lab would write its own
  kernel display name and Python version). They are the source of ``make figures``, so
  Lab's autosave never turns them into diffs. Run results stay in the browser tab while
  it is open; the figures go to ``figures-lab/``. A notebook saved under
  ``notebooks/scratch/`` (ignored by git) keeps its outputs.
"""

import json
import warnings
from pathlib import Path

import nbformat

c = get_config()  # noqa: F821 (defined by Jupyter when it loads this file)

c.ServerApp.ip = "127.0.0.1"

#: What nbstripout removes besides outputs and execution counts (its default list).
STRIPPED_METADATA = [
    "metadata.signature",
    "metadata.widgets",
    "cell.metadata.collapsed",
    "cell.metadata.ExecuteTime",
    "cell.metadata.execution",
    "cell.metadata.heading_collapsed",
    "cell.metadata.hidden",
    "cell.metadata.scrolled",
]
#: Notebook metadata that Lab rewrites on save; kept as the file on disk has it.
KEPT_METADATA = ("kernelspec", "language_info")

# Jupyter applies this config to the contents manager more than once (once per loaded
# extension) and warns each time it sets the hook again; the hook is the same one.
warnings.filterwarnings("ignore", message="Overriding existing pre_save_hook",
                        category=UserWarning)


def strip_outputs(model, path, contents_manager=None, **kwargs):
    """Pre-save hook: save a notebook outside ``scratch/`` as it would be committed."""
    if model.get("type") != "notebook" or model.get("content") is None:
        return
    if path.strip("/").startswith("scratch/"):
        return
    from nbstripout import strip_output

    nb = strip_output(nbformat.from_dict(model["content"]), keep_output=False,
                      keep_count=False, keep_id=True, extra_keys=STRIPPED_METADATA)
    root = getattr(contents_manager, "root_dir", None)
    on_disk = Path(root, path.strip("/")) if root else None
    if on_disk is not None and on_disk.is_file():
        try:
            committed = json.loads(on_disk.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError):
            committed = None
        if committed is not None:
            for key in KEPT_METADATA:
                if key in committed:
                    nb.metadata[key] = committed[key]
                else:
                    nb.metadata.pop(key, None)
    model["content"] = nb


c.FileContentsManager.pre_save_hook = strip_outputs
