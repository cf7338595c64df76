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


def test_the_publication_read_through_arrow_is_the_one_read_through_pandas(con, example_wave_id):
    """The app reads each stored publication once per process through Arrow
    (queries.run_nullable, issue 15): every cell, type and hidden figure as `.df()` gives it."""
    from kraftsamling import queries
    from kraftsamling.privacy import view

    def through_pandas(name, **params):
        return queries.run(con, name, **params)

    def through_arrow(name, **params):
        return queries.run_nullable(con, name, **params)

    for horizon in ("0-1", "1-3", "3-5", "0-3", "0-5"):
        a = view.load(through_pandas, example_wave_id, horizon)
        b = view.load(through_arrow, example_wave_id, horizon)
        assert len(a.occupations) and a.occupations["suppressed"].any()
        for part in ("municipalities", "clusters", "occupations"):
            pd.testing.assert_frame_equal(getattr(a, part), getattr(b, part))
    raw = queries.run_nullable(con, "published_cells", wave_id=example_wave_id, horizon="0-5")
    assert str(raw["recruits"].dtype) == "Int64" and raw["recruits"].isna().any()
    assert str(raw["participated"].dtype) == "boolean"
