"""A second wave for the tests of waves over time (issue 12), made from the example wave's
files: Ragunda (2303) and Malå (2418) do not take part, Umeå (2480) does for the first time
(six organisations), and a third of the need rows recruit one more within a year. And a list
of invited organisations for it: everyone who answered and, per municipality, half as many
(in turn) a fifth, three fifths, as many or two and a half times as many who did not,
at least three (Sorsele: one)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kraftsamling import paths

WAVE_ID = "2026-var"
LEFT = ("2303", "2418")  # took part in the example wave only
NEW = "2480"  # took part in the second wave only
SORSELE = "2422"  # invited: all who answered and one who did not


def answers_csv() -> bytes:
    respondents = pd.read_csv(paths.EXAMPLE / "respondent.csv", dtype=str)
    needs = pd.read_csv(paths.EXAMPLE / "need.csv", dtype={"ssyk4": str})
    respondents = respondents[~respondents["kommunkod"].isin(LEFT)]
    new = respondents[respondents["kommunkod"] == "2482"].head(6).assign(kommunkod=NEW)
    new["organisation_name"] = new["organisation_name"] + " Umeå"
    new["organisationsnummer"] = None
    copied = needs[needs["respondent_id"].isin(set(new["respondent_id"]))]
    new["respondent_id"] = new["respondent_id"] + "u"
    needs = pd.concat([needs, copied.assign(respondent_id=copied["respondent_id"] + "u")])
    rows = needs.merge(pd.concat([respondents, new]), on="respondent_id").reset_index(drop=True)
    rows.loc[rows.index % 3 == 0, "recruits_1y"] += 1
    out = pd.DataFrame(
        {
            "Organisation": rows["organisation_name"],
            "Organisationsnummer": rows["organisationsnummer"],
            "Typ av organisation": rows["org_kind"],
            "Kommun": rows["kommunkod"],
            "Yrke": rows["ssyk4"],
            "Antal inom 1 år": rows["recruits_1y"],
            "Antal 1-3 år": rows["recruits_1_3y"],
            "Antal 3-5 år": rows["recruits_3_5y"],
            "LIA-platser per år": rows["lia_places"],
        }
    )
    return out.to_csv(sep=";", index=False).encode()


def invited_csv() -> bytes:
    answered = pd.read_csv(pd.io.common.BytesIO(answers_csv()), sep=";", dtype=str)
    answered = answered.drop_duplicates(["Organisation", "Kommun"])
    rows = [(k, name) for k, name in zip(answered["Kommun"], answered["Organisation"], strict=True)]
    shares = (0.2, 0.6, 1.0, 2.5)  # rates about 83, 62, 50 and 29 %, in turn
    for number, (kommunkod, count) in enumerate(sorted(answered["Kommun"].value_counts().items())):
        extra = 1 if kommunkod == SORSELE else max(round(count * shares[number % 4]), 3)
        rows += [(kommunkod, f"Inbjuden men tyst {i} AB") for i in range(extra)]
    frame = pd.DataFrame(rows, columns=["Kommun", "Organisation"])
    return frame.to_csv(sep=";", index=False).encode()


def add_second_wave(target: Path, *, publish: bool = True) -> None:
    """Import the second wave (and its invitation list) into the database, published."""
    from kraftsamling.intake import store, waves

    report = store.import_files([("var2026.csv", answers_csv())], WAVE_ID, target=target)
    assert report.files[0].rows_rejected == 0
    waves.import_invited(WAVE_ID, "inbjudna.csv", invited_csv(), target=target)
    if publish:
        waves.publish(WAVE_ID, by="anna", target=target)
