"""Workbooks we write keep values from answers as text: a cell value that starts with '=' (an
organisation named '=HYPERLINK(…)', a DDE string '=cmd|…') is never stored as a formula.

openpyxl stores any string that starts with '=' as a formula; `text_only(book)` marks every such
cell as a plain string just before the workbook is saved. Our own workbooks hold no formulas
(drop-down lists and number checks are data validations, not cells)."""

from __future__ import annotations


def text_only(book) -> None:
    """Every formula cell of the workbook becomes the text it holds."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
