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


def _nullable(arrow_type):
    """pandas' nullable type for an Arrow column (None: pyarrow's own choice)."""
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        name = str(arrow_type).replace("int", "Int").replace("uInt", "UInt")  # int64 → Int64
        return pd.api.types.pandas_dtype(name)
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_floating(arrow_type):
        return pd.Float64Dtype()
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype(na_value=float("nan"))  # what .df() gives: 'str'
    return None


def run_nullable(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """`run`, through Arrow, every integer, boolean and float column with pandas' nullable
    type whether or not it holds a NULL. For results of thousands of rows (the stored
    publication, kraftsamling.privacy.view.load): half the time of `.df()` at national scale
    (published_cells, 4 801 rows: 12 → 6 ms), whose Python-object conversion it skips."""
    cursor = db.cursor(con)
    try:
        table = cursor.sql(sql(name), params=params).to_arrow_table()
    finally:
        cursor.close()
    return table.to_pandas(types_mapper=_nullable)
