"""Named SQL files in `queries/`, run with bound parameters only.

Every figure the app shows comes from one of these files; `run(con, "municipality_figures",
wave_id=..., horizons=[...])` reads `queries/municipality_figures.sql` and binds `$wave_id` and
`$horizons`. Values are never formatted into SQL text.
"""

from __future__ import annotations

from functools import cache

import duckdb
import pandas as pd

from kraftsamling import db, paths


@cache
def sql(name: str) -> str:
    path = paths.QUERIES / f"{name}.sql"
    if not path.is_file() or path.parent != paths.QUERIES:
        raise KeyError(f"Ingen fråga som heter {name!r} i {paths.QUERIES}")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in paths.QUERIES.glob("*.sql"))


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run a named query on its own cursor (DuckDB connections are not thread-safe)."""
    cursor = db.cursor(con)
    try:
        return cursor.execute(sql(name), params).df()
    finally:
        cursor.close()
