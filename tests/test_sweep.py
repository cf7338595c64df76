"""Nothing crashes for a visitor: every page renders, for every municipality, candidate, horizon
and both views (providers, administrator), over the bundled wave and over a wave where most
municipalities did not answer. One AppTest per view and wave is reused: a widget or page is
changed and the app rerun, as a visitor clicks.

Candidates: every candidate of the finder (both levels) is rendered through AppTest in the
providers' view; in the administrators' view every cluster candidate through AppTest and every
occupation candidate through the functions the page calls (about 2 s a page otherwise). The
administrators' evidence pack, with employer names, is built for every kind of candidate.
"""

from __future__ import annotations

import io
import time

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import auth, db, pages, paths
from kraftsamling.metrics import HORIZONS

PAGES = pages.scripts()
ADMIN_PAGES = pages.scripts(pages.ADMIN_PAGES)
VIEWS = ["providers", "admin"]
SPARSE = [  # three of 44 municipalities answered
    "Sorsele kommun vård;kommun;Q;Sorsele;5321;6;2;1;2;ja",
    "Sorsele kommun skola;kommun;P;Sorsele;2341;4;1;0;1;nej",
    "Ensam Bygg AB;privat;F;Sorsele;7111;3;0;0;1;ja",
    "Storumans kommun vård;kommun;Q;Storuman;5321;5;3;0;2;ja",
    "Storumans kommun omsorg;kommun;Q;Storuman;5321;4;0;2;1;ja",
    "Fjällbygg AB;privat;F;Storuman;7111;2;2;0;1;ja",
    "Storuman Vård AB;privat;Q;Storuman;5321;3;0;0;1;ja",
    "Region Lycksele lasarett;region;Q;Lycksele;5321;7;2;1;3;ja",
    "Föreningen A;ideell;S;Lycksele;5321;1;0;0;0;nej",
]
HEADER = (
    "Organisation;Typ av organisation;Bransch (SNI 2007);Kommun;Yrke;Antal inom 1 år;"
    "Antal 1-3 år;Antal 3-5 år;LIA-platser;Kräver eftergymnasial yrkesutbildning\n"
)


@pytest.fixture(scope="module")
def sparse_database(tmp_path_factory):
    """A database whose only wave was answered in three municipalities."""
    from kraftsamling.intake import store, waves

    target = tmp_path_factory.mktemp("sparse") / "k.duckdb"
    db.build(target, with_example=False)
    content = (HEADER + "".join(r + "\n" for r in SPARSE)).encode()
    report = store.import_files([("svar.csv", content)], "2025-gles", target=target)
    assert report.files[0].rows_rejected == 0
    waves.publish("2025-gles", by="anna", target=target)  # providers see published waves only
    return target


@pytest.fixture()
def admins(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")


def _names() -> dict[str, str]:
    import csv

    with open(paths.REFERENCE / "municipality.csv", encoding="utf-8") as handle:
        return {row["name"]: row["kommunkod"] for row in csv.DictReader(handle)}


NAMES = _names()


def app_for(view: str, path, monkeypatch) -> AppTest:
    monkeypatch.setenv("KRAFTSAMLING_DB", str(path))
    at = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
    if view == "admin":
        at.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
    return at.run()


def rendered(at: AppTest, where: str) -> None:
    """The run ended without an exception, and with the page's title."""
    assert not at.exception, f"{where}: {[str(e.value)[:400] for e in at.exception]}"
    assert at.title, f"{where}: no title"


def sweep_pages(at: AppTest, view: str, horizons) -> None:
    for page in PAGES + (ADMIN_PAGES if view == "admin" else []):
        at.switch_page(page).run()
        rendered(at, f"{view} {page}")
        if page in ADMIN_PAGES:
            continue
        for horizon in horizons:
            at.selectbox(key="horisont").set_value(horizon).run()
            rendered(at, f"{view} {page} {horizon}")
        at.selectbox(key="horisont").set_value("0-5").run()


def value_of(key: str, label: str, level: str = "ssyk4") -> str:
    """A select box's value from the label AppTest lists (municipality names, candidates)."""
    if key in ("kommun", "hem"):
        return "alla" if label == "Hela urvalet" else NAMES[label]  # Karta: the whole selection
    return {
        "ssyk4": "yrke:" + label.split(" ", 1)[0],
        "cluster": "kluster:" + label,
        "group": "grupp",
    }[level]


def every_option(at: AppTest, key: str, where: str, level: str = "ssyk4", step: int = 1) -> int:
    """Choose each (`step`th) option of a select box in turn; returns how many there were."""
    labels = list(at.selectbox(key=key).options)
    for label in labels[::step]:
        at.selectbox(key=key).set_value(value_of(key, label, level)).run()
        rendered(at, f"{where} {key} {label}")
    return len(labels)


def sweep_municipalities(at: AppTest, view: str) -> int:
    at.switch_page("pages/kommunprofil.py").run()
    return every_option(at, "kommun", f"{view} kommunprofil")


def sweep_candidates(at: AppTest, view: str, levels, step: int = 1) -> int:
    at.switch_page("pages/ansokningsunderlag.py").run()
    rendered(at, f"{view} finder")
    swept = 0
    offered = list(at.selectbox(key="niva").options)
    for level in levels:
        if len(offered) < len(levels) and level != "ssyk4":
            continue  # the providers' view offers occupations only (views.ansokningsunderlag)
        at.selectbox(key="niva").set_value(level).run()
        rendered(at, f"{view} finder {level}")
        if any(box.key == "kandidat" for box in at.selectbox):
            swept += every_option(
                at, "kandidat", f"{view} finder {level}", level, step if level == "ssyk4" else 1
            )
    return swept


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_renders_at_every_horizon(database, admins, monkeypatch, view):
    at = app_for(view, database, monkeypatch)
    sweep_pages(at, view, list(HORIZONS) if view == "providers" else ["0-1", "3-5"])
    at.query_params["present"] = "1"
    at.run()
    rendered(at, f"{view} presentation")


@pytest.mark.parametrize("view", VIEWS)
def test_kommunprofil_renders_for_every_municipality(database, admins, monkeypatch, view):
    """17 of the 44 have no respondents in the example wave (e.g. ?kommun=2480)."""
    at = app_for(view, database, monkeypatch)
    assert sweep_municipalities(at, view) == 44


def test_the_finder_renders_for_every_candidate_in_the_providers_view(
    database, admins, monkeypatch
):
    at = app_for("providers", database, monkeypatch)
    at.switch_page("pages/ansokningsunderlag.py").run()
    for home in ("2480", "2584", "2260"):  # without respondents, at the edges of the region
        at.selectbox(key="hem").set_value(home).run()
        rendered(at, f"providers finder hem {home}")
    # every occupation candidate (the providers' view offers occupations only, PROVIDER_LEVELS;
    # 29 YH occupations with published cells in the example wave) through AppTest here, and
    # through the functions the page calls (below)
    assert sweep_candidates(at, "providers", ["ssyk4"], step=1) > 20
    at = app_for("admin", database, monkeypatch)
    assert sweep_candidates(at, "admin", ["cluster"]) > 5


def finder_outputs(con, view: str, selection, level: str, homes=("2422",), every: int = 6) -> int:
    """Everything the finder page builds for every candidate of one level, through the
    functions the page calls (kraftsamling.ui's are these, cached): verdict, contributions
    table, the pack's assessment; and for every `every`th candidate the map, the auto-pool
    around each of `homes` and its message, the evidence workbook. Returns the candidates."""
    from functools import partial

    import pandas as pd

    from kraftsamling import assessment, autopool, charts, evidence, evidence_files, queries
    from kraftsamling.privacy import view as published_view
    from kraftsamling.views import ansokningsunderlag

    run = partial(queries.run, con)
    thresholds = assessment.Thresholds()
    pool = list(selection.kommunkoder)
    region = selection.need_params(pool)
    if view == "providers":
        published = published_view.load(run, selection.wave_id, selection.horizon)
        rows = published_view.candidate_rows(run, published, selection, level)
        region_rows = published_view.region_candidate_rows(run, published, selection, level)
        base = published_view.municipalities(run, published, selection)
        names = {
            **dict(zip(base["kommunkod"], base["name"], strict=True)),
            **published_view.group_names(run, published, selection, level),
        }
    else:
        rows = run("candidate_contributions", **region, level=level, group_ssyk4=[], group_label="")
        region_rows = rows
        base = run("municipality_figures", **region, education_areas=[])
        names = dict(zip(base["kommunkod"], base["name"], strict=True))
    results = assessment.assess_all(rows, pool, thresholds)
    supply = pd.DataFrame(columns=["education_area", "granted", "granted_distance", "rounds"])
    protect = 3 if view == "providers" else None
    ansokningsunderlag.results_table(results, supply, protect)
    ansokningsunderlag.only_pooled(results, names, protect)
    for number, a in enumerate(results):
        ansokningsunderlag.verdict_sentence(a, names, protect)
        shown = (
            published_view.contributions(run, published, selection, level, a.candidate_id)
            if view == "providers"
            else a.contributions
        )
        ansokningsunderlag.contributions_table(a, names, shown, protect)
        pack = (
            published_view.pack_assessment(run, published, selection, level, a)
            if view == "providers"
            else a
        )
        if number % every:
            continue
        charts.contribution_map(base, shown, pool, a.label)
        candidate = region_rows[region_rows["candidate_id"] == a.candidate_id]
        for home in homes:
            auto = autopool.auto_pool(
                home, a.candidate_id, a.label, a.education_area, candidate, thresholds
            )
            ansokningsunderlag.auto_pool_message(auto, names, shown_only=view == "providers")
        assert pack.pool  # the pack's assessment (providers: published rows only)
        try:  # the evidence pack as the page's download makes it, in the view's version
            made = evidence.build(
                run, selection, a.candidate_id, thresholds, providers=view == "providers"
            )
        except evidence.PackRefused:  # too few respondents behind it: no providers' pack
            assert view == "providers"
            continue
        assert evidence_files.pack_xlsx(made)[:2] == b"PK"
    return len(results)


@pytest.mark.parametrize("view", VIEWS)
def test_every_candidate_and_home_of_the_finder_builds(con, example_wave_id, view):
    from kraftsamling.selection import Selection
    from tests.helpers import REGION_CODES

    chosen = Selection(wave_id=example_wave_id, kommunkoder=tuple(REGION_CODES))
    assert finder_outputs(con, view, chosen, "ssyk4") > 50
    assert finder_outputs(con, view, chosen, "cluster") > 5
    norrbotten = Selection(
        wave_id=example_wave_id,
        horizon="3-5",
        kommunkoder=tuple(k for k in REGION_CODES if k[:2] == "25"),
    )
    finder_outputs(con, view, norrbotten, "cluster", homes=REGION_CODES, every=100)


def test_the_administrators_evidence_pack_names_employers_for_every_kind(con, example_wave_id):
    """The pack with employer names, as the page asks for it (this crashed: the page passed
    `group_label` to a query that has no such parameter), for an occupation, a cluster and a
    custom group of occupations; and the upskilling pack."""
    from functools import partial

    from openpyxl import load_workbook

    from kraftsamling import assessment, evidence, evidence_files, evidence_pdf, queries, upskilling
    from kraftsamling.selection import Selection
    from tests.helpers import REGION_CODES

    run = partial(queries.run, con)
    chosen = Selection(wave_id=example_wave_id, kommunkoder=tuple(REGION_CODES))
    params = chosen.need_params()
    for level, group in (("ssyk4", []), ("cluster", []), ("group", ["5321", "2221"])):
        rows = run(
            "candidate_contributions",
            **params,
            level=level,
            group_ssyk4=group,
            group_label="Egen yrkesgrupp",
        )
        a = assessment.assess_all(rows, list(chosen.kommunkoder), assessment.Thresholds())[0]
        employers = run(
            "candidate_employers",
            **params,
            level=level,
            group_ssyk4=group,
            candidate_id=a.candidate_id,
        )
        assert not employers.empty, level
        pack = evidence.build(
            run,
            chosen,
            a.candidate_id,
            assessment.Thresholds(),
            group_ssyk4=tuple(group),
            group_label="Egen yrkesgrupp",
        )
        book = load_workbook(io.BytesIO(evidence_files.pack_xlsx(pack)))
        assert any("rbetsgivare" in name for name in book.sheetnames), book.sheetnames
        assert evidence_files.pack_pptx(pack)[:2] == b"PK"
        ticked = list(pack.tables["Arbetsgivare"]["Svarande-id"][:2])
        assert evidence_pdf.letters_pdf(pack, ticked)[:4] == b"%PDF"
    courses = run("upskilling_contributions", **params, level="ssyk4")
    course = upskilling.assess_all(
        courses, list(chosen.kommunkoder), upskilling.UpskillingThresholds()
    )[0]
    pack = evidence.build(
        run,
        chosen,
        course.candidate_id,
        upskilling.UpskillingThresholds(),
        kind=evidence.UPSKILLING,
    )
    assert evidence_files.pack_xlsx(pack)[:2] == b"PK"


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_renders_over_a_wave_most_municipalities_did_not_answer(
    sparse_database, admins, monkeypatch, view
):
    at = app_for(view, sparse_database, monkeypatch)
    sweep_pages(at, view, ["0-5", "3-5"])
    if view == "providers":  # 41 of 44 without respondents
        assert sweep_municipalities(at, view) == 44
    # the providers' view offers occupations only (views.ansokningsunderlag.PROVIDER_LEVELS)
    sweep_candidates(at, view, ["ssyk4"] + (["cluster", "group"] if view == "admin" else []))


def sweep_waves_over_time(at: AppTest, view: str) -> int:
    """Över tid at every horizon, compared with the other wave, from each wave; then the
    change map on Karta (`jamfor=`) for both change figures, every class scheme and some
    counts, and every municipality. Returns how many comparisons were drawn."""
    from kraftsamling.metrics import CHANGE_METRICS, CLASSIFICATIONS
    from tests.second_wave import WAVE_ID

    compared = 0
    wave_ids = [WAVE_ID, "exempel-2025-host"]
    assert len(at.selectbox(key="omgang").options) == len(wave_ids)
    for wave_id in wave_ids:
        (other,) = (w for w in wave_ids if w != wave_id)
        at.selectbox(key="omgang").set_value(wave_id).run()
        at.switch_page("pages/over_tid.py").run()
        rendered(at, f"{view} över tid {wave_id}")
        for horizon in HORIZONS:
            at.selectbox(key="horisont").set_value(horizon).run()
            rendered(at, f"{view} över tid {wave_id} {horizon}")
        at.selectbox(key="horisont").set_value("0-5").run()
        assert len(at.selectbox(key="jamfor").options) == 1
        at.selectbox(key="jamfor").set_value(other).run()
        rendered(at, f"{view} över tid {wave_id} jämfört med {other}")
        compared += 1
        at.switch_page("pages/karta.py").run()
        at.selectbox(key="jamfor").set_value(other).run()
        assert len(at.selectbox(key="matt").options) == len(CHANGE_METRICS)
        for metric in CHANGE_METRICS:
            at.selectbox(key="matt").set_value(metric).run()
            rendered(at, f"{view} karta {wave_id} jamfor={other} matt={metric}")
            for scheme in CLASSIFICATIONS:
                for k in ("3", "4", "7"):
                    at.selectbox(key="klasser").set_value(scheme)
                    at.selectbox(key="k").set_value(k).run()
                    rendered(at, f"{view} karta jamfor={other} {metric} {scheme} k={k}")
        at.selectbox(key="klasser").set_value("quantiles")
        at.selectbox(key="k").set_value("5").run()
        assert every_option(at, "kommun", f"{view} karta jamfor={other}") == 45
        at.selectbox(key="jamfor").set_value("").run()
        rendered(at, f"{view} karta {wave_id} utan jämförelse")
    return compared


@pytest.mark.parametrize("view", VIEWS)
def test_over_tid_and_the_change_map_render_for_every_wave_figure_and_municipality(
    two_waves, admins, monkeypatch, view
):
    at = app_for(view, two_waves, monkeypatch)
    assert sweep_waves_over_time(at, view) == 2  # each of the two waves against the other
