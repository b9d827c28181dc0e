"""Progress bars with one rule: on a terminal or notebook by default, off when asked.

:data:`tqdm` is tqdm's notebook-aware bar (``tqdm.auto``) where ipywidgets is installed
(the ``lab`` extra), else its text bar: ``tqdm.auto`` without ipywidgets warns "IProgress
not found" into every executed notebook of ``make figures``.
"""

from __future__ import annotations

import importlib.util
from typing import Any

__all__ = ["tqdm", "tqdm_disable"]


def _bar() -> Any:
    if importlib.util.find_spec("ipywidgets") is not None:
        from tqdm.auto import tqdm as bar
    else:
        from tqdm.std import tqdm as bar
    return bar


#: The progress bar class every stage uses (see the module docstring).
tqdm = _bar()


def tqdm_disable(progress: bool | None) -> bool | None:
    """Return tqdm's ``disable`` for a ``progress`` option.

    ``None`` (the default everywhere) shows a bar only where tqdm sees a terminal or a
    notebook; ``True`` always, ``False`` never.

    Examples
    --------
    >>> tqdm_disable(None), tqdm_disable(True), tqdm_disable(False)
    (None, False, True)
    """
    return None if progress is None else not progress
