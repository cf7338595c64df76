"""Upskilling is its own kind of candidate (a short YH course for staff already at work), with
its own thresholds, the same verdict logic — and it is never added to recruitment."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kraftsamling import assessment, db, queries, upskilling
from kraftsamling.assessment import MOTIVATED, NOT_MOTIVATED, VERDICT_ORDER, Thresholds
from kraftsamling.selection import Selection
from kraftsamling.upskilling import UpskillingThresholds
from tests.helpers import REGION_CODES, open_finder


def params(wave_id: str) -> dict:
    return Selection(wave_id=wave_id, kommunkoder=tuple(REGION_CODES)).need_params()


def course_rows(con, wave_id: str, level: str = "ssyk4") -> pd.DataFrame:
    return queries.run(con, "upskilling_contributions", **params(wave_id), level=level)


def recruitment_rows(con, wave_id: str, level: str = "ssyk4") -> pd.DataFrame:
    return queries.run(
        con,
        "candidate_contributions",
        **params(wave_id),
        level=level,
        group_ssyk4=[],
        group_label="",
    )


# ------------------------------------------------------------------ never summed
@pytest.fixture(scope="module")
def changed_databases(tmp_path_factory) -> dict[str, Path]:
    """Three databases of the example wave: as built; with every upskilling figure raised by
    7; with every recruitment figure set to zero. Both kinds are read from each."""
    folder = tmp_path_factory.mktemp("kinds")
    paths_by_change = {}
    for change, sql in {
        "as built": None,
        "more upskilling": "UPDATE need SET upskilling = upskilling + 7",
        "no recruitment": "UPDATE need SET recruits_1y = 0, recruits_1_3y = 0, recruits_3_5y = 0",
    }.items():
        path = folder / f"{change.replace(' ', '_')}.duckdb"
        db.build(path)
        if sql:
            with duckdb.connect(str(path)) as con:
                con.execute(sql)
                db.refresh_need_fact(con)
        paths_by_change[change] = path
    return paths_by_change


def _read(path: Path, wave_id: str, level: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    with db.connect_readonly(path) as con:
        return recruitment_rows(con, wave_id, level), course_rows(con, wave_id, level)


@pytest.mark.parametrize("level", ["ssyk4", "cluster"])
def test_recruitment_and_upskilling_are_never_summed(changed_databases, example_wave_id, level):
    """Changing one kind's answers changes nothing of the other kind's figures or verdicts."""
    recruits, courses = _read(changed_databases["as built"], example_wave_id, level)
    more_recruits, more_courses = _read(
        changed_databases["more upskilling"], example_wave_id, level
    )
    no_recruits, no_recruitment_courses = _read(
        changed_databases["no recruitment"], example_wave_id, level
    )
    figures = ["candidate_id", "kommunkod", "recruits", "employers", "lia_places"]
    # more upskilling: every recruitment figure and verdict is as before
    pd.testing.assert_frame_equal(recruits[figures], more_recruits[figures])
    before = assessment.assess_all(recruits, REGION_CODES, Thresholds())
    after = assessment.assess_all(more_recruits, REGION_CODES, Thresholds())
    assert [(a.candidate_id, a.recruits, a.verdict) for a in before] == [
        (a.candidate_id, a.recruits, a.verdict) for a in after
    ]
    # ... and the staff to upskill grew by exactly 7 per need row, nothing more
    assert more_courses["staff"].sum() > courses["staff"].sum()
    with db.connect_readonly(changed_databases["as built"]) as con:
        need_rows = con.execute(  # a cluster leaves out occupations trained at university
            "SELECT count(*) FROM need_fact f LEFT JOIN education_path p USING (ssyk4) "
            "WHERE wave_id = ? AND (? = 'ssyk4' OR coalesce(p.education_path, '') <> 'hogskola')",
            [example_wave_id, level],
        ).fetchone()[0]
    assert more_courses["staff"].sum() - courses["staff"].sum() == 7 * need_rows
    # no recruitment at all: every upskilling figure and verdict is as before
    pd.testing.assert_frame_equal(courses, no_recruitment_courses)
    assert no_recruits["recruits"].sum() == 0
    kept = upskilling.assess_all(courses, REGION_CODES, UpskillingThresholds())
    kept_too = upskilling.assess_all(no_recruitment_courses, REGION_CODES, UpskillingThresholds())
    assert [(a.candidate_id, a.staff, a.verdict) for a in kept] == [
        (a.candidate_id, a.staff, a.verdict) for a in kept_too
    ]


def test_an_upskilling_candidate_has_no_recruitment_figure_to_add_to():
    fields = set(upskilling.UpskillingAssessment.__dataclass_fields__)
    assert "recruits" not in fields and "lia_places" not in fields
    assert "staff" in fields


# ------------------------------------------------------------------ the rules
def _frame(rows, recruits=None) -> pd.DataFrame:
    data = pd.DataFrame(
        [("c", "c", None, f"{2401 + i}", s, e) for i, (s, e) in enumerate(rows)],
        columns=["candidate_id", "label", "education_area", "kommunkod", "staff", "employers"],
    )
    if recruits is not None:  # recruitment figures beside, as a careless caller might pass
        data["recruits"] = recruits[: len(data)] + [0] * (len(data) - len(recruits))
    return data


course_rows_strategy = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 6)), min_size=1, max_size=8
)
course_thresholds = st.tuples(
    st.integers(5, 40),
    st.sampled_from([0.0, 0.1, 0.25, 0.5]),
    st.integers(1, 8),
    st.integers(1, 5),
)


@given(
    rows=course_rows_strategy,
    recruits=st.lists(st.integers(0, 100), max_size=8),
    low=course_thresholds,
    raise_by=course_thresholds,
)
@settings(max_examples=200, deadline=None)
def test_an_upskilling_verdict_reads_only_the_staff_and_raising_a_threshold_never_improves_it(
    rows, recruits, low, raise_by
):
    plain = _frame(rows)
    pool = list(plain["kommunkod"])
    t1 = UpskillingThresholds(*low)
    t2 = UpskillingThresholds(
        course_size=low[0] + raise_by[0] % 10,
        unused_margin=low[1] + raise_by[1],
        min_employers=low[2] + raise_by[2] % 3,
        min_municipalities=low[3] + raise_by[3] % 2,
    )
    (before,) = upskilling.assess_all(plain, pool, t1)
    (with_recruits,) = upskilling.assess_all(_frame(rows, recruits), pool, t1)
    (after,) = upskilling.assess_all(plain, pool, t2)
    assert before == with_recruits  # a recruitment column beside changes nothing
    assert before.staff == plain["staff"].sum()
    assert VERDICT_ORDER[after.verdict] >= VERDICT_ORDER[before.verdict]


@given(rows=course_rows_strategy, values=course_thresholds)
@settings(max_examples=200, deadline=None)
def test_the_upskilling_reasons_always_match_the_numbers(rows, values):
    data = _frame(rows)
    (a,) = upskilling.assess_all(data, list(data["kommunkod"]), UpskillingThresholds(*values))
    numbers = [int(n.replace("\u00a0", "")) for n in re.findall(r"\d[\d\u00a0]*", a.reasons)]
    staff, employers, municipalities = a.criteria
    assert numbers[:2] == [staff.value, staff.required] == [data["staff"].sum(), staff.required]
    assert numbers[2] == employers.value == data["employers"].sum()
    assert municipalities.value in numbers
    assert (a.verdict == MOTIVATED) == all(c.met for c in a.criteria)


def test_one_employers_staff_alone_is_never_a_motivated_course():
    (a,) = upskilling.assess_all(_frame([(200, 1)]), ["2401"], UpskillingThresholds())
    assert a.verdict == NOT_MOTIVATED
    (b,) = upskilling.assess_all(
        _frame([(20, 2), (10, 1)]), ["2401", "2402"], UpskillingThresholds()
    )
    assert b.verdict == MOTIVATED and b.justified_only_pooled
    assert b.municipalities_needed == 2


@pytest.mark.parametrize("path", ["hogskola"])
def test_an_occupation_trained_further_at_university_is_never_a_motivated_yh_course(path):
    """Nurses' and teachers' continuing education is a university's, however many staff."""
    rows = _frame([(400, 9), (300, 8), (200, 7)]).assign(education_path=path)
    (a,) = upskilling.assess_all(rows, list(rows["kommunkod"]), UpskillingThresholds())
    assert a.staff == 900 and not a.trains_for
    assert a.verdict == NOT_MOTIVATED
    assert "ges av högskolan" in a.reasons
    courses, university = upskilling.split_by_path([a])
    assert courses == [] and university == [a]
    for kept in ("yh", "gymnasie", "annan", None):  # undersköterskor: specialistundersköterska
        (b,) = upskilling.assess_all(
            rows.assign(education_path=kept), list(rows["kommunkod"]), UpskillingThresholds()
        )
        assert b.trains_for and b.verdict == MOTIVATED


def test_the_default_course_size_is_the_median_of_short_granted_programmes(shared_data):
    """MYH's courses are not in our data; the nearest are programmes under 200 YH credits."""
    apps = pd.read_csv(
        shared_data / "reference" / "myh_yh_program_applications_2018_2025.csv",
        dtype=str,
        keep_default_na=False,
    )
    credits = pd.to_numeric(apps["yh_poang"], errors="coerce")
    places = pd.to_numeric(apps["beviljade_platser_omgang_1"], errors="coerce")
    short = places[(apps["beslut"] == "Beviljad") & (credits < 200)].dropna()
    assert len(short) >= 20
    assert UpskillingThresholds().course_size == int(short.median())
    assert UpskillingThresholds().required_staff == 25  # 20 × (1 + 25 %)


# ------------------------------------------------------------------ the example wave
def test_upskilling_candidates_of_the_example_wave_add_up_to_the_survey(con, example_wave_id):
    courses = course_rows(con, example_wave_id)
    results = upskilling.assess_all(courses, REGION_CODES, UpskillingThresholds())
    total = con.execute(
        "SELECT sum(upskilling) FROM need_fact WHERE wave_id = ?", [example_wave_id]
    ).fetchone()[0]
    assert sum(a.staff for a in results) == total
    clusters = upskilling.assess_all(
        course_rows(con, example_wave_id, "cluster"), REGION_CODES, UpskillingThresholds()
    )
    university = [a for a in results if a.education_path == "hogskola"]
    assert university, "the example wave has nurses and teachers to upskill"
    assert all(a.verdict != MOTIVATED for a in university)
    # a cluster never counts staff whose continuing education is at university
    assert sum(a.staff for a in clusters) + sum(a.staff for a in university) == total
    assert any(a.verdict == MOTIVATED for a in clusters)


# ------------------------------------------------------------------ the page
def test_the_finder_offers_upskilling_as_its_own_kind_in_the_url(database, monkeypatch):
    app = open_finder(
        monkeypatch, True, typ_kandidat="kompetensutveckling", niva="cluster", visa="alla"
    )
    assert app.selectbox(key="typ_kandidat").value == "kompetensutveckling"
    table = app.dataframe[0].value
    assert "Att kompetensutveckla" in table.columns
    assert "Behov" not in table.columns and "LIA-platser" not in table.columns
    with db.connect_readonly(database) as con:
        wave = con.execute("SELECT wave_id FROM wave WHERE is_example").fetchone()[0]
        staff, recruits = con.execute(
            "SELECT sum(upskilling) FILTER (WHERE coalesce(p.education_path, '') <> 'hogskola'), "
            "sum(recruits_1y + recruits_1_3y + recruits_3_5y) FROM need_fact f "
            "LEFT JOIN education_path p USING (ssyk4) WHERE wave_id = ?",
            [wave],
        ).fetchone()
    assert table["Att kompetensutveckla"].sum() == staff
    headline = " ".join(m.value for m in app.markdown)
    assert f"({staff} anställda att kompetensutveckla" in headline
    assert str(staff + recruits).replace(" ", "") not in headline.replace("\u00a0", "")
    assert "Automatisk grupp kring en hemkommun" not in [h.value for h in app.subheader]


def test_the_providers_view_shows_recruitment_candidates_only(database, monkeypatch):
    app = open_finder(monkeypatch, False, typ_kandidat="kompetensutveckling")
    assert app.selectbox(key="typ_kandidat").value == "rekrytering"
    assert app.selectbox(key="typ_kandidat").options == ["Rekrytering (YH-program)"]
    assert "Behov" in app.dataframe[0].value.columns
    assert any("administratörernas vy" in c.value for c in app.caption)


def test_the_upskilling_finder_speaks_english(database, monkeypatch):
    from tests.test_i18n import swedish_left

    app = open_finder(monkeypatch, True, typ_kandidat="kompetensutveckling", lang="en", visa="alla")
    assert swedish_left(app) == []
    texts = " ".join(m.value for m in app.markdown)
    assert "staff to upskill" in texts and "never added to the recruitment need" in texts
    assert "Not justified" in texts or "Justified" in texts or "Close" in texts
    assert "To upskill" in app.dataframe[0].value.columns
