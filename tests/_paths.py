"""Where the tests find the checkout (never the installed package's own folder)."""

from pathlib import Path

#: The source checkout the tests run from.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
