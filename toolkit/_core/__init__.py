"""The bottom layer: what every stage shares and no stage owns.

=====================================  ===================================================
module                                 what
=====================================  ===================================================
:mod:`toolkit._core.paths`             package data, the researcher's project folder
:mod:`toolkit._core.checks`            argument checks with one wording
:mod:`toolkit._core.random`            the default seed, seed -> numpy Generator
:mod:`toolkit._core.calendar`          the one ``freq`` grammar, period ordinals and bins
:mod:`toolkit._core.segment`           paragraph and sentence spans (rule-based, no data)
:mod:`toolkit._core.cores`             ``n_jobs``: all available cores by default
=====================================  ===================================================

Nothing here imports a stage (``toolkit.corpus``, ``toolkit.text``, ...); the architecture
test (``tests/test_architecture.py``) holds that.
"""

from toolkit._core.checks import check_choice, check_columns, check_int, check_number, check_type
from toolkit._core.cores import available_cores, resolve_n_jobs
from toolkit._core.paths import UNGDC_PARQUET, data_path, project_dir, shared_dir, ungdc_parquet
from toolkit._core.random import DEFAULT_SEED, random_state

__all__ = [
    "DEFAULT_SEED",
    "UNGDC_PARQUET",
    "available_cores",
    "check_choice",
    "check_columns",
    "check_int",
    "check_number",
    "check_type",
    "data_path",
    "project_dir",
    "random_state",
    "resolve_n_jobs",
    "shared_dir",
    "ungdc_parquet",
]
