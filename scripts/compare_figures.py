"""Compare two figure folders made by ``make figures``: pixels of every PNG, and the manifest
without its hash and provenance columns (issue 10's check that a refactor changed no figure).

Run: ``python scripts/compare_figures.py OLD_DIR NEW_DIR``. Exit status 1 when anything differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

#: Manifest columns that legitimately change when only the code changes.
PROVENANCE = {"toolkit_source", "bytes", "sha256", "corpus_fingerprint"}


def main(old: str, new: str) -> int:
    a, b = Path(old), Path(new)
    bad = 0
    pngs = sorted(p.name for p in a.glob("*.png"))
    if pngs != sorted(p.name for p in b.glob("*.png")):
        print("different sets of PNG files")
        bad += 1
    for name in pngs:
        x = np.asarray(Image.open(a / name).convert("RGBA"))
        y = np.asarray(Image.open(b / name).convert("RGBA")) if (b / name).exists() else None
        same = y is not None and x.shape == y.shape and np.array_equal(x, y)
        print(f"{'same' if same else 'DIFFERENT'}  {name}")
        bad += not same
    ma, mb = pd.read_csv(a / "manifest.csv"), pd.read_csv(b / "manifest.csv")
    keep = [c for c in ma.columns if c not in PROVENANCE and c in mb.columns]
    if not ma[keep].equals(mb[keep]):
        print("manifests differ beyond provenance columns")
        bad += 1
    print(f"{len(pngs)} PNG files compared, {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
