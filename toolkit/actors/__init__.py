"""The actors stage: find the political actors named in texts, each resolved to one canonical actor.

The pipeline: an actor dictionary (YAML files, see ``corpus/README.md``, "Actor
dictionary") -> :func:`load_dictionary` -> :func:`find_mentions` -> the Mentions table,
which :mod:`toolkit.network` and :mod:`toolkit.timeline` count, :func:`kwic` lets a
researcher audit (and shows any word or pattern in context), :func:`keyness` compares
between groups of documents and :func:`discover` helps to grow the dictionary from.

=====================================  ===================================================
module                                 what
=====================================  ===================================================
:mod:`toolkit.actors.yamlio`           read dictionary files: lines, repeated keys, bytes
:mod:`toolkit.actors.parse`            check the YAML blocks of dictionary files
:mod:`toolkit.actors.lint`             warn about risky names (common words, collisions)
:mod:`toolkit.actors.dictionary`       merge them into an :class:`ActorDictionary`
:mod:`toolkit.actors.wordlists`        the word lists of the context rules
:mod:`toolkit.actors.matcher`          compile a dictionary into one Aho-Corasick automaton
:mod:`toolkit.actors.scan`             find the mentions in a batch of texts
:mod:`toolkit.actors.resolve`          resolve titles, surnames, dated and ambiguous names
:mod:`toolkit.actors.context`          context rules: persons, US places, venues, ...
:mod:`toolkit.actors.ner`              optional second opinion of a spaCy model
:mod:`toolkit.actors.mentions`         :func:`find_mentions`: the Mentions table
:mod:`toolkit.actors.kwic`             :func:`kwic`: any term, or the mentions, in context
:mod:`toolkit.actors.keyness`          :func:`keyness`: key terms or actors of a group
:mod:`toolkit.actors.discover`         :func:`discover`: frequent names not in the dictionary
=====================================  ===================================================

The Mentions table (:data:`MENTION_COLUMNS`, checked by
:func:`toolkit.schemas.validate_mentions`): one row per resolved mention, in document
order, then by ``start``.

==========  =====  ==================================================================
column      dtype  meaning
==========  =====  ==================================================================
doc_id      str    the document (Corpus ``doc_id``)
paragraph   int64  index of the paragraph (:func:`toolkit.text.paragraph_spans`)
sentence    int64  index of the sentence within the whole document
                   (:func:`toolkit.text.sentence_spans`)
start, end  int64  character offsets into the document ``text``: ``text[start:end]``
surface     str    the matched text (a title and the name after it form one mention)
actor       str    canonical actor id (``RUS``, ``isis``, ``barack_obama``)
name        str    display name of the actor
kind        str    state, person, organisation, armed_group or other (:data:`KINDS`)
country     str    ISO3 of the state or territory the actor belongs to; "" for
                   international bodies (a territory is its own country: ``VIR``)
rule        str    what resolved it (:data:`RULES`): alias, alias_nocase, demonym,
                   metonym (a capital as its government), historical (a former name),
                   surname, title (the office holder on the document's date),
                   title+name / title+surname (a title followed by the person's name),
                   office (a national title with no known holder that day: the state),
                   qualified ("Congo DR"), venue (a capital as a place), and
                   alias_unclear / demonym_unclear / metonym_unclear (the state is
                   kept, the context did not settle it); with ``keep_rejected=True``
                   also the rejected readings (:data:`REJECTED_RULES`)
sovereign   str    ISO3 of the state holding ``country`` on the document's date (the
                   state itself; ``USA`` for ``VIR``; "" for none)
==========  =====  ==================================================================

Examples
--------
>>> from toolkit.actors import empty_mentions, MENTION_COLUMNS
>>> empty_mentions().columns.tolist() == list(MENTION_COLUMNS)
True
"""

from toolkit.actors.dictionary import ActorDictionary, default_dictionary, load_dictionary
from toolkit.actors.discover import discover
from toolkit.actors.keyness import KEYNESS_COLUMNS, keyness
from toolkit.actors.kwic import kwic
from toolkit.actors.lint import DictionaryWarning
from toolkit.actors.matcher import REJECTED_RULES, RULES
from toolkit.actors.mentions import find_mentions
from toolkit.actors.ner import load_ner
from toolkit.actors.parse import KINDS
from toolkit.actors.yamlio import DictionaryError
from toolkit.schemas import MENTION_COLUMNS, empty_mentions

__all__ = [
    "KEYNESS_COLUMNS",
    "KINDS",
    "MENTION_COLUMNS",
    "REJECTED_RULES",
    "RULES",
    "ActorDictionary",
    "DictionaryError",
    "DictionaryWarning",
    "default_dictionary",
    "discover",
    "empty_mentions",
    "find_mentions",
    "keyness",
    "kwic",
    "load_dictionary",
    "load_ner",
]
