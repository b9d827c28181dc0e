"""Read corpora into the one Corpus table every analysis starts from.

The Corpus table (defined and checked in :mod:`toolkit.schemas`):

=========  ===================  ======================================================
column     dtype                meaning
=========  ===================  ======================================================
doc_id     str, unique          stable identifier of the document
date       datetime64[ns]       publication date, tz-naive (tz-aware input is
                                converted to UTC); ``NaT`` only where the source has
                                no date or ``date_errors="coerce"`` kept a bad one
source     str                  outlet, collection or channel ("" when unknown)
title      str                  headline or title ("" when unknown)
text       str                  the full text, paragraphs separated by newlines
...        as given             any other metadata columns, kept as they came
=========  ===================  ======================================================

:func:`load` reads CSV/TSV, JSON Lines, Parquet, a folder of ``.txt`` files, the UN
General Debate folder layout, or a shipped corpus by name (``"sample"``, ``"sotu"``,
``"ungdc"``). It never writes anything. What it dropped or repaired is logged and kept
in ``corpus.attrs["load_report"]``.
"""

from toolkit.corpus.duplicates import deduplicate, duplicate_clusters
from toolkit.corpus.load import COLUMN_ALIASES, SHIPPED, from_frame, load
from toolkit.corpus.paragraphs import split_paragraphs
from toolkit.corpus.summary import check_size, summary
from toolkit.schemas import CORPUS_SCHEMA as SCHEMA
from toolkit.schemas import CorpusError
from toolkit.schemas import validate_corpus as validate

__all__ = [
    "COLUMN_ALIASES",
    "SCHEMA",
    "SHIPPED",
    "CorpusError",
    "check_size",
    "deduplicate",
    "duplicate_clusters",
    "from_frame",
    "load",
    "split_paragraphs",
    "summary",
    "validate",
]
