"""Topic models, actor co-occurrence networks and timelines for corpora of diplomatic news.

The path through the package is one straight line::

    corpus -> text -> topics / actors -> network / timeline -> plots -> figures

Start with :func:`toolkit.corpus.load`. Import the stages you use
(``from toolkit import corpus, topics, figures``); importing ``toolkit`` itself loads
none of them (see ``docs/architecture.md`` for the layers).
"""

import logging

__version__ = "0.1.0"

__all__: list[str] = []

logging.getLogger(__name__).addHandler(logging.NullHandler())
