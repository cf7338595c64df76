"""Rejected rows as a workbook to fix and import again: one sheet per source file, the
original columns as written, and a last column 'Fel' with every reason."""

from __future__ import annotations

import io
import json
import re

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from kraftsamling import queries, xlsxsafe

REASON_HEADER = "Fel (ta bort kolumnen eller låt den stå: importen hoppar över den)"


def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "fil"
    title, n = base, 1
    while title in taken:
        n += 1
        title = f"{base[:25]}~{n}"
    taken.add(title)
    return title


def workbook(rows: pd.DataFrame) -> bytes:
    """An .xlsx of quarantined rows (queries/quarantine_rows.sql)."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for (_file_id, file_name), group in rows.groupby(["file_id", "file_name"], sort=False):
        sheet = book.create_sheet(_sheet_title(file_name, taken))
        values = [json.loads(v) for v in group["row_values"]]
        headers: list[str] = []
        for row in values:
            headers.extend(h for h in row if h not in headers)
        sheet.append([*headers, REASON_HEADER])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row, reasons in zip(values, group["reasons"], strict=True):
            sheet.append([*(row.get(h, "") for h in headers), reasons])
        reason_column = sheet.cell(row=1, column=len(headers) + 1).column_letter
        sheet.column_dimensions[reason_column].width = 80
        for cell in sheet[reason_column][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    if not book.worksheets:
        book.create_sheet("Karantän").append(["Inga rader i karantän."])
    buffer = io.BytesIO()
    xlsxsafe.text_only(book)  # values from answers are text, never formulas
    book.save(buffer)
    return buffer.getvalue()


def wave_workbook(con: duckdb.DuckDBPyConnection, wave_id: str) -> bytes:
    return workbook(queries.run(con, "quarantine_rows", wave_id=wave_id))
