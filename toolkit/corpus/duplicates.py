"""Near-duplicate documents: MinHash over word shingles with locality-sensitive hashing.

Part of the :mod:`toolkit.corpus` API (``toolkit.corpus.duplicate_clusters`` and
``toolkit.corpus.deduplicate``); kept apart because it is self-contained.
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from toolkit._core import check_int, check_number, random_state
from toolkit.schemas import validate_corpus

logger = logging.getLogger("toolkit.corpus")

__all__ = ["deduplicate", "duplicate_clusters", "link_clusters"]

_WORD = re.compile(r"\w+")


def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Choose bands x rows minimising false positives + false negatives around ``threshold``.

    The criterion of datasketch's ``MinHashLSH``: integrate the probability of becoming a
    candidate below the threshold (false positives) and of missing it above (false
    negatives). Every candidate is verified on its full signature, so a false positive
    costs only a comparison while a false negative loses a duplicate: misses weigh 9
    times more than datasketch's default equal weights.
    """
    xs = np.linspace(0, 1, 1001)
    best, best_err = (1, num_perm), np.inf
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1 - (1 - xs ** r) ** b
            below, above = xs < threshold, xs >= threshold
            err = (0.1 * np.trapezoid(p[below], xs[below])
                   + 0.9 * np.trapezoid(1 - p[above], xs[above]))
            if err < best_err:
                best, best_err = (b, r), err
    return best


def _minhash_signatures(texts: list[str], *, shingle: int, num_perm: int,
                        seed: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Return a ``(n_docs, num_perm)`` uint32 MinHash matrix and each document's shingle count.

    Words are hashed with pandas' stable SipHash (``hash_array``, fixed key), so the
    signatures depend only on the texts and the seed, not on Python's per-process
    string hashing, and the costly loops run in C.
    """
    from toolkit._core.progress import tqdm

    rng = random_state(seed)
    # odd 64-bit multipliers: a shingle hash, then num_perm multiply-shift hash functions
    mix = rng.integers(1, 2**63, size=shingle, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    sigs = np.full((len(texts), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.zeros(len(texts), dtype=np.int64)
    shift = np.uint64(32)
    with np.errstate(over="ignore"):
        for i, text in enumerate(tqdm(texts, desc="minhash", unit="doc", disable=None,
                                      leave=False)):
            words = _WORD.findall(text.lower())
            if not words:
                continue
            ids = pd.util.hash_array(np.asarray(words, dtype=object), categorize=False)
            k = min(shingle, len(ids))
            n = len(ids) - k + 1
            h = ids[:n] * mix[0]
            for j in range(1, k):
                h = (h ^ ids[j:j + n]) * mix[j]
            h = np.unique(h)
            sizes[i] = len(h)
            for start in range(0, len(h), 2048):  # bound the (chunk x num_perm) temporary
                part = h[start:start + 2048, None] * a
                part += b
                part >>= shift
                np.minimum(sigs[i], part.min(axis=0).astype(np.uint32), out=sigs[i])
    return sigs, sizes


def duplicate_clusters(
    corpus: pd.DataFrame,
    *,
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int | None = None,
) -> pd.DataFrame:
    """Find clusters of near-duplicate documents (syndicated copies, light edits).

    Documents are compared by the Jaccard similarity of their sets of word
    ``shingle``-grams (lowercased), estimated with MinHash and found with
    locality-sensitive hashing, so the cost grows with the corpus, not with its square.
    Pairs whose estimated similarity reaches ``threshold`` are linked, and linked
    documents form a cluster (single linkage).

    Parameters
    ----------
    corpus
        A Corpus table.
    threshold
        Estimated Jaccard similarity of shingle sets at which two documents are
        near-duplicates. The default 0.8 joins copies that differ by a handful of
        edited words per paragraph (each edited word changes ``shingle`` shingles) while
        keeping apart distinct stories that share a few wire paragraphs.
    shingle
        Words per shingle. 5 is the usual choice for news: long enough that shared
        stock phrases do not make documents similar.
    num_perm
        MinHash permutations; the similarity estimate has standard error about
        ``sqrt(J (1 - J) / num_perm)`` (0.035 at J = 0.8 with 128).
    seed
        Seed of the hash functions (default :data:`toolkit._core.DEFAULT_SEED`).

    Returns
    -------
    pandas.DataFrame
        One row per cluster of two or more documents: ``cluster`` (int, 0-based, in
        order of the canonical document), ``canonical`` (doc_id kept: the earliest dated
        member, then the longest text, then the smallest doc_id), ``members`` (tuple of
        all doc_ids, canonical first), ``size``, ``min_similarity`` (the lowest estimated
        similarity of a linking pair).

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> base = "the ministers met in geneva to discuss the ceasefire in the north " * 5
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
    ...     base, base + " today", "a completely different story about trade and tariffs"]}))
    >>> duplicate_clusters(c)[["canonical", "members", "size"]].values.tolist()
    [['b', ('b', 'a'), 2]]
    """
    validate_corpus(corpus)
    # a similarity in (0, 1]: two checks, so that each message names a bound that is right
    check_number("threshold", threshold, minimum=0, inclusive=False)
    check_number("threshold", threshold, maximum=1)
    check_int("shingle", shingle, minimum=1)
    check_int("num_perm", num_perm, minimum=2)
    texts = corpus["text"].tolist()
    sigs, sizes = _minhash_signatures(texts, shingle=shingle, num_perm=num_perm, seed=seed)
    bands, rows = _lsh_params(threshold, num_perm)
    candidates = _candidate_pairs(sigs, np.flatnonzero(sizes > 0), bands, rows)
    groups, link_sim = _link(candidates, sigs, threshold)
    out = link_clusters(corpus["doc_id"].to_numpy(), corpus["date"].to_numpy(),
                        corpus["text"].str.len().to_numpy(), groups, link_sim)
    logger.info("duplicate_clusters: %d clusters covering %d of %d documents "
                "(threshold %.2f, %d bands x %d rows, %d candidate pairs)", len(out),
                int(out["size"].sum()) if len(out) else 0, len(texts), threshold, bands, rows,
                len(candidates))
    return out


def _candidate_pairs(sigs: np.ndarray, usable: np.ndarray, bands: int, rows: int
                     ) -> set[tuple[int, int]]:
    """Pairs of documents (row numbers, smaller first) whose signatures share a band."""
    candidates: set[tuple[int, int]] = set()
    for band in range(bands):
        block = np.ascontiguousarray(sigs[usable, band * rows:(band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        edges = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        for group in np.split(order, edges):
            if len(group) > 1:
                members = usable[np.sort(group)]
                candidates.update((int(x), int(y)) for j, x in enumerate(members)
                                  for y in members[j + 1:])
    return candidates


def _link(candidates: set[tuple[int, int]], sigs: np.ndarray, threshold: float
          ) -> tuple[dict[int, list[int]], dict[int, float]]:
    """Link the candidate pairs whose estimated similarity reaches ``threshold``.

    Single linkage with union-find: returns the members of every group (keyed by its
    root, every document in one group) and, per root, the lowest similarity of a link.
    """
    parent = list(range(len(sigs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    link_sim: dict[int, float] = {}
    for x, y in sorted(candidates):
        sim = float(np.mean(sigs[x] == sigs[y]))
        if sim >= threshold:
            rx, ry = find(x), find(y)
            low = min(sim, link_sim.get(rx, 1.0), link_sim.get(ry, 1.0))
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
            link_sim[find(x)] = low
    groups: dict[int, list[int]] = {}
    for i in range(len(sigs)):
        groups.setdefault(find(i), []).append(i)
    return groups, link_sim


def link_clusters(doc_ids: np.ndarray, dates: np.ndarray, lengths: np.ndarray,
                  groups: dict[int, list[int]], link_sim: dict[int, float]) -> pd.DataFrame:
    """The clusters table of :func:`duplicate_clusters` from linked groups of row positions.

    One row per group of two or more documents, canonical member first (the earliest
    dated, then the longest, then the smallest id). Shared by the in-memory path and the
    streamed one (:mod:`toolkit.scale`), which links the signatures of every partition.

    Examples
    --------
    >>> ids, dates = np.array(["a", "b", "c"]), np.array(["2001-01-02", "2001-01-01", None],
    ...                                                  dtype="datetime64[ns]")
    >>> link_clusters(ids, dates, np.array([5, 5, 9]), {0: [0, 1], 2: [2]}, {0: 0.9})
       cluster canonical members  size  min_similarity
    0        0         b  (b, a)     2             0.9
    """
    records = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (pd.isna(dates[i]), dates[i] if not pd.isna(dates[i])
                                    else np.datetime64(0, "ns"), -lengths[i], doc_ids[i]))
        records.append({"canonical": doc_ids[members[0]],
                        "members": tuple(doc_ids[m] for m in members),
                        "size": len(members), "min_similarity": round(link_sim[root], 4),
                        "_first": min(members)})
    out = pd.DataFrame(records, columns=["canonical", "members", "size", "min_similarity",
                                         "_first"])
    out = out.sort_values("_first").drop(columns="_first").reset_index(drop=True)
    out.insert(0, "cluster", np.arange(len(out), dtype="int64"))
    return out


def deduplicate(
    corpus: pd.DataFrame,
    *,
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one canonical document per near-duplicate cluster.

    Parameters are those of :func:`duplicate_clusters`.

    Returns
    -------
    unique : pandas.DataFrame
        The Corpus table without the non-canonical copies, in input order, with a
        column ``copies`` (cluster size; 1 for documents without duplicates), so that
        ``len(unique)`` counts unique stories and ``unique["copies"].sum()`` the
        coverage volume.
    clusters : pandas.DataFrame
        The cluster table of :func:`duplicate_clusters`.

    Examples
    --------
    >>> from toolkit.corpus import from_frame
    >>> base = "the ministers met in geneva to discuss the ceasefire in the north " * 5
    >>> c = from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": [base, base + " today"]}))
    >>> unique, clusters = deduplicate(c)
    >>> unique[["doc_id", "copies"]].values.tolist()
    [['b', 2]]
    """
    clusters = duplicate_clusters(corpus, threshold=threshold, shingle=shingle,
                                  num_perm=num_perm, seed=seed)
    drop = {m for members in clusters["members"] for m in members[1:]}
    copies = dict(zip(clusters["canonical"], clusters["size"]))
    unique = corpus[~corpus["doc_id"].isin(drop)].copy()
    unique["copies"] = unique["doc_id"].map(copies).fillna(1).astype("int64")
    unique = unique.reset_index(drop=True)
    logger.info("deduplicate: removed %d near-duplicate copies; %d unique documents remain "
                "(%.1f%% of %d)", len(drop), len(unique), 100 * len(unique) / max(len(corpus), 1),
                len(corpus))
    return unique, clusters
