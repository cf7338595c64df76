"""The pages' tables show exactly what pandas' Styler would show, without its HTML rendering
(kraftsamling.tables, issue 15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from kraftsamling import tables


def shown(styler) -> pd.DataFrame:
    """The cells' texts as Streamlit sends them to the browser."""
    proto = ArrowData()
    marshall_styler(proto, styler, "uuid")
    return dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values)


FRAMES = {
    "counts and shares": pd.DataFrame(
        {
            "Kommun": ["Umeå", "Kiruna", "Åre"],
            "Behov": [12345, 0, -7],
            "Andel": [0.25, 1234.5678, float("nan")],
        }
    ),
    "hidden figures (nullable)": pd.DataFrame(
        {
            "Yrke": ["a", None, "c"],
            "Behov": pd.array([3, None, 4000], dtype="Int64"),
            "Per 1000": pd.array([1.25, None, 2.0], dtype="Float64"),
        }
    ),
    "years, booleans and objects": pd.DataFrame(
        {
            "År": [2024, 2025, 2026],
            "year": [2020.0, None, 2022.5],
            "Distans": [True, False, True],
            "grupper": [["A", "B"], [], None],
            "blandat": [1.5, "x", None],
        }
    ),
    "empty": pd.DataFrame(
        {"Behov": pd.Series([], dtype="int64"), "Namn": pd.Series([], dtype=object)}
    ),
    "many rows": pd.DataFrame(
        {
            "SSYK": [f"{i:04d}" for i in range(400)],
            "Behov": np.arange(400) * 997,
            "Svårighet": np.linspace(1, 5, 400),
        }
    ),
}


@pytest.mark.parametrize("name", list(FRAMES))
@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("na_rep", ["–", "<3"])
def test_a_table_shows_what_the_pandas_styler_shows(name, language, na_rep):
    frame = FRAMES[name]
    formats = tables.number_formats(frame, language, tables.YEAR_COLUMNS)
    expected = shown(frame.style.format(formats, na_rep=na_rep))
    got = shown(tables.styled(frame, formats, na_rep))
    pd.testing.assert_frame_equal(got, expected)


def test_swedish_numbers_read_with_a_space_and_a_decimal_comma():
    frame = FRAMES["counts and shares"]
    texts = shown(tables.styled(frame, tables.number_formats(frame, "sv", set()), "–"))
    assert list(texts["Behov"]) == ["12\u00a0345", "0", "\u22127"]
    assert list(texts["Andel"]) == ["0,2", "1\u00a0234,6", "–"]
