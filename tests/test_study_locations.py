"""Study locations and places per location (kraftsamling.study_locations): one application names
at most ten study locations, with the class's places split between them in proportion to need."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kraftsamling import study_locations
from kraftsamling.study_locations import MAX_LOCATIONS, propose
from tests.helpers import open_finder


def rows(need: dict[str, float], lia: dict[str, int] | None = None) -> pd.DataFrame:
    lia = lia or {}
    return pd.DataFrame(
        {
            "kommunkod": list(need),
            "recruits": list(need.values()),
            "employers": [1] * len(need),
            "lia_places": [lia.get(code, 0) for code in need],
        }
    )


def test_the_places_follow_the_need_by_largest_remainder():
    # Shares of 30: 16.67, 8.33, 5.00 -> 16, 8, 5 and the one left over to the largest remainder.
    proposal = propose(rows({"2401": 10, "2480": 20, "2409": 6}), class_size=30)
    assert [(s.kommunkod, s.need, s.places) for s in proposal.locations] == [
        ("2480", 20, 17),
        ("2401", 10, 8),
        ("2409", 6, 5),
    ]
    assert proposal.places == 30 and not proposal.picked


needs = st.dictionaries(
    st.integers(1000, 9999).map(str), st.integers(0, 60), min_size=1, max_size=44
)


@settings(max_examples=200, deadline=None)
@given(need=needs, class_size=st.integers(1, 100), data=st.data())
def test_the_places_split_over_the_study_locations_add_up_to_the_class_size_in_at_most_ten(
    need, class_size, data
):
    codes = sorted(need)
    picks = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(codes), max_size=14)))
    proposal = propose(rows(need), class_size, picks=picks)
    locations = proposal.locations
    if not locations:  # no need anywhere, and nothing picked
        assert not any(need.values()) and not picks
        return
    assert sum(s.places for s in locations) == class_size
    assert 1 <= len(locations) <= MAX_LOCATIONS
    assert len({s.kommunkod for s in locations}) == len(locations)
    # Each location within one place of its exact share of the class (the largest remainder).
    weights = (
        [s.need for s in locations] if any(s.need for s in locations) else [1] * len(locations)
    )
    for location, weight in zip(locations, weights, strict=True):
        share = class_size * weight / sum(weights)
        assert math.floor(share) <= location.places <= math.ceil(share)


def test_the_proposed_locations_are_those_with_most_need_at_most_ten():
    need = {str(2400 + i): 1 + i for i in range(14)}  # 1 … 14
    proposal = propose(rows(need), class_size=100)
    assert [s.need for s in proposal.locations] == list(range(14, 4, -1))
    assert proposal.places == 100
    assert set(proposal.left_out) == {"2400", "2401", "2402", "2403"}


def test_a_proposed_location_that_the_split_gives_no_place_is_left_out():
    proposal = propose(rows({"2480": 100, "2401": 1}), class_size=30)
    assert [(s.kommunkod, s.places) for s in proposal.locations] == [("2480", 30)]
    assert proposal.left_out == ("2401",)


def test_the_users_picks_are_the_locations_in_their_order_inside_the_pool():
    frame = rows({"2480": 20, "2401": 10, "2409": 6, "2460": 0})
    proposal = propose(frame, 30, picks=["2409", "0180", "2460", "2409"], pool=["2409", "2460"])
    assert proposal.picked
    # Stockholm is not in the pool, the second 2409 is the same location; 2460 has no need
    assert [(s.kommunkod, s.places) for s in proposal.locations] == [("2409", 30), ("2460", 0)]
    many = propose(
        rows({str(2400 + i): 1 for i in range(12)}), 30, picks=[str(2400 + i) for i in range(12)]
    )
    assert len(many.locations) == MAX_LOCATIONS and many.places == 30


def test_picked_locations_without_need_share_the_places_evenly():
    proposal = propose(rows({"2401": 0, "2403": 0, "2404": 0}), 10, picks=["2401", "2403", "2404"])
    assert [s.places for s in proposal.locations] == [4, 3, 3]


def test_the_lia_places_at_a_location_are_held_against_its_places():
    frame = rows({"2480": 20, "2401": 10}, lia={"2480": 25, "2401": 3})
    proposal = propose(frame, class_size=30, lia_per_student=1.0)
    by_code = {s.kommunkod: s for s in proposal.locations}
    assert (by_code["2480"].places, by_code["2480"].lia_required) == (20, 20)
    assert by_code["2480"].lia_enough
    assert (by_code["2401"].places, by_code["2401"].lia_places) == (10, 3)
    assert not by_code["2401"].lia_enough
    half = propose(frame, class_size=30, lia_per_student=0.5)
    assert {s.kommunkod: s.lia_required for s in half.locations} == {"2480": 10, "2401": 5}


def test_lia_offered_outside_the_locations_is_counted_apart():
    frame = rows({"2480": 20, "2401": 0}, lia={"2480": 5, "2401": 12})
    proposal = propose(frame, class_size=30)
    assert [s.kommunkod for s in proposal.locations] == ["2480"]
    assert proposal.lia_elsewhere == 12


def test_a_hidden_figure_weighs_nothing_and_is_no_proposed_location():
    """The providers' view feeds the rows it shows: a hidden need ('<3', NaN here) is not
    weighed, so the places tell nothing about it."""
    frame = rows({"2480": 20, "2401": 10})
    hidden = pd.concat([frame, rows({"2409": np.nan})], ignore_index=True)
    assert propose(hidden, 30) == propose(frame, 30)


def test_largest_remainder_breaks_ties_by_the_order_given():
    assert study_locations.largest_remainder([1, 1, 1], 10, ["b", "a", "c"]) == [3, 4, 3]
    assert study_locations.largest_remainder([], 10, []) == []


# --- On the finder's page ---------------------------------------------------------------------


def _locations_table(app, header: str = "Studieort") -> pd.DataFrame:
    return next(d.value for d in app.dataframe if header in d.value.columns)


def test_the_finder_proposes_study_locations_for_a_justified_candidate(database, monkeypatch):
    app = open_finder(monkeypatch, True)
    assert "**Studieorter och platser**" in [m.value for m in app.markdown]
    table = _locations_table(app)
    assert table["Platser"].sum() == 30 and 1 <= len(table) <= MAX_LOCATIONS
    assert list(table["Behov"]) == sorted(table["Behov"], reverse=True)
    # The user's own picks, kept in the URL as `orter`.
    picks = app.multiselect(key="orter")
    picks.set_value(picks.options[-2:]).run()
    assert not app.exception
    table = _locations_table(app)
    assert len(table) == 2 and table["Platser"].sum() == 30
    kept = app.query_params["orter"]
    kept = kept[0] if isinstance(kept, list) else kept
    assert re.fullmatch(r"\d{4},\d{4}", kept)  # the codes, not the names shown


def test_the_auto_pools_group_gets_its_study_locations_too(database, monkeypatch):
    app = open_finder(monkeypatch, True, hem="2422", niva="cluster")
    found = [str(e.value) for e in app.success]
    tables = [d.value for d in app.dataframe if "Studieort" in d.value.columns]
    assert found and found[0].startswith("Minsta sammanhängande grupp kring Sorsele")
    members = found[0].split("(", 1)[1].rstrip(").").split(", ")
    group = tables[-1]
    assert group["Platser"].sum() == 30
    assert set(group["Studieort"]) <= set(members) and len(group) <= MAX_LOCATIONS


def test_in_the_providers_view_the_places_follow_the_shown_figures_only(database, monkeypatch):
    app = open_finder(monkeypatch, False, kandidat="yrke:7233")  # shown municipalities
    contributions = next(d.value for d in app.dataframe if "Kommun" in d.value.columns)
    need = contributions["Behov"].astype(str).str.replace("\u00a0", "")
    shown = contributions[need.str.fullmatch(r"\d+")]  # hidden ones read '<3' or 'dold'
    assert len(shown) < len(contributions)  # some are hidden: the split must not weigh them
    table = _locations_table(app)
    assert len(table) and table["Platser"].sum() == 30
    assert set(table["Studieort"]) <= set(shown["Kommun"])
    by_name = dict(zip(shown["Kommun"], shown["Behov"], strict=True))
    for name, need in zip(table["Studieort"], table["Behov"], strict=True):
        assert int(str(by_name[name]).replace("\u00a0", "")) == need


def test_study_locations_speak_english(database, monkeypatch):
    app = open_finder(monkeypatch, True, lang="en")
    table = _locations_table(app, "Study location")
    assert list(table.columns) == [
        "Study location",
        "Need",
        "Places",
        "LIA placements",
        "LIA placements required",
        "LIA enough",
    ]
    assert set(table["LIA enough"]) <= {"yes", "no"}
    assert any("study locations with" in m.value for m in app.markdown)
