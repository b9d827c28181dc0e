"""Issue 12: the same tables from a corpus on disk, by partition, on all cores and on Dask.

Every comparison is ``pandas.testing.assert_frame_equal`` against the in-memory function
on the same documents: ``actors.find_mentions``, ``network.cooccurrence``,
``timeline.attention``, ``timeline.term_series``, ``corpus.duplicate_clusters`` and, for
topics, ``topics.fit``'s model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit import actors, corpus, network, scale, timeline, topics
from toolkit._core import UNGDC_PARQUET
from toolkit.corpus.stream import PartitionError, partitions, stream
from toolkit.scale.lda import fit_topics
from toolkit.topics.fitting import fit_tokens

TERMS = ["union", "war", "public debt"]


def in_memory(docs: pd.DataFrame, *, unit: str = "sentence", level: str = "actor",
              freq: str = "Y", terms: list[str] | None = TERMS) -> dict[str, pd.DataFrame]:
    m = actors.find_mentions(docs)
    return {"mentions": m,
            "edges": network.cooccurrence(m, unit=unit, level=level, corpus=docs),
            "attention": timeline.attention(m, docs, freq=freq, level=level),
            "terms": timeline.term_series(docs, terms, freq=freq) if terms else None,
            "clusters": corpus.duplicate_clusters(docs)}


def assert_same(result: scale.Result, expected: dict[str, pd.DataFrame]) -> None:
    mentions = result.mentions if result.mentions is not None else pd.read_parquet(
        result.mentions_path)
    pd.testing.assert_frame_equal(mentions, expected["mentions"])
    for name in ("edges", "attention", "terms", "clusters"):
        got = getattr(result, name)
        if expected[name] is None:
            assert got is None
        else:
            pd.testing.assert_frame_equal(got, expected[name], obj=name)


@pytest.fixture(scope="module")
def sotu() -> pd.DataFrame:
    """The default corpus with near-duplicates planted in later partitions (new ids)."""
    docs = corpus.load("sotu")
    docs = docs[docs["date"].dt.year >= 1930].reset_index(drop=True)
    copies = docs.iloc[[0, 5, 9]].copy()
    copies["doc_id"] = copies["doc_id"] + "-copy"
    copies["text"] = copies["text"].str.replace("the", "The", n=1, regex=False)
    return pd.concat([docs, copies], ignore_index=True)


@pytest.fixture(scope="module")
def dataset(sotu: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as a partitioned Parquet dataset: two files, row groups of 10."""
    folder = tmp_path_factory.mktemp("sotu-dataset")
    half = len(sotu) // 2
    sotu.iloc[:half].to_parquet(folder / "part-0.parquet", row_group_size=10)
    sotu.iloc[half:].to_parquet(folder / "part-1.parquet", row_group_size=10)
    return folder


def test_stream_reads_every_format_as_load_does(tmp_path: Path) -> None:
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(7)],
                          "published": [f"2001-0{i + 1}-15" for i in range(7)],
                          "content": ["Iran and Iraq.\nSecond line, \"quoted\".", "", "Three",
                                      "x, y", "Five", "six", "seven"]})
    frame.to_csv(tmp_path / "news.csv", index=False)
    frame.drop(columns="id").to_csv(tmp_path / "noid.csv", index=False)
    with (tmp_path / "news.jsonl").open("w") as f:
        for i, row in enumerate(frame.to_dict("records")):
            f.write(json.dumps({k: v for k, v in row.items()
                                if not (i == 3 and k == "published")}) + "\n")
    folder = tmp_path / "txt"
    folder.mkdir()
    for i, text in enumerate(frame["content"]):
        (folder / f"doc{i}.txt").write_text(text or "  ", encoding="utf-8")
    pd.DataFrame({"file": ["doc1", "doc4"], "source": ["AP", "AFP"]}).to_csv(
        folder / "metadata.csv", index=False)
    hive = tmp_path / "hive"
    for year in (2001, 2002):
        (hive / f"year={year}").mkdir(parents=True)
        frame.assign(id=frame["id"] + str(year)).to_parquet(
            hive / f"year={year}" / "part.parquet", row_group_size=3)
    expected_hive = pd.concat([frame.assign(id=frame["id"] + str(y), year=y)
                               for y in (2001, 2002)], ignore_index=True)
    cases = [(tmp_path / "news.csv", corpus.load(tmp_path / "news.csv")),
             (tmp_path / "noid.csv", corpus.load(tmp_path / "noid.csv")),
             (tmp_path / "news.jsonl", corpus.load(tmp_path / "news.jsonl")),
             (folder, corpus.load(folder)),
             (hive, corpus.from_frame(expected_hive))]
    for source, expected in cases:
        parts = [c for _, c in stream(source, rows=2)]
        assert len(parts) > 1, source
        got = pd.concat(parts, ignore_index=True)
        if source == hive:  # hive keys arrive as categorical columns
            got["year"] = got["year"].astype("int64")
            expected = expected.assign(doc_id=expected["doc_id"].astype(str))
        pd.testing.assert_frame_equal(got, expected, obj=str(source))
    assert [p.row_groups for p in partitions(hive, rows=5)] == [(0,), (1, 2)] * 2


def test_run_in_this_process_equals_in_memory(sotu: pd.DataFrame, dataset: Path) -> None:
    assert len(partitions(dataset, rows=20)) >= 5
    expected = in_memory(sotu)
    assert len(expected["clusters"]) == 3  # the planted copies, found across partitions
    result = scale.run(dataset, rows=20, n_jobs=1, terms=TERMS)
    assert_same(result, expected)
    assert result.report["documents"] == len(sotu)
    assert result.report["partitions"] == len(partitions(dataset, rows=20))


def test_run_on_all_cores_equals_in_memory_other_settings(sotu: pd.DataFrame,
                                                          dataset: Path) -> None:
    expected = in_memory(sotu, unit="paragraph", level="country", freq="10Y", terms=None)
    result = scale.run(dataset, rows=20, n_jobs=2, unit="paragraph", level="country",
                       freq="10Y")
    assert_same(result, expected)
    # counts instead of shares: the sums themselves
    counts = scale.run(dataset, rows=20, n_jobs=2, value="documents", duplicates=False)
    pd.testing.assert_frame_equal(counts.attention, timeline.attention(
        expected["mentions"], sotu, value="documents"))
    assert counts.clusters is None


def test_run_from_csv_chunks_writes_mentions_and_final_tables(sotu: pd.DataFrame,
                                                              tmp_path: Path) -> None:
    sotu.drop(columns="doc_id").to_csv(tmp_path / "sotu.csv", index=False)
    docs = corpus.load(tmp_path / "sotu.csv")
    result = scale.run(tmp_path / "sotu.csv", rows=25, n_jobs=2, out=tmp_path / "run",
                       terms=TERMS)
    assert_same(result, in_memory(docs))
    assert sorted(p.name for p in result.mentions_path.iterdir())[0] == "part-00000.parquet"
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert manifest["complete"] is True
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "run" / "edges.parquet"),
                                  result.edges)


def test_pair_counts_of_parts_add_up_to_cooccurrence(sotu: pd.DataFrame) -> None:
    parts = [sotu.iloc[lo:lo + 30] for lo in range(0, len(sotu), 30)]
    for unit, level in (("sentence", "actor"), ("paragraph", "country")):
        pairs, items, n = None, pd.Series(dtype="int64"), 0
        for part in parts:
            p, i, _ = network.pair_counts(actors.find_mentions(part), unit=unit, level=level)
            p = p.set_index(["a", "b"])["n_ab"]
            pairs = p if pairs is None else pairs.add(p, fill_value=0).astype("int64")
            items = items.add(i, fill_value=0).astype("int64")
            n += int(network.count_units(part, unit=unit).sum())
        got = network.edges_from_counts(pairs.rename("n_ab").reset_index(), items, n,
                                        unit=unit, level=level)
        expected = network.cooccurrence(actors.find_mentions(sotu), unit=unit, level=level,
                                        corpus=sotu)
        pd.testing.assert_frame_equal(got, expected)
        assert got.attrs == expected.attrs


def test_pair_counts_leave_out_venues_unless_asked() -> None:
    m = pd.DataFrame({"doc_id": ["d"] * 4, "sentence": [0, 0, 0, 1],
                      "actor": ["AUT", "IRN", "USA", "IRN"],
                      "rule": ["venue", "alias", "alias", "alias"]})
    pairs, items, n_seen = network.pair_counts(m)
    assert pairs.values.tolist() == [["IRN", "USA", 1]] and n_seen == 2
    assert items.to_dict() == {"IRN": 2, "USA": 1}
    pairs, items, _ = network.pair_counts(m, venues=True)
    assert pairs["n_ab"].tolist() == [1, 1, 1] and items["AUT"] == 1
    e = network.edges_from_counts(pairs, items, 2, venues=True)
    pd.testing.assert_frame_equal(e, network.cooccurrence(m, n=2, venues=True))
    with pytest.raises(ValueError, match="names actors that items does not count"):
        network.edges_from_counts(pairs, items.drop("AUT"), 2)
    with pytest.raises(ValueError, match="each pair must come once, with a < b"):
        network.edges_from_counts(pairs.rename(columns={"a": "b", "b": "a"}), items, 2)
    with pytest.raises(ValueError, match=r"lacks columns \['n_ab'\]"):
        network.edges_from_counts(pairs.drop(columns="n_ab"), items, 2)
    with pytest.raises(TypeError, match="venues"):
        network.pair_counts(m, venues="yes")


def test_n_jobs_defaults_to_the_available_cores() -> None:
    cores = scale.available_cores()
    assert scale.resolve_n_jobs(None) == scale.resolve_n_jobs(-1) == cores
    assert scale.resolve_n_jobs(-2) == max(1, cores - 1)
    assert scale.resolve_n_jobs(3) == 3
    with pytest.raises(ValueError, match="n_jobs=0 is invalid"):
        scale.resolve_n_jobs(0)
    with pytest.raises(TypeError, match="n_jobs"):
        scale.resolve_n_jobs(1.5)


def test_duplicate_ids_across_partitions_are_named(sotu: pd.DataFrame, tmp_path: Path) -> None:
    sotu.iloc[:30].to_parquet(tmp_path / "a.parquet", row_group_size=10)
    sotu.iloc[25:40].to_parquet(tmp_path / "b.parquet", row_group_size=10)
    repeated = sotu["doc_id"].iloc[25]
    with pytest.raises(PartitionError, match=rf"doc_id '{repeated}' is not unique: "
                       rf".*b\.parquet, row 0 \(partition 3\) repeats .*a\.parquet, row 25"):
        scale.run(tmp_path, rows=10, n_jobs=1)


def test_a_damaged_partition_stops_the_run_and_a_rerun_resumes(sotu: pd.DataFrame,
                                                               dataset: Path,
                                                               tmp_path: Path) -> None:
    source, run = tmp_path / "data", tmp_path / "run"
    shutil.copytree(dataset, source)
    good = (source / "part-1.parquet").read_bytes()
    # a truncated file: its metadata is read before any partition runs
    (source / "part-1.parquet").write_bytes(good[:-200])
    with pytest.raises(PartitionError, match=r"cannot read the Parquet metadata"):
        scale.run(source, rows=20, n_jobs=1, out=run, terms=TERMS)
    # a bad value inside the second file: the run stops at its partition, naming the row
    broken = sotu.iloc[len(sotu) // 2:].copy()
    broken["date"] = broken["date"].astype(str)
    broken.iloc[25, broken.columns.get_loc("date")] = "not a date"
    broken.to_parquet(source / "part-1.parquet", row_group_size=10)
    with pytest.raises(PartitionError, match=r"part-1\.parquet \(partition \d+, rows from 20\)"
                       r": cannot parse date 'not a date' at row 5"):
        scale.run(source, rows=20, n_jobs=1, out=run, terms=TERMS)
    manifest = json.loads((run / "run.json").read_text())
    assert manifest["complete"] is False and "not a date" in manifest["error"]
    assert not (run / "edges.parquet").exists()  # no final table of an incomplete run
    first_file = [p.index for p in partitions(source, rows=20) if "part-0" in p.file]
    assert set(first_file) < set(scale.RunFolder(run).done())
    # repaired: the rerun reads the first file's partitions from their checkpoints and
    # computes again those of the file that changed
    (source / "part-1.parquet").write_bytes(good)
    again = scale.run(source, rows=20, n_jobs=1, out=run, terms=TERMS)
    assert again.report["resumed"] == len(first_file)
    assert_same(again, in_memory(sotu))
    assert json.loads((run / "run.json").read_text())["complete"] is True
    with pytest.raises(ValueError, match="holds a run of another settings"):
        scale.run(source, rows=20, n_jobs=1, out=run, unit="paragraph")
    fresh = scale.run(source, rows=20, n_jobs=1, out=run, resume=False, unit="paragraph")
    assert fresh.report["resumed"] == 0


def test_streamed_topics_equal_in_memory_topics(tmp_path: Path) -> None:
    from gensim.test.utils import datapath

    with open(datapath("lee_background.cor"), encoding="utf-8", errors="replace") as f:
        texts = f.read().splitlines()[:300]
    lee = corpus.from_frame(pd.DataFrame({"doc_id": [f"lee{i:03d}" for i in range(300)],
                                          "text": texts}))
    lee.to_parquet(tmp_path / "lee.parquet", row_group_size=100)
    options = {"passes": 3, "iterations": 50}
    streamed = fit_topics(tmp_path / "lee.parquet", 8, out=tmp_path / "run", rows=100,
                          seed=7, unit="document", **options)
    # the same tokens (each partition tokenised on its own, see toolkit.scale.lda)
    tokens = [list(t) for i in range(0, 300, 100) for t in topics.tokenize(lee.iloc[i:i + 100])]
    model = fit_tokens(tokens, lee["doc_id"].tolist(), 8, seed=7, cache=False, **options)
    pd.testing.assert_frame_equal(topics.top_terms(streamed.model), topics.top_terms(model))
    pd.testing.assert_frame_equal(streamed.doc_topics(), topics.doc_topics(model),
                                  check_names=False)
    # against topics.fit on the whole corpus: its tokens differ in a few rare words only
    whole = topics.fit(lee, 8, seed=7, unit="document", cache=False, **options)
    a = topics.top_terms(whole).groupby("topic")["term"].agg(set).tolist()
    b = topics.top_terms(streamed.model).groupby("topic")["term"].agg(set).tolist()
    best = [max(len(x & y) / len(x | y) for y in b) for x in a]
    assert np.mean(best) >= 0.6, best


def test_streamed_topics_of_paragraphs_add_up_to_documents(sotu: pd.DataFrame,
                                                           tmp_path: Path) -> None:
    docs = sotu.iloc[:40].reset_index(drop=True)
    docs.to_parquet(tmp_path / "s.parquet", row_group_size=10)
    options = {"passes": 2, "iterations": 30}
    streamed = fit_topics(tmp_path / "s.parquet", 5, out=tmp_path / "run", rows=10, seed=3,
                          unit="paragraph", **options)
    units = pd.concat([topics.model_units(docs.iloc[i:i + 10], "paragraph")
                       for i in range(0, 40, 10)], ignore_index=True)
    tokens = [list(t) for i in range(0, 40, 10)
              for t in topics.tokenize(topics.model_units(docs.iloc[i:i + 10], "paragraph"))]
    model = fit_tokens(tokens, units["doc_id"].tolist(), 5, parents=units["parent_id"].tolist(),
                       seed=3, split=True, cache=False, **options)
    pd.testing.assert_frame_equal(topics.top_terms(streamed.model), topics.top_terms(model))
    pd.testing.assert_frame_equal(streamed.doc_topics(), topics.doc_topics(model),
                                  check_names=False)


ungdc = pytest.mark.skipif(not UNGDC_PARQUET.exists(), reason=f"UNGDC absent: {UNGDC_PARQUET}")


UN_TERMS = ["terrorism", "iraq"]


@pytest.fixture(scope="module")
def un_subset(tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[pd.DataFrame, Path, dict[str, pd.DataFrame]]:
    """The debates of 2003 (189 speeches, 2.3 M characters) in two files of row groups of
    50 (4 partitions with ``rows=50``), and their in-memory tables."""
    docs = corpus.load("ungdc")
    docs = docs[docs["date"].dt.year == 2003].reset_index(drop=True)
    folder = tmp_path_factory.mktemp("un-subset")
    for k, lo in enumerate(range(0, len(docs), 100)):
        docs.iloc[lo:lo + 100].to_parquet(folder / f"part-{k}.parquet", row_group_size=50)
    return docs, folder, in_memory(docs, terms=UN_TERMS)


@pytest.mark.ungdc
@pytest.mark.slow
@ungdc
def test_un_debates_subset_on_all_cores_equals_in_memory(un_subset) -> None:
    docs, folder, expected = un_subset
    assert len(partitions(folder, rows=50)) == 4
    result = scale.run(folder, rows=50, terms=UN_TERMS)
    assert_same(result, expected)
    assert len(result.edges) > 100 and result.report["documents"] == len(docs)


@pytest.mark.ungdc
@pytest.mark.slow
@ungdc
def test_dask_local_cluster_equals_in_memory(un_subset, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")  # the test extra brings it (pyproject)
    docs, folder, expected = un_subset
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        # a client, workers writing the mentions and checkpoints to a shared folder
        result = scale.run(folder, rows=50, client=client, out=tmp_path / "run",
                           terms=UN_TERMS)
        assert_same(result, expected)
        assert len(list((tmp_path / "run" / "mentions").glob("*.parquet"))) == 4
        # the notebooks' one parameter: the scheduler's address (a client opened and closed)
        by_address = scale.run(folder, rows=50, scheduler=cluster.scheduler_address,
                               terms=UN_TERMS)
        assert_same(by_address, expected)
        with pytest.raises(TypeError, match="client has the wrong type"):
            scale.run(folder, client="tcp://localhost:1")
