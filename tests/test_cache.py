"""Tests for toolkit.cache: fingerprints, hits, misses, corruption, atomic writes, the codec.

The security cases of issue 16 (planted pickles, forged entries, permissions, keys) are in
``tests/test_security.py``.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit import cache
from _paths import PROJECT_ROOT


@pytest.fixture(autouse=True)
def _private_key(tmp_path_factory, monkeypatch):
    # each test signs with a key of its own, never the user's
    monkeypatch.setenv("TOOLKIT_CACHE_KEY", str(tmp_path_factory.mktemp("key") / "cache.key"))


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
    assert [p.parent.name for p in cache.entries(tmp_path)] == ["step"]
    assert cache.entries(tmp_path)[0].suffix == cache.ENTRY_SUFFIX


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
    lambda b: b[:8] + bytes(32) + b[40:],               # signature zeroed
])
def test_corrupt_entry_is_recomputed(tmp_path, damage, caplog):
    compute = Counter([1, 2, 3])
    cache.cached("step", {"k": 1}, compute, directory=tmp_path)
    (entry,) = cache.entries(tmp_path, "step")
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
    assert cache.entries(tmp_path) == []
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_unstorable_value_is_returned_not_stored(tmp_path, caplog):
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
    assert len(cache.entries(tmp_path / "here", "step")) == 1


def test_clear(tmp_path):
    cache.cached("one", {"k": 1}, Counter(1), directory=tmp_path)
    cache.cached("two", {"k": 1}, Counter(1), directory=tmp_path)
    assert cache.clear("one", directory=tmp_path) == 1
    (tmp_path / "two" / "old-format.pkl").write_bytes(b"entries of earlier versions go too")
    assert cache.clear(directory=tmp_path) == 2
    assert cache.entries(tmp_path) == []


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


# --------------------------------------------------------------------------- codec


def _round_trip(value):
    return cache.loads(cache.dumps(value))


def test_codec_round_trips_tables_with_every_dtype_and_attrs():
    df = pd.DataFrame({
        "doc_id": ["a", "b", None],
        "date": pd.to_datetime(["2001-01-01", None, "1999-03-04"]).astype("datetime64[ns]"),
        "n": [1, 2, 3], "f": [1.5, np.nan, 2.0], "flag": [True, False, True],
        "tokens": pd.Series([["x", "y"], [], None], dtype=object),
        "party": pd.Categorical(["a", "b", "a"], categories=["b", "a"], ordered=True),
        "count": pd.array([1, None, 3], dtype="Int64"),
        "utc": pd.to_datetime(["2001-01-01 10:00"] * 3).tz_localize("Europe/Paris"),
        "label": pd.array(["a", None, "c"], dtype="string"),
    }, index=pd.Index(["r1", "r2", "r3"], name="rid"))
    df.attrs["load_report"] = {"source": "x.csv", "empty_texts_dropped": 2}
    back = _round_trip(df)
    pd.testing.assert_frame_equal(back, df)
    assert back.attrs == df.attrs
    assert cache.fingerprint(back) == cache.fingerprint(df)
    multi = pd.DataFrame({"v": [1, 2]}, index=pd.MultiIndex.from_tuples(
        [("a", 1), ("b", 2)], names=["k", "j"]))
    pd.testing.assert_frame_equal(_round_trip(multi), multi)
    series = pd.Series([1, 2], index=pd.period_range("2000", periods=2, freq="5Y"), name="s")
    pd.testing.assert_series_equal(_round_trip(series), series)
    dated = pd.Series([1.0, 2.0], index=pd.date_range("2001", periods=2, freq="D"))
    assert _round_trip(dated).index.freq == dated.index.freq
    twice = pd.DataFrame([[1, 2]], columns=["a", "a"])
    pd.testing.assert_frame_equal(_round_trip(twice), twice)


def test_codec_round_trips_python_and_numpy_values_and_shared_references():
    values = [None, True, 3, -2.5, float("inf"), "s\u00e9", b"\x00\x01", (1, (2,)), {1, 2},
              frozenset({3}), range(2, 9, 3), 1 + 2j, Path("/a/b"), np.float32(1.5),
              np.int16(-3), np.datetime64("2001-01-01"), np.dtype("float32"), np.float32,
              pd.Timestamp("2001-01-01 10:00", tz="UTC"), pd.Period("2015Q3"),
              pd.Timedelta("1D"), {1: "a", (2, 3): [4]}]
    assert _round_trip(values) == values
    assert np.isnan(_round_trip(float("nan")))
    arr = np.asfortranarray(np.arange(6, dtype="int32").reshape(2, 3))
    back = _round_trip(arr)
    assert back.dtype == arr.dtype and back.flags.f_contiguous and np.array_equal(back, arr)
    state = np.random.RandomState(7)
    state.rand(3)
    assert _round_trip(state).rand() == state.rand()
    shared = [1]
    back = _round_trip({"a": shared, "b": shared})
    assert back["a"] is back["b"]
    loop: list = []
    loop.append(loop)
    again = _round_trip(loop)
    assert again[0] is again


def test_codec_refuses_code_and_unknown_objects():
    class Local:
        pass

    for value in (Local(), lambda: 1, threading.Lock(), np.array([Local()], dtype=object),
                  pd.Series([1]).groupby([0])):
        with pytest.raises(TypeError, match="cannot store"):
            cache.dumps(value)
    with pytest.raises(ValueError, match="not a stored value"):
        cache.loads(pickle.dumps({"a": 1}))


def test_codec_stores_a_fitted_topic_model_exactly():
    # the type topics.fit caches: a TopicModel holding gensim's LdaModel and Dictionary
    from toolkit import topics

    docs = [["war", "war", "peace", "treaty"]] * 12 + [["trade", "trade", "market", "tariff"]] * 8
    model = topics.TopicModel(2, passes=3, no_below=1, no_above=1.0, min_tokens=1).fit(docs)
    back = _round_trip(model)
    assert type(back) is type(model)
    assert back.lda_.id2word is back.dictionary_
    pd.testing.assert_frame_equal(topics.top_terms(back), topics.top_terms(model))
    assert np.array_equal(back.theta_, model.theta_)
    assert np.array_equal(back.transform(docs[:3]), model.transform(docs[:3]))
    for name, value in vars(model.lda_).items():
        if isinstance(value, np.ndarray):
            stored = getattr(back.lda_, name)
            assert stored.dtype == value.dtype and np.array_equal(stored, value), name
    assert back.lda_.random_state.get_state()[1].tolist() == \
        model.lda_.random_state.get_state()[1].tolist()


def test_cache_serves_an_equal_topic_model_warm(tmp_path):
    from toolkit import topics

    docs = [["war", "war", "peace", "treaty"]] * 12 + [["trade", "trade", "market", "tariff"]] * 8

    def fit():
        return topics.TopicModel(2, passes=3, no_below=1, no_above=1.0, min_tokens=1).fit(docs)

    cold = cache.cached("topics.fit", {"docs": docs}, fit, directory=tmp_path)
    warm = cache.cached("topics.fit", {"docs": docs}, fit, directory=tmp_path)
    assert warm is not cold
    pd.testing.assert_frame_equal(topics.doc_topics(warm), topics.doc_topics(cold))
    assert np.array_equal(warm.transform(docs), cold.transform(docs))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_killed_writer_not_yet_reaped_is_not_alive(tmp_path):
    # a killed run's worker stays a zombie until reaped (late, under some container inits):
    # its leftovers are orphans all the same, and the next run removes them
    from toolkit.cache import clean_orphans, process_alive

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    for _ in range(600):  # until it has exited, not waited for: a zombie
        if Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        pytest.fail("the child did not exit within 30 s")
    leftover = tmp_path / f".figure.svg.{child.pid}.abc123.tmp"
    leftover.write_bytes(b"half")
    try:
        assert not process_alive(child.pid)
        assert clean_orphans(tmp_path) == [leftover] and not leftover.exists()
    finally:
        child.wait()
    assert process_alive(os.getpid())
