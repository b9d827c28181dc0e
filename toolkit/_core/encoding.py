"""Encode strings as consecutive integer ids, for the counting done by several stages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["Vocabulary", "encode_token_lists"]


class Vocabulary(dict):
    """str -> consecutive int id, adding unseen strings as they come."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


def encode_token_lists(token_lists: Iterable[Sequence[str]]
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Flatten token lists into ids, adjacency, lengths and the strings of the ids.

    Returns ``(ids, adjacent, lengths, strings)``: the int32 id of every token in order,
    whether each token is followed by the next one in the same list, the length of each
    list, and the string of each id. Text preparation and coherence both count over
    this flat form, which is many times faster than Python lists of strings.

    Examples
    --------
    >>> ids, adjacent, lengths, strings = encode_token_lists([["a", "b"], ["b"]])
    >>> ids.tolist(), adjacent.tolist(), lengths.tolist(), strings
    ([0, 1, 1], [True, False], [2, 1], ['a', 'b'])
    """
    vocab = Vocabulary()
    getter = vocab.__getitem__
    chunks, lengths = [], []
    for i, toks in enumerate(token_lists):
        if isinstance(toks, str):
            raise TypeError(f"expected lists of tokens, but item {i} is a single string "
                            f"({toks[:40]!r}); split it first, e.g. with tokens()")
        arr = np.fromiter(map(getter, toks), dtype=np.int32, count=len(toks))
        chunks.append(arr)
        lengths.append(len(arr))
    tok = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
    lengths_arr = np.asarray(lengths, dtype=np.int64)
    adjacent = np.ones(max(len(tok) - 1, 0), dtype=bool)
    ends = np.cumsum(lengths_arr)
    breaks = ends[(ends > 0) & (ends < len(tok))] - 1
    adjacent[breaks] = False
    return tok, adjacent, lengths_arr, list(vocab)
