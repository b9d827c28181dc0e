"""Tests for toolkit.actors: the dictionary, mention finding, kwic and discover (issue 3)."""

from __future__ import annotations

import logging
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from toolkit import actors
from toolkit.actors import mentions as mentions_module
from toolkit._core import UNGDC_PARQUET, available_cores
from toolkit.actors import (
    DictionaryError,
    discover,
    find_mentions,
    kwic,
    load_dictionary,
)
from toolkit.corpus import from_frame, load
from toolkit._core.segment import span_starts
from toolkit.text import paragraph_spans, sentence_spans

# A small dictionary with every actor of the seed article: enough to audit the rules
# without depending on the default dictionary, which is curated elsewhere.
SEED_DICT = """\
actors:
  - {id: IRQ, name: Iraq, kind: state, aliases: [Iraq], demonyms: [Iraqi, Iraqis], metonyms: [Baghdad]}
  - {id: IRN, name: Iran, kind: state, aliases: [Iran], demonyms: [Iranian], metonyms: [Tehran]}
  - {id: RUS, name: Russia, kind: state, aliases: [Russian Federation], demonyms: [Russian, Russians], metonyms: [Moscow, Kremlin], historical: [{name: Soviet Union, from: 1922-12-30, to: 1991-12-26}]}
  - {id: SYR, name: Syria, kind: state, demonyms: [Syrian], metonyms: [Damascus]}
  - {id: USA, name: United States, kind: state, aliases: [US, U.S., USA, America], demonyms: [American, Americans], metonyms: [Washington]}
  - {id: CUB, name: Cuba, kind: state}
  - {id: FRA, name: France, kind: state, demonyms: [French]}
  - {id: GBR, name: United Kingdom, kind: state, aliases: [Britain, UK], demonyms: [British]}
  - {id: SDN, name: Sudan, kind: state}
  - {id: SSD, name: South Sudan, kind: state}
  - {id: isis, name: Islamic State, kind: armed_group, aliases: [ISIS, IS, ISIL, Isil, Daesh]}
  - {id: un, name: United Nations, kind: organisation, aliases: [UN, U.N.]}
  - {id: un_general_assembly, name: UN General Assembly, kind: organisation, aliases: [United Nations General Assembly, General Assembly]}
  - {id: barack_obama, name: Barack Obama, kind: person, country: USA, surname: Obama}
  - {id: vladimir_putin, name: Vladimir Putin, kind: person, country: RUS, surname: Putin}
  - {id: bashar_al_assad, name: Bashar al-Assad, kind: person, country: SYR, surname: Assad}
  - {id: hafez_al_assad, name: Hafez al-Assad, kind: person, country: SYR, surname: Assad}
  - {id: hassan_rouhani, name: Hassan Rouhani, kind: person, country: IRN, surname: Rouhani}
  - {id: david_cameron, name: David Cameron, kind: person, country: GBR, surname: Cameron}
  - {id: jeremy_corbyn, name: Jeremy Corbyn, kind: person, country: GBR, surname: Corbyn}
  - {id: philip_hammond, name: Philip Hammond, kind: person, country: GBR, surname: Hammond}
  - {id: ban_ki_moon, name: Ban Ki-moon, kind: person, country: KOR, surname: Ban, surname_needs_title: true}
  - {id: kofi_annan, name: Kofi Annan, kind: person, country: GHA, surname: Annan}
roles:
  - {id: usa_president, office: President, country: USA, holders: [{actor: barack_obama, from: 2009-01-20, to: 2017-01-20}]}
  - {id: rus_president, office: President, country: RUS, holders: [{actor: vladimir_putin, from: 2012-05-07, to: null}]}
  - {id: syr_president, office: President, country: SYR, holders: [{actor: hafez_al_assad, from: 1971-03-14, to: 2000-06-10}, {actor: bashar_al_assad, from: 2000-07-17, to: 2024-12-08}]}
  - {id: irn_president, office: President, country: IRN, holders: [{actor: hassan_rouhani, from: 2013-08-03, to: 2021-08-03}]}
  - {id: gbr_prime_minister, office: Prime Minister, country: GBR, holders: [{actor: david_cameron, from: 2010-05-11, to: 2016-07-13}]}
  - {id: gbr_foreign_secretary, office: Foreign Secretary, country: GBR, titles: [Foreign Secretary], holders: [{actor: philip_hammond, from: 2014-07-15, to: 2016-07-13}]}
  - {id: un_secretary_general, office: Secretary-General, titles: [Secretary-General, UN Secretary-General], holders: [{actor: kofi_annan, from: 1997-01-01, to: 2006-12-31}, {actor: ban_ki_moon, from: 2007-01-01, to: 2016-12-31}]}
"""

# Every actor a careful reader sees in the seed article, in text order (surface, actor).
# Decisions: "U.S. President Barack Obama" is ONE mention of Obama (the person carries
# country USA, so country-level networks still see the USA; "U.S." is not counted twice);
# "Europe" is a continent, not an actor (no mention); "Labour" is a party and not in this
# dictionary; "New York" is a place, not an actor.
SEED_EXPECTED = [
    ('United Nations General Assembly', 'un_general_assembly'),
    ('Iraqi', 'IRQ'),
    ('ISIS', 'isis'),
    ('Iran', 'IRN'),
    ('Russia', 'RUS'),
    ('Syria', 'SYR'),
    ('Islamic State', 'isis'),
    ('U.S. President Barack Obama', 'barack_obama'),
    ('Putin', 'vladimir_putin'),
    ('US', 'USA'),
    ('Syrian', 'SYR'),
    ('Iran', 'IRN'),
    ('U.S.', 'USA'),
    ('Cuba', 'CUB'),
    ('Obama', 'barack_obama'),
    ('Russia', 'RUS'),
    ('Iran', 'IRN'),
    ('Iraq', 'IRQ'),
    ('Syria', 'SYR'),
    ('Baghdad', 'IRQ'),
    ('Islamic State', 'isis'),
    ('IS', 'isis'),
    ('ISIL', 'isis'),
    ('ISIS', 'isis'),
    ('U.S.', 'USA'),
    ('IS', 'isis'),
    ('Syria', 'SYR'),
    ('Iraq', 'IRQ'),
    ('Iraq', 'IRQ'),
    ('Daesh', 'isis'),
    ('USA', 'USA'),
    ('United Nations', 'un'),
    ('Putin', 'vladimir_putin'),
    ('Iran', 'IRN'),
    ('Russians', 'RUS'),
    ('Assad', 'bashar_al_assad'),
    ('USA', 'USA'),
    ('Syria', 'SYR'),
    ('Russian President Vladimir Putin', 'vladimir_putin'),
    ('U.S.', 'USA'),
    ('Syria', 'SYR'),
    ('Moscow', 'RUS'),
    ('USA', 'USA'),
    ('Bashar al-Assad', 'bashar_al_assad'),
    ('American', 'USA'),
    ('Isil', 'isis'),
    ('Syria', 'SYR'),
    ('Iraq', 'IRQ'),
    ('USA', 'USA'),
    ('Assad', 'bashar_al_assad'),
    ('Mr Rouhani', 'hassan_rouhani'),
    ('Mr Cameron', 'david_cameron'),
    ('Mr Obama', 'barack_obama'),
    ('Moscow', 'RUS'),
    ('Iraq', 'IRQ'),
    ('Iran', 'IRN'),
    ('US', 'USA'),
    ('France', 'FRA'),
    ('Britain', 'GBR'),
    ('Baghdad', 'IRQ'),
    ('IS', 'isis'),
    ('Jeremy Corbyn', 'jeremy_corbyn'),
    ('UN General Assembly', 'un_general_assembly'),
    ('Foreign Secretary Philip Hammond', 'philip_hammond'),
    ('United Kingdom', 'GBR'),
    ('Syria', 'SYR'),
]


def corpus_of(*texts: str, dates=None) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    if dates is not None:
        frame["date"] = dates
    return from_frame(frame)


@pytest.fixture(scope="module")
def seed_dict(tmp_path_factory) -> actors.ActorDictionary:
    path = tmp_path_factory.mktemp("dict") / "seed.yaml"
    path.write_text(SEED_DICT, encoding="utf-8")
    return load_dictionary(path, replace=True)


def write(tmp_path, text: str, name: str = "d.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the seed article


def test_seed_article_every_actor_and_no_false_ones(seed_dict):
    corpus = load("sample")
    m = find_mentions(corpus, seed_dict)
    assert list(zip(m["surface"], m["actor"])) == SEED_EXPECTED


def test_seed_article_with_the_default_dictionary():
    corpus = load("sample")
    text = corpus.loc[0, "text"]
    m = find_mentions(corpus)
    expected, pos = {}, 0
    for surface, actor in SEED_EXPECTED:
        pos = text.index(surface, pos)
        expected[(pos, surface)] = actor
        pos += len(surface)
    found = {(s, f): a for s, f, a in zip(m["start"], m["surface"], m["actor"])}
    # no false mention, each at the right place with the right actor
    assert {k: v for k, v in found.items() if expected.get(k) != v} == {}
    # and nothing a careful reader sees is missed
    missing = {v for k, v in expected.items() if k not in found}
    assert missing == set()


def test_seed_article_offsets_point_at_the_surface(seed_dict):
    corpus = load("sample")
    text = corpus.loc[0, "text"]
    m = find_mentions(corpus, seed_dict)
    # expected offsets found independently: each surface, searched after the previous one
    pos, starts = 0, []
    for surface, _ in SEED_EXPECTED:
        pos = text.index(surface, pos)
        starts.append(pos)
        pos += len(surface)
    assert m["start"].tolist() == starts
    assert (m["end"] - m["start"]).tolist() == [len(s) for s, _ in SEED_EXPECTED]
    assert [text[s:e] for s, e in zip(m["start"], m["end"])] == m["surface"].tolist()


def test_seed_article_lowercase_us_and_is_never_match(seed_dict):
    corpus = load("sample")
    text = corpus.loc[0, "text"]
    m = find_mentions(corpus, seed_dict)
    us = text.index("a problem for us") + len("a problem for ")
    is_ = text.index("it is important") + len("it ")
    assert text[us:us + 2] == "us" and text[is_:is_ + 2] == "is"
    assert not ((m["start"] <= us) & (m["end"] > us)).any()
    assert not ((m["start"] <= is_) & (m["end"] > is_)).any()


def test_seed_article_rules_and_sentences(seed_dict):
    m = find_mentions(load("sample"), seed_dict).set_index("surface")
    assert m.loc["U.S. President Barack Obama", "rule"] == "title+name"
    assert m.loc["Foreign Secretary Philip Hammond", "rule"] == "title+name"
    # "a joint information center in Baghdad" is a place; "Baghdad's top partner" the
    # government; "Moscow does not tolerate", "Moscow has sold": the government (issue 15)
    assert m.loc["Baghdad", "rule"].tolist() == ["venue", "metonym"]
    assert m.loc["Moscow", "rule"].tolist() == ["metonym", "metonym"]
    assert m.loc["Russians", "rule"] == "demonym"
    assert m.loc["Mr Rouhani", ["actor", "rule", "country"]].tolist() == [
        "hassan_rouhani", "surname", "IRN"]
    # "Assad said ..." comes before the full name: resolved by who was in office in 2015
    assert m.loc["Assad", "actor"].tolist() == ["bashar_al_assad"] * 2
    # paragraph 6 has two sentences; "Putin said." ends the first
    assert m.loc["Putin", "sentence"].tolist() == [2, 6]
    assert m.loc["Russians", ["paragraph", "sentence"]].tolist() == [6, 7]
    assert m.loc["Moscow", "kind"].tolist() == ["state", "state"]
    assert m.loc["UN General Assembly", "country"] == ""


def test_mentions_table_schema(seed_dict):
    m = find_mentions(load("sample"), seed_dict)
    assert tuple(m.columns) == actors.MENTION_COLUMNS
    for col in ("paragraph", "sentence", "start", "end"):
        assert m[col].dtype == np.int64
    assert set(m["rule"]) <= set(actors.RULES)
    assert m["start"].is_monotonic_increasing


# --------------------------------------------------------------------------- matching rules


def test_longest_match_wins(seed_dict):
    m = find_mentions(corpus_of("South Sudan split from Sudan."), seed_dict)
    assert list(zip(m["surface"], m["actor"])) == [("South Sudan", "SSD"), ("Sudan", "SDN")]


def test_word_boundaries_acronyms_possessives_and_hyphens(seed_dict):
    text = "USAID and Busan are not US; the U.S.-led and US-Cuba talks; Russia's and Iran’s; ISIS-held."
    m = find_mentions(corpus_of(text), seed_dict)
    assert list(zip(m["surface"], m["actor"])) == [
        ("US", "USA"), ("U.S.", "USA"), ("US", "USA"), ("Cuba", "CUB"), ("Russia", "RUS"),
        ("Iran", "IRN"), ("ISIS", "isis")]


def test_shouted_english_words_are_not_acronyms(seed_dict):
    text = "THIS IS A PROBLEM FOR US\nThe US and IS fight.\nUS TROOPS LEAVE\nSYRIA: IS SEIZES TOWN"
    m = find_mentions(corpus_of(text), seed_dict)
    assert list(zip(m["surface"], m["start"])) == [
        ("US", 29), ("IS", 36), ("US", 46), ("SYRIA", 62), ("IS", 69)]


def test_currencies_are_not_actors(seed_dict):
    text = "It cost US$5, $US 4, 3 US dollars and 2 American dollars; the US paid."
    m = find_mentions(corpus_of(text), seed_dict)
    assert list(zip(m["surface"], m["start"])) == [("US", text.index("US paid"))]


def test_continents_are_not_the_usa(seed_dict):
    text = ("Latin American and Inter-American bodies, South America and the "
            "Soviet-American talks; an American said.")
    m = find_mentions(corpus_of(text), seed_dict)
    assert list(zip(m["surface"], m["actor"])) == [("American", "USA"), ("American", "USA")]
    assert m["start"].tolist() == [text.index("American talks"), text.index("American said")]


def test_long_names_match_in_capitals_too(seed_dict):
    m = find_mentions(corpus_of("RUSSIA WARNS SYRIA"), seed_dict)
    assert m["actor"].tolist() == ["RUS", "SYR"]


def test_title_resolves_to_holder_on_the_date(seed_dict):
    texts = ["The Secretary-General spoke.", "The Secretary-General spoke.",
             "The Secretary-General spoke."]
    c = corpus_of(*texts, dates=["2005-09-15", "2015-09-15", None])
    m = find_mentions(c, seed_dict)
    # undated: left unresolved rather than guessed
    assert list(zip(m["doc_id"], m["actor"], m["rule"])) == [
        ("d0", "kofi_annan", "title"), ("d1", "ban_ki_moon", "title")]


def test_title_not_the_holder(seed_dict):
    text = ("The former Secretary-General, the Deputy Secretary-General, the "
            "Under-Secretary-General and the Secretary-General of the OAU came.")
    assert find_mentions(corpus_of(text, dates=["2005-09-15"]), seed_dict).empty


def test_national_title_forms(seed_dict):
    text = ("The Russian President met the President of France. The US president, "
            "the Syrian President and President Putin spoke.")
    m = find_mentions(corpus_of(text, dates=["2015-09-28"]), seed_dict)
    assert list(zip(m["surface"], m["actor"], m["rule"])) == [
        ("Russian President", "vladimir_putin", "title"),
        ("France", "FRA", "alias"),
        ("US president", "barack_obama", "title"),
        ("Syrian President", "bashar_al_assad", "title"),
        ("President Putin", "vladimir_putin", "surname")]


def test_national_title_without_holder_is_the_state(seed_dict):
    m = find_mentions(corpus_of("The Iraqi foreign minister came.", dates=["2015-09-28"]),
                      seed_dict)
    # no role for it: the demonym still names Iraq
    assert list(zip(m["surface"], m["actor"])) == [("Iraqi", "IRQ")]
    m = find_mentions(corpus_of("The Russian President came.", dates=["1990-01-01"]), seed_dict)
    assert list(zip(m["surface"], m["actor"], m["rule"])) == [
        ("Russian President", "RUS", "office")]


def test_surname_rules(seed_dict):
    texts = ["Hafez al-Assad ruled. Later Assad spoke.",   # named in full earlier
             "Assad spoke.",                               # the one in office (2015: Bashar)
             "Assad spoke.",                               # undated: nobody in office known
             "Ban on tests. Mr Ban and Secretary-General Ban spoke."]  # needs a title
    c = corpus_of(*texts, dates=["2015-01-01", "2015-01-01", None, "2010-01-01"])
    m = find_mentions(c, seed_dict)
    assert list(zip(m["doc_id"], m["surface"], m["actor"], m["rule"])) == [
        ("d0", "Hafez al-Assad", "hafez_al_assad", "alias"),
        ("d0", "Assad", "hafez_al_assad", "surname"),
        ("d1", "Assad", "bashar_al_assad", "surname"),
        ("d3", "Mr Ban", "ban_ki_moon", "surname"),
        ("d3", "Secretary-General Ban", "ban_ki_moon", "title+surname")]


def test_title_before_a_surname_names_that_person(seed_dict):
    # 2015: Ban holds the office, but the text names his predecessor
    text = "Secretary-General Annan and Mr Annan were thanked; Annan was not."
    m = find_mentions(corpus_of(text, dates=["2015-09-28"]), seed_dict)
    assert list(zip(m["surface"], m["actor"], m["rule"])) == [
        ("Secretary-General Annan", "kofi_annan", "title+surname"),
        ("Mr Annan", "kofi_annan", "surname"), ("Annan", "kofi_annan", "surname")]


def test_dated_historical_names(seed_dict):
    c = corpus_of("The Soviet Union voted.", "The Soviet Union voted.",
                  dates=["1980-09-15", "2005-09-15"])
    m = find_mentions(c, seed_dict)
    assert list(zip(m["doc_id"], m["actor"], m["rule"])) == [("d0", "RUS", "historical")]


def test_dated_aliases(tmp_path):
    d = load_dictionary(write(tmp_path, "actors:\n  - {id: isis, name: Islamic State, "
                                        "kind: armed_group, aliases: [{name: IS, from: 2014-06-29}]}\n"),
                        replace=True)
    c = corpus_of("For IS years.", "Fighting IS.", "Fighting IS.",
                  dates=["1985-09-15", "2015-09-15", None])
    m = find_mentions(c, d)
    # undated: a dated name still resolves when it is the only reading
    assert list(zip(m["doc_id"], m["actor"])) == [("d1", "isis"), ("d2", "isis")]


def test_nocase_aliases(tmp_path):
    d = load_dictionary(write(tmp_path, "actors:\n  - {id: RUS, name: Russia, kind: state, "
                                        "aliases_nocase: [the kremlin]}\n"), replace=True)
    m = find_mentions(corpus_of("The Kremlin, the kremlin, THE KREMLIN, the Kremlin."), d)
    assert m["surface"].tolist() == ["The Kremlin", "the kremlin", "THE KREMLIN", "the Kremlin"]
    assert set(m["rule"]) == {"alias_nocase"}


def test_empty_corpus_and_no_mentions(seed_dict):
    m = find_mentions(corpus_of("Nothing to see here."), seed_dict)
    assert m.empty and tuple(m.columns) == actors.MENTION_COLUMNS
    assert m["start"].dtype == np.int64


def test_input_not_modified_and_parallel_identical(seed_dict, monkeypatch):
    corpus = pd.concat([load("sample")] * 6, ignore_index=True)
    corpus["doc_id"] = [f"s{i}" for i in range(len(corpus))]
    before = corpus.copy()
    one = find_mentions(corpus, seed_dict, n_jobs=1)
    monkeypatch.setattr(mentions_module, "BATCH_CHARS", 5000)
    two = find_mentions(corpus, seed_dict, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    # issue 15: the default (None) and -1 use every available core, with the same result
    pd.testing.assert_frame_equal(one, find_mentions(corpus, seed_dict))
    pd.testing.assert_frame_equal(one, find_mentions(corpus, seed_dict, n_jobs=-1))
    pd.testing.assert_frame_equal(corpus, before)
    assert mentions_module._worker_data is None   # only the workers held the batch data
    assert len(one) == 6 * len(SEED_EXPECTED)


def test_n_jobs_default_is_every_available_core(seed_dict, monkeypatch):
    """Issue 15: ``n_jobs=None`` (default) and -1 mean all cores, 1 this process only."""
    seen, scan_all = [], mentions_module._scan_all

    def spy(matcher, texts, dates, n_jobs, keep_rejected):
        seen.append(n_jobs)
        return scan_all(matcher, texts, dates, n_jobs, keep_rejected)

    monkeypatch.setattr(mentions_module, "_scan_all", spy)
    for n in (None, -1, 1):
        find_mentions(corpus_of("Russia and France."), seed_dict, n_jobs=n)
    assert seen == [available_cores(), available_cores(), 1]


def test_find_mentions_errors(seed_dict):
    with pytest.raises(ValueError, match="n_jobs=0 is invalid"):
        find_mentions(corpus_of("x"), seed_dict, n_jobs=0)
    with pytest.raises(TypeError, match="n_jobs=1.5 has the wrong type float"):
        find_mentions(corpus_of("x"), seed_dict, n_jobs=1.5)
    with pytest.raises(TypeError, match="n_jobs='all' has the wrong type str"):
        find_mentions(corpus_of("x"), seed_dict, n_jobs="all")
    with pytest.raises(TypeError, match="dictionary=42 has the wrong type int; must be an ActorDictionary"):
        find_mentions(corpus_of("x"), dictionary=42)
    with pytest.raises(ValueError, match="missing columns"):
        find_mentions(pd.DataFrame({"text": ["x"]}), seed_dict)


def _batch_vs_spans(texts: list[str]) -> None:
    joined = "\x00".join(texts)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    doc_start = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)
    p, s = span_starts(texts, joined, doc_start)
    assert p.tolist() == [a + o for t, o in zip(texts, doc_start.tolist())
                          for a, _ in paragraph_spans(t)]
    assert s.tolist() == [a + o for t, o in zip(texts, doc_start.tolist())
                          for a, _ in sentence_spans(t)]


def test_batch_sentence_starts_equal_sentence_spans():
    # find_mentions computes sentence ids for a whole batch with numpy; they must be
    # exactly those of toolkit.text.sentence_spans, quirks included
    tricky = ['He said "Stop." Then left.', "A... B? C!) D.", "Dr. No. 5 is here.\n\nNew. (Yes.) X",
              "e.g. this. U.S. Army. J. F. Kennedy.   Z", ".\n.\nA. B.", "  lead. Trail.  ",
              "x.\u00a0Y and x.\u2003Z", "Lt.-Col. Smith. ----etc. Next.", "end.\x01 Next",
              "Mr\n. Next", "Ünïcode wörd. Ñext. Étape.", "", "no end", "?!?"]
    _batch_vs_spans(tricky)
    _batch_vs_spans(load("sample")["text"].tolist())
    rng = np.random.default_rng(3)
    alphabet = np.array(list('.!?"\'”’)] \n\t\u00a0“‘([AaBbZz19-') + ["Mr", "U.S", "etc", "\n\n"])
    fuzz = ["".join(rng.choice(alphabet, size=rng.integers(0, 60))) for _ in range(3000)]
    for lo in range(0, len(fuzz), 300):
        _batch_vs_spans(fuzz[lo:lo + 300])


# --------------------------------------------------------------------------- the dictionary


def test_dictionary_tables(seed_dict):
    assert seed_dict.actors.set_index("id").loc["barack_obama", ["kind", "country"]].tolist() \
        == ["person", "USA"]
    a = seed_dict.aliases
    assert a[(a["pattern"] == "Moscow")][["actor", "rule"]].values.tolist() == [["RUS", "metonym"]]
    hist = a[a["rule"] == "historical"].iloc[0]
    assert (hist["pattern"], str(hist["from"].date()), str(hist["to"].date())) == (
        "Soviet Union", "1922-12-30", "1991-12-26")
    h = seed_dict.holders
    assert h[h["role"] == "rus_president"]["to"].isna().all()
    assert "ActorDictionary(" in repr(seed_dict)


@pytest.mark.parametrize("block, message", [
    ("actors:\n  - {id: x1, name: X, kind: nation}", r"d.yaml, line 2: actor 'x1': kind='nation' is invalid"),
    ("actors:\n  - {id: Bad Id, name: X, kind: state}", r"line 2: actor id='Bad Id' is invalid"),
    ("actors:\n  - {id: x1, name: X, kind: other, alias: [Y]}", r"unknown key\(s\) \['alias'\]"),
    ("actors:\n  - {id: x1, name: X, kind: other}\n  - {id: x1, name: Y, kind: other}",
     r"line 3: duplicate actor id 'x1' \(first defined at .*line 2\)"),
    (("actors:\n  - {id: p, name: P, kind: person}\nroles:\n  - {id: r, office: Chief, holders: "
     "[{actor: q, from: 2000-01-01}]}"), r"holder actor='q' is not an actor"),
    (("actors:\n  - {id: p, name: P, kind: person}\nroles:\n  - {id: r, office: Chief, holders: "
     "[{actor: p, from: 2000-13-01}]}"), r"from='2000-13-01' is not a date"),
    (("actors:\n  - {id: p, name: P, kind: person}\nroles:\n  - {id: r, office: Chief, holders: "
     "[{actor: p, from: 2001-01-01, to: 2000-01-01}]}"), r"leaves office \(2000-01-01\) before"),
    ("roles:\n  - {id: r, office: Chief, country: ZZZ}", r"country='ZZZ' is not a state"),
    ("actors:\n  - {id: x1, name: X, kind: other, country: Russia}", r"country='Russia' is invalid"),
    ("actors:\n  - {id: XAA, name: X, kind: state, surname: Y}", r"surname='Y' is only valid"),
    ("actors: [1, 2]", r"'actors' must be a list of mappings"),
    ("people: []", r"expected a mapping with an 'actors:'"),
    ("actors:\n  - {id: x1, name: X, kind: other, aliases: [1]}", r"aliases entry 1 must be a non-empty name"),
    ("actors:\n  - {id: x1, name: X, kind: other, aliases: [{name: Y, form: 2000-01-01}]}",
     r"line 2: actor 'x1': unknown key\(s\) \['form'\] in aliases"),
])
def test_dictionary_errors_name_file_line_and_value(tmp_path, block, message):
    with pytest.raises(DictionaryError, match=message):
        load_dictionary(write(tmp_path, block), replace=True)


def test_dictionary_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(FileNotFoundError, match="actor dictionary not found"):
        load_dictionary(tmp_path / "nope.yaml")
    with pytest.raises(DictionaryError, match="not valid YAML"):
        load_dictionary(write(tmp_path, "actors: [\n"), replace=True)
    with pytest.raises(TypeError, match="replace='yes' has the wrong type str; must be True or False"):
        load_dictionary(write(tmp_path, "actors: []"), replace="yes")


def test_user_file_merges_over_default(tmp_path, caplog):
    path = write(tmp_path, "actors:\n  - {id: RUS, name: Russland, kind: state, aliases: [Russland]}\n"
                           "  - {id: my_group, name: My Group, kind: armed_group}\n")
    with caplog.at_level(logging.INFO, logger="toolkit.actors"):
        d = load_dictionary(path)
    rus = d.actors.set_index("id").loc["RUS"]
    assert rus["name"] == "Russland"
    assert "actor 'RUS' replaces the default one" in caplog.text
    assert "my_group" in set(d.actors["id"])
    assert set(d.aliases.loc[d.aliases["actor"] == "RUS", "pattern"]) == {"Russland"}
    assert len(d.actors) > 100   # the default states are still there


def test_overlapping_terms_warn_and_leave_title_unresolved(tmp_path, caplog):
    text = ("actors:\n  - {id: a, name: A One, kind: person}\n  - {id: b, name: B Two, kind: person}\n"
            "roles:\n  - {id: r, office: Chief, titles: [Grand Chief], holders: [{actor: a, from: 2000-01-01, "
            "to: 2010-01-01}, {actor: b, from: 2005-01-01, to: null}]}\n")
    with caplog.at_level(logging.WARNING, logger="toolkit.actors"):
        d = load_dictionary(write(tmp_path, text), replace=True)
    assert "overlap" in caplog.text
    c = corpus_of("The Grand Chief came.", "The Grand Chief came.", "The Grand Chief came.",
                  dates=["2003-01-01", "2007-01-01", "2012-01-01"])
    m = find_mentions(c, d)
    assert list(zip(m["doc_id"], m["actor"])) == [("d0", "a"), ("d2", "b")]


def test_a_collegial_role_overlaps_without_a_warning(tmp_path, caplog):
    text = ("actors:\n  - {id: a, name: A One, kind: person}\n  - {id: b, name: B Two, kind: person}\n"
            "roles:\n  - {id: r, office: Chief, titles: [Grand Chief], collegial: true, holders: "
            "[{actor: a, from: 2000-01-01, to: 2000-06-30}, {actor: b, from: 2000-01-01, "
            "to: 2000-06-30}]}\n")
    with caplog.at_level(logging.WARNING, logger="toolkit.actors"):
        d = load_dictionary(write(tmp_path, text), replace=True)
    assert "overlap" not in caplog.text
    m = find_mentions(corpus_of("The Grand Chief came.", dates=["2000-03-01"]), d)
    assert m.empty  # two holders that day: the bare title names neither
    with pytest.raises(DictionaryError, match=r"collegial='yes' must be true or false"):
        load_dictionary(write(tmp_path, text.replace("collegial: true", "collegial: 'yes'")),
                        replace=True)


def test_the_default_dictionary_loads_without_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit"):
        load_dictionary()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_the_default_dictionary_comes_from_the_disk_cache_with_its_warnings(tmp_path,
                                                                            monkeypatch):
    # a new kernel loads the stored tables (0.05 s) instead of reading the YAML (1.6 s);
    # a warning the files gave is given again by every load
    from toolkit import cache
    from toolkit.actors import dictionary

    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path))
    real = dictionary.load_dictionary
    calls = []

    def reading(*args, **kwargs):
        calls.append(1)
        warnings.warn("states.yaml, line 9: 'Chad' is a common word", actors.DictionaryWarning)
        return real(*args, **kwargs)

    monkeypatch.setattr(dictionary, "load_dictionary", reading)
    dictionary._load_default.cache_clear()
    try:
        with pytest.warns(actors.DictionaryWarning, match="'Chad' is a common word"):
            first = dictionary.default_dictionary()
        dictionary._load_default.cache_clear()  # as in a new process
        with pytest.warns(actors.DictionaryWarning, match="'Chad' is a common word"):
            second = dictionary.default_dictionary()
    finally:
        dictionary._load_default.cache_clear()
    assert calls == [1] and second is not first
    assert len(cache.entries(tmp_path, "actors.default_dictionary")) == 1
    fresh = real()
    for table in ("actors", "aliases", "roles", "holders", "sovereigns"):
        pd.testing.assert_frame_equal(getattr(second, table), getattr(fresh, table))
    assert second.files == fresh.files
    text = "Moscow said the Secretary-General met ISIL envoys."
    found = find_mentions(corpus_of(text, dates=["2015-06-01"]), second)
    pd.testing.assert_frame_equal(found, find_mentions(corpus_of(text, dates=["2015-06-01"]),
                                                       fresh))
    assert found[["surface", "actor", "rule"]].values.tolist() == [
        ["Moscow", "RUS", "metonym"], ["Secretary-General", "ban_ki_moon", "title"],
        ["ISIL", "isis", "alias"]]


def test_handover_day_goes_to_the_incoming_holder(tmp_path):
    text = ("actors:\n  - {id: a, name: A One, kind: person}\n  - {id: b, name: B Two, kind: person}\n"
            "roles:\n  - {id: r, office: Chief, titles: [Grand Chief], holders: [{actor: a, from: 2000-01-01, "
            "to: 2010-01-01}, {actor: b, from: 2010-01-01, to: null}]}\n")
    d = load_dictionary(write(tmp_path, text), replace=True)
    m = find_mentions(corpus_of("The Grand Chief came.", dates=["2010-01-01"]), d)
    assert m["actor"].tolist() == ["b"]


# --------------------------------------------------------------------------- kwic, discover


def test_kwic_shows_context(seed_dict):
    corpus = load("sample")
    m = find_mentions(corpus, seed_dict)
    k = kwic(m, corpus, actor="isis", width=10)
    assert k["surface"].tolist() == ["ISIS", "Islamic State", "Islamic State", "IS", "ISIL",
                                     "ISIS", "IS", "Daesh", "Isil", "IS"]
    assert k.loc[0, ["left", "right"]].tolist() == ["mation on ", " with Iran"]
    assert len(kwic(m, corpus)) == len(m)


def test_kwic_errors(seed_dict):
    corpus = load("sample")
    m = find_mentions(corpus, seed_dict)
    with pytest.raises(ValueError, match=r"mentions is missing columns \['actor'\]"):
        kwic(m.drop(columns="actor"), corpus)
    with pytest.raises(ValueError, match="width=-1 is invalid"):
        kwic(m, corpus, width=-1)
    with pytest.raises(TypeError, match="width='5' has the wrong type str"):
        kwic(m, corpus, width="5")
    with pytest.raises(ValueError, match=r"doc_id\(s\) \['000_7b58ddb520ee29f2'\] are not in corpus"):
        kwic(m, corpus_of("other"))
    assert kwic(m, corpus, actor="nobody").empty


def test_kwic_with_window_in_words(seed_dict):
    corpus = load("sample")
    m = find_mentions(corpus, seed_dict)
    k = kwic(m, corpus, actor="isis", window=3)
    assert k.loc[0, ["left", "surface", "right"]].tolist() == [
        "intelligence” information on", "ISIS", "with Iran, Russia"]


def test_issue15_kwic_any_word_phrase_or_pattern():
    corpus = load("sample")
    text = corpus.loc[0, "text"]
    # glob, case-insensitive by default (quanteda's kwic): every "sanction*"-like word
    k = kwic(corpus, "terror*", window=2)
    expected = [w for w in re.findall(r"\w+", text) if w.lower().startswith("terror")]
    assert k["surface"].tolist() == expected and len(expected) >= 2
    assert all(text[s:e] == w for s, e, w in zip(k["start"], k["end"], k["surface"]))
    # a phrase: its words in order, nothing but space between
    k = kwic(corpus, "islamic state", window=1)
    assert k["surface"].tolist() == ["Islamic State"] * text.count("Islamic State")
    assert k["pattern"].unique().tolist() == ["islamic state"]
    # case-sensitive, fixed: "US" but not "us"
    k = kwic(corpus, "US", valuetype="fixed", case_insensitive=False)
    assert set(k["surface"]) == {"US"} and len(k) == text.count(" US ")
    # regex: matches anywhere in a word unless anchored
    k = kwic(corpus, r"^(Iraq|Iran)i?$", valuetype="regex", window=0)
    assert set(k["surface"]) <= {"Iraq", "Iran", "Iraqi"} and len(k) >= 8
    assert (k["left"] == "").all() and (k["right"] == "").all()


def test_kwic_pattern_errors():
    corpus = load("sample")
    with pytest.raises(ValueError, match="is not a valid regular expression"):
        kwic(corpus, "(unclosed", valuetype="regex")
    with pytest.raises(ValueError, match="valuetype='wildcard' is invalid"):
        kwic(corpus, "x", valuetype="wildcard")
    with pytest.raises(ValueError, match="pattern='' is invalid"):
        kwic(corpus, "")
    with pytest.raises(ValueError, match="actor= applies to kwic"):
        kwic(corpus, "x", actor="RUS")
    assert kwic(corpus, "zzzqqq").empty


def test_discover_ranks_unknown_names(seed_dict):
    texts = ["The African Union and Iraq met. However, the African Union stayed.",
             "Mr Smith met the African Union and the Economic Community of West African States.",
             "The Economic Community of West African States and Iran agreed."]
    out = discover(corpus_of(*texts), seed_dict, min_count=2)
    assert out[["candidate", "n", "n_docs"]].values.tolist() == [
        ["African Union", 3, 2], ["Economic Community of West African States", 2, 2]]
    assert "African Union" in out.loc[0, "example"]


def test_discover_errors(seed_dict):
    with pytest.raises(ValueError, match="min_count=0 is invalid"):
        discover(corpus_of("x"), seed_dict, min_count=0)
    with pytest.raises(ValueError, match="top=0 is invalid"):
        discover(corpus_of("x"), seed_dict, top=0)
    with pytest.raises(TypeError, match=r"top=2.0 has the wrong type float; must be an integer >= 1 or None"):
        discover(corpus_of("x"), seed_dict, top=2.0)
    with pytest.raises(ValueError, match=r"mentions is missing columns \['start', 'end'\]"):
        discover(corpus_of("x"), seed_dict, mentions=pd.DataFrame({"doc_id": ["d0"]}))


# --------------------------------------------------------------------------- UN General Debates


@pytest.mark.ungdc
@pytest.mark.skipif(not UNGDC_PARQUET.exists(), reason="UN General Debate corpus absent "
                    f"(expected at {UNGDC_PARQUET})")
def test_ungdc_secretary_general_by_session_year():
    corpus = load("ungdc")
    sample = corpus[corpus["year"].isin([1995, 2005, 2015, 2019])]
    m = find_mentions(sample, load_dictionary())
    sg = m[m["surface"].isin(["Secretary-General", "Secretary General"]) & (m["rule"] == "title")]
    year = sg["doc_id"].str[-4:].astype(int)
    top = sg.groupby(year)["actor"].agg(lambda s: s.value_counts().index[0]).to_dict()
    assert top == {1995: "boutros_boutros_ghali", 2005: "kofi_annan", 2015: "ban_ki_moon",
                   2019: "antonio_guterres"}
    # the title is resolved by the date alone: every bare title in a year names one person
    assert sg.groupby(year)["actor"].nunique().eq(1).all()


def test_default_dictionary_reads_is_as_the_islamic_state_only_from_2014():
    # before mid-2014 "IS" in capitals is mostly OCR noise for "15" in old UN transcripts
    corpus = from_frame(pd.DataFrame({
        "doc_id": ["old", "new"], "date": ["1975-09-20", "2015-09-28"],
        "text": ["Resolution 3 IS adopted.", "Air strikes against IS continued."]}))
    m = find_mentions(corpus)
    assert m.loc[m["surface"] == "IS", ["doc_id", "actor"]].values.tolist() == [["new", "isis"]]
