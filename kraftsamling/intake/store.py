"""Storing survey answers: one import is one transaction in one new database file.

An import copies the live database file, writes every offered file into the copy inside one
transaction, and swaps the copy in with an atomic rename. A process killed half-way leaves the
live file exactly as it was (the half-written copy is removed by the next writer), and a running
app keeps reading the old file until the new one is in place.

Rules (shown to the user in the import report and in the README):
- The raw bytes of every offered file are kept in `import_file`, readable or not.
- The same bytes offered twice to the same wave change nothing.
- A row that does not validate goes to `quarantine` with every reason; valid rows are imported.
- The same organisation twice in a wave — same organisationsnummer and workplace municipality,
  or same normalised name and municipality — keeps the FIRST answer; the later one's rows go to
  quarantine with a reason that names the first, so nothing is lost and nothing is counted twice.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from kraftsamling import db, paths
from kraftsamling.intake.fields import NEED_FIELDS, RESPONDENT_FIELDS
from kraftsamling.intake.match import Reference
from kraftsamling.intake.model import (
    ParsedFile,
    Problem,
    RejectedRow,
    Respondent,
    UnreadableFile,
)
from kraftsamling.intake.parse import parse_file

WAVE_ID = re.compile(r"^[0-9]{4}-[a-z0-9][a-z0-9-]{0,30}$")
SEASONS = {"host": "Hösten", "var": "Våren", "sommar": "Sommaren", "vinter": "Vintern"}
ALREADY = ("importerad", "oläsbar")


class ImportRefused(Exception):
    """An import that cannot start (bad wave id, example wave); Swedish message."""


@dataclass
class FileReport:
    file_name: str
    status: str  # 'importerad', 'redan importerad', 'oläsbar'
    layout: str | None = None
    rows_accepted: int = 0
    rows_rejected: int = 0
    respondents_added: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)  # Swedish, file/row/column named
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.status == "redan importerad":
            return f"{self.file_name}: redan importerad i omgången, inget ändrat."
        if self.status == "oläsbar":
            return f"{self.file_name}: kunde inte läsas. {' '.join(self.problems)}"
        text = (
            f"{self.file_name}: {self.rows_accepted} rader importerade från "
            f"{self.respondents_added} organisationer, {self.rows_rejected} rader i karantän"
        )
        if self.duplicates:
            text += f" (varav {self.duplicates} från organisationer som redan svarat)"
        return text + "."


@dataclass
class ImportReport:
    wave_id: str
    files: list[FileReport]
    seconds: float = 0.0

    @property
    def rows_accepted(self) -> int:
        return sum(f.rows_accepted for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)


def exit_code(report: ImportReport) -> int:
    """0: every row imported; 1: some rows went to quarantine; 2: a file could not be read or
    nothing was imported (README, "Importing a survey wave")."""
    imported = report.rows_accepted + sum(f.respondents_added for f in report.files)
    if any(f.status == "oläsbar" for f in report.files) or imported == 0:
        return 2
    return 1 if report.rows_rejected else 0


def wave_label(wave_id: str) -> str:
    """'2025-host' -> 'Hösten 2025'; other ids keep their own words."""
    year, _, rest = wave_id.partition("-")
    season = SEASONS.get(rest)
    return f"{season} {year}" if season else f"{year} {rest.replace('-', ' ')}"


def normalised_name(name: str) -> str:
    text = re.sub(r"[^\w ]+", " ", name.lower())
    text = re.sub(r"\b(ab|aktiebolag|hb|kb|ek för|ekonomisk förening)\b", " ", text)
    return " ".join(text.split())


def _check_wave(con: duckdb.DuckDBPyConnection, wave_id: str) -> None:
    is_example = db.scalar(con, "SELECT is_example FROM wave WHERE wave_id = $w", {"w": wave_id})
    if is_example:
        raise ImportRefused(
            f"Omgången '{wave_id}' innehåller exempeldata. Importera verkliga svar till en egen "
            "omgång, t.ex. 2025-host."
        )
    if not WAVE_ID.match(wave_id):
        raise ImportRefused(
            f"Omgången '{wave_id}' har fel form. Skriv år, bindestreck och ett ord med små "
            "bokstäver, t.ex. 2025-host eller 2026-var."
        )


def _values(respondent: Respondent, need) -> dict[str, str]:
    """A duplicate's row in the template's own headers, so it can be fixed and imported again."""
    values = {f.header: getattr(respondent, f.key) for f in RESPONDENT_FIELDS}
    for f in NEED_FIELDS:
        values[f.header] = (
            need.occupation_as_given if f.key == "occupation" else getattr(need, f.key)
        )
    return {k: "" if v is None else str(v) for k, v in values.items()}


class _Writer:
    """Writes parsed files into an open connection inside the caller's transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, wave_id: str, imported_by: str):
        self.con = con
        self.wave_id = wave_id
        self.imported_by = imported_by
        self.now = datetime.now(UTC).replace(tzinfo=None)
        seen = con.execute(
            "SELECT r.respondent_id, r.organisation_name, r.organisationsnummer, r.kommunkod, "
            "coalesce(f.file_name, 'exempeldata'), r.source_row "
            "FROM respondent r LEFT JOIN import_file f ON f.file_id = r.source_file_id "
            "WHERE r.wave_id = $w",
            {"w": wave_id},
        ).fetchall()
        self.by_key: dict[tuple, str] = {}
        for _, name, orgnr, kommunkod, file_name, row in seen:
            self._remember(name, orgnr, kommunkod, f"'{name}' i filen {file_name}, rad {row}")

    def _keys(self, name: str, orgnr: str | None, kommunkod: str) -> list[tuple]:
        keys = [("namn", normalised_name(name), kommunkod)]
        if orgnr:
            keys.append(("orgnr", orgnr, kommunkod))
        return keys

    def _remember(self, name, orgnr, kommunkod, where: str) -> None:
        for key in self._keys(name, orgnr, kommunkod):
            self.by_key.setdefault(key, where)

    def _first_answer(self, respondent: Respondent) -> str | None:
        for key in self._keys(
            respondent.organisation_name, respondent.organisationsnummer, respondent.kommunkod
        ):
            if key in self.by_key:
                return self.by_key[key]
        return None

    def ensure_wave(self) -> None:
        exists = db.scalar(
            self.con, "SELECT count(*) FROM wave WHERE wave_id = $w", {"w": self.wave_id}
        )
        if not exists:
            self.con.execute(
                "INSERT INTO wave VALUES ($w, $label, $year, false, $origin, $at)",
                {
                    "w": self.wave_id,
                    "label": wave_label(self.wave_id),
                    "year": int(self.wave_id[:4]),
                    "origin": f"import av {self.imported_by}",
                    "at": self.now,
                },
            )

    def already_imported(self, sha256: str) -> bool:
        return bool(
            db.scalar(
                self.con,
                "SELECT count(*) FROM import_file WHERE sha256 = $s AND wave_id = $w "
                "AND list_contains($statuses, status)",
                {"s": sha256, "w": self.wave_id, "statuses": list(ALREADY)},
            )
        )

    def _log_file(self, file_id, sha256, name, data, layout, status, message, report) -> None:
        self.con.execute(
            "INSERT INTO import_file VALUES ($id, $sha, $w, $name, $size, $content, $layout, "
            "$status, $message, $accepted, $rejected, $respondents, $at, $by)",
            {
                "id": file_id,
                "sha": sha256,
                "w": self.wave_id,
                "name": name,
                "size": len(data),
                "content": data,
                "layout": layout,
                "status": status,
                "message": message,
                "accepted": report.rows_accepted,
                "rejected": report.rows_rejected,
                "respondents": report.respondents_added,
                "at": self.now,
                "by": self.imported_by,
            },
        )

    def write(self, name: str, data: bytes, parsed: ParsedFile | UnreadableFile) -> FileReport:
        sha256 = hashlib.sha256(data).hexdigest()
        if self.already_imported(sha256):
            return FileReport(name, "redan importerad")
        file_id = f"f-{sha256[:16]}-{self.now:%Y%m%d%H%M%S%f}"
        if isinstance(parsed, UnreadableFile):
            report = FileReport(name, "oläsbar", problems=[str(parsed)])
            self._log_file(file_id, sha256, name, data, None, "oläsbar", str(parsed), report)
            return report

        report = FileReport(name, "importerad", layout=parsed.layout, notes=list(parsed.notes))
        respondents, contacts, needs = [], [], []
        quarantined: list[RejectedRow] = list(parsed.rejected)
        for number, respondent in enumerate(parsed.respondents, start=1):
            first = self._first_answer(respondent)
            if first is not None:
                reason = (
                    f"Organisationen har redan svarat i omgången ({first}). Regel: första svaret "
                    "gäller. Radera den omgången eller rätta och importera om du vill ersätta det."
                )
                for need in respondent.needs:
                    problem = Problem(name, None, need.source_row, None, None, reason)
                    quarantined.append(
                        RejectedRow(None, need.source_row, _values(respondent, need), [problem])
                    )
                    report.duplicates += 1
                continue
            self._remember(
                respondent.organisation_name,
                respondent.organisationsnummer,
                respondent.kommunkod,
                f"'{respondent.organisation_name}' i filen {name}, rad {respondent.source_row}",
            )
            respondent_id = f"{file_id}-r{number:05d}"
            respondents.append(
                {
                    "respondent_id": respondent_id,
                    "wave_id": self.wave_id,
                    "organisation_name": respondent.organisation_name,
                    "organisationsnummer": respondent.organisationsnummer,
                    "org_kind": respondent.org_kind,
                    "kommunkod": respondent.kommunkod,
                    "sni_section": respondent.sni_section,
                    "size_class": respondent.size_class,
                    "is_example": False,
                    "source_file_id": file_id,
                    "source_row": respondent.source_row,
                }
            )
            contacts.append(
                {
                    "respondent_id": respondent_id,
                    "contact_name": respondent.contact_name,
                    "contact_email": respondent.contact_email,
                    "contact_phone": respondent.contact_phone,
                }
            )
            for need in respondent.needs:
                needs.append(
                    {
                        "need_id": f"{respondent_id}-{need.ssyk4}",
                        "respondent_id": respondent_id,
                        "wave_id": self.wave_id,
                        "ssyk4": need.ssyk4,
                        "recruits_1y": need.recruits_1y,
                        "recruits_1_3y": need.recruits_1_3y,
                        "recruits_3_5y": need.recruits_3_5y,
                        "requires_post_secondary": need.requires_post_secondary,
                        "recruitment_difficulty": need.recruitment_difficulty,
                        "lia_places": need.lia_places,
                        "upskilling": need.upskilling,
                        "occupation_as_given": need.occupation_as_given,
                        "occupation_match": need.occupation_match,
                        "source_row": need.source_row,
                    }
                )
        report.respondents_added = len(respondents)
        report.rows_accepted = len(needs)
        report.rows_rejected = len(quarantined)
        report.problems = [_reasons(row) for row in quarantined]
        self._log_file(
            file_id,
            sha256,
            name,
            data,
            parsed.layout,
            "importerad",
            "\n".join(parsed.notes) or None,
            report,
        )
        self._insert("respondent", respondents)
        self._insert("respondent_contact", contacts)
        self._insert("need", needs)
        self._insert(
            "quarantine",
            [
                {
                    "file_id": file_id,
                    "sheet": row.sheet,
                    "row_number": row.row,
                    "row_values": json.dumps(row.values, ensure_ascii=False),
                    "reasons": _reasons(row),
                }
                for row in quarantined
            ],
        )
        return report

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        frame = pd.DataFrame(rows)
        self.con.register("incoming", frame)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        finally:
            self.con.unregister("incoming")


def _reasons(row: RejectedRow) -> str:
    return "\n".join(p.message() for p in row.problems)


def read_reference(target: Path) -> Reference:
    with db.connect_readonly(target) as con:
        return Reference.from_connection(con)


def import_files(
    files: list[tuple[str, bytes]],
    wave_id: str,
    *,
    imported_by: str | None = None,
    target: Path | None = None,
    include_hidden: bool = False,
) -> ImportReport:
    """Import survey files into a wave, all in one transaction; return what happened.
    Hidden sheets and rows are read only with include_hidden. A file that breaks the reader in a
    way nobody foresaw is reported unreadable, its raw bytes kept like every other's."""
    started = datetime.now(UTC)
    target = db.ensure_database(target or paths.database_path())
    reference = read_reference(target)
    parsed: list[tuple[str, bytes, ParsedFile | UnreadableFile]] = []
    for name, data in files:
        try:
            parsed.append(
                (name, data, parse_file(name, data, reference, include_hidden=include_hidden))
            )
        except UnreadableFile as unreadable:
            parsed.append((name, data, unreadable))
        except Exception as error:  # noqa: BLE001 - never lose a file to a reader's bug
            parsed.append(
                (
                    name,
                    data,
                    UnreadableFile(
                        f"Filen '{name}' kunde inte läsas ({type(error).__name__}). "
                        "Filen är sparad; "
                        "spara den som .xlsx eller .csv och försök igen, eller skicka den till oss."
                    ),
                )
            )

    reports: list[FileReport] = []

    def work(con: duckdb.DuckDBPyConnection) -> None:
        _check_wave(con, wave_id)
        writer = _Writer(con, wave_id, imported_by or getpass.getuser())
        writer.ensure_wave()
        for name, data, result in parsed:
            reports.append(writer.write(name, data, result))

    rewrite(target, work)
    seconds = (datetime.now(UTC) - started).total_seconds()
    return ImportReport(wave_id, reports, seconds)


def rewrite(target: Path, work) -> None:
    """Run `work(con)` on a copy of the database inside one transaction, then swap it in."""
    with db.build_lock(target):
        copy = db.new_file_beside(target)
        try:
            shutil.copyfile(target, copy)
            con = duckdb.connect(str(copy))
            try:
                con.execute("BEGIN")
                work(con)
                db.refresh_need_fact(con)
                db.refresh_publication(con)
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            finally:
                con.close()
            db.swap_in(copy, target)
        finally:
            db.remove_leftovers(copy)


# ------------------------------------------------------------------ waves
def delete_wave(wave_id: str, target: Path | None = None) -> dict[str, int]:
    """Delete a wave's answers. The raw files stay in import_file, marked 'omgång raderad'."""
    target = target or paths.database_path()
    counts: dict[str, int] = {}

    def work(con: duckdb.DuckDBPyConnection) -> None:
        params = {"w": wave_id}
        if not db.scalar(con, "SELECT count(*) FROM wave WHERE wave_id = $w", params):
            raise ImportRefused(f"Det finns ingen omgång som heter '{wave_id}'.")
        statements = {
            "need": "DELETE FROM need WHERE wave_id = $w",
            "respondent_contact": "DELETE FROM respondent_contact WHERE respondent_id IN "
            "(SELECT respondent_id FROM respondent WHERE wave_id = $w)",
            "respondent": "DELETE FROM respondent WHERE wave_id = $w",
            "quarantine": "DELETE FROM quarantine WHERE file_id IN "
            "(SELECT file_id FROM import_file WHERE wave_id = $w)",
        }
        for table, statement in statements.items():
            counts[table] = db.scalar(con, statement, params)  # DELETE returns its row count
        db.scalar(
            con, "UPDATE import_file SET status = 'omgång raderad' WHERE wave_id = $w", params
        )
        db.scalar(con, "DELETE FROM wave WHERE wave_id = $w", params)

    rewrite(target, work)
    return counts
