"""Progress bars with one rule: on a terminal or notebook by default, off when asked."""

from __future__ import annotations

__all__ = ["tqdm_disable"]


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
