"""Benchmark: loading and near-duplicate detection on the whole UN General Debate corpus.

Side by side in one process: ``toolkit.corpus.duplicate_clusters`` against datasketch's
MinHash + MinHashLSH (the library researchers reach for), same texts, same 5-word
shingles, same 128 permutations and threshold 0.8.

    .venv/bin/python -m bench.corpus
"""

from __future__ import annotations

import re
import sys

import numpy as np

from bench._common import machine, peak_rss_mib, timed, write
from toolkit import corpus as tc
from toolkit._core import UNGDC_PARQUET

COMMAND = ".venv/bin/python -m bench.corpus"
WORD = re.compile(r"\w+")


def datasketch_clusters(texts: list[str], ids: list[str], threshold: float = 0.8,
                        num_perm: int = 128, shingle: int = 5) -> set[frozenset[str]]:
    """Near-duplicate clusters with datasketch, as its documentation shows."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes = []
    for doc_id, text in zip(ids, texts):
        words = WORD.findall(text.lower())
        grams = {" ".join(words[i:i + shingle]).encode()
                 for i in range(max(len(words) - shingle + 1, 1))}
        m = MinHash(num_perm=num_perm, seed=1)
        m.update_batch(list(grams))
        lsh.insert(doc_id, m)
        hashes.append(m)
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    by_id = dict(zip(ids, hashes))
    for doc_id, m in zip(ids, hashes):
        for other in lsh.query(m):
            if other != doc_id and m.jaccard(by_id[other]) >= threshold:
                parent[find(other)] = find(doc_id)
    groups: dict[str, set[str]] = {}
    for i in ids:
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def main() -> str:
    if not UNGDC_PARQUET.exists():
        return write("corpus", f"## Corpus\n\nSkipped: {UNGDC_PARQUET} not found.\n")
    corpus, t_load = timed(lambda: tc.load("ungdc"))
    chars = int(corpus["text"].str.len().sum())
    clusters, t_ours = timed(lambda: tc.duplicate_clusters(corpus, threshold=0.8))
    rss_ours = peak_rss_mib()
    ours = {frozenset(m) for m in clusters["members"]}
    try:
        theirs, t_theirs = timed(lambda: datasketch_clusters(
            corpus["text"].tolist(), corpus["doc_id"].tolist()))
        peer = (f"| datasketch 1.x MinHash + MinHashLSH | {t_theirs:.1f} | "
                f"{chars / t_theirs / 1e6:.1f} | {len(theirs)} |")
        agree = "same clusters" if theirs == ours else (
            f"ours only: {sorted(map(sorted, ours - theirs))}; "
            f"datasketch only: {sorted(map(sorted, theirs - ours))}")
    except ImportError:
        peer, agree = "| datasketch | not installed (`pip install .[bench]`) | | |", "n/a"
    lines = [
        "## Corpus: loading and near-duplicates (UN General Debates, whole corpus)",
        "",
        f"Command: `{COMMAND}`. Machine: {machine()}.",
        "",
        f"- `load(\"ungdc\")`: {len(corpus):,} speeches, {chars / 1e6:.0f} million characters, "
        f"{t_load:.1f} s.",
        "",
        "| near-duplicate clusters (threshold 0.8, 5-word shingles, 128 permutations) "
        "| seconds | MB/s | clusters |",
        "|---|---|---|---|",
        f"| toolkit `duplicate_clusters` | {t_ours:.1f} | {chars / t_ours / 1e6:.1f} | "
        f"{len(clusters)} |",
        peer,
        "",
        f"Target: under 60 s. Agreement between the two: {agree}. "
        f"Peak RSS of the process after the toolkit's run: {rss_ours:,.0f} MiB.",
        "",
        "Clusters found by the toolkit:",
        "",
        *(f"- {', '.join(m)} (estimated similarity {s:.2f})"
          for m, s in zip(clusters["members"], clusters["min_similarity"])),
    ]
    return write("corpus", "\n".join(lines))


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.stdout.write(main() + "\n")
