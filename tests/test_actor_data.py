"""Checks on the default actor dictionary data in ``toolkit/data/actors/`` (issue 3, part B).

The YAML is read with PyYAML's safe loader directly, not through the engine, so that these tests
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
#: Historical states and former territories, actors of their own (issue 15), plus Kosovo.
DOCUMENTED_NON_ISO = {"DDR", "CSK", "YUG", "YMD", "VDR", "XKX", "SUN", "SKM", "ANT", "PCZ", "PCI"}
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


#: PyYAML's safe loader with libyaml's C parser where installed: the same values as
#: ``yaml.safe_load``; the pure-Python parser took 2.7 CPU s of every worker's collection.
_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load() -> tuple[list[dict], list[dict]]:
    actors, roles = [], []
    for path in FILES:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE)
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
               "metonyms", "historical", "surname", "surname_needs_title", "source", "note",
               "sovereign", "from", "to", "allow_common"}
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
    # the Soviet Union is a historical state of its own (issue 15), not a name of Russia
    assert BY_ID["SUN"]["name"] == "Soviet Union" and "USSR" in BY_ID["SUN"]["aliases"]
    assert str(BY_ID["SUN"]["to"]) == "1991-12-26"
    assert "Soviet Union" not in historical and "USSR" not in historical
    expected = {"Zaire": "COD", "Burma": "MMR",
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


#: Collegial offices: several persons hold the one office on the same days (Bosnia and
#: Herzegovina had two co-chairmen of the Council of Ministers 1997-01-03 .. 2000-06-06).
COLLEGIAL_ROLES = {"smr_captains_regent", "bih_chairman_of_the_council_of_ministers"}


def test_terms_of_single_holder_offices_do_not_overlap() -> None:
    for r in ROLES:
        if r["id"] in COLLEGIAL_ROLES:
            continue
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


#: Holders of an office of another state than their own: the monarch of the Commonwealth
#: realms, the President of France as co-prince of Andorra, the Taliban leaders (persons of
#: an armed group, country "") and persons who held offices of two successive states.
CROSS_STATE_HOLDERS = {"elizabeth_ii", "charles_iii", "mullah_mohammed_omar",
                       "hibatullah_akhundzada", "eduard_shevardnadze"}


def test_persons_in_office_are_people_with_a_state() -> None:
    for r in ROLES:
        for h in r["holders"]:
            person = BY_ID[h["actor"]]
            if h["actor"] in CROSS_STATE_HOLDERS or r["id"] == "and_french_co_prince":
                continue
            if r["country"]:
                assert person["country"] == r["country"], (r["id"], person["id"])
            else:
                assert person["country"], (r["id"], person["id"])


# ------------------------------------------------------------------------------ leaders by date
# Issue 15: the heads of state of every UN member state, 1990-01-01 .. 2025-12-31. A role says
# what it is in its `note`: "head of state", "head of government" or "head of state and
# government" (one office held by the same person), at the start of the note.

LEADERS_FROM, LEADERS_TO = dt.date(1990, 1, 1), dt.date(2025, 12, 31)
#: The longest interregnum allowed without a listed holder (an acting head not listed, a
#: vacancy between a death or resignation and the successor's oath): 45 days.
MAX_INTERIM_DAYS = 45
#: Member states that did not exist as such on 1990-01-01: covered from this day (the
#: independence or unification day; Serbia and Montenegro from their separation in 2006, the
#: Federal Republic of Yugoslavia being the dissolved state YUG of this dictionary).
COVERED_FROM = {
    "NAM": dt.date(1990, 3, 21), "LTU": dt.date(1990, 3, 11), "EST": dt.date(1991, 8, 20),
    "LVA": dt.date(1991, 8, 21), "GEO": dt.date(1992, 7, 31), "ARM": dt.date(1991, 9, 21),
    "AZE": dt.date(1991, 10, 18), "KAZ": dt.date(1991, 12, 16), "KGZ": dt.date(1991, 8, 31),
    "MDA": dt.date(1991, 8, 27), "TJK": dt.date(1991, 9, 9), "TKM": dt.date(1991, 10, 27),
    "UZB": dt.date(1991, 8, 31), "SVN": dt.date(1991, 6, 25), "HRV": dt.date(1991, 6, 25),
    "MKD": dt.date(1991, 9, 8), "BIH": dt.date(1992, 3, 3), "CZE": dt.date(1993, 1, 1),
    "SVK": dt.date(1993, 1, 1), "ERI": dt.date(1993, 5, 24), "PLW": dt.date(1994, 10, 1),
    "TLS": dt.date(2002, 5, 20), "MNE": dt.date(2006, 6, 3), "SRB": dt.date(2006, 6, 5),
    "SSD": dt.date(2011, 7, 9),
}
#: Periods without a listed head of state beyond the interim allowance, with the reason and a
#: source for each. San Marino's two Captains Regent change every six months: the semesters
#: before April 2020 are listed only where a source was at hand (2014-10, 2017, 2019-04).
NO_HEAD_OF_STATE = {
    ("SMR", LEADERS_FROM, dt.date(2020, 3, 31)): "two Captains Regent elected every six "
    "months; the semesters before 2020-04 are not listed but for 2014-10, 2017 and 2019-04 "
    "(Wikipedia, List of captains regent of San Marino)",
    ("SOM", dt.date(1997, 12, 22), dt.date(2000, 8, 27)): "no government after the Cairo "
    "Declaration until the Transitional National Government (Wikipedia, President of Somalia)",
    ("IRL", dt.date(1997, 9, 12), dt.date(1997, 11, 11)): "the Presidential Commission acted "
    "after Mary Robinson resigned (Wikipedia, Presidential Commission (Ireland))",
    ("IRQ", dt.date(2003, 4, 9), dt.date(2004, 6, 28)): "the Coalition Provisional Authority "
    "and the Governing Council, whose presidency rotated monthly (Wikipedia, Coalition "
    "Provisional Authority; Iraqi Governing Council)",
    ("LBN", dt.date(2007, 11, 24), dt.date(2008, 5, 25)): "the presidency was vacant; the "
    "cabinet exercised its powers (Wikipedia, President of Lebanon)",
    ("LBN", dt.date(2014, 5, 25), dt.date(2016, 10, 31)): "vacant presidency (Wikipedia, "
    "President of Lebanon)",
    ("LBN", dt.date(2022, 10, 31), dt.date(2025, 1, 9)): "vacant presidency (Wikipedia, "
    "President of Lebanon)",
}
#: States with more than one head of state at once: co-princes, a collective presidency,
#: rival claimants (each listed in its own role).
CO_HEADS = {"AND": "two co-princes", "BIH": "the three members of the Presidency",
            "SMR": "the two Captains Regent, jointly",
            "AFG": "the Taliban leader 1996-2001 beside the recognised president"}


def _heads(country: str, what: str = "head of state") -> list[dict]:
    return [r for r in ROLES if r["country"] == country
            and str(r.get("note", "")).startswith(("head of state and government", what))]


def _uncovered(roles: list[dict], start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    """(first day, length) of each run of days in start..end that no term covers."""
    terms = sorted((h["from"], h["to"] or end) for r in roles for h in r["holders"])
    gaps, day = [], start
    for a, b in terms:
        if a > day:
            gaps.append((day, (min(a, end + dt.timedelta(days=1)) - day).days))
        day = max(day, b + dt.timedelta(days=1)) if b >= day else day
        if day > end:
            break
    if day <= end:
        gaps.append((day, (end - day).days + 1))
    return [g for g in gaps if g[1] > 0 and g[0] <= end]


def _excused(country: str, first: dt.date, days: int) -> bool:
    last = first + dt.timedelta(days=days - 1)
    return any(c == country and a <= first and last <= b for c, a, b in NO_HEAD_OF_STATE)


def test_every_role_says_what_it_is_when_it_is_a_head() -> None:
    heads = [r for r in ROLES if str(r.get("note", "")).startswith("head of")]
    assert len(heads) >= 330, len(heads)
    for r in heads:
        assert r["note"].split(";")[0].split(" (")[0] in (
            "head of state", "head of government", "head of state and government"), r["id"]


def test_every_un_member_has_a_head_of_state_every_day_since_1990() -> None:
    failures = []
    for country in sorted(UN_MEMBERS):
        start = COVERED_FROM.get(country, LEADERS_FROM)
        roles = _heads(country)
        if not roles:
            if not _excused(country, start, (LEADERS_TO - start).days + 1):
                failures.append((country, "no head-of-state role"))
            continue
        for first, days in _uncovered(roles, start, LEADERS_TO):
            if days > MAX_INTERIM_DAYS and not _excused(country, first, days):
                failures.append((country, first.isoformat(), days))
    assert not failures, failures


def test_heads_of_state_do_not_overlap_except_co_heads() -> None:
    failures = []
    for country in sorted(UN_MEMBERS - set(CO_HEADS)):
        terms = sorted((h["from"], h["to"] or dt.date.max, r["id"], h["actor"])
                       for r in _heads(country) for h in r["holders"])
        for a, b in zip(terms, terms[1:]):
            if a[1] > b[0] and a[3] != b[3] and b[0] >= LEADERS_FROM:
                failures.append((country, a[2], a[3], b[2], b[3], b[0].isoformat()))
    assert not failures, failures


def test_head_of_government_coverage_is_reported() -> None:
    """Heads of government are not complete for every state: the count is pinned, not 193."""
    covered = []
    for country in sorted(UN_MEMBERS):
        start = COVERED_FROM.get(country, LEADERS_FROM)
        roles = _heads(country, "head of government")
        if roles and all(days <= MAX_INTERIM_DAYS for _, days in
                         _uncovered(roles, start, LEADERS_TO)):
            covered.append(country)
    assert len(covered) >= 150, (len(covered), sorted(UN_MEMBERS - set(covered)))


@pytest.mark.parametrize(("country", "day", "expected"), [
    ("GHA", dt.date(1995, 6, 1), "jerry_rawlings"), ("GHA", dt.date(2020, 1, 1), "nana_akufo_addo"),
    ("DEU", dt.date(2000, 1, 1), "johannes_rau"), ("IND", dt.date(2010, 1, 1), "pratibha_patil"),
    ("NGA", dt.date(1996, 1, 1), "sani_abacha"), ("KEN", dt.date(2010, 1, 1), "mwai_kibaki"),
    ("BRA", dt.date(1991, 1, 1), "fernando_collor"), ("JPN", dt.date(2000, 1, 1), "akihito"),
    ("AUS", dt.date(2010, 1, 1), "elizabeth_ii"), ("CAN", dt.date(2024, 1, 1), "charles_iii"),
    ("SOM", dt.date(2015, 1, 1), "hassan_sheikh_mohamud"), ("VNM", dt.date(2000, 1, 1), "tran_duc_luong"),
    ("GRC", dt.date(2000, 1, 1), "konstantinos_stephanopoulos"), ("CHE", dt.date(2018, 6, 1), "alain_berset"),
])
def test_known_heads_of_state_on_known_days(country: str, day: dt.date, expected: str) -> None:
    holders = [a for r in _heads(country) for a in _holder_on(r, day)]
    assert expected in holders, holders


#: Issue 15, checked 2026-12-02 against the sources in toolkit/data/actors/README.md
#: ("Verification"): terms that were wrong or missing before.
CHECKED_TERMS = [
    ("lby_prime_minister", dt.date(2019, 1, 1), "fayez_al_sarraj"),
    ("lby_prime_minister", dt.date(2023, 1, 1), "abdulhamid_dabaiba"),
    ("aze_prime_minister", dt.date(2019, 1, 1), "novruz_mammadov"),
    ("aze_prime_minister", dt.date(2020, 1, 1), "ali_asadov"),
    ("mli_prime_minister", dt.date(2023, 6, 1), "choguel_kokalla_maiga"),
    ("mli_prime_minister", dt.date(2025, 1, 1), "abdoulaye_maiga"),
    ("vut_prime_minister", dt.date(2024, 6, 1), "charlot_salwai"),
    ("vut_prime_minister", dt.date(2025, 6, 1), "jotham_napat"),
    ("tha_prime_minister", dt.date(2018, 1, 1), "prayut_chan_o_cha"),
    ("tha_prime_minister", dt.date(2023, 1, 1), "prayut_chan_o_cha"),
    ("cze_prime_minister", dt.date(2025, 12, 20), "andrej_babis"),
    ("bgr_president", dt.date(2026, 2, 1), "iliana_iotova"),
    ("prt_president", dt.date(2026, 6, 1), "antonio_jose_seguro"),
    ("gnb_president", dt.date(2025, 12, 1), "horta_n_tam"),
    ("arg_foreign_minister", dt.date(2025, 11, 1), "pablo_quirno"),
    ("kor_foreign_minister", dt.date(2025, 8, 1), "cho_hyun"),
    ("yem_prime_minister", dt.date(2024, 6, 1), "ahmad_awad_bin_mubarak"),
    ("yem_prime_minister", dt.date(2025, 6, 1), "salem_saleh_bin_braik"),
    ("bfa_prime_minister", dt.date(2023, 6, 1), "apollinaire_kyelem_de_tambela"),
    ("bfa_prime_minister", dt.date(2025, 6, 1), "rimtalba_jean_emmanuel_ouedraogo"),
    ("mdg_prime_minister", dt.date(2025, 11, 1), "herintsalama_rajaonarivelo"),
    ("bih_presidency_croat_member", dt.date(1999, 10, 1), "ante_jelavic"),
    ("npl_prime_minister", dt.date(1998, 1, 1), "surya_bahadur_thapa"),
    ("mda_prime_minister", dt.date(2005, 1, 1), "vasile_tarlev"),
    ("smr_captains_regent", dt.date(2025, 6, 1), "denise_bronzetti"),
    ("smr_captains_regent", dt.date(2025, 6, 1), "italo_righi"),
]


@pytest.mark.parametrize(("rid", "day", "expected"), CHECKED_TERMS)
def test_issue_15_checked_terms(rid: str, day: dt.date, expected: str) -> None:
    assert expected in _holder_on(ROLE_BY_ID[rid], day), _holder_on(ROLE_BY_ID[rid], day)


def test_issue_15_rival_and_duplicate_holders_are_gone() -> None:
    """Libya's eastern rival prime minister is no holder; Prayut is one person, not two."""
    assert "fathi_bashagha" not in {h["actor"] for r in ROLES for h in r["holders"]}
    assert "prayut_chan_ocha" not in BY_ID
    assert not _holder_on(ROLE_BY_ID["gab_prime_minister"], dt.date(2025, 6, 1))  # abolished
    assert not _holder_on(ROLE_BY_ID["bfa_prime_minister"], dt.date(2022, 2, 1))


def test_issue_15_captains_regent_serve_in_pairs() -> None:
    role = ROLE_BY_ID["smr_captains_regent"]
    days = [(h["from"], h["to"]) for h in role["holders"]]
    assert all(days.count(d) == 2 for d in days), days
    assert all(a.month in (4, 10) and a.day == 1 for a, _ in days), days


def test_presidential_systems_name_one_office_for_both() -> None:
    for country in ("USA", "GHA", "BRA", "MEX", "NGA", "KEN", "PHL", "IDN", "ARG", "ZAF"):
        roles = _heads(country)
        assert any(r["note"].startswith("head of state and government") for r in roles), country
        assert not [r for r in ROLES if r["country"] == country
                    and str(r.get("note", "")).startswith("head of government")], country


#: 1 January without a foreign minister: Argentina between Rodríguez Saá's resignation
#: (2001-12-30) and Duhalde's cabinet (2002-01-03) (Wikipedia, Ministry of Foreign Affairs
#: (Argentina), list of ministers).
FOREIGN_MINISTER_VACANCIES = {("arg_foreign_minister", 2002)}
G20_FOREIGN_MINISTERS = ("arg", "aus", "bra", "can", "deu", "ind", "idn", "ita", "jpn", "kor",
                         "mex", "sau", "zaf", "tur")


def test_p5_and_g20_foreign_ministers_are_covered_since_1990() -> None:
    rids = ["usa_secretary_of_state", "gbr_foreign_secretary", "fra_foreign_minister",
            "rus_foreign_minister", "chn_foreign_minister"]
    rids += [f"{c}_foreign_minister" for c in G20_FOREIGN_MINISTERS]
    for rid in rids:
        role = ROLE_BY_ID[rid]
        for year in range(1990, 2026):
            if (rid, year) not in FOREIGN_MINISTER_VACANCIES:
                assert _holder_on(role, dt.date(year, 1, 1)), (rid, year)
        # acting ministers are not always listed: no gap longer than three months
        gaps = _uncovered([role], LEADERS_FROM, LEADERS_TO)
        assert all(days <= 92 for _, days in gaps), (rid, gaps)


# ------------------------------------------------------------------ heads of government by date
# Issue 15: a head of government on every day of 1990-01-01 .. 2025-12-31 where the state has
# one apart from its head of state. A role noted "head of state and government" (presidential
# systems: `usa_president`) covers both; the periods below, when no separate head of
# government existed, count as covered. `python tests/test_actor_data.py` prints the gap table.

#: A head of government's interim (a caretaker not listed, a vacancy while a parliament or a
#: junta names the next): 180 days.
MAX_GOVERNMENT_INTERIM_DAYS = 180
_D = dt.date
#: Periods without a separate head of government: the office did not exist (the head of state
#: led the government) or stood vacant; reason and source (README.md, "Verification").
NO_HEAD_OF_GOVERNMENT = {
    ("BDI", _D(1998, 6, 12), _D(2020, 6, 22)): "office abolished 1998-06-12 .. 2020-06-23 "
    "(wikimili.com and simple.wikipedia copies of Wikipedia, Prime Minister of Burundi)",
    ("CUB", LEADERS_FROM, _D(2019, 12, 20)): "the President of the Council of State and of "
    "Ministers headed the government from 1976; prime minister again from 2019-12-21 "
    "(telesurenglish.net 2019-12-22; Reuters via thefinancialexpress.com.bd)",
    ("SDN", LEADERS_FROM, _D(2017, 3, 1)): "office abolished after the coup of 1989, restored "
    "with Bakri Hassan Saleh on 2017-03-02 (en.wikipedia-on-ipfs.org, List of heads of "
    "government of Sudan; middleeastmonitor.com 2017-03-02)",
    ("COG", _D(1997, 10, 16), _D(2005, 1, 6)): "no prime minister after Kolélas until Mvouba "
    "(en.wikipedia, Isidore Mvouba: preceded and succeeded by 'position abolished')",
    ("COG", _D(2009, 9, 16), _D(2016, 4, 22)): "office abolished 2009-09-15 until Clément "
    "Mouamba (en.wikipedia, Isidore Mvouba; gktoday.in 2016-04)",
    ("COD", _D(1997, 5, 17), _D(2006, 12, 29)): "no prime minister from Kabila's takeover to "
    "Gizenga (worldatlas.com, Prime Ministers of the DRC; de.zxc.wiki, Likulia Bolongo)",
    ("HTI", LEADERS_FROM, _D(1991, 2, 12)): "post vacant 1988-06-20 .. 1991-02-13 "
    "(simple.wikipedia, Prime Minister of Haiti)",
    ("HTI", _D(1997, 10, 21), _D(1999, 3, 25)): "post vacant 1997-10-20 .. 1999-03-26 "
    "(simple.wikipedia, Prime Minister of Haiti; worldlibrary.org copy)",
    ("GIN", LEADERS_FROM, _D(1996, 7, 8)): "office abolished 1984-12-18 .. 1996-07-09 "
    "(en.wikipedia, List of heads of government of Guinea)",
    ("GIN", _D(2004, 4, 30), _D(2004, 12, 8)): "vacant after François Lonseny Fall (en.wikipedia, "
    "List of heads of government of Guinea)",
    ("GIN", _D(2006, 4, 6), _D(2007, 2, 8)): "vacant after Cellou Dalein Diallo's dismissal "
    "(2006-04-05) until Eugène Camara (2007-02-09) (guinee360.com 2026-01-24; perceptioda.com "
    "copy of ru.wikipedia, List of prime ministers of Guinea)",
    ("TUR", _D(2018, 7, 10), LEADERS_TO): "office abolished 2018-07-09; the president heads "
    "the government (pt.frwiki.wiki, Premier ministre turc; dailymail.co.uk (AFP) 2018-07)",
    ("SYR", _D(2025, 3, 29), LEADERS_TO): "office abolished effective 2025-03-29; the president "
    "heads the government (ourcampaigns.com, President of Syria)",
    ("GAB", _D(2025, 5, 5), LEADERS_TO): "office abolished by the constitution of 2024; last "
    "holder resigned 2025-05-04 (agenceafrique.com, africa24tv.com 2025-05-04)",
    ("SEN", _D(2019, 5, 14), _D(2022, 9, 16)): "office abolished 2019-05 until Amadou Ba "
    "(2022-09-17) (Reuters via marketscreener.com and devdiscourse.com 2022-09-17)",
    ("AFG", _D(2001, 11, 14), _D(2021, 9, 6)): "office abolished 2001-11-13, revived by the "
    "Taliban 2021-09-07 (enwikipedia.net and simple.wikipedia, Prime Minister of Afghanistan)",
    ("MMR", _D(2011, 3, 30), _D(2016, 4, 5)): "office abolished 2011-03-30 (the 2008 "
    "constitution makes the president head of government); State Counsellor from 2016-04-06 "
    "(en.m.wikipedia, Prime Minister of Myanmar)",
    ("BTN", LEADERS_FROM, _D(1998, 7, 19)): "the King chaired the Council of Ministers until "
    "he withdrew from it in 1998 (liquisearch.com, copy of Wikipedia, Lhengye Zhungtshog); "
    "rotating chairmen from 1998-07-20 (Wikidata)",
    ("SOM", _D(1997, 1, 4), _D(2000, 10, 7)): "post vacant (May 1993 .. 2000-10-08) after "
    "Umar Arteh Ghalib's de facto term (kiwix 2020-06 copy of Wikipedia, List of prime "
    "ministers of Somalia)",
    ("BFA", LEADERS_FROM, _D(1992, 6, 15)): "post abolished 1984-08-04 .. 1992-06-16 "
    "(thefreedictionary.com copy of Wikipedia, Heads of Government of Burkina Faso)",
    ("RWA", LEADERS_FROM, _D(1991, 10, 11)): "post abolished 1962-07-01 .. 1991-10-12 "
    "(en.wikipedia-on-ipfs.org, Prime Minister of Rwanda)",
    ("TGO", LEADERS_FROM, _D(1991, 8, 26)): "office re-established with Koffigoh 1991-08-27 "
    "(review.clateway.com copy of Wikipedia, Joseph Kokou Koffigoh; de.zxc.wiki)",
    ("CMR", LEADERS_FROM, _D(1991, 4, 25)): "post abolished 1984-01-25 .. 1991-04-26 "
    "(en.wikipedia, List of heads of government of Cameroon)",
    ("MLI", LEADERS_FROM, _D(1991, 4, 1)): "post abolished 1988-06-06 .. 1991-04-02 "
    "(simple.wikipedia and en.wikipedia, List of prime ministers of Mali)",
    ("CAF", LEADERS_FROM, _D(1991, 3, 14)): "post abolished 1981-09-01, recreated with Édouard "
    "Frank 1991-03-15 (fact-archive.com and wikimili.com copies of Wikipedia, Prime Minister "
    "of the Central African Republic)",
    ("GNB", LEADERS_FROM, _D(1991, 12, 26)): "post abolished 1984-03-10 .. 1991-12-27 "
    "(simple.wikipedia and wikimili.com, List of prime ministers of Guinea-Bissau)",
    ("SEN", LEADERS_FROM, _D(1991, 4, 7)): "post abolished 1983-04-29 .. 1991-04-08 "
    "(cryer.org.uk copy of Wikipedia, Prime Minister of Senegal)",
    ("CIV", LEADERS_FROM, _D(1990, 11, 6)): "office abolished in 1960, re-introduced in "
    "November 1990 with Alassane Ouattara (worldatlas.com, Prime Ministers of Ivory Coast)",
    ("NPL", _D(2005, 2, 2), _D(2006, 4, 24)): "King Gyanendra dismissed the government and "
    "chaired the Council of Ministers himself 2005-02-01 .. 2006-04 (archive.nepalnews.com "
    "2005-02-01; china.org.cn (Xinhua) 2006-04-22)",
    ("IRQ", _D(2003, 4, 10), _D(2004, 6, 27)): "the Coalition Provisional Authority and the "
    "Governing Council governed (Wikipedia, Coalition Provisional Authority), as for the head "
    "of state",
}
#: States whose heads of government are still incomplete, with their days without a listed
#: holder beyond an interim (README.md, "Leaders by date": known gaps). A state leaves the list
#: when it is completed; the total may only go down.
HEAD_OF_GOVERNMENT_INCOMPLETE = {
    "SMR": "the Captains Regent also head the government; semesters before 2020-04 not listed",
    "MDG": "prime ministers 1990-2007 (Ramahatra .. Sylla): no dated list found",
    "KGZ": "2009-10 .. 2014-03 (Usenov, the 2010 interim government, Atambayev, Babanov, "
           "Satybaldiyev) and Sariyev 2015-16: no dated list found",
    "AFG": "1992-1996 between the mujahideen governments (Hekmatyar's terms, acting heads)",
    "COG": "1990-12 .. 1993-06 (Moussa, Milongo, Bongho-Nouarra, Da Costa): no dated list",
    "BLR": "Kebich as chairman of the Byelorussian SSR's Council of Ministers from 1990: "
           "first day not found",
    "STP": "Carlos da Graça 1994-10 .. 1995-12: no dated source found",
}
HEAD_OF_GOVERNMENT_GAP_DAYS = 22031


def head_of_government_gaps() -> dict[str, list[tuple[dt.date, int]]]:
    """Per member state, the runs of days longer than an interim without a head of government."""
    out = {}
    for country in sorted(UN_MEMBERS):
        start = COVERED_FROM.get(country, LEADERS_FROM)
        excused = [{"holders": [{"from": a, "to": b}]}
                   for (c, a, b) in NO_HEAD_OF_GOVERNMENT if c == country]
        gaps = [(first, days) for first, days in _uncovered(
                    _heads(country, "head of government") + excused, start, LEADERS_TO)
                if days > MAX_GOVERNMENT_INTERIM_DAYS]
        if gaps:
            out[country] = gaps
    return out


def test_documented_head_of_government_vacancies_are_well_formed() -> None:
    for (country, first, last), why in NO_HEAD_OF_GOVERNMENT.items():
        assert country in UN_MEMBERS and first <= last and "(" in why, (country, first)


def test_heads_of_government_have_no_gap_longer_than_an_interim() -> None:
    """Complete states stay complete; the pinned incomplete ones may only improve."""
    gaps = head_of_government_gaps()
    assert set(gaps) == set(HEAD_OF_GOVERNMENT_INCOMPLETE), (
        sorted(set(gaps) - set(HEAD_OF_GOVERNMENT_INCOMPLETE)),
        sorted(set(HEAD_OF_GOVERNMENT_INCOMPLETE) - set(gaps)))
    assert sum(d for g in gaps.values() for _, d in g) <= HEAD_OF_GOVERNMENT_GAP_DAYS


if __name__ == "__main__":
    table = head_of_government_gaps()
    for iso, runs in sorted(table.items(), key=lambda kv: -sum(d for _, d in kv[1])):
        print(f"{iso} {sum(d for _, d in runs) / 365.25:5.1f} years: "
              + "; ".join(f"{a.isoformat()} +{d}" for a, d in runs))
    total = sum(d for runs in table.values() for _, d in runs)
    print(f"{len(table)} states with a gap longer than {MAX_GOVERNMENT_INTERIM_DAYS} days; "
          f"{total / 365.25:.1f} gap-years in all")
