"""The survey workbook: sheets, headers, drop-down lists and number validations."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.cell import range_to_tuple
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kraftsamling import paths
from kraftsamling.intake.fields import (
    COUNT_FIELDS,
    NEED_FIELDS,
    ORG_KINDS,
    RESPONDENT_FIELDS,
    SIZE_CLASSES,
    TEMPLATE_SHEETS,
    Field,
)
from kraftsamling.template import NEED_ROWS, template_bytes, write_template

REGION = (  # by county: 22 Västernorrland, 23 Jämtland, 24 Västerbotten, 25 Norrbotten
    "2260 2262 2280 2281 2282 2283 2284",
    "2303 2305 2309 2313 2321 2326 2361 2380",
    "2401 2403 2404 2409 2417 2418 2421 2422 2425 2460 2462 2463 2480 2481 2482",
    "2505 2506 2510 2513 2514 2518 2521 2523 2560 2580 2581 2582 2583 2584",
)
REGION_CODES = [code for county in REGION for code in county.split()]


@pytest.fixture(scope="module")
def template_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("template") / "enkät.xlsx")


@pytest.fixture(scope="module")
def workbook(template_file: Path) -> Workbook:
    return openpyxl.load_workbook(template_file)


def column_of(sheet: Worksheet, header: str) -> str:
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header!r} on {sheet.title}")


def validation_on(sheet: Worksheet, cell: str) -> DataValidation:
    found = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{sheet.title}!{cell} should have exactly one validation"
    return found[0]


def list_values(workbook: Workbook, formula: str) -> list[str]:
    """The values a list validation offers, read from the range it refers to."""
    assert "!" in formula and "$" in formula, f"expected an absolute range, got {formula!r}"
    sheet_name, (min_col, min_row, max_col, max_row) = range_to_tuple(formula)
    rows = workbook[sheet_name].iter_rows(
        min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True
    )
    return [value for (value,) in rows]


def field(fields: tuple[Field, ...], key: str) -> Field:
    return next(f for f in fields if f.key == key)


def test_the_workbook_has_instructions_organisation_needs_and_a_hidden_list_sheet(workbook):
    assert workbook.sheetnames == [
        TEMPLATE_SHEETS["instructions"],
        TEMPLATE_SHEETS["respondent"],
        TEMPLATE_SHEETS["need"],
        TEMPLATE_SHEETS["lists"],
    ]
    assert workbook.sheetnames[0] == "Instruktioner"
    assert workbook[TEMPLATE_SHEETS["lists"]].sheet_state == "hidden"
    visible = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Instruktioner", "Organisation", "Behov"]
    assert workbook.active.title == "Instruktioner"
    assert not any(ws.protection.sheet for ws in workbook.worksheets)


def test_headers_are_the_agreed_field_headers_in_order(workbook):
    organisation = workbook[TEMPLATE_SHEETS["respondent"]]
    needs = workbook[TEMPLATE_SHEETS["need"]]
    assert [c.value for c in organisation[1]] == [f.header for f in RESPONDENT_FIELDS]
    assert [c.value for c in needs[1]] == [f.header for f in NEED_FIELDS]
    assert organisation.freeze_panes == "A2"
    assert needs.freeze_panes == "A2"


def test_required_headers_are_bold_filled_and_explained_in_a_note(workbook):
    for sheet_key, fields in (("respondent", RESPONDENT_FIELDS), ("need", NEED_FIELDS)):
        sheet = workbook[TEMPLATE_SHEETS[sheet_key]]
        for cell, f in zip(sheet[1], fields, strict=True):
            assert cell.comment is not None and f.help in cell.comment.text
            assert cell.font.bold == f.required, f.header
            if f.required:
                assert cell.fill.fill_type == "solid"
                assert "Obligatorisk" in cell.comment.text
            assert sheet.column_dimensions[cell.column_letter].width >= len(f.header)


def test_the_organisation_sheet_is_for_one_organisation_on_row_two(workbook):
    sheet = workbook[TEMPLATE_SHEETS["respondent"]]
    for dv in sheet.data_validations.dataValidation:
        assert all(r.min_row == r.max_row == 2 for r in dv.sqref.ranges), dv.sqref


def test_kommun_drop_down_offers_exactly_the_44_region_municipalities(workbook):
    sheet = workbook[TEMPLATE_SHEETS["respondent"]]
    dv = validation_on(sheet, f"{column_of(sheet, 'Kommun')}2")
    assert dv.type == "list"
    values = list_values(workbook, dv.formula1)
    assert len(values) == len(set(values)) == 44
    assert sorted(v[:4] for v in values) == REGION_CODES
    assert all(v[:4].isdigit() and v[4] == " " and v[5:] for v in values)
    assert "2480 Umeå" in values and "2584 Kiruna" in values and "2260 Ånge" in values
    assert "0180 Stockholm" not in values
    # Sorted by name the Swedish way: Å, Ä, Ö last.
    assert values[0] == "2506 Arjeplog"
    assert values[-8:-5] == ["2260 Ånge", "2321 Åre", "2463 Åsele"]
    assert values[-1] == "2518 Övertorneå"


def test_organisation_drop_downs_offer_kinds_sni_sections_and_size_classes(workbook):
    sheet = workbook[TEMPLATE_SHEETS["respondent"]]

    def offered(key: str) -> list[str]:
        dv = validation_on(sheet, f"{column_of(sheet, field(RESPONDENT_FIELDS, key).header)}2")
        assert dv.type == "list"
        return list_values(workbook, dv.formula1)

    assert offered("org_kind") == list(ORG_KINDS)
    assert offered("size_class") == list(SIZE_CLASSES)
    sni = offered("sni_section")
    assert len(sni) == 21 and "C Tillverkning" in sni and sni[0].startswith("A ")


def test_yrke_drop_down_offers_all_400_ssyk4_occupations_by_code(workbook):
    sheet = workbook[TEMPLATE_SHEETS["need"]]
    letter = column_of(sheet, "Yrke (SSYK)")
    dv = validation_on(sheet, f"{letter}2")
    assert f"{letter}2:{letter}{NEED_ROWS + 1}" in dv.sqref
    assert dv.type == "list"
    values = list_values(workbook, dv.formula1)
    assert len(values) == len(set(values)) == 400
    assert values == sorted(values, key=lambda v: v[:4])
    assert any(v.startswith("5321 Undersköterskor") for v in values)
    assert all(v[:4].isdigit() and v[4] == " " for v in values)


def test_every_count_column_takes_whole_numbers_from_zero_on_rows_2_to_201(workbook):
    assert NEED_ROWS == 200
    sheet = workbook[TEMPLATE_SHEETS["need"]]
    for key in COUNT_FIELDS:
        letter = column_of(sheet, field(NEED_FIELDS, key).header)
        dv = validation_on(sheet, f"{letter}2")
        assert f"{letter}2:{letter}201" in dv.sqref, key
        assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
        assert dv.showErrorMessage and dv.error == "Ange ett heltal, 0 eller större."


def test_difficulty_is_a_whole_number_from_1_to_5(workbook):
    sheet = workbook[TEMPLATE_SHEETS["need"]]
    letter = column_of(sheet, field(NEED_FIELDS, "recruitment_difficulty").header)
    dv = validation_on(sheet, f"{letter}2")
    assert f"{letter}2:{letter}201" in dv.sqref
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "1", "5")


def test_post_secondary_requirement_is_ja_or_nej(workbook):
    sheet = workbook[TEMPLATE_SHEETS["need"]]
    letter = column_of(sheet, field(NEED_FIELDS, "requires_post_secondary").header)
    dv = validation_on(sheet, f"{letter}201")
    assert list_values(workbook, dv.formula1) == ["Ja", "Nej"]


def test_every_validation_explains_itself_in_swedish_within_excels_limits(workbook):
    for sheet in (workbook[TEMPLATE_SHEETS["respondent"]], workbook[TEMPLATE_SHEETS["need"]]):
        for dv in sheet.data_validations.dataValidation:
            assert dv.showErrorMessage and dv.showInputMessage
            for text, limit in (
                (dv.errorTitle, 32),
                (dv.promptTitle, 32),
                (dv.error, 255),
                (dv.prompt, 255),
            ):
                assert text and len(text) <= limit, (sheet.title, dv.sqref, text)
            if dv.type == "list":
                # Long inline lists break in Excel: lists must refer to the hidden sheet.
                assert dv.formula1.startswith(("Listor!", "'Listor'!"))


def test_instructions_explain_purpose_whole_numbers_privacy_and_every_column(workbook):
    sheet = workbook[TEMPLATE_SHEETS["instructions"]]
    text = "\n".join(str(c.value) for c in sheet["A"] if c.value)
    for phrase in ("Akademi Norr", "LIA", "heltal", "ca 5", "administratör", "sammanräknade"):
        assert phrase in text, phrase
    for f in RESPONDENT_FIELDS + NEED_FIELDS:
        assert f"{f.header}" in text and f.help in text, f.header
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width >= 80
    assert all(c.alignment.wrap_text for c in sheet["A"] if c.value)


def test_template_bytes_equal_the_written_file_and_open_in_openpyxl(template_file):
    data = template_bytes()
    assert data == template_file.read_bytes()
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames[0] == "Instruktioner"


def test_the_template_is_byte_identical_from_run_to_run():
    code = "import sys; from kraftsamling.template import template_bytes; "
    code += "sys.stdout.buffer.write(template_bytes())"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other_process = subprocess.run(
        [sys.executable, "-c", code], cwd=paths.REPO, env=env, capture_output=True, check=True
    ).stdout
    assert template_bytes() == template_bytes() == other_process
