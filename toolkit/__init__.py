"""Topic models, actor co-occurrence networks and timelines for corpora of diplomatic news.

The path through the package is one straight line::

    corpus -> text -> topics / actors -> network / timeline -> plots -> figures

Start with :func:`toolkit.corpus.load`.
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
