"""Waves over time: the default wave is the newest published one; invited organisations give
the response rate per municipality and per wave."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import __main__ as cli
from kraftsamling import db, paths, queries
from kraftsamling.intake import store, waves

ANSWERS = (
    "Organisation;Typ av organisation;Kommun;Yrke;Antal inom 1 år;Antal 1-3 år;Antal 3-5 år\n"
    "Sorsele kommun;kommun;Sorsele;5321;2;1;1\n"
    "Malå Bygg AB;privat;Malå;7111;1;0;0\n"
).encode()
INVITED = (
    "Kommun;Organisation;Organisationsnummer\n"
    "Sorsele;Sorsele kommun;\n"
    "Sorsele;Sorsele Bygg AB;\n"
    "2418;Malå Bygg AB;\n"
    "Malå;Malå kommun;212000-2452\n"
    "Umeaa;Fel AB;\n"
).encode()


@pytest.fixture()
def target(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "k.duckdb"
    db.build(path)
    monkeypatch.setenv("KRAFTSAMLING_DB", str(path))
    return path


def wave_rows(target: Path):
    with db.connect_readonly(target) as con:
        return queries.run(con, "waves").set_index("wave_id")


def test_the_default_wave_is_the_newest_published_one_not_the_last_imported(target):
    store.import_files([("svar.csv", ANSWERS)], "2026-host", target=target)
    rows = wave_rows(target)
    assert not rows.loc["2026-host", "published"]
    assert waves.default_wave(rows.reset_index()) == "exempel-2025-host"
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60).run()
    assert app.selectbox(key="omgang").value == "exempel-2025-host"
    waves.publish("2026-host", by="anna", target=target)
    assert waves.default_wave(wave_rows(target).reset_index()) == "2026-host"
    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=60).run()
    assert app.selectbox(key="omgang").value == "2026-host"  # a new visitor's default
    waves.publish("2026-host", undo=True, target=target)
    assert not wave_rows(target).loc["2026-host", "published"]
    db.build(target)  # a rebuild keeps publications and invitations
    waves.publish("2026-host", target=target)
    db.build(target)
    assert wave_rows(target).loc["2026-host", "published"]


def test_invited_organisations_give_the_response_rate(target):
    store.import_files([("svar.csv", ANSWERS)], "2026-host", target=target)
    report = waves.import_invited("2026-host", "inbjudna.csv", INVITED, target=target)
    assert report.invited == 4
    (problem,) = report.problems
    assert problem.startswith("inbjudna.csv, rad 6: 'Umeaa' känns inte igen")
    rows = wave_rows(target)
    assert (rows.loc["2026-host", "invited"], rows.loc["2026-host", "response_rate"]) == (4, 0.5)
    with db.connect_readonly(target) as con:
        rates = queries.run(con, "response_rate_by_municipality", wave_id="2026-host")
    rates = rates.set_index("name")
    assert rates.loc["Sorsele", ["invited", "respondents", "response_rate"]].tolist() == [2, 1, 0.5]
    assert rates.loc["Malå", "response_rate"] == 0.5
    assert rates["response_rate"].isna().sum() == 42  # no invitations, no rate


def test_the_command_line_publishes_and_reads_invitations(target, tmp_path, capsys):
    store.import_files([("svar.csv", ANSWERS)], "2026-host", target=target)
    listed = tmp_path / "inbjudna.csv"
    listed.write_bytes(INVITED)
    assert cli.main(["invite", str(listed), "--wave", "2026-host"]) == 1  # one row unreadable
    assert cli.main(["publish", "2026-host", "--by", "anna"]) == 0
    assert cli.main(["waves"]) == 0
    out = capsys.readouterr().out
    assert "publicerad, svarsfrekvens 50% av 4 inbjudna" in out
    assert cli.main(["publish", "2027-var"]) == 2
    assert cli.main(["publish", "2026-host", "--undo"]) == 0


def test_a_wave_that_is_not_published_is_never_shown_to_providers(target, tmp_path, monkeypatch):
    import time

    from kraftsamling import auth

    store.import_files([("svar.csv", ANSWERS)], "2026-host", target=target)
    label = store.wave_label("2026-host")
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")

    def visit(admin: bool = False, page: str | None = None, **url) -> AppTest:
        app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
        if admin:
            app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
        app.query_params.update(url)
        app.run()
        if page:
            app.switch_page(page).run()
        assert not app.exception, app.exception
        return app

    def texts(app: AppTest) -> str:
        return "\n".join(
            str(e.value)
            for kind in ("markdown", "caption", "info", "warning", "success", "title", "subheader")
            for e in getattr(app, kind)
        )

    note = "Omgången i länken är inte publicerad. Visar den senaste publicerade omgången."
    # an administrator sees the imported wave; the providers' view neither offers nor shows it
    assert label in visit(admin=True).selectbox(key="omgang").options  # options show labels
    plain = visit()
    assert plain.selectbox(key="omgang").options == ["Hösten 2025 (exempeldata)"]
    assert note not in texts(plain)
    for page in (None, "pages/kluster.py", "pages/ansokningsunderlag.py"):
        app = visit(page=page, omgang="2026-host")
        assert app.selectbox(key="omgang").value == "exempel-2025-host"  # the newest published
        assert label not in app.selectbox(key="omgang").options
        assert note in [str(i.value) for i in app.info]  # says so
        assert label not in texts(app)
    presenting = visit(omgang="2026-host", present="1")
    assert label not in texts(presenting)
    # nor on the command line
    out = tmp_path / "ut"
    assert cli.main(["assess", "--wave", "2026-host", "--providers"]) == 2
    assert (
        cli.main(
            [
                "evidence",
                "--wave",
                "2026-host",
                "--candidate",
                "yrke:5321",
                "--providers",
                "--out",
                str(out),
            ]
        )
        == 2
    )
    # once published, providers see it (and the URL's wave is shown)
    waves.publish("2026-host", by="anna", target=target)
    app = visit(omgang="2026-host")
    assert app.selectbox(key="omgang").value == "2026-host"
    assert note not in texts(app)
    # a wave in the URL that providers may see is kept; one they may not falls back
    rows = queries.run(db.connect_readonly(target), "published_waves")
    assert waves.providers_wave(rows, "2026-host") == ("2026-host", False)
    waves.publish("2026-host", undo=True, target=target)
    rows = queries.run(db.connect_readonly(target), "published_waves")
    assert waves.providers_wave(rows, "2026-host") == ("exempel-2025-host", True)
    assert waves.providers_wave(rows, None) == ("exempel-2025-host", False)


def test_the_exact_response_rate_per_municipality_is_on_the_administrators_map_only(
    target, monkeypatch
):
    """Issue 12: the map shows the response rate per municipality (answered / invited) to
    administrators. Not to providers: the publication has no respondent count per municipality
    (docs/privacy.md), and rate × invited would give a hidden cell's respondents."""
    import json
    import time

    from kraftsamling import auth

    store.import_files([("svar.csv", ANSWERS)], "2026-host", target=target)
    waves.import_invited("2026-host", "inbjudna.csv", INVITED, target=target)
    waves.publish("2026-host", by="anna", target=target)
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")

    def map_of(admin: bool):
        app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
        if admin:
            app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
        app.query_params.update({"omgang": "2026-host", "matt": "response_rate"})
        app.run()
        assert not app.exception, app.exception
        return app

    admin = map_of(True)
    assert admin.selectbox(key="matt").value == "response_rate"
    spec = json.loads(admin.get("plotly_chart")[0].proto.spec)
    trace = spec["data"][0]
    hover = {row[0]: row[2] for row in trace["customdata"]}
    assert hover["Sorsele"].startswith("50") and hover["Malå"].startswith("50")  # 1 of 2 each
    assert hover["Umeå"] == "ingen lista över inbjudna"  # grey, never 0 %
    assert any("listan över inbjudna" in c.value for c in admin.caption)
    # providers see the published band only, and not where fewer than 3 answered (1 of 2 here)
    providers = map_of(False)
    assert "Svarsfrekvens (svarande av inbjudna)" not in providers.selectbox(key="matt").options
    assert "Svarsfrekvens (intervall)" in providers.selectbox(key="matt").options
    spec = json.loads(providers.get("plotly_chart")[0].proto.spec)
    hover = {row[0]: row[2] for row in spec["data"][0]["customdata"]}
    assert hover["Sorsele"].startswith("för få för att visa") and "50" not in hover["Malå"]
