"""Tests for toolkit.cache: fingerprints, hits, misses, corruption, atomic writes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit import cache
from _paths import PROJECT_ROOT


def _corpus() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "date": pd.to_datetime(["2001-01-01", "2002-06-30", None]),
        "source": ["x", "y", ""],
        "title": ["A", "B", "C"],
        "text": ["Peace in Europe.", "War in Asia.", "Trade talks."],
    })


class Counter:
    """A compute function that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


# --------------------------------------------------------------------------- fingerprint


def test_fingerprint_is_hex_sha256():
    digest = cache.fingerprint(_corpus())
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_fingerprint_equal_for_equal_tables_and_copies():
    assert cache.fingerprint(_corpus()) == cache.fingerprint(_corpus().copy())


@pytest.mark.parametrize("change", [
    lambda df: df.assign(text=["Peace in Europe!", "War in Asia.", "Trade talks."]),
    lambda df: df.iloc[[1, 0, 2]].reset_index(drop=True),           # row order
    lambda df: df[["doc_id", "date", "source", "text", "title"]],   # column order
    lambda df: df.rename(columns={"source": "outlet"}),               # column name
    lambda df: df.set_index(pd.Index([5, 6, 7])),                     # index
    lambda df: df.assign(extra=[1, 2, 3]),                            # extra column
    lambda df: df.iloc[:2],                                           # fewer rows
])
def test_fingerprint_changes_with_content(change):
    assert cache.fingerprint(change(_corpus())) != cache.fingerprint(_corpus())


def test_fingerprint_distinguishes_dtypes():
    assert cache.fingerprint(pd.DataFrame({"x": [1, 2]})) != \
        cache.fingerprint(pd.DataFrame({"x": [1.0, 2.0]}))
    assert cache.fingerprint(np.array([1, 2], dtype="int64")) != \
        cache.fingerprint(np.array([1, 2], dtype="int32"))


def test_fingerprint_mappings_ignore_order_lists_do_not():
    assert cache.fingerprint({"a": 1, "b": 2}) == cache.fingerprint({"b": 2, "a": 1})
    assert cache.fingerprint([1, 2]) != cache.fingerprint([2, 1])
    assert cache.fingerprint({1, 2, 3}) == cache.fingerprint({3, 2, 1})
    assert cache.fingerprint(["ab", "c"]) != cache.fingerprint(["a", "bc"])
    assert cache.fingerprint((1,)) != cache.fingerprint([1])


def test_fingerprint_token_lists_in_cells():
    df = pd.DataFrame({"tokens": [["a", "b"], ["c"]]})
    other = pd.DataFrame({"tokens": [["a"], ["b", "c"]]})
    assert cache.fingerprint(df) != cache.fingerprint(other)
    assert cache.fingerprint(df) == cache.fingerprint(df.copy())


def test_fingerprint_sparse_and_nested():
    from scipy import sparse

    m = sparse.csr_matrix(np.array([[0, 1], [2, 0]]))
    assert cache.fingerprint(m) == cache.fingerprint(m.tocoo())
    assert cache.fingerprint({"m": m, "k": [1, {"x": None}]}) == \
        cache.fingerprint({"k": [1, {"x": None}], "m": m.copy()})


def test_fingerprint_rejects_unknown_objects():
    with pytest.raises(TypeError, match="cannot hash an object of type .*object"):
        cache.fingerprint(object())
    with pytest.raises(TypeError, match="cannot hash"):
        cache.fingerprint(lambda: 1)


def test_fingerprint_hook():
    class Model:
        def __fingerprint__(self):
            return "model-v1"

    assert cache.fingerprint(Model()) == cache.fingerprint(Model())


def test_fingerprint_stable_across_processes():
    # a different PYTHONHASHSEED in the child: the digest must not depend on hash()
    code = (
        "import pandas as pd; from toolkit import cache;"
        "df = pd.DataFrame({'doc_id': ['a', 'b'], 'text': ['x', 'y'], 'n': [1, 2]});"
        "print(cache.fingerprint(df), cache.fingerprint({'s': {'p', 'q', 'r'}, 't': 1.5}))"
    )
    outs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, cwd=PROJECT_ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
        outs.add(tuple(out))
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "n": [1, 2]})
    here = (cache.fingerprint(df), cache.fingerprint({"s": {"p", "q", "r"}, "t": 1.5}))
    assert outs == {here}


# --------------------------------------------------------------------------- cached


def test_hit_after_miss(tmp_path):
    compute = Counter({"answer": 42})
    first = cache.cached("step", {"corpus": _corpus(), "k": 3}, compute, directory=tmp_path)
    second = cache.cached("step", {"corpus": _corpus(), "k": 3}, compute, directory=tmp_path)
    assert first == second == {"answer": 42}
    assert compute.calls == 1
    assert len(list((tmp_path / "step").glob("*.pkl"))) == 1


def test_parameter_or_corpus_change_is_a_miss(tmp_path):
    compute = Counter(1)
    cache.cached("step", {"corpus": _corpus(), "k": 3}, compute, directory=tmp_path)
    cache.cached("step", {"corpus": _corpus(), "k": 4}, compute, directory=tmp_path)
    changed = _corpus().assign(text=["a", "b", "c"])
    cache.cached("step", {"corpus": changed, "k": 3}, compute, directory=tmp_path)
    assert compute.calls == 3
    # ... and only what depends on the change: another step keyed on k alone still hits
    other = Counter(2)
    cache.cached("other", {"k": 3}, other, directory=tmp_path)
    cache.cached("other", {"k": 3}, other, directory=tmp_path)
    assert other.calls == 1


def test_versions_are_part_of_the_key(tmp_path, monkeypatch):
    compute = Counter(1)
    cache.cached("step", {"k": 1}, compute, directory=tmp_path)
    # key_digest reads the versions where it is defined
    monkeypatch.setattr(cache.store, "versions", lambda: {"numpy": "0.0.0"})
    cache.cached("step", {"k": 1}, compute, directory=tmp_path)
    assert compute.calls == 2


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],                         # truncated
    lambda b: b[:-1] + bytes([b[-1] ^ 0xFF]),           # one flipped byte
    lambda b: b"",                                      # empty
    lambda b: pickle.dumps("not a cache entry"),        # foreign file
])
def test_corrupt_entry_is_recomputed(tmp_path, damage, caplog):
    compute = Counter([1, 2, 3])
    cache.cached("step", {"k": 1}, compute, directory=tmp_path)
    (entry,) = (tmp_path / "step").glob("*.pkl")
    entry.write_bytes(damage(entry.read_bytes()))
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        assert cache.cached("step", {"k": 1}, compute, directory=tmp_path) == [1, 2, 3]
    assert compute.calls == 2
    assert "unreadable entry" in caplog.text
    # the recomputed value was stored again: the next call hits
    assert cache.cached("step", {"k": 1}, compute, directory=tmp_path) == [1, 2, 3]
    assert compute.calls == 2


def test_failing_compute_stores_nothing(tmp_path):
    def broken():
        raise ArithmeticError("no model today")

    with pytest.raises(ArithmeticError, match="no model today"):
        cache.cached("step", {"k": 1}, broken, directory=tmp_path)
    assert not list(tmp_path.rglob("*"))


def test_unpicklable_value_is_returned_not_stored(tmp_path, caplog):
    compute = Counter(threading.Lock())
    with caplog.at_level("WARNING", logger="toolkit.cache"):
        value = cache.cached("step", {"k": 1}, compute, directory=tmp_path)
    assert value is compute.value
    assert "could not store" in caplog.text
    assert not list((tmp_path / "step").glob("*"))


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "entry.bin"
    target.write_bytes(b"old complete content")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        cache.atomic_write(target, b"new")
    assert target.read_bytes() == b"old complete content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.bin"]


def test_atomic_write_never_exposes_partial_content(tmp_path):
    # a reader polling while a large entry is written sees the old or the new bytes only
    target = tmp_path / "big.bin"
    old, new = b"a" * 4_000_000, b"b" * 4_000_000
    target.write_bytes(old)
    seen, stop = set(), threading.Event()

    def reader():
        while not stop.is_set():
            data = target.read_bytes()
            seen.add((len(data), data[:1], data[-1:]))

    thread = threading.Thread(target=reader)
    thread.start()
    for _ in range(5):
        cache.atomic_write(target, new)
        cache.atomic_write(target, old)
    stop.set()
    thread.join()
    assert seen <= {(4_000_000, b"a", b"a"), (4_000_000, b"b", b"b")}


def test_env_off_disables(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE", "off")
    compute = Counter(5)
    assert cache.cached("step", {"k": 1}, compute) == 5
    assert cache.cached("step", {"k": 1}, compute) == 5
    assert compute.calls == 2
    assert not cache.enabled()


def test_env_folder_is_read_at_call_time(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "here"))
    assert cache.cache_dir() == tmp_path / "here"
    cache.cached("step", {"k": 1}, Counter(5))
    assert len(list((tmp_path / "here" / "step").glob("*.pkl"))) == 1


def test_clear(tmp_path):
    cache.cached("one", {"k": 1}, Counter(1), directory=tmp_path)
    cache.cached("two", {"k": 1}, Counter(1), directory=tmp_path)
    assert cache.clear("one", directory=tmp_path) == 1
    assert cache.clear(directory=tmp_path) == 1


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"name='a/b' is invalid; must be letters"):
        cache.cached("a/b", {}, Counter(1))
    with pytest.raises(TypeError, match="name=3 has the wrong type int; must be a string"):
        cache.cached(3, {}, Counter(1))
    with pytest.raises(TypeError, match=r"key=\[1\] has the wrong type list; must be a mapping"):
        cache.cached("step", [1], Counter(1))
    with pytest.raises(TypeError, match="compute=5 has the wrong type int; must be a callable"):
        cache.cached("step", {}, 5)


def test_versions_names_main_libraries():
    found = cache.versions()
    for lib in ("python", "numpy", "pandas", "gensim", "matplotlib", "toolkit", "toolkit_source"):
        assert found[lib]
    assert found["python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    assert Path(cache.__file__).parent.name == "cache"
