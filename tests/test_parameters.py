"""Tests for toolkit.cli.parameters: the parameters file and the checks before any notebook runs.

Regression tests of issue 11: a dict passed through the shell lost its quotes; integer
years were read as nanoseconds; unknown actor ids were charted as flat zero lines;
"Passed unknown parameter" warnings in every notebook.
"""

from __future__ import annotations

import logging
from pathlib import Path

import nbformat
import pytest

from toolkit.cli import main
from toolkit.cli.notebooks import list_notebooks, parse_parameter
from toolkit.cli.parameters import (
    ParameterError,
    find_parameters_file,
    read_parameters_file,
    validate_parameters,
)

NOTEBOOKS = list_notebooks()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_issue_11_parameters_file_needs_no_quoting_and_years_are_years(tmp_path):
    f = _write(tmp_path / "news.params.yaml", """\
# my settings
start: 2014
end: 2016-06-30
actors: [RUS, UKR, USA]
terms:
  - sanctions
  - cold war
seed_words: {energy: [gas, pipeline], war: [troop]}
alpha: 0.1
""")
    values, origins = read_parameters_file(f)
    assert values == {"start": "2014", "end": "2016-06-30", "actors": ["RUS", "UKR", "USA"],
                      "terms": ["sanctions", "cold war"],
                      "seed_words": {"energy": ["gas", "pipeline"], "war": ["troop"]},
                      "alpha": 0.1}
    assert origins["terms"] == f"{f}, line 5"
    plan = validate_parameters(values, NOTEBOOKS, origins=origins)
    assert plan.per_notebook["01-corpus"] == {"start": "2014", "end": "2016-06-30"}
    assert plan.per_notebook["03-actors"] == {"start": "2014", "end": "2016-06-30",
                                              "alpha": 0.1}
    assert plan.per_notebook["04-timeline"]["actors"] == ["RUS", "UKR", "USA"]
    assert all("actors" not in p for n, p in plan.per_notebook.items() if n != "04-timeline")


def test_issue_11_the_shell_cannot_eat_the_quotes_of_a_list_or_dict():
    # what the shell leaves of -p 'seed_words={"economy": ["tax"]}' without quotes
    assert parse_parameter("seed_words={economy: [tax, job]}") == (
        "seed_words", {"economy": ["tax", "job"]})
    assert parse_parameter("actors=[RUS,CHN]") == ("actors", ["RUS", "CHN"])
    assert parse_parameter("start=2000") == ("start", "2000")
    with pytest.raises(ValueError, match=r"a list or dict must read as \[a, b\]"):
        parse_parameter("actors=[RUS, CHN")


def test_issue_11_every_problem_in_one_error_with_where_it_was_set(tmp_path):
    f = _write(tmp_path / "bad.yaml", "start: yesterday\nunits: document\nalpha: 3\n"
                                      "actors: [Russia, XYZ]\nlevel: town\nseed: 1.5\n")
    values, origins = read_parameters_file(f)
    with pytest.raises(ParameterError) as info:
        validate_parameters(values, NOTEBOOKS, origins=origins)
    message = str(info.value)
    assert message.startswith("6 problems with the parameters:")
    for expected in [
        f"start ({f}, line 1): 'yesterday' is not a date; must be a year (2000)",
        f"units ({f}, line 2): no notebook has this parameter; did you mean 'unit'?",
        f"alpha ({f}, line 3): 3 is invalid; must be a number in (0, 1]",
        f"actors ({f}, line 4): 'Russia' is not an actor id at level='country'; did you "
        "mean 'RUS' (Russia)?",
        f"level ({f}, line 5): 'town' is invalid; must be one of 'actor', 'country'",
        f"seed ({f}, line 6): 1.5 has the wrong type float; must be an integer",
    ]:
        assert expected in message, message


@pytest.mark.parametrize("name, value, error", [
    ("pair", ["RUS"], "must be two different actor ids"),
    ("pair", "RUS", "must be two different actor ids"),
    ("freq", "fortnight", "freq"),
    ("freq", 12, "must be a period such as 'Y'"),
    ("paragraphs", "yes", "must be true or false"),
    ("min_count", 0, "must be an integer >= 1"),
    ("backbone_alpha", 1, r"must be a number in \(0, 1\)"),
    ("burst_s", 1.0, "must be a number > 1"),
    ("duplicate_threshold", True, "has the wrong type bool"),
    ("ego_actor", "Atlantis", "'Atlantis' is not an actor id"),
    ("labels", "30", "has the wrong type str; must be an integer"),
    ("seed", None, "is empty; must be a value like the default 2015"),
    ("corpus", "x.csv", "set the corpus with --corpus"),
])
def test_wrong_values_are_named(name, value, error):
    with pytest.raises(ParameterError, match=error):
        validate_parameters({name: value}, NOTEBOOKS)


def test_a_name_two_notebooks_use_differently_is_checked_for_each():
    # "unit" is what counts as together in 03-actors, the document unit of 02-topics
    assert validate_parameters({"unit": "paragraph"}, NOTEBOOKS).per_notebook[
        "02-topics"]["unit"] == "paragraph"
    with pytest.raises(ParameterError, match=r"unit \(-p unit=...\) for 02-topics: "
                                             r"'sentence' is invalid; must be one of 'auto'"):
        validate_parameters({"unit": "sentence"}, NOTEBOOKS)
    # a run of 03 alone takes it (a partial run checks the notebooks that run)
    actors_only = [p for p in NOTEBOOKS if p.stem == "03-actors"]
    plan = validate_parameters({"unit": "sentence"}, NOTEBOOKS, running=actors_only)
    assert plan.per_notebook["03-actors"] == {"unit": "sentence"}
    with pytest.raises(ParameterError, match="no notebook has this parameter"):
        validate_parameters({"unti": "sentence"}, NOTEBOOKS, running=actors_only)


@pytest.mark.parametrize("name, value, error", [
    ("num_topics_grid", [5, 0], "must be integers >= 1"),
    ("num_topics_grid", "10", "must be a list of integers"),
    ("seed_words", ["tax"], "must map names to lists of words"),
    ("n_jobs", 0, "must be an integer >= 1"),
])
def test_topic_parameters_are_typed(name, value, error):
    with pytest.raises(ParameterError, match=error):
        validate_parameters({name: value}, NOTEBOOKS)
    assert validate_parameters({"seed_words": {"energy": "gas, oil"}}, NOTEBOOKS).parameters[
        "seed_words"] == {"energy": ["gas", "oil"]}


def test_values_that_pass_and_none_where_the_default_is_none():
    plan = validate_parameters({"freq": "5Y", "ego_actor": "Russia", "pair": "RUS,CHN",
                                "terms": "cold war", "min_count": None, "events": "sotu",
                                "duplicate_threshold": 1, "level": "actor",
                                "headline": ["vladimir_putin"]}, NOTEBOOKS)
    assert plan.parameters["pair"] == ["RUS", "CHN"]
    assert plan.parameters["terms"] == ["cold war"]
    assert plan.parameters["min_count"] is None
    assert plan.per_notebook["03-actors"]["ego_actor"] == "Russia"


def test_issue_11_actors_and_terms_the_corpus_never_mentions_are_warnings(caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.cli"):
        plan = validate_parameters({"actors": ["RUS", "TUV"], "terms": ["peace", "zebra crossing"]},
                                   NOTEBOOKS, corpus="sample")
    assert plan.warnings == [
        "actors: TUV never mentioned in the corpus (1 documents): their lines will be empty",
        "terms: 'peace', 'zebra crossing' never used in the corpus (1 documents): their "
        "lines will be empty",
    ]
    assert "TUV never mentioned" in caplog.text


def test_find_parameters_file_next_to_the_corpus(tmp_path):
    csv = _write(tmp_path / "my-news.csv", "id,text\n1,x\n")
    assert find_parameters_file(str(csv)) is None
    found = _write(tmp_path / "my-news.params.yaml", "seed: 7\n")
    assert find_parameters_file(str(csv)) == found
    folder = tmp_path / "speeches"
    folder.mkdir()
    _write(tmp_path / "speeches.params.yml", "seed: 8\n")
    assert find_parameters_file(str(folder)) == tmp_path / "speeches.params.yml"
    assert find_parameters_file("sotu") is None


@pytest.mark.parametrize("text, error", [
    ("- a\n- b\n", "must hold 'name: value' lines, not a list"),
    ("start: [2000\n", "line 2: not valid YAML"),
    ("1x: 3\n", "1 is not a parameter name|'1x' is not a parameter name"),
])
def test_bad_parameters_files(tmp_path, text, error):
    with pytest.raises(ParameterError, match=error):
        read_parameters_file(_write(tmp_path / "p.yaml", text))
    assert read_parameters_file(_write(tmp_path / "empty.yaml", "# nothing\n")) == ({}, {})
    with pytest.raises(ParameterError, match="does not exist"):
        read_parameters_file(tmp_path / "missing.yaml")


def test_main_checks_parameters_before_anything_runs(tmp_path, capsys):
    csv = _write(tmp_path / "my-news.csv", "id,text\n1,Russia and China met.\n")
    _write(tmp_path / "my-news.params.yaml", "num_topicz: 5\n")
    assert main(["figures", "--corpus", str(csv), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"num_topicz ({tmp_path / 'my-news.params.yaml'}, line 1): no notebook has this " \
           "parameter" in err
    assert not (tmp_path / "out").exists()
    # -p wins over the file, and is named as the place of the error
    other = _write(tmp_path / "other.yaml", "alpha: 0.1\n")
    assert main(["figures", "--corpus", str(csv), "--params-file", str(other),
                 "-p", "alpha=7", "--out", str(tmp_path / "out")]) == 2
    assert "alpha (-p alpha=7): 7 is invalid" in capsys.readouterr().err


def test_every_notebook_parameter_has_a_check_or_a_typed_default():
    """A parameter whose default is None accepts anything unless a rule says what it is."""
    from toolkit.cli.parameters import _RULES
    from toolkit.figures.folders import parameters_cell

    untyped = {name for path in NOTEBOOKS if path.stem != "02-topics"
               for name, default in parameters_cell(path).items()
               if default is None and name not in _RULES}
    assert not untyped, untyped
    for path in NOTEBOOKS:
        assert nbformat.read(path, as_version=4).cells[0].cell_type == "markdown"
