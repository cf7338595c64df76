"""Tables for st.dataframe with numbers in the app's language, formatted column by column.

The grid in the browser sorts and draws a table's numbers itself, in the browser's language.
To show Swedish numbers (space for thousands, comma for decimals) whatever the browser's
language while sorting still uses the numbers, a table travels as a pandas Styler: Streamlit
sends its data and, beside it, the text of every cell (the Styler's display values).

pandas builds those texts by rendering the whole table as HTML first (`Styler._translate`):
40-200 ms for the tables of one page, 10-23 % of a cached rerun (issue 15). `styled()` gives
Streamlit the same Styler with the cells' texts computed here, column by column, and nothing
else: the display values are exactly those of `frame.style.format(formats, na_rep=na_rep)`
(a test compares the two on every kind of column the pages show).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from kraftsamling import fmt

YEAR_COLUMNS = {"År", "Ansökningsomgång", "year", "round", "survey_year"}


def number_formats(
    frame: pd.DataFrame, language: str, years: set[str]
) -> dict[str, Callable[[object], str]]:
    """The formatter of each numeric column: whole numbers for integers, one decimal for
    floats, in `language`; booleans and the columns named in `years` stay plain."""
    formats: dict[str, Callable[[object], str]] = {}
    for column, dtype in frame.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype) or column in years:
            continue
        if pd.api.types.is_integer_dtype(dtype):
            formats[column] = lambda v: fmt.number(v, 0, language)
        elif pd.api.types.is_float_dtype(dtype):
            formats[column] = lambda v: fmt.number(v, 1, language)
    return formats


def _plain(value, precision: int) -> str:
    """pandas' default formatter for a cell without a formatter of its own, as text."""
    if pd.api.types.is_float(value) or pd.api.types.is_complex(value):
        return f"{value:.{precision}f}"
    return str(value)


def _missing(value) -> bool:
    return pd.isna(value) is True  # a list in a cell is not missing (pandas' own test)


def display_values(
    frame: pd.DataFrame, formats: dict[str, Callable[[object], str]], na_rep: str
) -> dict[int, list[str]]:
    """The text of every cell as `frame.style.format(formats, na_rep=na_rep)` displays it, by
    column position. Columns whose every cell reads as `str(value)` (whole numbers without a
    formatter, booleans, plain text) are left out: Streamlit starts from `frame.astype(str)`."""
    precision = int(pd.get_option("styler.format.precision"))
    out: dict[int, list[str]] = {}
    for position, column in enumerate(frame.columns):
        series = frame.iloc[:, position]
        dtype = series.dtype
        formatter = formats.get(column)
        if formatter is None:
            if (
                dtype.kind in "biu"  # numpy ints and booleans: never missing, str(value)
                or (
                    pd.api.types.infer_dtype(series, skipna=False) == "string"
                    and not series.isna().any()
                )
            ):
                continue

            def formatter(value, precision=precision):
                return _plain(value, precision)

        out[position] = [na_rep if _missing(value) else str(formatter(value)) for value in series]
    return out


def styled(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]], na_rep: str):
    """`frame.style.format(formats, na_rep=na_rep)` as st.dataframe reads it, without pandas'
    HTML rendering: Streamlit asks a Styler for `_compute()` and `_translate()` and keeps only
    the body cells' ids and display values, which are given here directly."""
    styler = frame.style
    body = [
        [{"id": f"row{row}_col{position}", "display_value": text} for row, text in enumerate(texts)]
        for position, texts in display_values(frame, formats, na_rep).items()
    ]
    styler._compute = lambda: styler
    styler._translate = lambda *args, **kwargs: {"body": body}
    return styler
