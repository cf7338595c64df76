"""The coordinator fixes the rest once: values the importer could not code, answered once.

`unresolved(con, wave_id)` validates a wave's quarantined rows again and lists the occupations
and municipalities it could not code, grouped by distinct value with how many rows each holds
and the codes to suggest. `resolve(...)` stores an answer as an alias (`answer_alias`, with who
and when) that every later import uses, validates the wave's quarantined rows again and imports
the rows it frees, in one transaction (`store.rewrite`). `remove_answer` deletes an alias (rows
already imported stay). `answers_csv` exports them.

Freed rows join the organisation they belong to: the respondent imported from the same file
(a need with an SSYK-4 it already has is added to it when the title differs, and stays in
quarantine when it is the same title again), or a new respondent; an organisation that answered
in another file of the wave keeps its first answer (store's rule) and the row stays.
"""

from __future__ import annotations

import getpass
import io
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from kraftsamling import db, paths, queries
from kraftsamling.intake import match
from kraftsamling.intake.match import Reference
from kraftsamling.intake.model import ParsedFile, UnreadableFile
from kraftsamling.intake.parse import parse_rows
from kraftsamling.intake.titles import key as title_key

KINDS = {"occupation": "yrke", "kommunkod": "kommun"}


class ResolveError(Exception):
    """An answer that cannot be stored (unknown code, unknown wave); Swedish message."""


@dataclass
class Unresolved:
    kind: str  # 'yrke' or 'kommun'
    value: str  # as written (the first spelling seen)
    rows: int  # quarantined rows that hold it
    suggestions: list[str]  # codes, best first
    reason: str  # the importer's reason for the first row
    column: str | None = None


@dataclass
class ResolveReport:
    wave_id: str
    kind: str
    value: str
    code: str
    rows_imported: int = 0  # quarantined rows imported now
    rows_left: int = 0  # the wave's rows still in quarantine
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"'{self.value}' → {self.code} sparat som svar. {self.rows_imported} rader ur "
            f"karantänen importerades; {self.rows_left} rader är kvar i karantän i omgången "
            f"{self.wave_id}."
        )


def value_key(kind: str, value: str) -> str:
    """What an answer is matched on: a title's normal form, a municipality's folded name."""
    return title_key(value) if kind == "yrke" else match.fold(value)


# ------------------------------------------------------------------------------ re-validating


@dataclass
class _Group:
    file_id: str
    file_name: str
    sheet: str | None
    headers: list[str]
    rows: list[tuple[int, list[str], str]]  # (row number, cells, row_values as stored)


def _groups(con: duckdb.DuckDBPyConnection, wave_id: str) -> list[_Group]:
    # on the connection itself: inside an answer's transaction a cursor would not see it
    rows = con.execute(queries.sql("quarantine_rows"), {"wave_id": wave_id}).df()
    groups: OrderedDict[tuple, _Group] = OrderedDict()
    for r in rows.itertuples():
        values = json.loads(r.row_values)
        headers = tuple(values)
        sheet = None if pd.isna(r.sheet) else r.sheet
        k = (r.file_id, sheet, headers)
        if k not in groups:
            groups[k] = _Group(r.file_id, r.file_name, sheet, list(headers), [])
        cells = [str(values[h]) for h in headers]
        groups[k].rows.append((int(r.row_number), cells, r.row_values))
    return list(groups.values())


def _reparse(group: _Group, reference: Reference) -> ParsedFile | None:
    try:
        return parse_rows(
            group.file_name,
            group.sheet,
            group.headers,
            [(n, cells) for n, cells, _ in group.rows],
            reference,
        )
    except UnreadableFile:
        return None  # rows that are not a survey table of their own (an extra template row)


def unresolved(
    con: duckdb.DuckDBPyConnection, wave_id: str, reference: Reference | None = None
) -> list[Unresolved]:
    """The occupations and municipalities in a wave's quarantine that an answer would code,
    grouped by distinct value (in its normal form), most rows first."""
    reference = reference or Reference.from_connection(con)
    found: OrderedDict[tuple[str, str], Unresolved] = OrderedDict()
    for group in _groups(con, wave_id):
        parsed = _reparse(group, reference)
        if parsed is None:
            continue
        for row in parsed.rejected:
            seen_in_row: set[tuple[str, str]] = set()
            for p in row.problems:
                if p.field not in KINDS or not p.answerable or not match.clean(p.value or ""):
                    continue
                kind = KINDS[p.field]
                k = (kind, value_key(kind, p.value))
                if k in seen_in_row:
                    continue
                seen_in_row.add(k)
                if k not in found:
                    found[k] = Unresolved(
                        kind, match.clean(p.value), 0, list(p.suggestions), p.reason, p.column
                    )
                found[k].rows += 1
    return sorted(found.values(), key=lambda u: (-u.rows, u.kind, u.value.casefold()))


def unresolved_frame(con: duckdb.DuckDBPyConnection, wave_id: str) -> pd.DataFrame:
    items = unresolved(con, wave_id)
    return pd.DataFrame(
        [
            {
                "kind": u.kind,
                "value": u.value,
                "rows": u.rows,
                "suggestions": ", ".join(u.suggestions),
                "reason": u.reason,
            }
            for u in items
        ],
        columns=["kind", "value", "rows", "suggestions", "reason"],
    )


def choice_labels(con: duckdb.DuckDBPyConnection, item: Unresolved) -> dict[str, str]:
    """The suggestions of an unresolved value as code → 'code name' (names from the reference
    data, never from the answers)."""
    found = queries.run(con, "code_names", kind=item.kind, codes=list(item.suggestions))
    names = dict(zip(found["code"], found["name"], strict=True))
    return {c: f"{c} {names[c]}" for c in item.suggestions if c in names}


def check_code(reference: Reference, kind: str, code: str) -> str:
    """The code to store for an answer, or ResolveError saying why not."""
    code = match.clean(code)
    if kind == "yrke":
        found = reference.occupation(code)
        if not found.ok or found.how not in ("kod", "scb-kod"):
            raise ResolveError(
                f"'{code}' är ingen SSYK-kod. Ange en fyrsiffrig kod, t.ex. 5321 eller 5120."
            )
        return str(found.value)
    if kind == "kommun":
        found = reference.municipality(code)
        if not found.ok:
            raise ResolveError(found.error or f"'{code}' är ingen kommun i regionen.")
        return str(found.value)
    raise ResolveError(f"Okänd sorts värde '{kind}': ange yrke eller kommun.")


def _kind_of(con, wave_id: str, value: str, kind: str | None, reference: Reference) -> str:
    if kind:
        return kind
    kinds = {
        u.kind
        for u in unresolved(con, wave_id, reference)
        if value_key(u.kind, u.value) == value_key(u.kind, value)
    }
    if len(kinds) == 1:
        return kinds.pop()
    if not kinds:
        raise ResolveError(
            f"'{value}' finns inte bland de olösta värdena i omgången {wave_id}. Ange "
            "--kind yrke eller --kind kommun för att spara svaret ändå."
        )
    raise ResolveError(f"'{value}' är olöst både som yrke och som kommun: ange --kind.")


# ---------------------------------------------------------------- importing freed rows


class _Freed:
    """Imports the rows a re-validation accepts, inside the caller's transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, wave_id: str, report: ResolveReport):
        self.con = con
        self.wave_id = wave_id
        self.report = report
        self.stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        self.serial = 0
        rows = con.execute(
            "SELECT respondent_id, organisation_name, organisationsnummer, kommunkod, "
            "coalesce(source_file_id, '') FROM respondent WHERE wave_id = $w",
            {"w": wave_id},
        ).fetchall()
        from kraftsamling.intake.store import normalised_name

        self._normalised = normalised_name
        self.by_key: dict[tuple, tuple[str, str, str]] = {}
        for rid, name, orgnr, kommunkod, file_id in rows:
            for k in self._keys(name, orgnr, kommunkod):
                self.by_key.setdefault(k, (rid, file_id, name))

    def _keys(self, name, orgnr, kommunkod) -> list[tuple]:
        keys = [("namn", self._normalised(name), kommunkod)]
        if orgnr:
            keys.append(("orgnr", orgnr, kommunkod))
        return keys

    def _existing(self, respondent) -> tuple[str, str, str] | None:
        for k in self._keys(
            respondent.organisation_name, respondent.organisationsnummer, respondent.kommunkod
        ):
            if k in self.by_key:
                return self.by_key[k]
        return None

    def take(self, group: _Group, parsed: ParsedFile) -> set[int]:
        """Import what `parsed` accepted; the row numbers imported."""
        imported: set[int] = set()
        for respondent in parsed.respondents:
            existing = self._existing(respondent)
            if existing is not None and existing[1] != group.file_id:
                continue  # another file's organisation answered first: the row stays
            if existing is None:
                self.serial += 1
                rid = f"{group.file_id}-s{self.stamp}-{self.serial:04d}"
                self._insert_respondent(rid, group.file_id, respondent)
                for k in self._keys(
                    respondent.organisation_name,
                    respondent.organisationsnummer,
                    respondent.kommunkod,
                ):
                    self.by_key.setdefault(k, (rid, group.file_id, respondent.organisation_name))
            else:
                rid = existing[0]
            for need in respondent.needs:
                if self._add_need(rid, respondent.organisation_name, need):
                    imported.add(need.source_row)
        return imported

    def _insert_respondent(self, rid: str, file_id: str, r) -> None:
        self.con.execute(
            "INSERT INTO respondent BY NAME SELECT $id AS respondent_id, $w AS wave_id, "
            "$name AS organisation_name, $orgnr AS organisationsnummer, $kind AS org_kind, "
            "$kommun AS kommunkod, $sni AS sni_section, $size AS size_class, "
            "false AS is_example, $file AS source_file_id, $row AS source_row",
            {
                "id": rid,
                "w": self.wave_id,
                "name": r.organisation_name,
                "orgnr": r.organisationsnummer,
                "kind": r.org_kind,
                "kommun": r.kommunkod,
                "sni": r.sni_section,
                "size": r.size_class,
                "file": file_id,
                "row": r.source_row,
            },
        )
        self.con.execute(
            "INSERT INTO respondent_contact VALUES ($id, $name, $email, $phone)",
            {"id": rid, "name": r.contact_name, "email": r.contact_email, "phone": r.contact_phone},
        )

    def _add_need(self, rid: str, organisation: str, need) -> bool:
        before = self.con.execute(
            "SELECT occupation_as_given, source_row FROM need "
            "WHERE respondent_id = $r AND ssyk4 = $s",
            {"r": rid, "s": need.ssyk4},
        ).fetchall()
        if before:
            given, row = before[0]
            if any(
                match.fold(t) == match.fold(need.occupation_as_given)
                for t in str(given or "").split(" + ")
            ):
                return False  # the same title again: a duplicate stays in quarantine
            self.con.execute(
                "UPDATE need SET recruits_1y = recruits_1y + $a, "
                "recruits_1_3y = recruits_1_3y + $b, recruits_3_5y = recruits_3_5y + $c, "
                "lia_places = lia_places + $lia, upskilling = upskilling + $up, "
                "recruitment_difficulty = CASE WHEN $d IS NULL THEN recruitment_difficulty "
                "  ELSE greatest(coalesce(recruitment_difficulty, $d), $d) END, "
                "requires_post_secondary = CASE WHEN $p IS NULL THEN requires_post_secondary "
                "  ELSE coalesce(requires_post_secondary, false) OR $p END, "
                "occupation_as_given = occupation_as_given || ' + ' || $given "
                "WHERE respondent_id = $r AND ssyk4 = $s",
                {
                    "a": need.recruits_1y,
                    "b": need.recruits_1_3y,
                    "c": need.recruits_3_5y,
                    "lia": need.lia_places,
                    "up": need.upskilling,
                    "d": need.recruitment_difficulty,
                    "p": need.requires_post_secondary,
                    "given": need.occupation_as_given,
                    "r": rid,
                    "s": need.ssyk4,
                },
            )
            self.report.notes.append(
                f"'{organisation}': '{given}' (rad {row}) och '{need.occupation_as_given}' "
                f"(rad {need.source_row}) är samma yrke ({need.ssyk4}) och räknas som ett behov "
                "med antalen adderade."
            )
            return True
        self.con.execute(
            "INSERT INTO need BY NAME SELECT $id AS need_id, $r AS respondent_id, "
            "$w AS wave_id, $s AS ssyk4, $a AS recruits_1y, $b AS recruits_1_3y, "
            "$c AS recruits_3_5y, $p AS requires_post_secondary, "
            "$d AS recruitment_difficulty, $lia AS lia_places, $up AS upskilling, "
            "$given AS occupation_as_given, $how AS occupation_match, $row AS source_row",
            {
                "id": f"{rid}-{need.ssyk4}",
                "r": rid,
                "w": self.wave_id,
                "s": need.ssyk4,
                "a": need.recruits_1y,
                "b": need.recruits_1_3y,
                "c": need.recruits_3_5y,
                "p": need.requires_post_secondary,
                "d": need.recruitment_difficulty,
                "lia": need.lia_places,
                "up": need.upskilling,
                "given": need.occupation_as_given,
                "how": need.occupation_match,
                "row": need.source_row,
            },
        )
        return True


def revalidate(con: duckdb.DuckDBPyConnection, wave_id: str, report: ResolveReport) -> None:
    """Validate the wave's quarantined rows again with the current answers; import the rows
    that now pass and keep the rest with their current reasons. Inside the caller's
    transaction."""
    reference = Reference.from_connection(con)
    freed = _Freed(con, wave_id, report)
    per_file: dict[str, int] = {}
    for group in _groups(con, wave_id):
        parsed = _reparse(group, reference)
        if parsed is None:
            continue
        imported = freed.take(group, parsed)
        reasons = {row.row: "\n".join(p.message() for p in row.problems) for row in parsed.rejected}
        for number, _cells, stored in group.rows:
            params = {"f": group.file_id, "s": group.sheet, "n": number, "v": stored}
            if number in imported and number not in reasons:
                con.execute(
                    "DELETE FROM quarantine WHERE file_id = $f AND sheet IS NOT DISTINCT FROM "
                    "$s AND row_number = $n AND row_values = $v",
                    params,
                )
                report.rows_imported += 1
                per_file[group.file_id] = per_file.get(group.file_id, 0) + 1
            elif number in reasons:
                con.execute(
                    "UPDATE quarantine SET reasons = $reason WHERE file_id = $f AND sheet IS NOT "
                    "DISTINCT FROM $s AND row_number = $n AND row_values = $v",
                    {**params, "reason": reasons[number]},
                )
    for file_id, n in per_file.items():
        con.execute(
            "UPDATE import_file SET rows_accepted = rows_accepted + $n, "
            "rows_rejected = rows_rejected - $n WHERE file_id = $f",
            {"n": n, "f": file_id},
        )
    report.rows_left = db.scalar(
        con,
        "SELECT count(*) FROM quarantine q JOIN import_file f USING (file_id) WHERE f.wave_id = $w",
        {"w": wave_id},
    )


# ------------------------------------------------------------------------------ answers


def resolve(
    wave_id: str,
    value: str,
    code: str,
    *,
    kind: str | None = None,
    answered_by: str | None = None,
    target: Path | None = None,
) -> ResolveReport:
    """Store the answer `value` → `code` (an SSYK-4 or a municipality) and import the rows of
    the wave it frees, in one transaction."""
    from kraftsamling.intake import store

    target = db.ensure_database(target or paths.database_path())
    value = match.clean(value)
    if not value:
        raise ResolveError("Värdet saknas.")
    holder: list[ResolveReport] = []

    def work(con: duckdb.DuckDBPyConnection) -> None:
        if not db.scalar(con, "SELECT count(*) FROM wave WHERE wave_id = $w", {"w": wave_id}):
            raise ResolveError(f"Det finns ingen omgång som heter '{wave_id}'.")
        reference = Reference.from_connection(con)
        chosen = _kind_of(con, wave_id, value, kind, reference)
        stored = check_code(reference, chosen, code)
        k = value_key(chosen, value)
        con.execute(
            "DELETE FROM answer_alias WHERE kind = $k AND value_key = $key", {"k": chosen, "key": k}
        )
        con.execute(
            "INSERT INTO answer_alias VALUES ($k, $v, $key, $c, $by, $at, $w)",
            {
                "k": chosen,
                "v": value,
                "key": k,
                "c": stored,
                "by": answered_by or getpass.getuser(),
                "at": datetime.now(UTC).replace(tzinfo=None),
                "w": wave_id,
            },
        )
        report = ResolveReport(wave_id, chosen, value, stored)
        revalidate(con, wave_id, report)
        holder.append(report)

    store.rewrite(target, work)
    return holder[0]


def remove_answer(kind: str, value: str, target: Path | None = None) -> int:
    """Delete a stored answer; rows it already freed stay imported. Returns rows deleted."""
    from kraftsamling.intake import store

    target = db.ensure_database(target or paths.database_path())
    counts: list[int] = []

    def work(con: duckdb.DuckDBPyConnection) -> None:
        counts.append(
            db.scalar(
                con,
                "DELETE FROM answer_alias WHERE kind = $k AND (value = $v OR value_key = $key)",
                {"k": kind, "v": value, "key": value_key(kind, value)},
            )
        )

    store.rewrite(target, work)
    return counts[0]


def answers(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.run(con, "answer_aliases")


def answers_csv(con: duckdb.DuckDBPyConnection) -> bytes:
    """The stored answers as CSV (UTF-8 with BOM, so Excel reads å, ä, ö), values as text."""
    frame = answers(con)
    frame = frame.map(lambda v: "'" + v if isinstance(v, str) and v[:1] in "=+-@\t\r" else v)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
