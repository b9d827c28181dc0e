"""Running the suite on every core: ``make test`` is ``pytest -n auto --dist loadgroup``.

pytest-xdist runs each test in one of several worker processes. What makes that safe here:

- Every test writes into its own ``tmp_path``; each worker has its own base folder, so
  module-scoped folders (``tmp_path_factory``) are per worker too.
- Tests that share something built once per module run on one worker, so it is built
  once: they carry an ``xdist_group`` mark (``--dist loadgroup`` keeps a group together).
  The notebook runs mark themselves (``tests/test_notebooks.py``: the first and the second
  run of a notebook share a folder and a cache); :data:`GROUPED_MODULES` names the other
  modules whose tests share a module fixture.
- The toolkit's cache (``.cache/`` in the project, or ``$TOOLKIT_CACHE``) is shared by the
  workers, as by any two processes: entries are written atomically
  (:func:`toolkit.cache.atomic_write`), so a worker sees a complete entry or none.
- Figures go to ``tmp_path`` (``out=`` / ``--out``), never into the project's
  ``figures/``.

Under xdist the long tests are handed out first (notebook runs, then tests marked ``slow``
or ``ungdc``), so that the run does not end waiting for one worker's late notebook.

Without pytest-xdist (``python -m pytest``), the marks do nothing and the suite runs in one
process, as before.
"""

from __future__ import annotations

import os

import pytest

#: Test modules whose tests share an expensive module fixture, and why.
GROUPED_MODULES = {
    "test_wheel": "builds the wheel and a virtualenv once (module fixture `installed`)",
    "test_plots_topics": "fits the topic models of sotu since 1990 once (module fixture "
                         "`sotu`, about 8 CPU s; spread over two workers it was fitted twice)",
}


def _rank(item: pytest.Item) -> int:
    """0 for notebook runs, 1 for other long tests, 2 for the rest."""
    if item.get_closest_marker("notebook"):
        return 0
    return 1 if item.get_closest_marker("slow") or item.get_closest_marker("ungdc") else 2


def pytest_configure(config: pytest.Config) -> None:
    """Refuse ``--dist loadgroup`` with a pytest whose node ids pytest-xdist cannot mark."""
    if config.getoption("dist", None) == "loadgroup" and \
            tuple(int(p) for p in pytest.__version__.split(".")[:2]) >= (9, 2):
        import xdist

        if tuple(int(p) for p in xdist.__version__.split(".")[:2]) <= (3, 8):
            raise pytest.UsageError(
                f"pytest {pytest.__version__} with pytest-xdist {xdist.__version__}: "
                "--dist loadgroup would not keep grouped tests together (each notebook "
                "would run twice); install the versions of uv.lock (make test does)")


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]):
    """Group :data:`GROUPED_MODULES` per module; under xdist, long tests first.

    The marks are added before pytest-xdist reads them (this is a wrapper around its
    hook). It marks a group by appending ``@group`` to the node ids; pytest 9.2 reads node
    ids from elsewhere, so the groups silently spread over the workers and the notebook
    runs were done twice: pyproject.toml keeps pytest below 9.2, and
    :func:`pytest_configure` refuses that pair with the reason.
    """
    for item in items:
        module = getattr(getattr(item, "module", None), "__name__", "").rsplit(".", 1)[-1]
        if module in GROUPED_MODULES and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(module))
    result = yield
    if os.environ.get("PYTEST_XDIST_WORKER"):  # every worker sorts alike (a stable sort)
        items.sort(key=_rank)
    return result


@pytest.fixture(autouse=True)
def _matplotlib_settings_restored():
    """Each test gets matplotlib's settings back as it found them: ``figures.setup``
    applies the house style process-wide (as a notebook wants), and a test that called
    it changed the next tests on its worker (the ``small_multiples`` doctest read its
    panel titles at the house style's left place and found none)."""
    import matplotlib

    with matplotlib.rc_context():
        yield


@pytest.fixture(scope="session")
def runs_base(tmp_path_factory: pytest.TempPathFactory):
    """The folder of the zero-override runs that several modules read (``tests/_runs.py``)."""
    return tmp_path_factory.mktemp("figures-runs")


@pytest.fixture(scope="session")
def ungdc_mentions():
    """The whole UN General Debate corpus and its mentions (default dictionary), found
    once per worker for the tests marked ``_runs.UNGDC_MENTIONS`` (about 15 s each time)."""
    from toolkit import actors, corpus

    docs = corpus.load("ungdc")
    return docs, actors.find_mentions(docs)
