"""The import and wave pages: only behind the administrators' setting, and they work."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import db, paths, ui

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


def app() -> AppTest:
    return AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60)


def test_without_the_setting_there_is_no_import_page(target, monkeypatch):
    monkeypatch.delenv(ui.ADMIN_PAGES_SETTING, raising=False)
    at = app()
    at.run()
    with pytest.raises(ValueError):
        at.switch_page("pages/importera.py")


def test_an_administrator_imports_a_file_and_sees_the_report(target, monkeypatch):
    monkeypatch.setenv(ui.ADMIN_PAGES_SETTING, "1")
    at = app()
    at.run()
    at.switch_page("pages/importera.py").run()
    assert not at.exception
    assert at.title[0].value == "Importera enkätsvar"
    at.text_input[0].set_value("2025-host")
    at.file_uploader[0].set_value(("svar.csv", CSV, "text/csv"))
    at.button[0].click().run()
    assert not at.exception
    assert "1 rader importerade, 1 i karantän" in at.success[0].value
    problems = "\n".join(t.value for t in at.text)
    assert "rad 3, kolumn 'Antal inom 1 år'" in problems and "'ca 3'" in problems
    with db.connect_readonly(target) as con:
        assert con.execute("SELECT count(*) FROM need WHERE wave_id = '2025-host'").fetchone() == (
            1,
        )


def test_the_waves_page_lists_and_compares_waves(target, monkeypatch):
    from kraftsamling.intake import store

    store.import_files([("svar.csv", CSV)], "2025-host", target=target)
    monkeypatch.setenv(ui.ADMIN_PAGES_SETTING, "1")
    at = app()
    at.run()
    at.switch_page("pages/omgangar.py").run()
    assert not at.exception
    listed = at.dataframe[0].value
    assert set(listed["Id"]) == {"2025-host", "exempel-2025-host"}
    assert "yrken växte" in "\n".join(c.value for c in at.caption)
