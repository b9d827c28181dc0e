"""The word lists the context rules of :mod:`toolkit.actors.context` read, and their words.

The lists are package data in ``toolkit/data/actors/context/`` (each file says where its
entries come from); the short closed classes (prepositions, reporting verbs) are here.

==================  ======================================================================
file                what
==================  ======================================================================
first_names.txt     first names (1990 US Census): "Michael Jordan" is a person
surnames.txt        surnames (1990 US Census): "Chad Smith" is a person
regions.txt         US states, NYC boroughs, Canadian provinces, Australian states:
                    "Paris, Texas" is no French city
compounds.txt       foods, products, features named after places: "French fries"
qualified.tsv       qualified names: "Congo DR", "D.P.R. Korea", "Yemen People's Republic"
==================  ======================================================================
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from toolkit._core import data_path

__all__ = ["CONTEXT_DIR", "DECISION_NOUNS", "EVENT_NOUNS", "GOVERNMENT_NOUNS", "LOCATIVE", "NOT_VENUE_BEFORE_TO", "PLACE_MODIFIERS",
           "PLACE_NOUNS", "WordLists", "word_lists"]

#: The folder of the context word lists.
CONTEXT_DIR = data_path("actors") / "context"

#: Prepositions whose object is a place ("talks in Vienna", "at the White House").
LOCATIVE = frozenset(["in", "at", "to", "near", "outside", "inside", "around", "across", "into",
                      "within", "throughout", "via", "toward", "towards", "In", "At", "To",
                      "Near", "Outside", "Inside", "Across", "Throughout", "Within"])
#: Words between a locative preposition and a capital that keep it a place ("in south
#: London", "in downtown Lima"), and nouns in apposition to it ("the capital, Kabul").
PLACE_MODIFIERS = frozenset("""
north south east west central northern southern eastern western downtown suburban greater
inner outer old new the
""".split())
#: Words before "to" that make its object an addressee, not a destination ("a letter to
#: Moscow", "close to Washington"): the capital is then read as its government.
NOT_VENUE_BEFORE_TO = frozenset("""
message messages letter letters appeal appeals appealed proposal proposals offer offers
request requests reply replied response responded signal signals warning warnings ultimatum
note notes demand demands loyal loyalty close closer ally allies allied talk talked talking
spoke speak speaking listen listened report reported reports belong belongs belonged answer
answered complaint complaints protest protested apology apologised apologized threat threats
gift aid concession concessions challenge overture overtures opposition hostile friendly
defer deferred turn turned turning pledge pledged allegiance subservient beholden due
""".split())
#: Nouns after a capital's possessive that make it its government: "Moscow's decision".
DECISION_NOUNS = frozenset("""
decision decisions policy policies position positions stance response responses support plan
plans move moves refusal statement statements proposal proposals offer offers demand demands
role view views intention intentions approach strategy strategies concerns concern interest
interests objections objection reaction reply warning warnings threat threats insistence
backing opposition claim claims aims aim goals goal ally allies allegations accusation
accusations request requests answer efforts effort attempt attempts actions action sanctions
call calls line stand commitment pledge promise involvement intervention military forces
troops government leaders leadership envoy envoys diplomats officials representative
""".split())
#: Nouns after a capital (or its possessive) that make it the city: "Moscow's streets",
#: "Beijing residents", "the Washington suburbs".
PLACE_NOUNS = frozenset("""
streets street suburb suburbs airport airports residents resident population outskirts centre
center downtown neighbourhood neighborhood neighbourhoods neighborhoods district districts
skyline hospitals hospital mayor metro subway police marathon traffic weather time zoo
university museum museums hotel hotels stock exchange region area city old citizens markets
market restaurants schools school parks park river square squares embassy embassies bureau
correspondent correspondents office offices headquarters home homes apartment apartments
""".split())


#: Nouns after a capital that make it the name of an event held there ("the Paris
#: Agreement", "the Vienna talks", "the Madrid Conference"): a place, not the government.
EVENT_NOUNS = frozenset("""
conference conferences talks agreement agreements accord accords summit summits pact statute
declaration protocol process round meeting meetings convention conventions treaty treaties
document plan initiative communique communiqué charter consensus formula framework
negotiations programme program agenda platform principles commitments club group forum
dialogue appeal message spirit rules guidelines understanding memorandum mandate action
ceremony games olympics marathon congress session sessions
""".split())
#: Nouns after a capital that make it its government ("the Pretoria regime").
GOVERNMENT_NOUNS = frozenset("""
regime regimes government administration authorities authority leadership rulers junta
establishment
""".split())


@dataclass(frozen=True)
class WordLists:
    """The context word lists, read once (:func:`word_lists`)."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    regions: tuple[str, ...]
    compounds: tuple[str, ...]
    qualified: tuple[tuple[str, str], ...]


def _lines(name: str) -> list[str]:
    path = CONTEXT_DIR / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if entry:
            out.append(entry)
    return out


@functools.lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """Return the context word lists of ``toolkit/data/actors/context/`` (read once).

    Examples
    --------
    >>> w = word_lists()
    >>> "Michael" in w.first_names, "Smith" in w.surnames, "Texas" in w.regions
    (True, True, True)
    >>> ("Congo DR", "COD") in w.qualified, "French fries" in w.compounds
    (True, True)
    """
    qualified = []
    for line in _lines("qualified.tsv"):
        form, _, actor = line.rpartition("\t")
        qualified.append((form.strip(), actor.strip()))
    return WordLists(first_names=frozenset(_lines("first_names.txt")),
                     surnames=frozenset(_lines("surnames.txt")),
                     regions=tuple(_lines("regions.txt")),
                     compounds=tuple(_lines("compounds.txt")),
                     qualified=tuple(qualified))
