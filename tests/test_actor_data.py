"""Checks on the default actor dictionary data in ``toolkit/data/actors/`` (issue 3, part B).

The YAML is read with ``yaml.safe_load`` directly, not through the engine, so that these tests
pin the data itself: coverage (UN members, UN General Debate codes, office-holders), identity
(unique ids, valid ISO codes), dates (parse, ordered, no overlapping terms) and the alias
pitfalls listed in the issue.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import defaultdict

import pycountry
import pytest
import yaml

from _paths import PROJECT_ROOT
from toolkit._core import UNGDC_PARQUET

DATA_DIR = PROJECT_ROOT / "toolkit" / "data" / "actors"
FILES = sorted(DATA_DIR.glob("*.yaml"))
KINDS = {"state", "person", "organisation", "armed_group", "other"}

#: The 193 UN Member States (un.org/en/about-us/member-states), typed independently of
#: scripts/build_states.py so that a slip in one is caught by the other.
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split())
UN_OBSERVERS = {"PSE", "VAT"}
#: State ids that are not current ISO 3166-1 codes, as documented in the folder's README.md.
DOCUMENTED_NON_ISO = {"DDR", "CSK", "YUG", "YMD", "VDR", "XKX"}
#: UN General Debate codes that are not state ids.
UNGDC_TO_ACTOR = {"EU": "eu"}
#: Lower-case English words no alias may be (they would fire on ordinary prose).
STOPWORDS = set("""
a an and are as at be but by can do for from go had has have he her his i if in is it its me
may might my no not of on or our she so the their them they this to up us was we were who why
will with would you all any man men new now one out see two may march china turkey chad jordan
guinea niger georgia cook rice ban straw brown fox major hague grant hunt baker lie
""".split())
#: Surnames that are common English words or first names: they must need a title.
COMMON_WORD_SURNAMES = {"Ban", "Lie", "May", "Major", "Brown", "Cook", "Rice", "Hague", "Straw",
                        "Fox", "Grant", "Hunt", "Baker", "Cooper", "Heath", "Eden", "Truss",
                        "Cleverly", "Butler", "Ford", "Pierce", "Arthur", "Christopher",
                        "Howard", "Martin", "Philippe", "Sharon", "Park", "Moon", "Kim", "Lee",
                        "Li", "Wang", "Borne", "Owen", "Taylor", "Cleveland", "Marshall"}
#: Alias texts deliberately given to two actors (none so far: shared *surnames* are allowed
#: and resolved by the engine from context and dates; shared aliases are not).
DELIBERATE_CLASHES: set[str] = set()
#: Heads of state or government of the G20 and the main Middle East states since 2000
#: (the EU's roles have country "").
G20_AND_MIDDLE_EAST = {"ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA",
                       "JPN", "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF", "IRN", "IRQ", "SYR",
                       "ISR", "EGY", "JOR", "LBN", "ARE", "QAT", "YEM", "PSE"}
HEAD_ROLE_SUFFIXES = ("_president", "_prime_minister", "_chancellor", "_king", "_emir",
                      "_premier", "_supreme_leader", "_general_secretary", "_party_leader",
                      "_soviet_head_of_state", "_monarch")
#: Days on which a country had no listed head of state or government, with the reason.
DOCUMENTED_GAPS = {
    ("ARG", dt.date(2002, 1, 1)): "interim presidents Puerta and Camaño are left out",
    ("IRQ", dt.date(2004, 1, 1)): "Coalition Provisional Authority, not listed",
}


def _load() -> tuple[list[dict], list[dict]]:
    actors, roles = [], []
    for path in FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) <= {"actors", "roles"}, f"{path.name}: top-level keys {set(data)}"
        actors += data.get("actors") or []
        roles += data.get("roles") or []
    return actors, roles


ACTORS, ROLES = _load()
BY_ID = {a["id"]: a for a in ACTORS}
ROLE_BY_ID = {r["id"]: r for r in ROLES}


def _text(entry: str | dict) -> str:
    """A name list entry is a string or a dated ``{name, from, to}`` block."""
    return entry if isinstance(entry, str) else entry["name"]


def _names(actor: dict) -> list[tuple[str, str]]:
    """(text, field) for every string that resolves to this actor on its own."""
    out = [(actor["name"], "name")]
    for key in ("aliases", "aliases_nocase", "demonyms", "metonyms", "historical"):
        out += [(_text(s), key) for s in actor.get(key) or []]
    return out


def _holder_on(role: dict, day: dt.date) -> list[str]:
    return [h["actor"] for h in role["holders"]
            if h["from"] <= day and (h["to"] is None or day <= h["to"])]


# ------------------------------------------------------------------------------ files, ids


def test_the_default_dictionary_has_the_expected_files() -> None:
    names = {p.name for p in FILES}
    assert {"states.yaml", "organisations.yaml", "armed_groups.yaml", "people.yaml",
            "roles.yaml", "regions.yaml"} <= names
    assert (DATA_DIR / "README.md").exists()


def test_actor_and_role_ids_are_unique() -> None:
    ids = [a["id"] for a in ACTORS]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    rids = [r["id"] for r in ROLES]
    assert len(rids) == len(set(rids))


def test_every_actor_has_the_required_keys_and_a_source() -> None:
    allowed = {"id", "name", "kind", "country", "aliases", "aliases_nocase", "demonyms",
               "metonyms", "historical", "surname", "surname_needs_title", "source", "note"}
    for a in ACTORS:
        assert set(a) <= allowed, (a["id"], set(a) - allowed)
        assert a["kind"] in KINDS, a["id"]
        assert isinstance(a["name"], str) and a["name"].strip(), a["id"]
        assert isinstance(a.get("source"), str) and a["source"].strip(), a["id"]
        for key in ("aliases", "aliases_nocase", "demonyms", "metonyms"):
            names = [_text(s) for s in a.get(key) or []]
            assert all(isinstance(s, str) and s == s.strip() and s for s in names), (a["id"], key)
        if "surname" in a or "surname_needs_title" in a:
            assert a["kind"] == "person", a["id"]
        if "surname_needs_title" in a:
            assert a["surname_needs_title"] is True, a["id"]
    for r in ROLES:
        assert isinstance(r.get("source"), str) and r["source"].strip(), r["id"]
        assert r.get("office") or r.get("titles"), r["id"]


def test_ids_follow_the_format() -> None:
    for a in ACTORS:
        if a["kind"] == "state" or (a["kind"] == "other" and a["id"].isupper()):
            # states, and territories with an ISO code of their own
            assert len(a["id"]) == 3 and a["id"].isalpha(), a["id"]
            assert a["country"] == a["id"], a["id"]
        else:
            assert a["id"] == a["id"].lower() and " " not in a["id"], a["id"]


# ------------------------------------------------------------------------------ states


def test_all_un_members_and_observers_are_states() -> None:
    assert len(UN_MEMBERS) == 193
    missing = (UN_MEMBERS | UN_OBSERVERS) - {a["id"] for a in ACTORS if a["kind"] == "state"}
    assert not missing


def test_commonly_reported_territories_are_present() -> None:
    assert BY_ID["TWN"]["kind"] == "state"
    assert BY_ID["XKX"]["kind"] == "state"
    assert "Western Sahara" in BY_ID["ESH"]["aliases"]
    assert "Palestine" in BY_ID["PSE"]["aliases"]


def test_state_codes_are_iso_or_documented() -> None:
    for a in ACTORS:
        if a["kind"] == "state" or (a["kind"] == "other" and a["id"].isupper()):
            code = a["id"]
            known = pycountry.countries.get(alpha_3=code) is not None
            historic = pycountry.historic_countries.get(alpha_3=code) is not None
            assert known or (code in DOCUMENTED_NON_ISO and (historic or code == "XKX")), code


def test_every_country_field_names_a_state_in_the_dictionary() -> None:
    states = {a["id"] for a in ACTORS if a["kind"] in ("state", "other") and a["id"].isupper()}
    for a in ACTORS:
        assert a.get("country", "") in states | {""}, (a["id"], a.get("country"))
    for r in ROLES:
        assert r["country"] in states | {""}, r["id"]
        if r["country"]:
            assert BY_ID[r["country"]]["kind"] == "state", r["id"]


@pytest.mark.ungdc
@pytest.mark.skipif(not UNGDC_PARQUET.exists(), reason=f"UN General Debate corpus absent: "
                    f"{UNGDC_PARQUET}")
def test_every_ungdc_country_code_is_an_actor() -> None:
    import pandas as pd

    codes = set(pd.read_parquet(UNGDC_PARQUET, columns=["country"]).country.unique())
    assert len(codes) >= 200
    missing = {c for c in codes if UNGDC_TO_ACTOR.get(c, c) not in BY_ID}
    assert not missing
    assert BY_ID["eu"]["kind"] == "organisation"


def test_historical_names_metonyms_and_demonyms_from_the_issue() -> None:
    historical = {(h if isinstance(h, str) else h["name"]): a["id"]
                  for a in ACTORS for h in a.get("historical") or []}
    expected = {"Soviet Union": "RUS", "USSR": "RUS", "Zaire": "COD", "Burma": "MMR",
                "Kampuchea": "KHM", "Ceylon": "LKA", "Dahomey": "BEN", "Upper Volta": "BFA",
                "South West Africa": "NAM", "Swaziland": None, "Persia": "IRN", "Siam": "THA"}
    for name, aid in expected.items():
        if aid is None:   # a current alias, not a historical name
            assert name in BY_ID["SWZ"]["aliases"]
        else:
            assert historical.get(name) == aid, name
    metonyms = {m: a["id"] for a in ACTORS for m in a.get("metonyms") or []}
    for name, aid in {"Moscow": "RUS", "Kremlin": "RUS", "Washington": "USA",
                      "White House": "USA", "Downing Street": "GBR", "Beijing": "CHN",
                      "Élysée": "FRA", "Brussels": "eu"}.items():
        assert metonyms.get(name) == aid, name
    demonyms = {d: a["id"] for a in ACTORS for d in a.get("demonyms") or []}
    for name, aid in {"Russian": "RUS", "Iranian": "IRN", "American": "USA", "British": "GBR",
                      "Chinese": "CHN", "French": "FRA", "Latin American": "latin_america"}.items():
        assert demonyms.get(name) == aid, name


def test_dissolved_states_use_the_ungdc_codes() -> None:
    assert "Yugoslavia" in BY_ID["YUG"]["aliases"]
    assert "Serbia and Montenegro" in BY_ID["YUG"]["aliases"]
    assert "Czechoslovakia" in BY_ID["CSK"]["aliases"]
    assert "East Germany" in BY_ID["DDR"]["aliases"]
    assert "South Yemen" in BY_ID["YMD"]["aliases"]


def test_states_yaml_is_what_the_build_script_writes() -> None:
    path = PROJECT_ROOT / "scripts" / "build_states.py"
    spec = importlib.util.spec_from_file_location("build_states", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module._dump(module.build())
    assert text == (DATA_DIR / "states.yaml").read_text(encoding="utf-8"), \
        "states.yaml is stale: run .venv/bin/python scripts/build_states.py"


# ------------------------------------------------------------------------------ aliases


def test_no_alias_is_a_lowercase_common_word() -> None:
    for a in ACTORS:
        for text, field in _names(a) + ([(a["surname"], "surname")] if "surname" in a else []):
            assert not (text == text.lower() and text in STOPWORDS), (a["id"], field, text)
            if field != "aliases_nocase":
                # a single all-lowercase word would fire on ordinary prose
                assert not (" " not in text and text == text.lower()), (a["id"], field, text)
        for text in a.get("aliases_nocase") or []:
            assert text.lower() not in STOPWORDS and len(text) > 3, (a["id"], text)
    for r in ROLES:
        for t in r.get("titles") or []:
            assert t.lower() not in STOPWORDS, (r["id"], t)


def test_short_acronyms_are_case_sensitive_and_where_expected() -> None:
    nocase = {_text(s).lower() for a in ACTORS for s in a.get("aliases_nocase") or []}
    for acronym, aid in {"US": "USA", "IS": "isis", "UN": "un", "EU": "eu", "AU": "au",
                         "WHO": "who", "ISIL": "isis", "Daesh": "isis", "DRC": "COD"}.items():
        assert acronym in [_text(s) for s in BY_ID[aid]["aliases"]], acronym
        assert acronym.lower() not in nocase, acronym


def test_no_alias_belongs_to_two_actors() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for a in ACTORS:
        for text, _ in _names(a):
            owners[text].add(a["id"])
    clashes = {t: sorted(ids) for t, ids in owners.items() if len(ids) > 1}
    assert set(clashes) <= DELIBERATE_CLASHES, clashes


def test_surnames_do_not_shadow_another_actors_name() -> None:
    owners = {text: a["id"] for a in ACTORS for text, _ in _names(a)}
    for a in ACTORS:
        if "surname" in a:
            assert owners.get(a["surname"], a["id"]) == a["id"], (a["id"], a["surname"])


def test_common_word_surnames_need_a_title() -> None:
    checked = 0
    for a in ACTORS:
        if a.get("surname") in COMMON_WORD_SURNAMES:
            checked += 1
            assert a.get("surname_needs_title") is True, (a["id"], a["surname"])
    assert checked >= 30
    assert BY_ID["ban_ki_moon"]["surname"] == "Ban"
    assert BY_ID["ban_ki_moon"]["surname_needs_title"] is True


@pytest.mark.parametrize(("text", "expected"), [
    ("Congo", "COG"), ("Republic of the Congo", "COG"), ("Congo-Brazzaville", "COG"),
    ("Democratic Republic of the Congo", "COD"), ("DRC", "COD"), ("DR Congo", "COD"),
    ("Congo-Kinshasa", "COD"), ("Niger", "NER"), ("Nigeria", "NGA"), ("Guinea", "GIN"),
    ("Guinea-Bissau", "GNB"), ("Equatorial Guinea", "GNQ"), ("Papua New Guinea", "PNG"),
    ("Sudan", "SDN"), ("South Sudan", "SSD"), ("North Korea", "PRK"), ("South Korea", "KOR"),
    ("Korea", "korean_peninsula"), ("Ireland", "IRL"), ("Northern Ireland", "northern_ireland"),
    ("Dominica", "DMA"), ("Dominican Republic", "DOM"), ("Samoa", "WSM"),
    ("American Samoa", "ASM"), ("Georgia", "GEO"), ("Chad", "TCD"), ("Jordan", "JOR"),
    ("Turkey", "TUR"), ("China", "CHN"), ("Taiwan", "TWN"), ("Kosovo", "XKX"),
    ("Islamic State", "isis"), ("Houthis", "houthis"), ("Ansar Allah", "houthis"),
    ("Jabhat al-Nusra", "hts"), ("HTS", "hts"), ("Wagner Group", "wagner_group"),
    ("Ban Ki-moon", "ban_ki_moon"), ("Bashar al-Assad", "bashar_al_assad"),
    ("Bashar Assad", "bashar_al_assad"), ("Latin America", "latin_america"),
])
def test_collision_prone_names_resolve_as_documented(text: str, expected: str) -> None:
    owners = {t: a["id"] for a in ACTORS for t, _ in _names(a)}
    assert owners.get(text) == expected


def test_ambiguous_forms_are_given_to_no_state() -> None:
    owners = {t: a["id"] for a in ACTORS for t, _ in _names(a)}
    for text in ("Korean", "Congolese", "Dominican", "Indian", "Jerusalem"):
        assert owners.get(text) is None or BY_ID[owners[text]]["kind"] != "state", text


# ------------------------------------------------------------------------------ roles


def test_every_role_holder_is_a_person_in_the_dictionary() -> None:
    for r in ROLES:
        for h in r["holders"]:
            assert h["actor"] in BY_ID, (r["id"], h["actor"])
            assert BY_ID[h["actor"]]["kind"] == "person", (r["id"], h["actor"])


def test_term_dates_parse_and_are_ordered() -> None:
    for r in ROLES:
        for h in r["holders"]:
            assert set(h) <= {"actor", "from", "to", "note"}, (r["id"], h)
            assert isinstance(h["from"], dt.date), (r["id"], h)
            assert h["to"] is None or isinstance(h["to"], dt.date), (r["id"], h)
            assert h["to"] is None or h["from"] <= h["to"], (r["id"], h)
            assert dt.date(1700, 1, 1) < h["from"] <= dt.date.today(), (r["id"], h)


def test_terms_of_single_holder_offices_do_not_overlap() -> None:
    for r in ROLES:
        terms = sorted(r["holders"], key=lambda h: h["from"])
        for a, b in zip(terms, terms[1:]):
            assert a["to"] is not None, (r["id"], a["actor"], "open term before", b["actor"])
            assert a["to"] <= b["from"], (r["id"], a["actor"], a["to"], b["actor"], b["from"])
        assert sum(h["to"] is None for h in terms) <= 1, r["id"]


def test_un_secretaries_general_are_the_nine_in_order() -> None:
    role = ROLE_BY_ID["un_secretary_general"]
    surnames = [BY_ID[h["actor"]]["surname"] for h in role["holders"]]
    assert surnames == ["Lie", "Hammarskjöld", "Thant", "Waldheim", "Pérez de Cuéllar",
                        "Boutros-Ghali", "Annan", "Ban", "Guterres"]
    assert _holder_on(role, dt.date(2015, 9, 28)) == ["ban_ki_moon"]
    assert _holder_on(role, dt.date(1961, 9, 18)) == ["dag_hammarskjold"]
    assert _holder_on(role, dt.date(1953, 1, 1)) == []   # vacancy after Lie resigned
    assert role["country"] == ""
    assert "Secretary-General" in role["titles"]


@pytest.mark.parametrize(("role", "day", "expected"), [
    ("usa_president", dt.date(1865, 4, 14), "abraham_lincoln"),
    ("usa_president", dt.date(1945, 4, 13), "harry_s_truman"),
    ("usa_president", dt.date(2015, 9, 28), "barack_obama"),
    ("rus_president", dt.date(2010, 1, 1), "dmitry_medvedev"),
    ("rus_prime_minister", dt.date(2010, 1, 1), "vladimir_putin"),
    ("rus_general_secretary", dt.date(1970, 1, 1), "leonid_brezhnev"),
    ("gbr_prime_minister", dt.date(1982, 4, 2), "margaret_thatcher"),
    ("chn_president", dt.date(2015, 9, 28), "xi_jinping"),
    ("fra_president", dt.date(2015, 9, 28), "francois_hollande"),
    ("syr_president", dt.date(2015, 9, 28), "bashar_al_assad"),
    ("irn_president", dt.date(2015, 9, 28), "hassan_rouhani"),
    ("deu_chancellor", dt.date(1990, 10, 3), "helmut_kohl"),
])
def test_known_holders_on_known_days(role: str, day: dt.date, expected: str) -> None:
    assert _holder_on(ROLE_BY_ID[role], day) == [expected]


def test_p5_heads_are_covered_since_1950_and_foreign_ministers_since_1990() -> None:
    for country in ("USA", "GBR", "FRA", "RUS", "CHN"):
        heads = [r for r in ROLES if r["country"] == country and r["id"].endswith(HEAD_ROLE_SUFFIXES)]
        for year in range(1950, dt.date.today().year + 1):
            day = dt.date(year, 1, 1)
            assert any(_holder_on(r, day) for r in heads), (country, day)
    for rid in ("usa_secretary_of_state", "gbr_foreign_secretary", "fra_foreign_minister",
                "rus_foreign_minister", "chn_foreign_minister"):
        for year in range(1990, dt.date.today().year + 1):
            assert len(_holder_on(ROLE_BY_ID[rid], dt.date(year, 1, 1))) == 1, (rid, year)


def test_g20_and_middle_east_heads_are_covered_since_2000() -> None:
    for country in G20_AND_MIDDLE_EAST:
        heads = [r for r in ROLES if r["country"] == country and r["id"].endswith(HEAD_ROLE_SUFFIXES)]
        assert heads, country
        for year in range(2000, dt.date.today().year + 1):
            day = dt.date(year, 1, 1)
            if (country, day) in DOCUMENTED_GAPS:
                continue
            assert any(_holder_on(r, day) for r in heads), (country, day)
    eu = [ROLE_BY_ID["eu_commission_president"], ROLE_BY_ID["eu_council_president"]]
    assert all(_holder_on(r, dt.date(2020, 1, 1)) for r in eu)


def test_persons_in_office_are_people_with_a_state() -> None:
    for r in ROLES:
        for h in r["holders"]:
            person = BY_ID[h["actor"]]
            if r["country"]:
                assert person["country"] == r["country"], (r["id"], person["id"])
            else:
                assert person["country"], (r["id"], person["id"])
