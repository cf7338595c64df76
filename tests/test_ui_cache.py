"""The keys of the shared caches (kraftsamling.ui.digest): the same frame gives the same key,
and a frame that differs in any value, column, type or index never shares one (a shared
figure or table drawn from it would show another selection's figures)."""

from __future__ import annotations

import pandas as pd

from kraftsamling import ui


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kommunkod": pd.Series(["2584", "2580", "2523"], dtype="str"),
            "recruits": pd.Series([12, None, 3], dtype="Int64"),
            "share": [0.5, 0.25, 0.125],
        }
    )


def test_the_same_frame_gives_the_same_key_and_a_copy_too():
    frame = _frame()
    assert ui.digest(frame) == ui.digest(frame) == ui.digest(frame.copy())


def test_a_frame_that_differs_anywhere_never_shares_a_key():
    frame = _frame()
    changed_value = frame.copy()
    changed_value.loc[2, "recruits"] = 4
    hidden = frame.copy()
    hidden.loc[0, "recruits"] = pd.NA
    renamed = frame.rename(columns={"share": "andel"})
    retyped = frame.astype({"share": "float32"})
    reindexed = frame.set_axis([10, 11, 12])
    reordered = frame.iloc[[1, 0, 2]]
    keys = [ui.digest(f) for f in (frame, changed_value, hidden, renamed, retyped, reindexed)]
    keys.append(ui.digest(reordered))
    assert len(set(keys)) == len(keys)
    assert ui.digest(frame["recruits"]) != ui.digest(changed_value["recruits"])
