"""Building, swapping and opening the DuckDB file.

One process may write a DuckDB file, or many may read it, never both at once. So the build
writes a new file beside the live one and swaps it in with an atomic rename: a running app
keeps reading the old file until it notices the new one, and never sees a half-built database.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from kraftsamling import paths

# Reference tables, in load order, and the committed file each comes from.
REFERENCE_FILES: dict[str, Path] = {
    "county": paths.REFERENCE / "county.csv",
    "municipality": paths.REFERENCE / "municipality.csv",
    "collaboration_group": paths.DATA / "collaboration_group.csv",
    "collaboration_group_member": paths.DATA / "collaboration_group_member.csv",
    "ssyk_af": paths.REFERENCE / "ssyk_af.csv",
    "ssyk_scb": paths.REFERENCE / "ssyk_scb.csv",
    "ssyk_scb_to_af": paths.REFERENCE / "ssyk_scb_to_af.csv",
    "ssyk4_occupation_field": paths.REFERENCE / "ssyk4_occupation_field.csv",
    "education_area": paths.DATA / "education_area.csv",
    "occupation_field_education_area": paths.DATA / "occupation_field_education_area.csv",
    "job_title": paths.REFERENCE / "job_title.csv",
    "occupation_alias": paths.DATA / "occupation_alias.csv",
    "myh_application": paths.REFERENCE / "myh_application.csv.gz",
    "myh_application_location": paths.REFERENCE / "myh_application_location.csv.gz",
    "yh_graduate_outcome": paths.REFERENCE / "yh_graduate_outcome.csv",
    # issue 10, parts 1-2 (kraftsamling/education.py)
    "myh_programme_occupation": paths.REFERENCE / "myh_programme_occupation.csv.gz",
    "education_path": paths.REFERENCE / "education_path.csv",
    "ssyk4_education_area": paths.REFERENCE / "ssyk4_education_area.csv",
}

# The example wave, written by `python -m kraftsamling example` (see example.py).
EXAMPLE_FILES: dict[str, str] = {
    "wave": "wave.csv",
    "respondent": "respondent.csv",
    "respondent_contact": "respondent_contact.csv",
    "need": "need.csv",
}


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None):
    """The single value a query returns, with the result read to the end (DuckDB refuses
    other work on a connection whose last result was only partly fetched)."""
    rows = con.execute(sql, params or {}).fetchall()
    return rows[0][0] if rows else None


def load_csv(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> int:
    """Append a CSV to a table, matching columns by name; every value is read as text and
    cast by the table's types, so a code such as '0114' keeps its zero."""
    if not path.exists():
        raise FileNotFoundError(f"Filen {path} saknas")
    before = scalar(con, f"SELECT count(*) FROM {table}")
    con.execute(
        f"INSERT INTO {table} BY NAME "
        "SELECT * FROM read_csv($path, header = true, all_varchar = true, "
        "delim = ',', quote = '\"')",
        {"path": str(path)},
    )
    after = scalar(con, f"SELECT count(*) FROM {table}")
    return after - before


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(paths.SCHEMA.read_text(encoding="utf-8"))


def load_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: load_csv(con, table, path) for table, path in REFERENCE_FILES.items()}


def load_example_wave(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> dict[str, int]:
    folder = folder or paths.EXAMPLE
    if not (folder / EXAMPLE_FILES["wave"]).exists():
        return {}
    return {table: load_csv(con, table, folder / name) for table, name in EXAMPLE_FILES.items()}


# Imported (non-example) survey data a rebuild carries over from the file it replaces.
CARRIED_OVER: dict[str, str] = {
    "wave": "SELECT * FROM wave WHERE NOT is_example",
    "respondent": "SELECT * FROM respondent WHERE NOT is_example",
    "respondent_contact": "SELECT c.* FROM respondent_contact c "
    "JOIN respondent r USING (respondent_id) WHERE NOT r.is_example",
    "need": "SELECT n.* FROM need n JOIN wave w USING (wave_id) WHERE NOT w.is_example",
    "import_file": "SELECT * FROM import_file",
    "quarantine": "SELECT * FROM quarantine",
    "answer_alias": "SELECT * FROM answer_alias",
    "wave_publication": "SELECT * FROM wave_publication",
    "invited_organisation": "SELECT * FROM invited_organisation",
}


# build_info's 'schema': a file built by another version is rebuilt on start (ensure_database).
SCHEMA_VERSION = "kraftsamling-6"  # 2: need_fact; 3: relaxed_need; 4: yh_graduate_outcome;
# 5: education_path, ssyk4_education_area, myh_programme_occupation, filtered_need's p_yh_only,
#    occupation_alias, answer_alias, the providers' publication (publication_*), relaxed_need gone,
#    wave_publication, invited_organisation; 6: publication_response

NEED_FACT = """
INSERT INTO need_fact
SELECT
    n.wave_id, r.kommunkod, n.respondent_id, r.org_kind, r.sni_section, n.ssyk4,
    o.occupation_name, o.occupation_field, o.education_area, n.need_id,
    n.recruits_1y, n.recruits_1_3y, n.recruits_3_5y, n.lia_places, n.upskilling,
    n.recruitment_difficulty, n.requires_post_secondary, o.education_path
FROM need n
JOIN respondent r ON r.respondent_id = n.respondent_id
LEFT JOIN occupation o ON o.ssyk4 = n.ssyk4
ORDER BY n.wave_id, r.kommunkod, n.respondent_id, n.ssyk4
"""


def refresh_need_fact(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild need_fact (schema.sql) from need, respondent and occupation. Every writer of the
    survey calls this inside its transaction, just before COMMIT; returns the row count."""
    con.execute("DELETE FROM need_fact")
    con.execute(NEED_FACT)
    return scalar(con, "SELECT count(*) FROM need_fact")


def refresh_publication(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Compute, audit and store every wave's providers' publication (publication_wave,
    publication_cell, publication_group, publication_block; kraftsamling.privacy.publish).
    Every writer of the survey calls this inside its transaction, after refresh_need_fact."""
    from kraftsamling.privacy import publish

    return publish.publish_all(con)


def carry_over_imports(con: duckdb.DuckDBPyConnection, previous: Path) -> dict[str, int]:
    """Copy imported waves, files and quarantine from the database being replaced, so a
    rebuild of the reference data never loses an import."""
    counts: dict[str, int] = {}
    with connect_readonly(previous) as old:
        listed = old.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = $c",
            {"c": CATALOG},
        ).fetchall()
        tables = {name for (name,) in listed}
        for table, select in CARRIED_OVER.items():
            if table not in tables:
                continue
            rows = old.sql(select).to_arrow_table()
            if rows.num_rows == 0:
                continue
            con.register("previous_rows", rows)
            try:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM previous_rows")
            finally:
                con.unregister("previous_rows")
            counts[f"{table} (från förra filen)"] = rows.num_rows
    return counts


@contextmanager
def build_lock(target: Path):
    """Serialise builds of one target across processes (the app may build on first start)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(target.suffix + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_file_beside(target: Path) -> Path:
    """A fresh path in the target's folder for a file to be swapped in later.

    Half-written files left by a killed writer (its pid no longer alive) are removed first."""
    for stale in target.parent.glob(f".{target.name}.building-*"):
        pid = stale.name.split(".building-")[1].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            remove_leftovers(stale)
    return target.with_name(f".{target.name}.building-{os.getpid()}-{time.monotonic_ns()}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(new_file: Path) -> None:
    for leftover in (new_file, Path(str(new_file) + ".wal")):
        if leftover.exists():
            leftover.unlink()


def swap_in(new_file: Path, target: Path) -> None:
    """Atomically replace target with new_file (same folder, so rename is atomic)."""
    wal = Path(str(new_file) + ".wal")
    if wal.exists():  # a cleanly closed database has no WAL; be safe anyway
        raise RuntimeError(f"{new_file} stängdes inte rent")
    os.replace(new_file, target)


def build(target: Path | None = None, *, with_example: bool = True) -> dict[str, int]:
    """Build the database from the repository's files into a new file, then swap it in."""
    target = target or paths.database_path()
    with build_lock(target):
        new_file = new_file_beside(target)
        try:
            con = duckdb.connect(str(new_file))
            try:
                con.execute("BEGIN")
                create_schema(con)
                counts = load_reference(con)
                if with_example:
                    counts.update(load_example_wave(con))
                if target.exists():
                    counts.update(carry_over_imports(con, target))
                refresh_need_fact(con)
                refresh_publication(con)
                con.execute(
                    "INSERT INTO build_info VALUES ('built_at', $built_at), ('schema', $schema)",
                    {
                        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                        "schema": SCHEMA_VERSION,
                    },
                )
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            finally:
                con.close()
            swap_in(new_file, target)
        finally:
            remove_leftovers(new_file)
    return counts


def ensure_database(target: Path | None = None) -> Path:
    """Build the database if it is missing, or rebuild it (imports carried over) if it was
    built by an older version of the schema. The app calls this on every run; the schema is
    read once per file."""
    target = target or paths.database_path()
    if target.exists() and schema_version(target) == SCHEMA_VERSION:
        return target
    with build_lock(target):
        pass  # wait for a build another process may be running
    if not target.exists() or schema_version(target) != SCHEMA_VERSION:
        build(target)
    return target


_checked: dict[tuple[str, tuple[int, int]], str | None] = {}


def schema_version(path: Path) -> str | None:
    """build_info's 'schema' of the database file (None if it has none), read once per file."""
    key = (str(path), file_version(path))
    if key not in _checked:
        with connect_readonly(path) as con:
            found = con.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_catalog = $c AND table_name = 'build_info'",
                {"c": CATALOG},
            ).fetchone()[0]
            row = (
                con.execute("SELECT value FROM build_info WHERE key = 'schema'").fetchone()
                if found
                else None
            )
        _checked[key] = row[0] if row else None
    return _checked[key]


def file_version(path: Path) -> tuple[int, int]:
    """Identifies one generation of the database file; changes when a new file is swapped in."""
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns)


CATALOG = "kraftsamling"


def connect_readonly(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database file as it is now.

    `duckdb.connect(path)` would hand back the process's cached instance for that path, which
    keeps reading the file it first opened even after a new one is swapped in. Attaching the
    file to a fresh in-memory instance opens the current file every time.

    One DuckDB thread per query: the pages' queries are small (a wave of one region), so a
    second thread costs more to coordinate than it saves (national benchmark, median of 9:
    municipality_figures 45 → 34 ms, candidate_contributions 59 → 53 ms), and the app's
    sessions share the machine's cores anyway; it also lowers the server's peak memory."""
    con = duckdb.connect(":memory:", config={"threads": 1})
    con.execute(
        "ATTACH $path AS kraftsamling (READ_ONLY)", {"path": str(path or paths.database_path())}
    )
    con.execute(f"USE {CATALOG}")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one query (connections are not thread-safe), on the attached database."""
    cur = con.cursor()
    cur.execute(f"USE {CATALOG}")
    return cur
