"""Waves over time: publishing a wave, and the organisations invited to answer it.

`publish(wave_id)` records that an administrator published the wave (`wave_publication`); the
default wave of the pages is the newest published one (example waves count as published), and
the providers' view shows published waves only (`shown_to_providers`, `providers_wave`).
`import_invited(wave_id, file_name, data)` replaces the wave's list of invited organisations
(`invited_organisation`) from a CSV or XLSX with a municipality and an organisation column
(organisationsnummer optional), in one transaction; the response rate is respondents / invited.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from kraftsamling import db, paths
from kraftsamling.intake import match
from kraftsamling.intake.match import Reference
from kraftsamling.intake.model import UnreadableFile


class WaveError(Exception):
    """Swedish message: no such wave, a list that cannot be read."""


def _check(con: duckdb.DuckDBPyConnection, wave_id: str) -> None:
    if not db.scalar(con, "SELECT count(*) FROM wave WHERE wave_id = $w", {"w": wave_id}):
        raise WaveError(f"Det finns ingen omgång som heter '{wave_id}'.")


def publish(
    wave_id: str, *, by: str | None = None, undo: bool = False, target: Path | None = None
) -> None:
    """Publish a wave (or, with undo, withdraw it), in one transaction."""
    from kraftsamling.intake import store

    target = db.ensure_database(target or paths.database_path())

    def work(con: duckdb.DuckDBPyConnection) -> None:
        _check(con, wave_id)
        con.execute("DELETE FROM wave_publication WHERE wave_id = $w", {"w": wave_id})
        if not undo:
            con.execute(
                "INSERT INTO wave_publication VALUES ($w, $at, $by)",
                {
                    "w": wave_id,
                    "at": datetime.now(UTC).replace(tzinfo=None),
                    "by": by or getpass.getuser(),
                },
            )

    store.rewrite(target, work)


def default_wave(waves) -> str | None:
    """The newest published wave of queries/waves.sql's rows (newest first), else the newest."""
    if waves.empty:
        return None
    published = [w for w, p in zip(waves["wave_id"], waves["published"], strict=True) if p]
    return published[0] if published else waves["wave_id"].iloc[0]


def shown_to_providers(waves):
    """The waves the providers' view may show (queries/published_waves.sql's rows): those an
    administrator has published whose providers' publication is stored. A wave that is not
    published is never shown to providers, whatever the URL asks."""
    keep = waves["published"].astype(bool)
    if "stored" in waves:
        keep &= waves["stored"].astype(bool)
    return waves[keep].reset_index(drop=True)


def providers_wave(waves, asked: str | None) -> tuple[str | None, bool]:
    """(the wave the providers' view shows, whether the URL's `omgang=` was set aside): the
    asked wave when providers may see it, else the newest published one (None without one)."""
    shown = shown_to_providers(waves)
    ids = list(shown["wave_id"])
    if asked in ids:
        return asked, False
    return default_wave(shown), bool(asked)


@dataclass
class InvitedReport:
    wave_id: str
    invited: int = 0
    problems: list[str] = field(default_factory=list)  # Swedish, naming file and row

    def summary(self) -> str:
        text = f"{self.invited} inbjudna organisationer sparade för omgången {self.wave_id}."
        if self.problems:
            text += f" {len(self.problems)} rader kunde inte läsas."
        return text


def read_invited(file_name: str, data: bytes, reference: Reference):
    """(rows, problems): rows as (kommunkod, organisation name, organisationsnummer)."""
    from kraftsamling.intake import parse

    notes: list[str] = []
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        book = parse._Workbook(file_name, data)
        try:
            sheet = book.read(book.names[0])
        finally:
            book.close()
    else:
        sheet = parse._read_csv(file_name, data, notes)
    found = parse._header_row(sheet)
    columns = {c.key: c for c in (found[1] if found else []) if c.key}
    missing = [
        h
        for k, h in (("kommunkod", "Kommun"), ("organisation_name", "Organisation"))
        if k not in columns
    ]
    if missing:
        raise UnreadableFile(
            f"Filen '{file_name}' saknar kolumner som behövs: {', '.join(missing)}. "
            "Listan över inbjudna behöver 'Kommun' och 'Organisation' (och gärna "
            "'Organisationsnummer')."
        )
    rows, problems = [], []
    for number, cells in sheet.rows[found[0] + 1 :]:
        if not any(c.strip() for c in cells):
            continue

        def text(key: str, cells=cells) -> str:
            col = columns.get(key)
            return cells[col.index] if col is not None and col.index < len(cells) else ""

        kommun = reference.municipality(text("kommunkod"))
        name = match.organisation_name(text("organisation_name"))
        orgnr = match.organisationsnummer(text("organisationsnummer"))
        errors = [m.error for m in (kommun, name, orgnr) if not m.ok]
        if errors:
            problems.append(f"{file_name}, rad {number}: {' '.join(errors)}")
            continue
        rows.append((kommun.value, name.value, orgnr.value))
    return rows, problems


def import_invited(
    wave_id: str, file_name: str, data: bytes, *, target: Path | None = None
) -> InvitedReport:
    """Replace the wave's invited organisations with the file's, in one transaction."""
    from kraftsamling.intake import store

    target = db.ensure_database(target or paths.database_path())
    reference = store.read_reference(target)
    try:
        rows, problems = read_invited(file_name, data, reference)
    except UnreadableFile as error:
        raise WaveError(str(error)) from None
    report = InvitedReport(wave_id, len(rows), problems)

    def work(con: duckdb.DuckDBPyConnection) -> None:
        _check(con, wave_id)
        con.execute("DELETE FROM invited_organisation WHERE wave_id = $w", {"w": wave_id})
        now = datetime.now(UTC).replace(tzinfo=None)
        con.executemany(
            "INSERT INTO invited_organisation VALUES (?, ?, ?, ?, ?)",
            [(wave_id, k, name, orgnr, now) for k, name, orgnr in rows],
        )

    store.rewrite(target, work)
    return report
