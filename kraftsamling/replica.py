"""The database as Parquet files, and the same named queries run over them.

When one DuckDB file is no longer enough (a national roll-out with many replicas, or waves kept
in object storage), `export_parquet` writes every table the pages read as Parquet: the survey
tables split per wave (`need_fact/wave_id=…/…parquet`, Hive-style), the reference tables whole.
`connect_parquet` opens an in-memory DuckDB whose tables are views over those files, with the
views and macros of `schema.sql` laid on top, so every `queries/*.sql` runs unchanged — DuckDB
reads the files in place, and a query for one wave reads only that wave's folder.

What is never exported: personal data and raw answers' provenance that no page needs
(`respondent_contact`, `import_file`, `quarantine`, and whatever an administrator keeps beside
them). The export is a publication of what readers need, not a backup.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb

from kraftsamling import db, paths

# Tables that never leave the database file (personal data, raw files, rejected rows, logins).
NOT_EXPORTED = frozenset(
    {"respondent_contact", "import_file", "quarantine", "build_info", "answer_alias"}
)
MANIFEST = "manifest.json"


def _identifier(name: str) -> str:
    """A table or column name of our own schema, quoted; anything else is refused."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"Oväntat namn i schemat: {name!r}")
    return f'"{name}"'


def _literal(path: Path) -> str:
    """A file path as an SQL string literal (COPY and read_parquet in a view take no
    parameters), quotes doubled."""
    return "'" + path.as_posix().replace("'", "''") + "'"


def _tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, list[str]]]:
    """The base tables of the current database with their columns, in schema order."""
    rows = con.execute(
        """
        SELECT t.table_name, list(c.column_name ORDER BY c.ordinal_position)
        FROM information_schema.tables t
        JOIN information_schema.columns c
          ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema
         AND c.table_name = t.table_name
        WHERE t.table_type = 'BASE TABLE' AND t.table_catalog = current_database()
          AND t.table_schema = current_schema()
        GROUP BY t.table_name, t.table_catalog
        ORDER BY t.table_name
        """
    ).fetchall()
    return [(name, list(columns)) for name, columns in rows if name not in NOT_EXPORTED]


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write every readable table to `folder` as Parquet; tables with a `wave_id` column are
    partitioned by wave. Replaces the folder's contents atomically enough for a reader that
    opens it afterwards (written beside, then renamed). Returns rows per table."""
    folder = Path(folder)
    staging = folder.with_name(folder.name + ".writing")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    counts: dict[str, int] = {}
    manifest: dict[str, dict] = {}
    for table, columns in _tables(con):
        name = _identifier(table)
        counts[table] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        partitioned = "wave_id" in columns and counts[table] > 0
        target = _literal(staging / table if partitioned else staging / f"{table}.parquet")
        if partitioned:
            con.execute(f"COPY {name} TO {target} (FORMAT parquet, PARTITION_BY (wave_id))")
        else:
            con.execute(f"COPY {name} TO {target} (FORMAT parquet)")
        manifest[table] = {"columns": columns, "partitioned": partitioned, "rows": counts[table]}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), "utf-8")
    if folder.exists():
        old = folder.with_name(folder.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old)
    else:
        staging.rename(folder)
    return counts


def _schema_views_and_macros() -> list[str]:
    """The CREATE VIEW and CREATE MACRO statements of schema.sql, in order."""
    text = paths.SCHEMA.read_text(encoding="utf-8")
    out = []
    for statement in duckdb.extract_statements(text):
        code = "\n".join(
            line for line in statement.query.splitlines() if not line.strip().startswith("--")
        ).strip()
        if code.upper().startswith(("CREATE VIEW", "CREATE MACRO", "CREATE OR REPLACE")):
            out.append(statement.query)
    return out


def connect_parquet(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB over the Parquet files in `folder`, where the named queries run as
    they do over the database file (same table names, same columns, same macros)."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    con = duckdb.connect(":memory:", config={"threads": 1})
    # The same catalog name as the database file's, so db.cursor() and queries.run() work as is.
    con.execute(f"ATTACH ':memory:' AS {db.CATALOG}")
    con.execute(f"USE {db.CATALOG}")
    for table, info in manifest.items():
        name = _identifier(table)
        columns = ", ".join(_identifier(c) for c in info["columns"])
        if info["partitioned"]:
            files = _literal(folder / table / "*" / "*.parquet")
            con.execute(
                f"CREATE VIEW {name} AS SELECT {columns} FROM read_parquet({files}, "
                "hive_partitioning = true, hive_types_autocast = false)"
            )
        else:
            files = _literal(folder / f"{table}.parquet")
            con.execute(f"CREATE VIEW {name} AS SELECT {columns} FROM read_parquet({files})")
    for statement in _schema_views_and_macros():
        con.execute(statement)
    return con
