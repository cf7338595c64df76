"""The survey workbook that respondents fill in: instructions, one organisation, its needs.

`write_template` saves it to a file and `template_bytes` returns it for a download button. The
headers come from `kraftsamling.intake.fields`, so every file made here is one the importer reads.
Drop-down lists refer to ranges on a hidden sheet ('Listor'), because Excel limits a list written
inline in a validation to 255 characters. The output is byte-for-byte the same on every run.
"""

from __future__ import annotations

import datetime
import io
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from kraftsamling import paths, xlsxsafe
from kraftsamling.intake.fields import (
    COUNT_FIELDS,
    NEED_FIELDS,
    ORG_KINDS,
    RESPONDENT_FIELDS,
    SIZE_CLASSES,
    SNI_SECTIONS,
    TEMPLATE_SHEETS,
    Field,
)

NEED_ROWS = 200  # rows 2..201 of 'Behov' carry the validations
YES_NO = ("Ja", "Nej")

# A fixed time for the document properties and zip entries, so the bytes never change.
FIXED_TIME = datetime.datetime(2025, 1, 1)

REQUIRED_FILL = PatternFill("solid", start_color="FFF2CC")  # light yellow
OPTIONAL_FILL = PatternFill("solid", start_color="F2F2F2")  # light grey
TEXT_FORMAT = "@"  # keeps "070-..." and "1-9" as typed instead of a number or a date
TEXT_FIELDS = {"organisationsnummer", "contact_phone", "size_class", "occupation"}
MIN_WIDTHS = {"organisation_name": 30, "contact_name": 22, "contact_email": 28}  # free text


def _swedish_key(name: str) -> str:
    """Sort key for Swedish names: å, ä, ö come after z, in that order."""
    return name.casefold().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}"}))


def municipality_choices() -> list[str]:
    """The region's 44 municipalities as '2480 Umeå', sorted by name."""
    table = pd.read_csv(paths.REFERENCE / "municipality.csv", dtype=str, keep_default_na=False)
    region = table[table["in_region"] == "True"]
    rows = sorted(
        zip(region["name"], region["kommunkod"], strict=True), key=lambda r: _swedish_key(r[0])
    )
    return [f"{code} {name}" for name, code in rows]


def occupation_choices() -> list[str]:
    """All SSYK-4 occupations as '5321 Undersköterskor, ...', sorted by code."""
    table = pd.read_csv(paths.REFERENCE / "ssyk_af.csv", dtype=str, keep_default_na=False)
    level4 = table[table["level"] == "4"].sort_values("code")
    return [f"{code} {name}" for code, name in zip(level4["code"], level4["name_sv"], strict=True)]


def _lists() -> list[tuple[str, str, list[str]]]:
    """The drop-down lists on 'Listor': (field key, column title, values)."""
    return [
        ("kommunkod", "Kommun", municipality_choices()),
        ("occupation", "Yrke (SSYK)", occupation_choices()),
        ("org_kind", "Typ av organisation", list(ORG_KINDS)),
        ("sni_section", "Bransch (SNI 2007)", [f"{k} {v}" for k, v in SNI_SECTIONS.items()]),
        ("size_class", "Antal anställda", list(SIZE_CLASSES)),
        ("requires_post_secondary", "Ja/Nej", list(YES_NO)),
    ]


def _write_lists(sheet: Worksheet, lists: list[tuple[str, str, list[str]]]) -> dict[str, str]:
    """Write each list in a column of its own; return the absolute range of each, by field key."""
    refs = {}
    for index, (key, title, values) in enumerate(lists, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=title).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        sheet.column_dimensions[letter].width = min(max(len(v) for v in values) + 2, 80)
        refs[key] = f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${len(values) + 1}"
    return refs


def _validation(field: Field, refs: dict[str, str]) -> DataValidation | None:
    """The Excel validation for one column, with Swedish titles and messages, or None."""
    title = textwrap.shorten(field.header, 32, placeholder="…")  # Excel's limit for a title
    if field.key in refs:
        if field.key == "occupation":
            # The importer also maps typed codes and job titles, so only warn.
            return DataValidation(
                type="list",
                formula1=refs[field.key],
                allow_blank=True,
                errorStyle="warning",
                showErrorMessage=True,
                errorTitle="Yrket finns inte i listan",
                error="Välj helst ett yrke i listan. En SSYK-kod eller yrkesbenämning går också "
                "bra; vi matchar den mot SSYK. Vill du behålla det du skrev?",
                showInputMessage=True,
                promptTitle=title,
                prompt=f"Välj i listan. {field.help}",
            )
        return DataValidation(
            type="list",
            formula1=refs[field.key],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Värdet finns inte i listan",
            error="Välj ett värde i listan.",
            showInputMessage=True,
            promptTitle=title,
            prompt=f"Välj i listan. {field.help}",
        )
    if field.key in COUNT_FIELDS:
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ogiltigt antal",
            error="Ange ett heltal, 0 eller större.",
            showInputMessage=True,
            promptTitle=title,
            prompt=f"{field.help} Skriv 0 om ni inte har något behov.",
        )
    if field.key == "recruitment_difficulty":
        return DataValidation(
            type="whole",
            operator="between",
            formula1="1",
            formula2="5",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ogiltig svårighet",
            error="Ange ett heltal från 1 till 5.",
            showInputMessage=True,
            promptTitle=title,
            prompt=field.help,
        )
    return None


def _write_form(
    sheet: Worksheet,
    fields: tuple[Field, ...],
    rows: int,
    lists: list[tuple[str, str, list[str]]],
    refs: dict[str, str],
) -> None:
    """A header row of fields, then `rows` rows to fill in with validations and formats."""
    longest = {key: max(len(v) for v in values) for key, _, values in lists}
    last_row = rows + 1
    for column, field in enumerate(fields, start=1):
        letter = get_column_letter(column)
        cell = sheet.cell(row=1, column=column, value=field.header)
        cell.font = Font(bold=field.required)
        cell.fill = REQUIRED_FILL if field.required else OPTIONAL_FILL
        note = f"Obligatorisk. {field.help}" if field.required else field.help
        cell.comment = Comment(note, "Akademi Norr", height=100, width=260)
        sheet.column_dimensions[letter].width = min(
            max(len(field.header), longest.get(field.key, 0), MIN_WIDTHS.get(field.key, 10)) + 3, 60
        )
        if field.key in TEXT_FIELDS:
            for row in range(2, last_row + 1):
                sheet.cell(row=row, column=column).number_format = TEXT_FORMAT
        validation = _validation(field, refs)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def _write_instructions(sheet: Worksheet) -> None:
    """The instruction sheet: one wide, wrapped column of Swedish text."""
    heading, text = "heading", "text"
    lines: list[tuple[str, str]] = [
        ("title", "Kompetenskartläggning – Akademi Norr"),
        (
            text,
            "Akademi Norr kartlägger vilka yrken kommuner och arbetsgivare i Norrbottens, "
            "Västerbottens, Jämtlands och Västernorrlands län kommer att rekrytera till, hur många "
            "och när, och hur många LIA-platser (lärande i arbete) ni kan erbjuda studerande. Ett "
            "behov i en enskild kommun räcker sällan för en utbildning; "
            "lagt ihop med andra kommuners "
            "blir det underlag för yrkeshögskoleutbildningar (YH) på distans i regionen.",
        ),
        (heading, "Så fyller du i"),
        (
            text,
            f"1. Bladet '{TEMPLATE_SHEETS['respondent']}': fyll i rad 2 med uppgifter om er "
            "organisation (en organisation per fil). Välj kommun, typ av organisation, bransch och "
            "antal anställda i listorna.",
        ),
        (
            text,
            f"2. Bladet '{TEMPLATE_SHEETS['need']}': en rad per yrke. Välj yrket i listan "
            "(SSYK-kod och yrkesbenämning) och fyll i antalen. Skriv varje yrke bara en gång. "
            f"Det finns plats för {NEED_ROWS} yrken.",
        ),
        (
            text,
            "3. Alla antal skrivs som heltal, 0 eller större. Skriv 0 om ni inte har något "
            'behov – inte "ca 5", "5-10" eller annan text. Är ni osäkra, skriv er bästa '
            "uppskattning som ett heltal.",
        ),
        (
            text,
            "4. Gulmarkerade kolumner är obligatoriska. Håll muspekaren över en rubrik eller "
            "markera en cell för att se en förklaring.",
        ),
        (
            text,
            "5. Ändra inte rubrikerna eller bladens namn: filen läses in automatiskt. Skicka "
            "den ifyllda filen tillbaka till den som skickade den till dig.",
        ),
    ]
    for sheet_key, fields in (("respondent", RESPONDENT_FIELDS), ("need", NEED_FIELDS)):
        lines.append((heading, f"Kolumnerna på bladet '{TEMPLATE_SHEETS[sheet_key]}'"))
        for field in fields:
            required = " (obligatorisk)" if field.required else ""
            lines.append((text, f"{field.header}{required}: {field.help}"))
    lines += [
        (heading, "Så används svaren"),
        (
            text,
            "Kontaktuppgifterna (kontaktperson, e-post och telefon) visas bara för "
            "administratörerna hos Akademi Norr.",
        ),
        (
            text,
            "Svaren visas för YH-anordnare bara sammanräknade (aggregerade) över flera "
            "svarande – aldrig en enskild organisations svar.",
        ),
    ]

    fonts = {"title": Font(bold=True, size=16), heading: Font(bold=True, size=12), text: Font()}
    sheet.column_dimensions["A"].width = 110
    row = 1
    for kind, value in lines:
        if kind == heading:
            row += 1  # a blank line before each heading
        cell = sheet.cell(row=row, column=1, value=value)
        cell.font = fonts[kind]
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1


def _workbook() -> Workbook:
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = TEMPLATE_SHEETS["instructions"]
    respondent = workbook.create_sheet(TEMPLATE_SHEETS["respondent"])
    need = workbook.create_sheet(TEMPLATE_SHEETS["need"])
    lists_sheet = workbook.create_sheet(TEMPLATE_SHEETS["lists"])

    lists = _lists()
    refs = _write_lists(lists_sheet, lists)
    _write_instructions(instructions)
    _write_form(respondent, RESPONDENT_FIELDS, 1, lists, refs)
    _write_form(need, NEED_FIELDS, NEED_ROWS, lists, refs)
    lists_sheet.sheet_state = "hidden"

    workbook.active = 0
    workbook.properties.creator = "Akademi Norr"
    workbook.properties.title = "Kompetenskartläggning"
    workbook.properties.created = FIXED_TIME
    return workbook


def template_bytes() -> bytes:
    """The survey workbook as .xlsx bytes, identical on every call."""
    workbook = _workbook()
    buffer = io.BytesIO()
    xlsxsafe.text_only(workbook)  # values from answers are text, never formulas
    workbook.save(buffer)
    # openpyxl stamps the save time into docProps/core.xml and every zip entry: undo both.
    workbook.properties.modified = FIXED_TIME
    core = tostring(workbook.properties.to_tree())
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            data = core if entry.filename == "docProps/core.xml" else source.read(entry)
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            archive.writestr(fixed, data, compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def write_template(path: Path) -> Path:
    """Write the survey workbook to `path` (.xlsx) and return the path."""
    path = Path(path)
    path.write_bytes(template_bytes())
    return path
