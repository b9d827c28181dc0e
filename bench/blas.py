"""Whether OpenBLAS's spurious "invalid value" flag reaches gensim's LDA here, and with NaNs.

    .venv/bin/python -m bench.blas [RUNS]

The streamed fit of ``tests/test_scale.py::test_streamed_topics_of_paragraphs_add_up_to_
documents`` (the first 40 State of the Union addresses since 1930, paragraphs, 5 topics,
2 passes, 30 iterations), ``RUNS`` times (default 30), three processes at once so both
cores are oversubscribed (the warning was only seen under load). Each run turns off the toolkit's
silencing of numpy's invalid-operation warning inside gensim
(:func:`toolkit.topics.training._blas_flags`), counts the warnings, and checks the model,
the shares and the document table for NaN or infinity (the toolkit's own check,
:func:`toolkit.topics.training._check_finite`, still runs: a real NaN stops the run and is
counted). Backs the numbers in ``_blas_flags``'s docstring. Writes
``bench/results/blas.md``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import subprocess
import sys
from pathlib import Path

from bench._common import machine, write

log = logging.getLogger("bench.blas")
ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import contextlib, json, tempfile, warnings
from pathlib import Path
import numpy as np, pandas as pd
from toolkit import corpus
from toolkit.scale import fit_topics
from toolkit.topics import training

training._blas_flags = contextlib.nullcontext  # numpy warns as it would without the toolkit
docs = corpus.load("sotu")
docs = docs[docs["date"].dt.year >= 1930].reset_index(drop=True)
copies = docs.iloc[[0, 5, 9]].copy()
copies["doc_id"] = copies["doc_id"] + "-copy"
copies["text"] = copies["text"].str.replace("the", "The", n=1, regex=False)
docs = pd.concat([docs, copies], ignore_index=True).iloc[:40].reset_index(drop=True)
tmp = Path(tempfile.mkdtemp())
docs.to_parquet(tmp / "s.parquet", row_group_size=10)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        run = fit_topics(tmp / "s.parquet", 5, out=tmp / "run", rows=10, seed=3,
                         unit="paragraph", passes=2, iterations=30)
        bad = int(sum((~np.isfinite(np.load(f))).sum()
                      for f in (tmp / "run" / "bow").glob("theta-*.npy"))
                  + (~np.isfinite(run.model.lda_.state.sstats)).sum()
                  + run.doc_topics().isna().sum().sum())
    except FloatingPointError:
        bad = -1
flags = sum(1 for w in caught if issubclass(w.category, RuntimeWarning)
            and "invalid value encountered" in str(w.message))
print(json.dumps({"warnings": flags, "not_finite": bad}))
"""


def runs(n: int) -> list[dict[str, int]]:
    """``n`` runs of the child, three at a time."""
    out: list[dict[str, int]] = []
    for first in range(0, n, 3):
        procs = [subprocess.Popen([sys.executable, "-c", _CHILD], cwd=ROOT, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                 for _ in range(min(3, n - first))]
        for p in procs:
            stdout, _ = p.communicate(timeout=600)
            with contextlib.suppress(ValueError, IndexError):
                out.append(json.loads(stdout.strip().splitlines()[-1]))
        log.info("%d runs: %s", len(out), out[-len(procs):])
    return out


def main(n: int = 30) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    where = machine()
    found = runs(n)
    flagged = [r for r in found if r["warnings"]]
    broken = [r for r in found if r["not_finite"]]
    import numpy as np

    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    write("blas", f"""## OpenBLAS's invalid flag in gensim's LDA (topics, issue 13's review)

Machine: {where}; BLAS: {blas.get('name')} {blas.get('version')}. Command:
`.venv/bin/python -m bench.blas {n}` (the streamed fit of
`tests/test_scale.py::test_streamed_topics_of_paragraphs_add_up_to_documents`, three
processes at once on the 2 cores, the toolkit's silencing of the warning turned off in each).

| runs | runs with the warning | warnings in those runs | runs with a NaN or infinity |
|---|---|---|---|
| {len(found)} of {n} | {len(flagged)} | {', '.join(str(r['warnings']) for r in flagged) or '-'} | {len(broken)} |

A run with the warning and no NaN is the spurious flag that `_blas_flags` silences; a NaN
would be counted in the last column (the toolkit stops such a fit with a
`FloatingPointError`).
""")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
