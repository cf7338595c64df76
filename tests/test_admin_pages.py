"""The import and wave pages: only for a logged-in administrator, and they work."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import auth, db, paths
from tests.helpers import REGION_CODES

CSV = (
    "Organisation;Kommun;Typ av organisation;Yrke;Antal inom 1 år;Antal 1-3 år;Antal 3-5 år\n"
    "Sorsele kommun;Sorsele;kommun;5321;2;1;1\n"
    "Malå Bygg AB;Malå;privat;7111;ca 3;0;0\n"
).encode()


@pytest.fixture()
def target(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "k.duckdb"
    db.build(path)
    monkeypatch.setenv("KRAFTSAMLING_DB", str(path))
    return path


@pytest.fixture()
def an_admin(monkeypatch) -> str:
    """Anna is configured (through the environment) as the only administrator."""
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    return "anna"


def app(logged_in_as: str | None = None) -> AppTest:
    at = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60)
    if logged_in_as:
        at.session_state[auth.SESSION_KEY] = {"username": logged_in_as, "since": time.time()}
    return at


def test_without_a_login_there_is_no_import_page(target, an_admin):
    at = app()
    at.run()
    with pytest.raises(ValueError):
        at.switch_page("pages/importera.py")


def test_the_import_page_run_on_its_own_stops_without_a_login(target, an_admin):
    at = AppTest.from_file(str(paths.REPO / "pages" / "importera.py"), default_timeout=60).run()
    assert not at.exception
    assert not at.title and "bara för inloggade" in at.warning[0].value


def test_an_administrator_logs_in_sees_the_admin_pages_and_logs_out(target, an_admin):
    at = app()
    at.run()
    at.switch_page("pages/logga_in.py").run()
    at.text_input[0].input("anna")
    at.text_input[1].input("ett långt lösenord")
    at.button[0].click().run()
    assert not at.exception
    at.switch_page("pages/importera.py").run()
    assert at.title[0].value == "Importera enkätsvar"
    at.switch_page("pages/logga_in.py").run()
    at.button[0].click().run()  # Logga ut
    with pytest.raises(ValueError):
        at.switch_page("pages/importera.py")


def test_an_administrator_imports_a_file_and_sees_the_report(target, an_admin):
    at = app(logged_in_as=an_admin)
    at.run()
    at.switch_page("pages/importera.py").run()
    assert not at.exception
    assert at.title[0].value == "Importera enkätsvar"
    at.text_input[0].set_value("2025-host")
    at.file_uploader[0].set_value(("svar.csv", CSV, "text/csv"))
    at.button[0].click().run()
    assert not at.exception
    # some rows in quarantine: a warning, not a success
    assert any("1 rader importerade, 1 i karantän" in w.value for w in at.warning)
    assert not at.success
    problems = "\n".join(t.value for t in at.text)
    assert "rad 3, kolumn 'Antal inom 1 år'" in problems and "'ca 3'" in problems
    with db.connect_readonly(target) as con:
        assert con.execute("SELECT count(*) FROM need WHERE wave_id = '2025-host'").fetchone() == (
            1,
        )


def test_the_waves_page_lists_and_compares_waves(target, an_admin):
    from kraftsamling.intake import store

    store.import_files([("svar.csv", CSV)], "2025-host", target=target)
    at = app(logged_in_as=an_admin)
    at.run()
    at.switch_page("pages/omgangar.py").run()
    assert not at.exception
    listed = at.dataframe[0].value
    assert set(listed["Id"]) == {"2025-host", "exempel-2025-host"}
    assert "yrken växte" in "\n".join(c.value for c in at.caption)


def test_nothing_imported_is_never_shown_as_a_success(target, an_admin):
    at = app(logged_in_as=an_admin)
    at.run()
    at.switch_page("pages/importera.py").run()
    at.text_input[0].set_value("2025-host")
    bad = "Organisation;Kommun;Typ av organisation;Yrke;Antal inom 1 år\nX;Umeaa;kommun;5321;1\n"
    at.file_uploader[0].set_value(("svar.csv", bad.encode(), "text/csv"))
    at.button[0].click().run()
    assert not at.exception
    assert not at.success
    assert any("0 rader importerade" in e.value for e in at.error)


def test_an_answer_given_once_in_the_page_imports_the_rows_and_is_remembered(target, an_admin):
    from kraftsamling.intake import store

    data = (
        "Organisation;Kommun;Typ av organisation;Yrke;Antal inom 1 år;Antal 1-3 år;Antal 3-5 år\n"
        "Sorsele kommun;Sorsele;kommun;Kökspersonal storkök;2;1;1\n"
        "Malå kommun;Malå;kommun;Kökspersonal storkök;1;0;0\n"
    ).encode()
    store.import_files([("svar.csv", data)], "2025-host", target=target)
    at = app(logged_in_as=an_admin)
    at.run()
    at.switch_page("pages/importera.py").run()
    assert not at.exception
    texts = "\n".join(t.value for t in at.text)
    assert "Yrke: Kökspersonal storkök  (2 rader)" in texts
    form_input = next(i for i in at.text_input if i.key == "svar_kod_0")
    form_input.input("9412")
    next(b for b in at.button if "Spara svaret" in b.label).click().run()
    assert not at.exception
    assert any("2 rader ur karantänen importerades" in s.value for s in at.success)
    assert "Kökspersonal storkök" not in "\n".join(t.value for t in at.text)  # resolved
    with db.connect_readonly(target) as con:
        assert con.execute("SELECT count(*) FROM need WHERE wave_id = '2025-host'").fetchone() == (
            2,
        )
    # a later import of another file codes the value the same way, without a person
    later = data.replace(b"Sorsele", b"Storuman").replace(b"Mal\xc3\xa5", b"Lycksele")
    report = store.import_files([("senare.csv", later)], "2025-host", target=target)
    assert (report.rows_accepted, report.rows_rejected) == (2, 0)


def test_a_municipality_that_did_not_answer_is_never_a_fall_between_waves(target, an_admin):
    from kraftsamling.intake import store

    store.import_files([("svar.csv", CSV)], "2025-host", target=target)
    later = CSV.decode().splitlines()[0] + "\nSorsele kommun;Sorsele;kommun;5321;4;1;1\n"
    later = later.encode()
    store.import_files([("svar2026.csv", later)], "2026-host", target=target)
    at = app(logged_in_as=an_admin)
    at.run()
    at.switch_page("pages/omgangar.py").run()
    assert not at.exception
    next(s for s in at.selectbox if s.label == "Tidigare omgång").set_value("2025-host").run()
    assert next(s for s in at.selectbox if s.label == "Senare omgång").value == "2026-host"
    places = next(d.value for d in at.dataframe if "Deltog" in d.value.columns).set_index("Kommun")
    assert places.loc["Sorsele", "Deltog"] == "båda"
    assert places.loc["Sorsele", "Förändring"] == 2  # 2 -> 4
    assert places.loc["Umeå", "Deltog"] == "deltog inte"
    assert pd.isna(places.loc["Umeå", "Förändring"])  # no change at all, never a fall
    assert any("de 1 kommuner som svarade i båda omgångarna" in c.value for c in at.caption)


def test_the_need_over_all_waves_counts_only_municipalities_that_answered_in_all(target):
    from kraftsamling import queries
    from kraftsamling.intake import store

    header = CSV.decode().splitlines()[0]
    first = f"{header}\nSorsele kommun;Sorsele;kommun;5321;2;1;1\n"
    first += "Malå kommun;Malå;kommun;7111;3;0;0\n"
    store.import_files([("svar.csv", first.encode())], "2025-host", target=target)
    later = f"{header}\nSorsele kommun;Sorsele;kommun;5321;4;1;1\n"
    store.import_files([("svar2026.csv", later.encode())], "2026-host", target=target)
    with db.connect_readonly(target) as con:
        trend = queries.run(
            con,
            "wave_trend",
            wave_ids=["2025-host", "2026-host"],
            horizons=["0-1"],
            kommunkoder=REGION_CODES,
        ).set_index("wave_id")
    # Malå answered only in 2025: left out of both waves (never 5 -> 4), only Sorsele counts
    assert trend["municipalities"].tolist() == [1, 1]
    assert trend["recruits"].tolist() == [2, 4]
