"""Issues 11 and 16: every bad corpus or events input gets a named error or a counted report.

Each test feeds one kind of bad input (real text where it matters: the Lee news corpus that
ships with gensim, the shipped US addresses) and asserts the error names the file, the line
and the value, or that the load report counts what was repaired. The case table is
``tests/README.md``.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from toolkit import corpus as C
from toolkit import timeline
from toolkit.timeline.events import EventsError


@pytest.fixture(scope="module")
def lee() -> list[str]:
    from gensim.test.utils import datapath

    with open(datapath("lee_background.cor"), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()][:40]


def _lee_csv(lee: list[str]) -> str:
    frame = pd.DataFrame({"id": [f"lee-{i:03d}" for i in range(len(lee))], "text": lee})
    return frame.to_csv(index=False)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("value", ["1600-01-01", "3000-06-30", "1066"])
def test_issue16_corpus_dates_out_of_range_name_file_line_value(tmp_path, value):
    path = tmp_path / "old.csv"
    path.write_text(f"id,date,text\na,2001-02-03,Fine.\nb,{value},Too far.\n")
    with pytest.raises(C.CorpusError, match=rf"old\.csv: date '{value}' is outside the dates "
                                            r"pandas holds \(1677-09-22 to 2262-04-11\) at "
                                            r"line 3"):
        C.load(path)
    kept = C.load(path, date_errors="coerce")
    assert kept["date"].isna().tolist() == [False, True]
    assert kept.attrs["load_report"]["dates_out_of_range_coerced"] == 1


def test_issue16_out_of_range_dates_in_jsonl_and_parquet(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"id": "a", "date": "2001-01-01", "text": "x"}\n'
                                      '{"id": "b", "date": "1492-10-12", "text": "y"}\n')
    with pytest.raises(C.CorpusError, match=r"c\.jsonl: date '1492-10-12' .* at line 2"):
        C.load(tmp_path / "c.jsonl")
    dates = np.array(["2001-01-01", "1492-10-12"], dtype="datetime64[s]")
    pd.DataFrame({"id": ["a", "b"], "date": dates, "text": ["x", "y"]}).to_parquet(
        tmp_path / "c.parquet")
    with pytest.raises(C.CorpusError, match=r"c\.parquet: date .*1492-10-12.* is outside .* "
                                            r"at row 1"):
        C.load(tmp_path / "c.parquet")


@pytest.mark.parametrize("value", ["1600-01-01", "2300-01-01"])
def test_issue16_events_dates_out_of_range_name_file_and_line(tmp_path, value):
    path = tmp_path / "events.csv"
    path.write_text(f"date,label\n1990-08-02,Iraq invades Kuwait\n{value},Too far\n")
    with pytest.raises(EventsError, match=rf"events\.csv, line 3: date '{value}' is outside "
                                          r"the dates pandas holds"):
        timeline.load_events(path)


def test_issue11_integer_years_are_years_on_the_us_addresses():
    # the silent wrong result of issue 11: start=2000, end=2012 read as nanoseconds kept 0
    everything = C.load("sotu")
    expected = everything[(everything["date"] >= "2000-01-01")
                          & (everything["date"] <= "2012-12-31")]["doc_id"].tolist()
    assert len(expected) == 11
    for start, end in ((2000, 2012), ("2000", "2012"), (np.int64(2000), np.int32(2012))):
        assert C.load("sotu", start=start, end=end)["doc_id"].tolist() == expected
    assert C.load("sotu", start=2002, end=2002)["date"].dt.year.unique().tolist() == [2002]
    assert C.load("sotu", end="2000-06")["date"].max() == pd.Timestamp("2000-01-27")
    events = timeline.load_events("sotu")
    assert timeline.select_events(events, start=2001, end=2003)["label"].tolist() == \
        timeline.select_events(events, start="2001", end="2003")["label"].tolist()


@pytest.mark.parametrize("kwargs, error, message", [
    ({"start": 1600}, ValueError, r"start=1600 is invalid; must be a year from 1678 to 2261"),
    ({"end": 99999}, ValueError, r"end=99999 is invalid"),
    ({"start": 2000.0}, TypeError, r"start=2000.0 has the wrong type float; must be a year "),
    ({"start": True}, TypeError, r"start=True has the wrong type bool"),
    ({"end": "20x"}, ValueError, r"end='20x' is invalid; must be a year \(2000\) or a date"),
    ({"dayfirst": "yes"}, TypeError, r"dayfirst='yes' has the wrong type str"),
])
def test_issue11_bad_date_range_arguments_are_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        C.load("sample", **kwargs)


def test_issue11_day_month_order_is_never_guessed(tmp_path):
    # the issue's column: Sep 28, then 5 and 12 October, written day first
    path = tmp_path / "news.csv"
    path.write_text("id,date,text\na,28/09/2015,x\nb,05/10/2015,y\nc,12/10/2015,z\n")
    with pytest.raises(C.CorpusError, match=r"news\.csv: ambiguous date '05/10/2015' at line 3"
                                            r".*put the day first \('28/09/2015' at line 2\): "
                                            r"pass dayfirst=True"):
        C.load(path)
    assert C.load(path, dayfirst=True)["date"].tolist() == [
        pd.Timestamp("2015-09-28"), pd.Timestamp("2015-10-05"), pd.Timestamp("2015-10-12")]
    with pytest.raises(C.CorpusError, match=r"date '28/09/2015' at line 2 cannot be "
                                            r"month/day/year \(dayfirst=False\)"):
        C.load(path, dayfirst=False)
    path.write_text("id,date,text\na,09/28/2015,x\nb,10/05/2015 14:30,y\n")
    assert C.load(path, dayfirst=False)["date"].tolist() == [
        pd.Timestamp("2015-09-28"), pd.Timestamp("2015-10-05 14:30")]


def test_issue11_mixed_orders_and_unambiguous_columns(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("id,date,text\na,28/09/2015,x\nb,09/29/2015,y\n")
    with pytest.raises(C.CorpusError, match=r"mixes day/month/year \('28/09/2015' at line 2\) "
                                            r"and month/day/year \('09/29/2015' at line 3\)"):
        C.load(path)
    # every value says its order itself, or is the same both ways: no option needed
    path.write_text("id,date,text\na,28/09/2015,x\nb,13.10.15,y\nc,01/01/2016,z\n")
    assert C.load(path)["date"].tolist() == [pd.Timestamp("2015-09-28"),
                                            pd.Timestamp("2015-10-13"),
                                            pd.Timestamp("2016-01-01")]
    # ISO and spelled-out dates are never ambiguous
    path.write_text('id,date,text\na,2015-10-05,x\nb,"5 October 2015",y\nc,"Oct 5, 2015",z\n')
    assert C.load(path)["date"].dt.strftime("%Y-%m-%d").unique().tolist() == ["2015-10-05"]


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize("name", ["empty.csv", "empty.tsv", "empty.txt", "blank.csv"])
def test_issue16_empty_files_are_named(tmp_path, name):
    path = tmp_path / name
    path.write_text("  \n\n" if name.startswith("blank") else "")
    with pytest.raises(C.CorpusError, match=rf"{name}: the file is empty"):
        C.load(path)


def test_issue16_empty_jsonl_is_not_a_missing_column(tmp_path):
    path = tmp_path / "news.jsonl"
    for content in ("", "\n  \n"):
        path.write_text(content)
        with pytest.raises(C.CorpusError, match=r"news\.jsonl: no JSON objects: the file is "
                                                r"empty"):
            C.load(path)


@pytest.mark.parametrize("encoding, counted", [
    ("utf-16", "files_decoded_as_utf_16_le"),
    ("utf-16-le", "files_decoded_as_utf_16_le_without_bom"),
    ("utf-16-be", "files_decoded_as_utf_16_be_without_bom"),
])
def test_issue16_utf16_csv_is_decoded_and_counted(tmp_path, lee, encoding, counted):
    path = tmp_path / "lee.csv"
    path.write_bytes(_lee_csv(lee).encode(encoding))
    loaded = C.load(path)
    assert loaded["text"].tolist() == lee
    assert loaded["doc_id"].tolist()[:2] == ["lee-000", "lee-001"]
    assert loaded.attrs["load_report"][counted] == 1


def test_issue16_nul_bytes_that_are_not_utf16_are_named(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"id,text\na,\x00\x01\x02 stray bytes\n")
    with pytest.raises(C.CorpusError, match=r"binary\.csv: holds NUL bytes \(1\), so it is not "
                                            "a text file in UTF-8"):
        C.load(path)


def test_issue16_a_single_txt_file_is_one_document(tmp_path, lee):
    path = tmp_path / "bushfires.txt"
    path.write_text("\n\n".join(lee[:3]), encoding="utf-8")
    doc = C.load(path)
    assert doc["doc_id"].tolist() == ["bushfires"]
    assert doc.loc[0, "text"] == "\n\n".join(lee[:3])
    assert len(C.load(path, paragraphs=True)) == 3
    # a delimited .txt is read as a table when the separator is given
    table = tmp_path / "table.txt"
    table.write_text("id|text\na|One.\nb|Two.\n")
    assert C.load(table, sep="|")["doc_id"].tolist() == ["a", "b"]


def test_issue16_non_parquet_bytes_named_parquet(tmp_path, lee):
    path = tmp_path / "news.parquet"
    path.write_text(_lee_csv(lee))
    with pytest.raises(C.CorpusError, match=r"news\.parquet: not a Parquet file \(it starts "
                                            r"with b'id,t'; Parquet files start with b'PAR1'\)"):
        C.load(path)
    pd.DataFrame({"id": ["a"], "text": [lee[0]]}).to_parquet(path)
    path.write_bytes(path.read_bytes()[:60])  # cut short
    with pytest.raises(C.CorpusError, match=r"news\.parquet: cannot read this Parquet file"):
        C.load(path)
    path.write_bytes(b"")
    with pytest.raises(C.CorpusError, match=r"news\.parquet: the file is empty"):
        C.load(path)


@pytest.mark.parametrize("text, shown", [
    ('["Talks", "resumed"]', r"text is list \"\['Talks', 'resumed'\]\", not a string"),
    ("42", r"text is int '42', not a string"),
    ('{"en": "Talks"}', r"text is dict \"\{'en': 'Talks'\}\", not a string"),
])
def test_issue16_jsonl_text_that_is_not_a_string(tmp_path, text, shown):
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "a", "text": "Talks resumed in Oslo."}\n'
                    f'{{"id": "b", "text": {text}}}\n')
    with pytest.raises(C.CorpusError, match=rf"news\.jsonl, line 2: {shown}"):
        C.load(path)


def test_issue16_jsonl_line_without_text_is_malformed_not_empty(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "a", "text": "Talks resumed."}\n{"id": "b", "title": "No body"}\n'
                    '{"id": "c", "text": null}\n')
    with pytest.raises(C.CorpusError, match=r"news\.jsonl, line 2: has no 'text' field \(a "
                                            r"line without it is malformed"):
        C.load(path)
    path.write_text('{"id": "a", "text": "Talks resumed.", "n": 1}\n{"id": "c", "text": null}\n'
                    '{"id": "d", "text": "", "extra": "kept"}\n')
    loaded = C.load(path)
    assert loaded["doc_id"].tolist() == ["a"] and loaded["n"].tolist() == [1.0]
    assert loaded.attrs["load_report"]["empty_texts_dropped"] == 2


def test_issue16_parquet_float_ids(tmp_path):
    path = tmp_path / "ids.parquet"
    pd.DataFrame({"id": [1.0, 2.0, 30.0], "text": ["a", "b", "c"]}).to_parquet(path)
    loaded = C.load(path)
    assert loaded["doc_id"].tolist() == ["1", "2", "30"]
    assert loaded.attrs["load_report"]["float_ids_read_as_integers"] == 3
    pd.DataFrame({"id": [1.0, 2.5], "text": ["a", "b"]}).to_parquet(path)
    with pytest.raises(C.CorpusError, match=r"ids\.parquet, row 1: doc_id is float64 '2\.5', "
                                            r"not a string or an integer"):
        C.load(path)
    (tmp_path / "ids.jsonl").write_text('{"id": [1], "text": "a"}\n')
    with pytest.raises(C.CorpusError, match=r"line 1: doc_id is list"):
        C.load(tmp_path / "ids.jsonl")


def test_issue16_csv_row_missing_its_text_is_malformed(tmp_path, lee):
    path = tmp_path / "news.csv"
    body = pd.DataFrame({"id": [0, 1, 2], "date": ["2015-09-10", "2015-09-11", "2015-09-12"],
                         "text": lee[:3]}).to_csv(index=False)
    path.write_text(f"{body}3,2015-09-13\n4,2015-09-14,\n")
    with pytest.raises(C.CorpusError, match=r"news\.csv: malformed row: line 5 has 2 field\(s\), "
                                            r"expected 3 \(id,date,text\) \(no 'text'\)"):
        C.load(path)
    # an empty field is an empty text: dropped and counted
    path.write_text(f"{body}4,2015-09-14,\n")
    loaded = C.load(path)
    assert len(loaded) == 3 and loaded.attrs["load_report"]["empty_texts_dropped"] == 1


def test_issue16_lines_are_counted_across_quoted_newlines(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('id,date,text\na,2015-09-28,"First paragraph.\n\nSecond paragraph."\n'
                    "b,not a date,Short.\n")
    with pytest.raises(C.CorpusError, match=r"cannot parse date 'not a date' at line 5"):
        C.load(path)


# --------------------------------------------------------------------------- events files


def test_issue16_bad_events_files_are_named(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("")
    with pytest.raises(EventsError, match=r"events\.csv: the file is empty"):
        timeline.load_events(path)
    path.write_bytes("date,label\n1990-08-02,Invasion of Kuwait\n".encode("utf-16"))
    assert timeline.load_events(path)["label"].tolist() == ["Invasion of Kuwait"]
    path.write_bytes("date,label\n1990-08-02,Invasion of Kuwait\n".encode("utf-16-le"))
    with pytest.raises(EventsError, match=r"events\.csv: holds NUL bytes, so it is not UTF-8 "
                                          r"text \(UTF-16 without a byte-order mark\?\)"):
        timeline.load_events(path)
    path.write_bytes("date,label\n1990-08-02,Caf\xe9 talks\n".encode("latin-1"))
    with pytest.raises(EventsError, match=r"events\.csv, line 2: byte 0xe9 is not UTF-8"):
        timeline.load_events(path)


def test_issue16_json_years_as_numbers_are_years(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps({"id": str(y), "date": y, "text": "x"})
                              for y in (1990, 2015)))
    assert C.load(path)["date"].tolist() == [pd.Timestamp("1990-01-01"),
                                            pd.Timestamp("2015-01-01")]
