"""The coordinator answers an unresolved value once; the answer frees its rows and is remembered
for every later import. Exit codes a script can use."""

from __future__ import annotations

from pathlib import Path

import pytest

from kraftsamling import __main__ as cli
from kraftsamling import db
from kraftsamling.intake import resolve, store

HEADER = "Organisation;Typ av organisation;Kommun;Yrke;Antal inom 1 år;Antal 1-3 år;Antal 3-5 år\n"


def csv_file(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("utf-8")


EXPORT = csv_file(
    "Sorsele kommun;kommun;Sorsele;Undersköterska;4;2;1",
    "Sorsele kommun;kommun;Sorsele;Kökspersonal storkök;1;0;0",
    "Sorsele kommun;kommun;Sorsele;Elektriker;1;0;0",
    "Sorsele kommun;kommun;Sorsele;Elinstallatör;2;1;0",
    "Malå Bygg AB;privat;Mala kommunn;Kökspersonal storkök;1;1;0",
    "Malå Bygg AB;privat;Mala kommunn;Snickare;3;0;0",
)


@pytest.fixture()
def target(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "k.duckdb"
    db.build(path)
    monkeypatch.setenv("KRAFTSAMLING_DB", str(path))
    return path


def rows(target: Path, sql: str, **params):
    with db.connect_readonly(target) as con:
        return con.execute(sql, params).fetchall()


def listed(target: Path, wave: str = "2025-host") -> dict[tuple[str, str], int]:
    with db.connect_readonly(target) as con:
        return {(u.kind, u.value): u.rows for u in resolve.unresolved(con, wave)}


def test_two_titles_of_one_occupation_are_one_need_and_the_report_says_so(target):
    report = store.import_files([("export.csv", EXPORT)], "2025-host", target=target)
    (need,) = rows(
        target,
        "SELECT recruits_1y, recruits_1_3y, occupation_as_given FROM need "
        "WHERE wave_id = '2025-host' AND ssyk4 = '7411'",
    )
    assert need == (3, 1, "Elektriker + Elinstallatör")
    assert any("är samma yrke (7411)" in n for n in report.files[0].notes)


def test_unresolved_values_are_grouped_with_their_row_counts_and_suggestions(target):
    store.import_files([("export.csv", EXPORT)], "2025-host", target=target)
    assert listed(target) == {
        ("yrke", "Kökspersonal storkök"): 2,
        ("kommun", "Mala kommunn"): 2,
        ("yrke", "Undersköterska"): 1,
    }
    with db.connect_readonly(target) as con:
        usk = next(u for u in resolve.unresolved(con, "2025-host") if u.value == "Undersköterska")
    assert usk.suggestions[:2] == ["5321", "5323"]


def test_an_answer_frees_its_rows_in_one_transaction_and_is_remembered(target):
    store.import_files([("export.csv", EXPORT)], "2025-host", target=target)
    report = resolve.resolve(
        "2025-host", "Undersköterska", "5321", answered_by="anna", target=target
    )
    assert (report.kind, report.code, report.rows_imported) == ("yrke", "5321", 1)
    # the freed row joins its organisation, imported from the same file
    assert rows(
        target,
        "SELECT count(DISTINCT respondent_id) FROM need n JOIN respondent r "
        "USING (respondent_id) WHERE n.wave_id = '2025-host' AND organisation_name = "
        "'Sorsele kommun'",
    ) == [(1,)]
    resolve.resolve("2025-host", "Mala kommunn", "2418", target=target)
    assert listed(target) == {("yrke", "Kökspersonal storkök"): 2}
    # Malå's row with the unknown title stays, with only that reason left
    (reasons,) = rows(target, "SELECT reasons FROM quarantine WHERE row_values LIKE '%Malå Bygg%'")[
        0
    ]
    assert "Kökspersonal storkök" in reasons and "Mala kommunn" not in reasons
    report = resolve.resolve("2025-host", "kökspersonal  STORKÖK", "9412", target=target)
    assert report.rows_imported == 2 and report.rows_left == 0
    assert rows(target, "SELECT rows_accepted, rows_rejected FROM import_file") == [(5, 0)]
    # need_fact is rebuilt in the same transaction
    assert rows(target, "SELECT count(*) FROM need_fact WHERE wave_id = '2025-host'") == rows(
        target, "SELECT count(*) FROM need WHERE wave_id = '2025-host'"
    )
    # remembered: a later import, and a rebuild, code the same values without a person
    db.build(target)
    assert len(rows(target, "SELECT * FROM answer_alias")) == 3
    later = EXPORT.replace(b"Sorsele", b"Storuman").replace("Malå".encode(), b"Lycksele")
    again = store.import_files([("senare.csv", later)], "2025-host", target=target)
    assert (again.rows_accepted, again.rows_rejected) == (5, 0)


def test_a_wrong_code_is_refused_and_nothing_changes(target):
    store.import_files([("export.csv", EXPORT)], "2025-host", target=target)
    with pytest.raises(resolve.ResolveError, match="ingen SSYK-kod"):
        resolve.resolve("2025-host", "Undersköterska", "9999", target=target)
    with pytest.raises(resolve.ResolveError, match="inte bland de olösta"):
        resolve.resolve("2025-host", "Något annat", "5321", target=target)
    assert rows(target, "SELECT count(*) FROM answer_alias") == [(0,)]


def test_an_answer_can_be_removed_and_exported(target):
    store.import_files([("export.csv", EXPORT)], "2025-host", target=target)
    resolve.resolve("2025-host", "Mala kommunn", "2418", target=target)
    with db.connect_readonly(target) as con:
        exported = resolve.answers_csv(con).decode("utf-8-sig")
    assert "kommun,Mala kommunn,2418,Malå" in exported
    assert resolve.remove_answer("kommun", "Mala kommunn", target=target) == 1
    assert rows(target, "SELECT count(*) FROM answer_alias") == [(0,)]


def test_the_command_line_lists_and_resolves(target, capsys):
    store.import_files([("export.csv", EXPORT)], "2025-host", target=target)
    assert cli.main(["unresolved", "--wave", "2025-host"]) == 0
    out = capsys.readouterr().out
    assert "'Kökspersonal storkök'" in out and "2 rader" in out
    assert cli.main(["resolve", "--wave", "2025-host", "Kökspersonal storkök", "9412"]) == 0
    assert "1 rader ur karantänen importerades" in capsys.readouterr().out  # Malå's: kommun too
    assert cli.main(["resolve", "--wave", "2025-host", "Undersköterska", "12"]) == 2
    assert cli.main(["answers"]) == 0
    assert "9412" in capsys.readouterr().out


def test_exit_codes_say_whether_everything_some_or_nothing_was_imported(target, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file("Sorsele kommun;kommun;Sorsele;5321;1;0;0"))
    some = tmp_path / "some.csv"
    some.write_bytes(
        csv_file("Malå kommun;kommun;Malå;5321;1;0;0", "Malå kommun;kommun;Malå;5311;ca 2;0;0")
    )
    none = tmp_path / "none.csv"
    none.write_bytes(csv_file("Lycksele kommun;kommun;Umeaa;5321;1;0;0"))
    picture = tmp_path / "bild.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n....")
    assert cli.main(["import", str(good), "--wave", "2025-host"]) == 0
    assert cli.main(["import", str(some), "--wave", "2025-host"]) == 1
    assert cli.main(["import", str(none), "--wave", "2025-host"]) == 2
    assert cli.main(["import", str(picture), "--wave", "2025-host"]) == 2
    assert cli.main(["import", str(good), "--wave", "2025-host"]) == 2  # nothing new imported
