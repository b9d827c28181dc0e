"""Save figures byte-reproducibly, with their provenance and a manifest.

=================================  ======================================================
module                             what
=================================  ======================================================
:mod:`toolkit.figures.folders`     the one rule for the output folder (:func:`output_dir`)
:mod:`toolkit.figures.session`     :func:`setup` and :func:`provenance`
:mod:`toolkit.figures.saving`      :func:`render`, :func:`save`, :func:`save_artifact`,
                                   :func:`sha256`
:mod:`toolkit.figures.captions`    :func:`caption` (title, the plot's caption, corpus,
                                   parameters), :func:`without_titles`
:mod:`toolkit.figures.manifest`    :func:`read_manifest`, :func:`remove_entries`, the
                                   guard against mixing corpora in one folder
=================================  ======================================================

Every notebook calls, right after loading its corpus::

    figures.setup(notebook="02-topics", corpus=corpus, parameters={...})

which applies the house style (:mod:`toolkit.style`, ``toolkit/data/house.mplstyle``) and
records the provenance of what follows: the notebook, the corpus label and its content
fingerprint, the parameters, the seed and the library versions. Then each figure is
written with::

    figures.save(fig, "topics-sweep")   # -> <out>/topics-sweep.svg, .png and .txt

and other files (an HTML explorer) with ``figures.save_artifact(html, "topics.html")``.
The ``.txt`` is the figure's caption (:func:`caption`: what the plot function said it
shows -- unit, N, method -- then the corpus and the parameters), also in the manifest's
``caption`` column; ``figures.save(fig, name, title=False)`` (or ``titles=False`` among the
parameters given to :func:`setup`) leaves the baked-in titles out of the files, for a
journal that sets its own. ``save`` returns the files written, with a one-line repr.

Two runs with the same inputs write files with the same SHA-256: metadata holds no
dates or absolute paths, SVG ids are salted with a fixed value, SVG text is written as
paths in a bundled font, and the DPI is fixed. Each file carries its provenance (SVG
``<dc:description>``, PNG ``Description`` text chunk), and ``<out>/manifest.csv`` has one
row per figure file (see :data:`MANIFEST_COLUMNS`).

The output folder is, in order: the ``out`` argument, ``$TOOLKIT_FIGURES_DIR`` (set by
``python -m toolkit figures``), else ``figures/`` in the researcher's project for the
default corpus and parameters, or ``figures-<corpus>[-<changed parameters>]/`` for any
other (:func:`output_dir`, the same rule as ``make figures``), so the default figures are
never overwritten by another corpus. A folder holding figures of another corpus (or of
the same notebook on other content: another date range, an updated file) is never
written into unless ``force=True`` (or ``TOOLKIT_FIGURES_FORCE=1``).

The style names (``PALETTE``, ``apply_style``, ``style``, ...) live in
:mod:`toolkit.style` and are re-exported here for compatibility.
"""

from toolkit.figures.captions import caption, figure_titles, without_titles
from toolkit.figures.folders import (
    COMMON_DEFAULTS,
    DEFAULT_CORPUS,
    changed_parameters,
    folder_name,
    notebook_defaults,
    output_dir,
)
from toolkit.figures.manifest import (
    MANIFEST,
    MANIFEST_COLUMNS,
    OutputConflictError,
    read_manifest,
    remove_entries,
)
from toolkit.figures.saving import (
    FORMATS,
    SVG_HASHSALT,
    Format,
    SavedFigure,
    SavedFile,
    render,
    save,
    save_artifact,
    sha256,
)
from toolkit.figures.session import provenance, setup
from toolkit.style import (
    DIVERGING_CMAP,
    PALETTE,
    SEQUENTIAL_CMAP,
    STYLE_PATH,
    apply_style,
    style,
)

__all__ = [
    "COMMON_DEFAULTS",
    "DEFAULT_CORPUS",
    "DIVERGING_CMAP",
    "FORMATS",
    "Format",
    "MANIFEST",
    "MANIFEST_COLUMNS",
    "OutputConflictError",
    "PALETTE",
    "SEQUENTIAL_CMAP",
    "STYLE_PATH",
    "SVG_HASHSALT",
    "SavedFigure",
    "SavedFile",
    "apply_style",
    "caption",
    "changed_parameters",
    "figure_titles",
    "folder_name",
    "notebook_defaults",
    "output_dir",
    "provenance",
    "read_manifest",
    "remove_entries",
    "render",
    "save",
    "save_artifact",
    "setup",
    "sha256",
    "style",
    "without_titles",
]
