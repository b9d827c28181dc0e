"""Tests for the bottom layer, toolkit._core: checks, paths, random, segment, encoding, progress."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from toolkit._core import (
    DEFAULT_SEED,
    check_choice,
    check_columns,
    check_int,
    check_number,
    check_type,
    data_path,
    project_dir,
    random_state,
    segment,
)
from toolkit._core.encoding import Vocabulary, encode_token_lists
from toolkit._core.progress import tqdm_disable
from toolkit._core.segment import paragraph_spans, sentence_spans, span_starts


def raises(kind: type[Exception], message: str):
    """``pytest.raises`` matching the whole message exactly."""
    return pytest.raises(kind, match="^" + re.escape(message) + "$")


# ---------------------------------------------------------------------------- checks


def test_check_choice_names_the_argument_and_the_choices():
    check_choice("unit", "sentence", ["sentence", "document"])
    check_choice("k", 2, (1, 2))
    with raises(ValueError, "unit='page' is invalid; must be one of 'sentence', 'document'"):
        check_choice("unit", "page", ["sentence", "document"])
    # an unhashable or incomparable value is a wrong value, not a crash
    with raises(ValueError, "unit=['x'] is invalid; must be one of 'sentence'"):
        check_choice("unit", ["x"], {"sentence"})


def test_check_type_is_a_type_error_with_a_short_repr():
    check_type("freq", "Y", str, "a string")
    check_type("table", pd.DataFrame(), (pd.DataFrame, pd.Series), "a table")
    with raises(TypeError, "freq=1 has the wrong type int; must be a string"):
        check_type("freq", 1, str, "a string")
    long = "x" * 100
    with pytest.raises(TypeError) as info:
        check_type("freq", [long], str, "a string")
    assert str(info.value).startswith("freq=['xxxx")
    assert "...' has" not in str(info.value) and "... has the wrong type list" in str(info.value)
    assert len(str(info.value)) < 120


@pytest.mark.parametrize("value", [0, 1, 5, np.int64(3), np.int32(2)])
def test_check_int_accepts_integers_in_range(value):
    check_int("n", value, minimum=0, maximum=5)


@pytest.mark.parametrize("value, kind, message", [
    (True, TypeError, "n=True has the wrong type bool; must be an integer >= 1"),
    (np.bool_(True), TypeError, "n=np.True_ has the wrong type bool; must be an integer >= 1"),
    (2.0, TypeError, "n=2.0 has the wrong type float; must be an integer >= 1"),
    ("3", TypeError, "n='3' has the wrong type str; must be an integer >= 1"),
    (None, TypeError, "n=None has the wrong type NoneType; must be an integer >= 1"),
    (float("nan"), TypeError, "n=nan has the wrong type float; must be an integer >= 1"),
    (0, ValueError, "n=0 is invalid; must be an integer >= 1"),
    (-3, ValueError, "n=-3 is invalid; must be an integer >= 1"),
])
def test_check_int_wrong_type_vs_wrong_value(value, kind, message):
    with raises(kind, message):
        check_int("n", value, minimum=1)


def test_check_int_bounds_and_none():
    with raises(ValueError, "k=6 is invalid; must be an integer >= 1 and <= 5"):
        check_int("k", 6, minimum=1, maximum=5)
    with raises(ValueError, "k=6 is invalid; must be an integer <= 5"):
        check_int("k", 6, maximum=5)
    check_int("k", 10**12)  # no bounds: any integer
    check_int("keep_n", None, minimum=0, allow_none=True)
    with raises(ValueError, "keep_n=-1 is invalid; must be an integer >= 0 or None"):
        check_int("keep_n", -1, minimum=0, allow_none=True)
    with raises(TypeError, "keep_n=1.5 has the wrong type float; must be an integer >= 0 or None"):
        check_int("keep_n", 1.5, minimum=0, allow_none=True)


@pytest.mark.parametrize("value", [0, 1, 0.5, np.float64(0.25), np.int64(1), np.float32(0.5)])
def test_check_number_accepts_real_numbers_in_range(value):
    check_number("alpha", value, minimum=0, maximum=1)


@pytest.mark.parametrize("value, kind, message", [
    (True, TypeError, "alpha=True has the wrong type bool; must be a number >= 0 and <= 1"),
    ("0.5", TypeError, "alpha='0.5' has the wrong type str; must be a number >= 0 and <= 1"),
    (None, TypeError, "alpha=None has the wrong type NoneType; must be a number >= 0 and <= 1"),
    (1j, TypeError, "alpha=1j has the wrong type complex; must be a number >= 0 and <= 1"),
    (float("nan"), ValueError, "alpha=nan is invalid; must be a number >= 0 and <= 1"),
    (np.nan, ValueError, "alpha=nan is invalid; must be a number >= 0 and <= 1"),
    (2, ValueError, "alpha=2 is invalid; must be a number >= 0 and <= 1"),
    (-0.5, ValueError, "alpha=-0.5 is invalid; must be a number >= 0 and <= 1"),
])
def test_check_number_wrong_type_vs_wrong_value(value, kind, message):
    with raises(kind, message):
        check_number("alpha", value, minimum=0, maximum=1)


def test_check_number_open_bounds_none_and_nan_without_bounds():
    check_number("x", 0.5, minimum=0, maximum=1, inclusive=False)
    for edge in (0, 1):
        with raises(ValueError, f"x={edge} is invalid; must be a number > 0 and < 1"):
            check_number("x", edge, minimum=0, maximum=1, inclusive=False)
    check_number("x", None, allow_none=True)
    with raises(TypeError, "x='a' has the wrong type str; must be a number or None"):
        check_number("x", "a", allow_none=True)
    with raises(ValueError, "x=nan is invalid; must be a number"):  # NaN is never valid
        check_number("x", float("nan"))
    check_number("x", -1e300)


def test_check_columns_type_error_then_missing_columns():
    table = pd.DataFrame({"a": [1], "c": [2]})
    check_columns(table, ["a", "c"], name="edges", expected="an Edges table")
    with raises(ValueError, "edges is missing columns ['b'] (found ['a', 'c']); "
                            "expected an Edges table"):
        check_columns(table, ["a", "b"], name="edges", expected="an Edges table")
    with raises(TypeError, "edges has the wrong type dict; must be an Edges table "
                           "(a pandas DataFrame)"):
        check_columns({"a": [1]}, ["a"], name="edges", expected="an Edges table")


# ---------------------------------------------------------------------------- paths


@pytest.mark.parametrize("parts, kind", [
    (("actors",), "dir"), (("actors", "states.yaml"), "file"), (("stopwords",), "dir"),
    (("stopwords", "english.txt"), "file"), (("house.mplstyle",), "file"),
    (("corpora",), "dir"), (("corpora", "sample"), "dir"), (("events",), "dir"),
    (("events", "sotu.csv"), "file"),
])
def test_data_path_finds_the_package_data(parts, kind):
    path = data_path(*parts)
    assert path.is_dir() if kind == "dir" else path.is_file()
    assert path.parts[-len(parts) - 2:-len(parts)] == ("toolkit", "data")


def test_project_dir_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_PROJECT", str(tmp_path / "mine"))
    monkeypatch.chdir(tmp_path)
    assert project_dir() == (tmp_path / "mine").resolve()


@pytest.mark.parametrize("marker", ["pyproject.toml", ".git"])
def test_project_dir_finds_the_nearest_marked_folder(tmp_path, monkeypatch, marker):
    monkeypatch.delenv("TOOLKIT_PROJECT", raising=False)
    outer = tmp_path / "outer"
    inner = outer / "inner"
    deep = inner / "notebooks" / "drafts"
    deep.mkdir(parents=True)
    (outer / ".git").mkdir()
    if marker == ".git":
        (inner / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    else:
        (inner / marker).write_text("[project]\n")
    monkeypatch.chdir(deep)
    assert project_dir() == inner.resolve()
    monkeypatch.chdir(outer)
    assert project_dir() == outer.resolve()
    (inner / marker).unlink()
    monkeypatch.chdir(deep)
    assert project_dir() == outer.resolve()


def test_project_dir_falls_back_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("TOOLKIT_PROJECT", raising=False)
    here = (tmp_path / "a" / "b").resolve()
    here.mkdir(parents=True)
    if any((d / m).exists() for d in here.parents for m in ("pyproject.toml", ".git")):
        pytest.skip("a folder above the temporary directory is marked as a project")
    monkeypatch.chdir(here)
    assert project_dir() == here


# ---------------------------------------------------------------------------- random


def test_random_state_none_means_the_default_seed():
    assert DEFAULT_SEED == 2015
    assert (random_state(None).integers(10**9, size=5).tolist()
            == random_state(DEFAULT_SEED).integers(10**9, size=5).tolist()
            == np.random.default_rng(2015).integers(10**9, size=5).tolist())
    assert random_state().random() == random_state(None).random()
    assert random_state(np.int64(7)).random() == random_state(7).random()
    gen = np.random.default_rng(1)
    assert random_state(gen) is gen


def test_random_state_rejects_what_is_not_a_seed():
    with raises(TypeError, "seed='1' has the wrong type str; must be an int or a numpy Generator"):
        random_state("1")
    with raises(TypeError, "seed=True has the wrong type bool; must be an int or a numpy "
                           "Generator"):
        random_state(True)
    with raises(TypeError, "seed=1.0 has the wrong type float; must be an int or a numpy "
                           "Generator"):
        random_state(1.0)


def test_random_state_leaves_the_global_generators_alone():
    before = np.random.get_state()[1].copy()
    random_state(3).random(10)
    assert (np.random.get_state()[1] == before).all()


# ---------------------------------------------------------------------------- encoding


def test_vocabulary_gives_consecutive_ids():
    vocab = Vocabulary()
    assert [vocab[w] for w in ["b", "a", "b", "c"]] == [0, 1, 0, 2]
    assert list(vocab) == ["b", "a", "c"]


def test_encode_token_lists_ids_adjacency_and_empty_lists():
    ids, adjacent, lengths, strings = encode_token_lists([["a", "b"], [], ("c", "a")])
    assert ids.dtype == np.int32 and lengths.dtype == np.int64
    assert ids.tolist() == [0, 1, 2, 0]
    assert adjacent.tolist() == [True, False, True]  # b|c: different lists
    assert lengths.tolist() == [2, 0, 2]
    assert strings == ["a", "b", "c"]
    ids, adjacent, lengths, strings = encode_token_lists([])
    assert (ids.tolist(), adjacent.tolist(), lengths.tolist(), strings) == ([], [], [], [])
    ids, adjacent, lengths, strings = encode_token_lists([[], []])
    assert (adjacent.tolist(), lengths.tolist()) == ([], [0, 0])


def test_encode_token_lists_rejects_a_plain_string():
    with raises(TypeError, "expected lists of tokens, but item 1 is a single string "
                           "('peace talks'); split it first, e.g. with tokens()"):
        encode_token_lists([["a"], "peace talks"])


# ---------------------------------------------------------------------------- segment

TEXTS = [
    "Mr. Obama met U.S. officials. It cost $3.5 bn. “Good,” he said. No. 10 agreed!",
    "A long line that\nwraps here.\n\nNext. Then Gen. Dunford spoke. J. F. Kennedy came.",
    "",
    "one paragraph without a full stop",
    "Q. Who? A. Nobody. The U.N. Charter was signed in 1945. It stands.\nNew line.",
    "Ends with an abbreviation, e.g.\nThe next line.",
]


def _reference_starts(texts):
    doc_start = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    paragraphs, sentences = [], []
    for text, offset in zip(texts, doc_start):
        paragraphs += [s + offset for s, _ in paragraph_spans(text)]
        sentences += [s + offset for s, _ in sentence_spans(text)]
    return doc_start, paragraphs, sentences


def test_span_starts_agrees_with_the_per_text_splitters():
    doc_start, paragraphs, sentences = _reference_starts(TEXTS)
    p, s = span_starts(TEXTS, "\x00".join(TEXTS), doc_start)
    assert p.tolist() == paragraphs
    assert s.tolist() == sentences
    # the slow path, taken when the text holds the separator of the fast one
    texts = [t.replace("said", "sa\x01id") for t in TEXTS]
    doc_start, paragraphs, sentences = _reference_starts(texts)
    p, s = span_starts(texts, "\x00".join(texts), doc_start)
    assert (p.tolist(), s.tolist()) == (paragraphs, sentences)


def test_the_abbreviation_memo_is_keyed_on_strings_and_bounded(monkeypatch):
    monkeypatch.setattr(segment, "_RUN_VERDICTS", {f"run{i}": False for i in range((1 << 16) + 1)})
    doc_start, _, sentences = _reference_starts(TEXTS)
    _, s = span_starts(TEXTS, "\x00".join(TEXTS), doc_start)
    assert s.tolist() == sentences
    memo = segment._RUN_VERDICTS
    assert len(memo) < 100 and all(isinstance(k, str) for k in memo)
    assert memo["rM"] is True  # "Mr", reversed


def test_splitters_reject_non_strings():
    with raises(TypeError, "paragraph_spans expects a str, not bytes"):
        paragraph_spans(b"text")
    with raises(TypeError, "paragraph_spans expects a str, not NoneType"):
        sentence_spans(None)


# ---------------------------------------------------------------------------- progress


def test_tqdm_disable():
    assert tqdm_disable(None) is None
    assert tqdm_disable(True) is False
    assert tqdm_disable(False) is True
