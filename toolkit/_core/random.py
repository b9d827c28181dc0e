"""One seed, one random state: every random step of the toolkit takes ``seed``.

Nothing in the toolkit touches the global random generators of ``random`` or ``numpy``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["DEFAULT_SEED", "random_state"]

#: The seed every random step uses unless told otherwise.
DEFAULT_SEED = 2015


def random_state(seed: int | np.random.Generator | None = None) -> np.random.Generator:
    """Turn a seed into a numpy ``Generator`` (``None`` means :data:`DEFAULT_SEED`).

    Examples
    --------
    >>> int(random_state(1).integers(100)) == int(random_state(1).integers(100))
    True
    >>> random_state("1")
    Traceback (most recent call last):
    ...
    TypeError: seed='1' has the wrong type str; must be an int or a numpy Generator
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        seed = DEFAULT_SEED
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed={seed!r} has the wrong type {type(seed).__name__}; "
                        "must be an int or a numpy Generator")
    return np.random.default_rng(int(seed))
