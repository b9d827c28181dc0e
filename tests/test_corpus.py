"""Tests for toolkit.corpus: formats, schema, bad input, shipped corpora, duplicates."""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest

from toolkit import corpus as C
from toolkit._core import UNGDC_PARQUET, data_path

needs_ungdc = pytest.mark.skipif(
    not UNGDC_PARQUET.exists(),
    reason=f"UN General Debate corpus not found at {UNGDC_PARQUET} (../shared beside the repo)")


def snapshot(folder):
    """Names, sizes and mtimes of every file below ``folder``: to prove nothing was written."""
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in folder.rglob("*"))


# ----------------------------------------------------------------------------- formats


def test_csv_with_news_column_names(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,published_at,outlet,headline,body,lang\n"
                    "a1,2015-09-28T10:00:00Z,Reuters,Putin meets Obama,Text one.,en\n"
                    "a2,2015-09-29,AFP,Second,Text two.,fr\n", encoding="utf-8")
    c = C.load(path)
    assert list(c.columns) == ["doc_id", "date", "source", "title", "text", "lang"]
    assert c["doc_id"].tolist() == ["a1", "a2"]
    assert c["date"].dtype == "datetime64[ns]"
    assert c["date"].tolist() == [pd.Timestamp("2015-09-28 10:00"), pd.Timestamp("2015-09-29")]
    assert c["source"].tolist() == ["Reuters", "AFP"]
    assert c["lang"].tolist() == ["en", "fr"]


def test_timezones_are_converted_to_utc(tmp_path):
    path = tmp_path / "tz.csv"
    path.write_text("doc_id,date,text\na,2015-09-28T23:30:00-05:00,x\n", encoding="utf-8")
    assert C.load(path)["date"][0] == pd.Timestamp("2015-09-29 04:30")


def test_tsv_jsonl_parquet_give_the_same_table(tmp_path):
    df = pd.DataFrame({"doc_id": ["x", "y"], "date": ["2020-01-01", "2020-02-01"],
                       "source": ["s", "t"], "title": ["A", "B"], "text": ["one", "two"]})
    df.to_csv(tmp_path / "c.tsv", sep="\t", index=False)
    (tmp_path / "c.jsonl").write_text(
        "\n".join(json.dumps(r) for r in df.to_dict("records")), encoding="utf-8")
    df.to_parquet(tmp_path / "c.parquet")
    tables = [C.load(tmp_path / n) for n in ("c.tsv", "c.jsonl", "c.parquet")]
    for t in tables[1:]:
        pd.testing.assert_frame_equal(t, tables[0])


def test_a_partitioned_parquet_dataset_loads_as_the_streamed_path_reads_it(tmp_path):
    from toolkit.corpus.stream import stream

    df = pd.DataFrame({"doc_id": list("abcde"), "date": ["2020-01-01"] * 3 + ["2021-05-01"] * 2,
                       "text": ["one", "two", "three", "four", "five"]})
    for year, part in df.groupby(df["date"].str[:4]):
        (tmp_path / f"year={year}").mkdir()
        part.to_parquet(tmp_path / f"year={year}" / "part-0.parquet", row_group_size=2)
    (tmp_path / "_SUCCESS").write_text("")
    loaded = C.load(tmp_path)
    assert loaded["doc_id"].tolist() == list("abcde")
    assert loaded["year"].tolist() == [2020] * 3 + [2021] * 2  # hive keys are typed columns
    streamed = pd.concat([d for _, d in stream(tmp_path, rows=2)], ignore_index=True)
    pd.testing.assert_frame_equal(loaded, streamed, check_dtype=False)


def test_a_parquet_dataset_with_notes_beside_the_data_loads_and_streams(tmp_path):
    # a researcher's folder: a README and a macOS .DS_Store next to the Parquet files
    from toolkit.corpus.stream import stream

    (tmp_path / "year=2015").mkdir()
    pd.DataFrame({"doc_id": ["a", "b"], "text": ["Peace talks.", "Trade deal."]}).to_parquet(
        tmp_path / "year=2015" / "part-0.parquet")
    (tmp_path / "README.md").write_text("Speeches, one file per year.\n", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    loaded = C.load(tmp_path)
    assert loaded["doc_id"].tolist() == ["a", "b"] and loaded["year"].tolist() == [2015] * 2
    streamed = pd.concat([d for _, d in stream(tmp_path, rows=10)], ignore_index=True)
    pd.testing.assert_frame_equal(loaded, streamed, check_dtype=False)


def test_user_column_mapping(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("key,when,words\nk1,2001-09-11,hello\n", encoding="utf-8")
    c = C.load(path, columns={"key": "doc_id", "when": "date", "words": "text"})
    assert c.loc[0, ["doc_id", "text"]].tolist() == ["k1", "hello"]
    with pytest.raises(C.CorpusError, match=r"columns=.*'nope'.*found \['key', 'when', 'words'\]"):
        C.load(path, columns={"nope": "text"})


def test_folder_with_sidecar_metadata_and_junk(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha text.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Beta text.", encoding="utf-8")
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07binary")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "a.txt~").write_text("backup", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,date,source,title\na.txt,2020-01-01,X,Title A\nsub/b.txt,2020-01-02,Y,Title B\n",
        encoding="utf-8")
    c = C.load(tmp_path)
    assert c["doc_id"].tolist() == ["a", "sub/b"]
    assert c["title"].tolist() == ["Title A", "Title B"]
    assert c.attrs["load_report"]["junk_files_skipped"] == 3


def test_folder_metadata_from_file_names(tmp_path):
    (tmp_path / "2020-03-01_bbc.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "2020-03-02_cnn.txt").write_text("Two.", encoding="utf-8")
    c = C.load(tmp_path, pattern=r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<source>\w+)")
    assert c["source"].tolist() == ["bbc", "cnn"]
    assert c["date"].tolist() == [pd.Timestamp("2020-03-01"), pd.Timestamp("2020-03-02")]
    with pytest.raises(C.CorpusError, match=r"2020-03-01_bbc.txt: file name does not match"):
        C.load(tmp_path, pattern=r"(?P<date>\d{8})")


def write_ungdc_tree(root, speeches):
    for (iso, session, year), text in speeches.items():
        folder = root / f"Session {session:02d} - {year}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{iso}_{session:02d}_{year}.txt").write_text(text, encoding="utf-8")
        # the junk the original distribution carries
        (folder / f"._{iso}_{session:02d}_{year}.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\x00")
    (root / f"Session {session:02d} - {year}" / ".DS_Store").write_bytes(b"\x00\x01")


def test_ungdc_folder_layout_with_junk_files(tmp_path):
    write_ungdc_tree(tmp_path, {("USA", 70, 2015): "Mr. President, ...",
                                ("RUS", 70, 2015): "Russia speaks.",
                                ("IND", 1, 1946): "India speaks."})
    before = snapshot(tmp_path)
    c = C.load(tmp_path)
    assert snapshot(tmp_path) == before  # nothing written beside the input
    assert c["doc_id"].tolist() == ["IND_01_1946", "RUS_70_2015", "USA_70_2015"]
    assert c[["country", "session", "year"]].values.tolist() == [
        ["IND", 1, 1946], ["RUS", 70, 2015], ["USA", 70, 2015]]
    assert c["date"].tolist() == [pd.Timestamp("1946-09-15")] + [pd.Timestamp("2015-09-15")] * 2
    assert c.attrs["load_report"]["junk_files_skipped"] == 3 + 2


# ----------------------------------------------------------------------------- bad input


def test_missing_path_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"corpus not found: .*nowhere\.csv"):
        C.load(tmp_path / "nowhere.csv")
    with pytest.raises(FileNotFoundError, match=r"shipped corpora: sample, sotu, ungdc"):
        C.load("samlpe")


def test_missing_text_column_is_named_with_columns_found(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc_id,date,summary\na,2020-01-01,x\n", encoding="utf-8")
    with pytest.raises(C.CorpusError,
                       match=r"required column 'text' is missing; found columns "
                             r"\['doc_id', 'date', 'summary'\]"):
        C.load(path)


def test_duplicate_ids_are_named(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc_id,text\na,1\nb,2\na,3\nc,4\nb,5\n", encoding="utf-8")
    with pytest.raises(C.CorpusError,
                       match=r"2 duplicate doc_id\(s\), first: 'a' at lines \[2, 4\]; "
                             r"'b' at lines \[3, 6\]"):
        C.load(path)


def test_unparseable_dates_raise_with_value_and_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("doc_id,date,text\na,2020-01-01,x\nb,31/02/2020x,y\nc,,z\n",
                    encoding="utf-8")
    with pytest.raises(C.CorpusError, match=r"cannot parse date '31/02/2020x' at line 3"):
        C.load(path)
    c = C.load(path, date_errors="coerce")
    assert c["date"].isna().tolist() == [False, True, True]
    assert c.attrs["load_report"]["unparseable_dates_coerced"] == 1
    assert c.attrs["load_report"]["missing_dates"] == 1
    with pytest.raises(ValueError, match=r"date_errors='ignore' is invalid; must be one of"):
        C.load(path, date_errors="ignore")


def test_malformed_csv_row_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("doc_id,text\na,fine\nb,too,many,fields\n", encoding="utf-8")
    with pytest.raises(C.CorpusError, match=r"bad\.csv: malformed row: .*line 3"):
        C.load(path)


def test_malformed_jsonl_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_id": "a", "text": "ok"}\n\n{"doc_id": "b", "text": }\n',
                    encoding="utf-8")
    with pytest.raises(C.CorpusError, match=r"bad\.jsonl, line 3: malformed JSON"):
        C.load(path)
    path.write_text('["not", "an", "object"]\n', encoding="utf-8")
    with pytest.raises(C.CorpusError, match=r"line 1: expected a JSON object per line, got list"):
        C.load(path)


def test_non_utf8_bytes_are_replaced_and_counted(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("doc_id,text\na,Caf\xe9 in S\xe3o Paulo\n".encode("latin-1"))
    c = C.load(path)
    assert c.loc[0, "text"] == "Caf\ufffd in S\ufffdo Paulo"
    assert c.attrs["load_report"]["non_utf8_bytes_replaced"] == 2


def test_empty_texts_are_dropped_and_counted(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('doc_id,text\na,x\nb,"  "\nc,\nd,y\n', encoding="utf-8")
    c = C.load(path)
    assert c["doc_id"].tolist() == ["a", "d"]
    assert c.attrs["load_report"]["empty_texts_dropped"] == 2


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(C.CorpusError, match=r"unsupported file type '\.xlsx'"):
        C.load(path)


def test_argument_types_are_checked():
    with pytest.raises(TypeError, match=r"source=3 has the wrong type int; must be a file or "
                                        r"folder path or a shipped corpus name \(sample, "):
        C.load(3)
    with pytest.raises(TypeError, match=r"df=\['x'\] has the wrong type list; must be a pandas "
                                        "DataFrame"):
        C.from_frame(["x"])
    sample = C.load("sample")
    with pytest.raises(ValueError, match=r"min_chars=-1 is invalid; must be an integer >= 0"):
        C.split_paragraphs(sample, min_chars=-1)
    with pytest.raises(TypeError, match=r"min_chars=None has the wrong type NoneType"):
        C.split_paragraphs(sample, min_chars=None)


def test_validate_rejects_wrong_tables():
    with pytest.raises(TypeError, match=r"corpus has the wrong type list; must be a Corpus table"):
        C.validate([1, 2])
    bad = C.load("sample").assign(date="2015")
    with pytest.raises(C.CorpusError, match=r"column 'date' must be datetime64"):
        C.validate(bad)


def test_shipped_corpus_files_are_never_written():
    before = snapshot(data_path("corpora"))
    C.load("sample", paragraphs=True)
    C.summary(C.load("sample"))
    assert snapshot(data_path("corpora")) == before


# ----------------------------------------------------------------------------- shipped


def test_sample_is_the_seed_article():
    c = C.load("sample")
    assert len(c) == 1
    row = c.iloc[0]
    assert row["title"] == "Putin seeks partners to fight jihadists"
    assert row["date"] == pd.Timestamp("2015-09-28")
    assert row["text"].startswith("The two leaders will meet in New York")
    assert row["text"].endswith("to speak for the United Kingdom on Syria.")
    paras = C.load("sample", paragraphs=True)
    assert len(paras) == 15
    assert (paras["parent_id"] == row["doc_id"]).all()
    assert paras["paragraph"].tolist() == list(range(15))
    assert (paras["date"] == row["date"]).all()
    assert paras.loc[9, "text"] == ("“I have always said that it is important that Isil is "
                                     "defeated in Syria as in Iraq”.")


def test_sotu_is_dated_and_complete():
    c = C.load("sotu")
    assert len(c) >= 237
    assert c["date"].notna().all()
    first = c.iloc[0]
    assert (first["doc_id"], first["date"], first["president"]) == (
        "1790-Washington-1", pd.Timestamp("1790-01-08"), "George Washington")
    assert set(c["source"]) == {"spoken", "written"}
    obama = c[(c["president"] == "Barack Obama") & (c["year"] == 2015)]
    assert obama["date"].tolist() == [pd.Timestamp("2015-01-20")]
    decade = C.load("sotu", start="2000", end="2012")
    assert decade["date"].min() >= pd.Timestamp("2000-01-01")
    assert decade["date"].max() <= pd.Timestamp("2012-12-31")
    assert decade.attrs["load_report"]["documents_outside_date_range_dropped"] == len(c) - len(decade)
    paras = C.split_paragraphs(decade, min_chars=100)
    assert (paras["text"].str.len() >= 100).all()
    assert paras["parent_id"].isin(decade["doc_id"]).all()


@needs_ungdc
@pytest.mark.ungdc
def test_whole_ungdc_parquet_loads_into_the_schema():
    c = C.load("ungdc")
    assert len(c) == 10952
    assert list(c.columns[:5]) == list(C.SCHEMA)
    assert c["doc_id"].is_unique
    assert c["date"].dt.month.eq(9).all()
    assert c.loc[c["doc_id"] == "USA_70_2015", "year"].tolist() == [2015]
    assert set(c["country"]) >= {"USA", "RUS", "EU", "YUG", "CSK"}


@needs_ungdc
@pytest.mark.ungdc
def test_a_range_of_the_ungdc_is_the_range_of_the_whole():
    # the years outside the range are dropped before the texts are read into the schema;
    # the result and the load report are those of filtering the whole corpus by date
    from toolkit.corpus.dates import date_bound

    whole = C.load("ungdc")
    for start, end in [("1990", "1991"), ("2015-10-01", None), (None, "1946")]:
        part = C.load("ungdc", start=start, end=end)
        lo, hi = date_bound(start, "start"), date_bound(end, "end", end=True)
        keep = pd.Series(True, index=whole.index)
        keep &= whole["date"] >= lo if lo is not None else True
        keep &= whole["date"] <= hi if hi is not None else True
        expected = whole[keep].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, expected)
        dropped = part.attrs["load_report"].get("documents_outside_date_range_dropped", 0)
        assert dropped == len(whole) - len(part), (start, end)


@needs_ungdc
@pytest.mark.ungdc
def test_ungdc_folder_equals_parquet(tmp_path):
    raw = pd.read_parquet(UNGDC_PARQUET)
    some = raw[raw["year"].isin([1946, 1990, 2015])]
    write_ungdc_tree(tmp_path, {(r.country, r.session, r.year): r.text
                                for r in some.itertuples()})
    from_folder = C.load(tmp_path)
    from_parquet = C.load(UNGDC_PARQUET)
    expected = from_parquet[from_parquet["year"].isin([1946, 1990, 2015])]
    expected = expected.sort_values("doc_id").reset_index(drop=True)
    got = from_folder.sort_values("doc_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_like=True)


@needs_ungdc
@pytest.mark.ungdc
def test_ungdc_hard_wrapped_speech_splits_into_real_paragraphs():
    raw = pd.read_parquet(UNGDC_PARQUET)
    row = raw[(raw["country"] == raw.loc[5000, "country"]) & (raw["year"] == raw.loc[5000, "year"])]
    c = C.from_frame(row.assign(doc_id="d"))
    paras = C.split_paragraphs(c)["text"].tolist()
    # the speech opens with condolences to India, wrapped over 7 lines: one paragraph
    assert paras[0].startswith("May I, at the outset, take\nthis opportunity")
    assert paras[0].endswith("tragic time.")
    assert paras[1].startswith("I should like to join those")


# ----------------------------------------------------------------------------- duplicates


def planted_corpus(seed=7):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    originals = [" ".join(rng.choices(vocab, k=300)) for _ in range(40)]
    rows = [{"doc_id": f"orig{i}", "date": f"2020-01-{i % 28 + 1:02d}", "text": t}
            for i, t in enumerate(originals)]
    planted = {}
    for i in range(0, 40, 4):  # every fourth story is syndicated twice with small edits
        for copy in range(2):
            words = originals[i].split()
            # small edits, as in a lightly edited reprint: a changed word, an insertion and
            # a deletion (about 15 of 296 shingles change: Jaccard about 0.9 to the original)
            words[rng.randrange(len(words))] = "edited"
            words.insert(rng.randrange(len(words)), "reportedly")
            del words[rng.randrange(len(words))]
            doc_id = f"copy{i}_{copy}"
            rows.append({"doc_id": doc_id, "date": "2020-02-01", "text": " ".join(words)})
            planted.setdefault(f"orig{i}", set()).add(doc_id)
    rng.shuffle(rows)
    return C.from_frame(pd.DataFrame(rows)), planted


def test_planted_near_duplicates_are_found_exactly():
    corpus, planted = planted_corpus()
    clusters = C.duplicate_clusters(corpus)
    found = {row.canonical: set(row.members) - {row.canonical} for row in clusters.itertuples()}
    assert found == planted  # originals are earlier, so they are the canonical ones
    assert (clusters["size"] == 3).all()
    assert (clusters["min_similarity"] >= 0.8).all()


def test_deduplicate_keeps_canonical_and_counts_copies():
    corpus, planted = planted_corpus()
    unique, clusters = C.deduplicate(corpus)
    assert len(unique) == len(corpus) - 20
    assert unique["copies"].sum() == len(corpus)
    assert set(unique.loc[unique["copies"] == 3, "doc_id"]) == set(planted)
    assert not unique["doc_id"].str.startswith("copy").any()
    # same seed, same clusters; input untouched
    again = C.duplicate_clusters(corpus)
    pd.testing.assert_frame_equal(clusters, again)
    assert "copies" not in corpus.columns


def test_duplicate_clusters_rejects_bad_threshold():
    sample = C.load("sample")
    with pytest.raises(ValueError, match=r"threshold=1.5 is invalid; must be a number <= 1"):
        C.duplicate_clusters(sample, threshold=1.5)
    with pytest.raises(ValueError, match=r"threshold=0 is invalid; must be a number > 0"):
        C.duplicate_clusters(sample, threshold=0)
    with pytest.raises(TypeError, match=r"threshold='0.8' has the wrong type str; must be a "
                                        "number > 0"):
        C.duplicate_clusters(sample, threshold="0.8")
    with pytest.raises(ValueError, match=r"shingle=0 is invalid; must be an integer >= 1"):
        C.duplicate_clusters(sample, shingle=0)
    with pytest.raises(ValueError, match=r"num_perm=1 is invalid; must be an integer >= 2"):
        C.duplicate_clusters(sample, num_perm=1)
    with pytest.raises(TypeError, match=r"num_perm=128.0 has the wrong type float"):
        C.duplicate_clusters(sample, num_perm=128.0)
    with pytest.raises(TypeError, match=r"seed='1' has the wrong type str"):
        C.duplicate_clusters(sample, seed="1")


# ----------------------------------------------------------------------------- summary


def test_summary_tables():
    c = C.from_frame(pd.DataFrame({
        "doc_id": list("abcd"),
        "date": ["2001-01-05", "2001-03-01", "2003-06-01", None],
        "source": ["x", "y", "x", "x"], "title": ["t", "", "t", "t"],
        "text": ["one two three", "four five", "six", "seven eight"]}))
    s = C.summary(c, freq="Y")
    assert s["periods"]["documents"].tolist() == [2, 0, 1]  # 2002 kept as an empty year
    assert s["periods"]["words"].tolist() == [5, 0, 1]
    assert [str(p) for p in s["periods"].index] == ["2001", "2002", "2003"]
    assert s["sources"].loc["x", "documents"] == 3
    assert s["sources"].loc["x", "share"] == pytest.approx(0.75)
    assert s["missing"].loc[0, ["undated", "untitled", "no_source"]].tolist() == [1, 1, 0]
    assert s["lengths"].loc["words per document", "max"] == 3
    assert s["duplicates"].empty


def test_summary_bins_with_the_one_calendar():
    """``freq`` follows toolkit._core.calendar: resample spellings and epoch-anchored multiples."""
    c = C.from_frame(pd.DataFrame({
        "date": ["1981-03-01", "1999-12-31", "1992-06-01", "1994-12-31 23:00", None],
        "text": ["a b", "c", "d e f", "g", "h"]}))
    yearly = C.summary(c, freq="Y", duplicates=False)["periods"]
    pd.testing.assert_frame_equal(C.summary(c, freq="YE", duplicates=False)["periods"], yearly)
    assert len(yearly) == 19 and yearly["documents"].sum() == 4
    five = C.summary(c, freq="5Y", duplicates=False)["periods"]
    assert five.index.name == "period" and five.index.freqstr == "5Y-DEC"
    assert [str(p) for p in five.index] == ["1980", "1985", "1990", "1995"]  # 1985-89 kept
    assert five["documents"].tolist() == [1, 0, 2, 1]
    assert five["words"].tolist() == [2, 0, 4, 1]
    assert str(five.index[2].end_time.date()) == "1994-12-31"
    pd.testing.assert_frame_equal(C.summary(c, freq="5YE", duplicates=False)["periods"], five)
    decades = C.summary(c, freq="10Y", duplicates=False)["periods"]
    assert decades["documents"].tolist() == [1, 3]
    undated = C.summary(c.iloc[[4]], freq="5Y", duplicates=False)["periods"]
    assert undated.empty and undated.index.freqstr == "5Y-DEC"
    with pytest.raises(ValueError, match=r"freq='fortnight' is invalid"):
        C.summary(c, freq="fortnight", duplicates=False)
    with pytest.raises(TypeError, match=r"duplicates='no' has the wrong type str"):
        C.summary(c, duplicates="no")
