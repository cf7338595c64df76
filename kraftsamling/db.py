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
    "myh_application": paths.REFERENCE / "myh_application.csv.gz",
    "myh_application_location": paths.REFERENCE / "myh_application_location.csv.gz",
}

# The example wave, written by `python -m kraftsamling example` (see example.py).
EXAMPLE_FILES: dict[str, str] = {
    "wave": "wave.csv",
    "respondent": "respondent.csv",
    "respondent_contact": "respondent_contact.csv",
    "need": "need.csv",
}


def load_csv(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> int:
    """Append a CSV to a table, matching columns by name; every value is read as text and
    cast by the table's types, so a code such as '0114' keeps its zero."""
    if not path.exists():
        raise FileNotFoundError(f"Filen {path} saknas")
    before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.execute(
        f"INSERT INTO {table} BY NAME "
        "SELECT * FROM read_csv($path, header = true, all_varchar = true, "
        "delim = ',', quote = '\"')",
        {"path": str(path)},
    )
    after = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
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


@contextmanager
def _build_lock(target: Path):
    """Serialise builds of one target across processes (the app may build on first start)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(target.suffix + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _new_file_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.building-{os.getpid()}-{time.monotonic_ns()}")


def swap_in(new_file: Path, target: Path) -> None:
    """Atomically replace target with new_file (same folder, so rename is atomic)."""
    wal = Path(str(new_file) + ".wal")
    if wal.exists():  # a cleanly closed database has no WAL; be safe anyway
        raise RuntimeError(f"{new_file} stängdes inte rent")
    os.replace(new_file, target)


def build(target: Path | None = None, *, with_example: bool = True) -> dict[str, int]:
    """Build the database from the repository's files into a new file, then swap it in."""
    target = target or paths.database_path()
    with _build_lock(target):
        new_file = _new_file_beside(target)
        try:
            con = duckdb.connect(str(new_file))
            try:
                con.execute("BEGIN")
                create_schema(con)
                counts = load_reference(con)
                if with_example:
                    counts.update(load_example_wave(con))
                con.execute(
                    "INSERT INTO build_info VALUES "
                    "('built_at', $built_at), ('schema', 'kraftsamling-1')",
                    {"built_at": datetime.now(UTC).isoformat(timespec="seconds")},
                )
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            finally:
                con.close()
            swap_in(new_file, target)
        finally:
            for leftover in (new_file, Path(str(new_file) + ".wal")):
                if leftover.exists():
                    leftover.unlink()
    return counts


def ensure_database(target: Path | None = None) -> Path:
    """Build the database if it is missing (the app calls this on first start)."""
    target = target or paths.database_path()
    if not target.exists():
        with _build_lock(target):
            pass  # wait for a build another process may be running
        if not target.exists():
            build(target)
    return target


def file_version(path: Path) -> tuple[int, int]:
    """Identifies one generation of the database file; changes when a new file is swapped in."""
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns)


def connect_readonly(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path or paths.database_path()), read_only=True)
