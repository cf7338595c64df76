"""The shapes that flow through a survey import.

Reading a file (`kraftsamling.intake.parse`) turns bytes into `ParsedFile`: respondents and
their needs that validated, and rejected rows with every reason. Storing it
(`kraftsamling.intake.store`) writes one `ParsedFile` into the database in one transaction.
Nothing in here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableFile(Exception):
    """The whole file is rejected: it cannot be read, or has no recognisable columns.

    The message is Swedish and names the file and what was missing."""


@dataclass(frozen=True)
class Problem:
    """One reason a row was rejected, in Swedish, pointing at the cell."""

    file_name: str
    sheet: str | None  # None for CSV
    row: int  # 1-based row number as the user sees it in Excel / a text editor (header = 1)
    column: str | None  # the column header as written in the file
    value: str | None  # the offending value as written
    reason: str  # e.g. "'Umeaa' känns inte igen. Menade du Umeå (2480)?"
    field: str | None = None  # the field's key ('occupation', 'kommunkod', ...) when known
    suggestions: tuple[str, ...] = ()  # codes a person may pick for the value
    answerable: bool = False  # an answer given once (answer_alias) would resolve the value

    def message(self) -> str:
        where = f"{self.file_name}"
        if self.sheet:
            where += f", blad '{self.sheet}'"
        where += f", rad {self.row}"
        if self.column:
            where += f", kolumn '{self.column}'"
        return f"{where}: {self.reason}"


@dataclass
class Need:
    ssyk4: str  # Arbetsförmedlingen's SSYK 2012 code, 4 characters
    occupation_as_given: str  # what the respondent wrote ('5321', 'Undersköterska', ...)
    occupation_match: str  # how it was matched: 'kod', 'scb-kod', 'titel', 'titel ~92'
    recruits_1y: int
    recruits_1_3y: int
    recruits_3_5y: int
    requires_post_secondary: bool | None
    recruitment_difficulty: int | None  # 1..5
    lia_places: int
    upskilling: int
    source_row: int  # row in the file the need came from


@dataclass
class Respondent:
    organisation_name: str
    organisationsnummer: str | None  # normalised NNNNNN-NNNN, validated
    org_kind: str  # kommun, region, stat, privat, ideell
    kommunkod: str  # the workplace municipality, 4 characters
    sni_section: str | None  # A..U
    size_class: str | None  # '1-9', '10-49', '50-249', '250+'
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    source_row: int
    needs: list[Need] = field(default_factory=list)


@dataclass
class RejectedRow:
    """A row that did not validate, kept whole so it can be fixed and imported again."""

    sheet: str | None
    row: int
    values: dict[str, str]  # header as written -> cell text as written
    problems: list[Problem]


@dataclass
class ParsedFile:
    file_name: str
    layout: str  # 'mall' (our template), 'lång' (one row per need), 'bred' (one row per respondent)
    respondents: list[Respondent]
    rejected: list[RejectedRow]
    notes: list[str] = field(default_factory=list)  # policies applied, in Swedish

    @property
    def accepted_rows(self) -> int:
        return sum(len(r.needs) for r in self.respondents)
