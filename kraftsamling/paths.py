"""Where things live in the repository (and beside it)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
REFERENCE = DATA / "reference"
EXAMPLE = DATA / "example"
GEO = REPO / "geo"
QUERIES = REPO / "queries"
SCHEMA = REPO / "kraftsamling" / "schema.sql"

# The shared source data sits beside the project; only `derive` reads it.
SHARED_DATA = Path(os.environ.get("KRAFTSAMLING_SHARED_DATA", REPO.parent / "shared" / "data"))


def database_path() -> Path:
    """The DuckDB file the app reads. Overridable for tests and benchmarks."""
    return Path(os.environ.get("KRAFTSAMLING_DB", DATA / "kraftsamling.duckdb"))
