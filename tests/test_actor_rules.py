"""Context rules, territories, historical states and dictionary lint (issue 15; issue 16).

Every rule of toolkit.actors.context is checked on the default dictionary with the
sentences of the issue and on real sentences (the seed article, gensim's Lee corpus), both
ways: where it must fire and where it must not.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from toolkit.actors import (
    REJECTED_RULES,
    RULES,
    DictionaryError,
    DictionaryWarning,
    find_mentions,
    load_dictionary,
)
from toolkit.actors.ner import check_ner, entities, review
from toolkit.corpus import from_frame, load


def corpus_of(*texts: str, dates=None) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    if dates is not None:
        frame["date"] = dates
    return from_frame(frame)


def found(text: str, date: str | None = "2015-09-28", **kw) -> list[tuple[str, str, str]]:
    m = find_mentions(corpus_of(text, dates=[date]), **kw)
    return list(zip(m["surface"], m["actor"], m["rule"]))


def actors_in(text: str, date: str | None = "2015-09-28") -> list[str]:
    return [a for _, a, _ in found(text, date)]


# --------------------------------------------------------------------------- names as persons


def test_issue15_first_name_before_a_state_name_is_a_person():
    assert found("Michael Jordan played basketball in Chicago.") == []
    assert found("Chad Smith is a drummer; Israel Katz is a minister.") == []
    # the readings are there for an audit, named by the rule that rejected them
    rejected = found("Michael Jordan played.", keep_rejected=True)
    assert rejected == [("Jordan", "JOR", "first_name")]


def test_issue15_state_names_stay_states_without_a_person_context():
    assert actors_in("Troops from Jordan met the leaders of Chad and Israel.") == [
        "JOR", "TCD", "ISR"]
    assert actors_in("India Pakistan talks resumed.") == ["IND", "PAK"]


def test_issue15_unclear_context_keeps_the_state_and_says_so():
    assert found("Jordan Valley farmers protested.") == [("Jordan", "JOR", "alias_unclear")]


# --------------------------------------------------------------------------- US and regional places


@pytest.mark.parametrize("text, rule", [
    ("The company is based in Atlanta, Georgia.", "us_state"),
    ("Seattle is in Washington state.", "us_state"),
    ("He was born in the state of Georgia.", "us_state"),
    ("Paris, Texas is a film by Wim Wenders.", "city_region"),
    ("He grew up in Jamaica, Queens.", "city_region"),
    ("The plant in Lebanon, Pennsylvania closed.", "city_region"),
])
def test_issue15_city_region_and_us_state_contexts(text, rule):
    assert found(text) == []
    assert [r for _, _, r in found(text, keep_rejected=True)] == [rule]


def test_issue15_regions_that_are_states_and_the_country_georgia():
    assert actors_in("Russia, Georgia and Ukraine met in Tbilisi, Georgia.") == [
        "RUS", "GEO", "UKR", "GEO", "GEO"]
    # a Georgian place the dictionary does not know, in a text about the country
    assert actors_in("The Georgian army left Gori, Georgia.") == ["GEO", "GEO"]
    assert actors_in("Washington, D.C. and Moscow, Washington and Beijing") == [
        "USA", "RUS", "USA", "CHN"]


# --------------------------------------------------------------------------- compounds


def test_issue15_products_and_foods_named_after_places_are_no_mentions():
    text = ("She ordered French fries and a Danish pastry, wore a Panama hat and "
            "bought Brussels sprouts near Lake Chad.")
    assert found(text) == []
    rejected = found(text, keep_rejected=True)
    assert {(s, a) for s, a, r in rejected if r == "compound"} == {
        ("French fries", "FRA"), ("Danish pastry", "DNK"), ("Panama hat", "PAN"),
        ("Brussels sprouts", "eu"), ("Lake Chad", "TCD")}
    assert actors_in("The French government and Danish officials met.") == ["FRA", "DNK"]


# --------------------------------------------------------------------------- venue or government


def test_issue15_venue_versus_government():
    assert found("In Brussels, the US Defence Secretary told NATO allies to spend more.") == [
        ("Brussels", "eu", "venue"), ("US", "USA", "alias"), ("NATO", "nato", "alias")]
    rules = [r for _, _, r in found(
        "Negotiators met in Vienna. Talks in Minsk failed. Moscow said no. "
        "Washington's decision was clear. Moscow's streets were empty. A letter to "
        "Moscow went unanswered. Relations between Moscow and Washington soured.")]
    # the addressee of a letter is the government, not a destination
    # "Moscow and Washington soured": read as a subject, the government (right here)
    assert rules == ["venue", "venue", "metonym", "metonym", "venue", "metonym",
                     "metonym_unclear", "metonym"]


def test_issue15_venue_rule_on_the_seed_article():
    m = find_mentions(load("sample"))
    rules = dict(zip(zip(m["surface"], m["start"]), m["rule"]))
    text = load("sample").loc[0, "text"]
    assert rules[("Baghdad", text.index("in Baghdad") + 3)] == "venue"
    assert rules[("Moscow", text.index("Moscow does not"))] == "metonym"
    assert rules[("Moscow", text.index("Moscow has sold"))] == "metonym"
    assert rules[("Baghdad", text.index("Baghdad’s top partner"))] == "metonym"


def test_issue15_dateline_is_a_venue():
    assert found("MOSCOW, Sept 28 (Reuters) - Russia said on Monday.")[0][2] == "venue"


# --------------------------------------------------------------------------- qualified names


@pytest.mark.parametrize("text, actor", [
    ("D.R. Congo", "COD"), ("Congo DR", "COD"), ("DROC", "COD"), ("RDC", "COD"),
    ("Congo, Dem. Rep.", "COD"), ("DR Congo", "COD"), ("Congo, Rep.", "COG"),
    ("Congo", "COG"), ("D.P.R. Korea", "PRK"), ("Korea DPR", "PRK"), ("Korea, North", "PRK"),
    ("Korea Republic", "KOR"), ("Korea, Republic of", "KOR"), ("Korea", "korean_peninsula"),
    ("Yemen People's Republic", "YMD"), ("Yemen (Aden)", "YMD"), ("Yemen (Sana'a)", "YEM"),
    ("Sudan (South)", "SSD"), ("Southern Sudan", "SSD"), ("Sudan", "SDN"),
    ("Hong Kong, China", "HKG"), ("Taiwan, Province of China", "TWN"),
])
def test_issue15_qualified_names(text, actor):
    # the sentence template of countrycode's tests/testthat/test-regex-sentence.R
    assert actors_in(f"The government of {text} was reelected.") == [actor]


def test_issue15_title_binds_of_only_a_whole_state_name():
    assert actors_in("The foreign minister of Chinese Taipei spoke.") == ["TWN"]
    assert actors_in("The Chinese foreign minister spoke.") != ["TWN"]
    assert found("Chinese Taipei won gold.") == [("Chinese Taipei", "TWN", "alias")]


# --------------------------------------------------------------------------- parts of names, caps


def test_issue15_soviet_inside_a_republic_name_adds_no_ussr():
    assert actors_in("The Kazakh Soviet Socialist Republic declared sovereignty.") == ["KAZ"]
    assert actors_in("The Tajik Soviet Republic, then Soviet troops.") == ["TJK", "SUN"]


def test_issue15_all_caps_text_gives_no_usa():
    corpus = corpus_of("TALKING ABOUT US", "Next story: the US and Russia met.")
    m = find_mentions(corpus)
    assert list(zip(m["doc_id"], m["surface"])) == [("d1", "US"), ("d1", "Russia")]
    m = find_mentions(corpus, keep_rejected=True)
    assert m.loc[m["doc_id"] == "d0", "rule"].tolist() == ["shouted"]


# --------------------------------------------------------------------------- territories, history


def test_issue15_territories_are_actors_with_their_sovereign():
    m = find_mentions(corpus_of("The Netherlands Antilles were dissolved. The US Virgin "
                                "Islands and Puerto Rico voted; Hong Kong protested.",
                                dates=["2019-06-12"]))
    assert list(zip(m["actor"], m["kind"], m["country"], m["sovereign"])) == [
        ("ANT", "other", "ANT", "NLD"), ("VIR", "other", "VIR", "USA"),
        ("PRI", "other", "PRI", "USA"), ("HKG", "other", "HKG", "CHN")]
    old = find_mentions(corpus_of("Hong Kong", "Hong Kong", "Hong Kong", "Russia",
                                  dates=["1990-01-01", "1997-07-01", None, "1990-01-01"]))
    assert old["sovereign"].tolist() == ["GBR", "CHN", "CHN", "RUS"]


def test_issue15_historical_states_have_their_dates():
    d = load_dictionary()
    dates = d.actors.set_index("id").loc[["SUN", "DDR", "YMD", "YUG", "CSK", "ANT"],
                                         ["kind", "from", "to"]]
    assert dates.loc["SUN"].tolist() == ["state", pd.Timestamp("1922-12-30"),
                                         pd.Timestamp("1991-12-26")]
    assert dates.loc["DDR", "to"] == pd.Timestamp("1990-10-02")
    assert dates.loc["YMD", "to"] == pd.Timestamp("1990-05-21")
    assert dates["from"].notna().all()
    assert actors_in("The USSR and the Soviet Union; East Germany and South Yemen.",
                     "1985-01-01") == ["SUN", "SUN", "DDR", "YMD"]


def test_rules_column_values_are_documented():
    assert set(REJECTED_RULES) < set(RULES)
    m = find_mentions(corpus_of("Michael Jordan ate French fries in Paris, Texas."),
                      keep_rejected=True)
    assert set(m["rule"]) <= set(RULES)


# --------------------------------------------------------------------------- real text: Lee corpus


def test_issue15_lee_corpus_venues_and_governments():
    gensim_test = pytest.importorskip("gensim.test.utils")
    path = gensim_test.datapath("lee_background.cor")
    lines = open(path, encoding="utf-8").read().splitlines()
    corpus = from_frame(pd.DataFrame({"text": lines}))
    m = find_mentions(corpus)
    assert set(m["rule"]) <= set(RULES)

    def rule_at(phrase: str, surface: str) -> str:
        doc = next(i for i, line in enumerate(lines) if phrase in line)
        start = lines[doc].index(phrase) + phrase.index(surface)
        row = m[(m["doc_id"] == corpus["doc_id"][doc]) & (m["start"] == start)]
        return row["rule"].item()

    assert rule_at("In Brussels, the US Defence Secretary", "Brussels") == "venue"
    assert rule_at("In Washington, the International Monetary Fund", "Washington") == "venue"
    assert rule_at("the nature of Canberra's offer", "Canberra") == "metonym"
    assert rule_at("The White House says it will continue", "White House") == "metonym"
    assert rule_at("based in the capital, Kabul", "Kabul") == "venue"
    assert rule_at("flight from Paris to Miami", "Paris") == "venue"


# --------------------------------------------------------------------------- dictionary lint (16)


def _write(tmp_path, text: str, name: str = "mine.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_issue16_common_word_and_short_aliases_warn_with_file_and_line(tmp_path):
    path = _write(tmp_path, "actors:\n  - id: x1\n    name: Xland\n    kind: other\n"
                            "    aliases:\n      - will\n      - The\n      - a\n")
    with pytest.warns(DictionaryWarning) as record:
        load_dictionary(path, replace=True)
    messages = [str(w.message) for w in record]
    assert any("mine.yaml, line 6" in s and "'will' is a common English word" in s
               for s in messages)
    assert any("line 7" in s and "'The'" in s for s in messages)
    assert any("line 8" in s and "'a'" in s for s in messages)


def test_issue16_collision_with_a_default_alias_warns(tmp_path):
    # the issue's case: a lower-case "us" is a common word and, in capitals, the USA's "US"
    path = _write(tmp_path, "actors:\n  - {id: my_us, name: My Us, kind: other, "
                            "aliases_nocase: [us]}\n")
    with pytest.warns(DictionaryWarning) as record:
        load_dictionary(path)
    messages = " | ".join(str(w.message) for w in record)
    assert "alias_nocase 'us' is a common English word" in messages
    assert "collides with alias 'US' of actor 'USA'" in messages
    path = _write(tmp_path, "actors:\n  - {id: kremlin_watchers, name: Kremlin Watchers, "
                            "kind: other, aliases: [Moscow]}\n", "other.yaml")
    with pytest.warns(DictionaryWarning, match=r"other.yaml, line 2: actor 'kremlin_watchers': "
                                               r"alias 'Moscow' collides with metonym 'Moscow' "
                                               r"of actor 'RUS'"):
        load_dictionary(path)


def test_issue16_allow_common_silences_the_warning(tmp_path):
    path = _write(tmp_path, "actors:\n  - {id: x1, name: Xland, kind: other, aliases: [will], "
                            "allow_common: true}\n  - {id: x2, name: Yland, kind: other, "
                            "aliases: [{name: may, allow_common: true}]}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DictionaryWarning)
        load_dictionary(path, replace=True)


def test_issue16_default_dictionary_has_no_lint_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DictionaryWarning)
        load_dictionary()


def test_issue16_duplicate_key_in_one_block_is_an_error(tmp_path):
    path = _write(tmp_path, "actors:\n  - id: x1\n    name: X\n    kind: other\n"
                            "    aliases: [Xa]\n    aliases: [Xb]\n")
    with pytest.raises(DictionaryError, match=r"mine.yaml, line 6: key 'aliases' repeated in "
                                              r"one block \(first at line 5\)"):
        load_dictionary(path, replace=True)


def test_issue16_latin1_yaml_gives_a_named_error(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("actors:\n  - {id: CIV, name: Côte d'Ivoire, kind: state}\n"
                     .encode("latin-1"))
    with pytest.raises(DictionaryError, match=r"latin.yaml, line 2: not UTF-8 \(byte 0xf4"):
        load_dictionary(path, replace=True)


@pytest.mark.parametrize("day", ["1500-01-01", "2300-01-01"])
def test_issue16_office_dates_outside_the_nanosecond_range_are_rejected(tmp_path, day):
    path = _write(tmp_path, "actors:\n  - {id: p, name: P Q, kind: person}\nroles:\n"
                            "  - id: r\n    office: Chief\n    holders:\n"
                            f"      - {{actor: p, from: {day}}}\n")
    with pytest.raises(DictionaryError, match=rf"mine.yaml, line 7: role 'r': from='{day}' "
                                              r"is outside the dates"):
        load_dictionary(path, replace=True)


def test_sovereign_must_be_a_state(tmp_path):
    path = _write(tmp_path, "actors:\n  - {id: XAA, name: Xa, kind: other, sovereign: XBB}\n"
                            "  - {id: XBB, name: Xb, kind: other}\n")
    with pytest.raises(DictionaryError, match=r"sovereign='XBB' is not a state"):
        load_dictionary(path, replace=True)


# --------------------------------------------------------------------------- optional NER


def test_ner_is_optional_and_never_downloads():
    from toolkit.actors import load_ner
    assert load_ner("no_such_model_xyz") is None
    with pytest.raises(TypeError, match="must be None, 'auto' or a loaded spaCy pipeline"):
        find_mentions(corpus_of("Chad Ochocinco scored."), ner="en_core_web_sm")
    with pytest.raises(TypeError, match="must be None, 'auto' or a loaded spaCy pipeline"):
        check_ner(42)


def test_ner_second_opinion_with_a_rule_based_pipeline():
    spacy = pytest.importorskip("spacy", reason="spaCy is an optional extra (bench)")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PERSON", "pattern": "Chad Ochocinco"},
        {"label": "GPE", "pattern": "Jordan"}])
    corpus = corpus_of("Chad Ochocinco scored. Jordan Valley farmers protested.")
    plain = find_mentions(corpus)
    assert plain["rule"].tolist() == ["alias_unclear", "alias_unclear"]
    assert find_mentions(corpus, ner=nlp)["rule"].tolist() == ["alias"]
    audited = review(plain, corpus, nlp, keep_rejected=True)
    assert audited["rule"].tolist() == ["ner", "alias"]
    ents = entities(corpus, nlp)
    assert ents[["text", "label"]].values.tolist() == [["Chad Ochocinco", "PERSON"],
                                                      ["Jordan", "GPE"]]


def test_ner_with_an_installed_statistical_model():
    from toolkit.actors import load_ner
    nlp = load_ner()
    if nlp is None:
        pytest.skip("no spaCy model with an entity recogniser is installed (none is "
                    "downloaded; pip install one to run this)")
    m = find_mentions(corpus_of("Jordan Valley farmers protested in Amman."), ner=nlp)
    assert set(m["rule"]) <= set(RULES)


def test_ner_candidates_for_discover():
    spacy = pytest.importorskip("spacy", reason="spaCy is an optional extra (bench)")
    from toolkit.actors import discover
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "hamas"},
                                              {"label": "GPE", "pattern": "Russia"}])
    corpus = corpus_of("Russia and hamas talked.", "Later hamas and Russia met.")
    out = discover(corpus, min_count=2, ner=nlp)
    # found by the model only (lower case: no capitalised run); Russia is a known mention
    assert out[["candidate", "n", "n_docs", "label"]].values.tolist() == [["hamas", 2, 2, "ORG"]]
