"""Personal data: no respondent's name or contact detail reaches the providers' pages (a real
server, as in tests/test_load.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kraftsamling import db
from kraftsamling.wsclient import Run
from tests.helpers import PAGES, fresh_run


# ------------------------------------------------------------------ no respondent-level data
def shown_strings(run: Run) -> list[str]:
    """Every string the browser is sent for one run: all text fields of every element (labels,
    markdown, captions, options, metric values, help texts), the plotly figures' JSON and the
    tables' cells and column names."""
    import json

    import pyarrow as pa

    out: list[str] = []

    def walk(message) -> None:
        for field, value in message.ListFields():
            for item in value if field.is_repeated else [value]:
                if field.type == field.TYPE_MESSAGE:
                    walk(item)
                elif field.type == field.TYPE_STRING:
                    out.append(item)

    def walk_json(value) -> None:
        if isinstance(value, dict):
            out.extend(map(str, value))
            for item in value.values():
                walk_json(item)
        elif isinstance(value, list):
            for item in value:
                walk_json(item)
        elif isinstance(value, str):
            out.append(value)

    def walk_table(data: bytes) -> None:
        if data:
            table = pa.ipc.open_stream(data).read_all()
            out.extend(table.column_names)
            out.extend(str(v) for column in table.to_pydict().values() for v in column)

    for element in run.elements:
        walk(element)
        kind = element.WhichOneof("type")
        if kind == "plotly_chart":
            walk_json(json.loads(element.plotly_chart.spec))
        elif kind == "dataframe":
            walk_table(element.dataframe.arrow_data.data)
            walk_table(element.dataframe.arrow_data.styler.display_values)
    return out


def respondent_data(path: Path) -> dict[str, set[str]]:
    """What must never reach the providers' pages: organisation names, organisationsnummer
    and contact details (name, e-mail, phone), from every wave in the file.

    Municipalities' own answers are named "<Kommun>s kommun" ("Storumans kommun"); a page may
    name the place ("Storuman", "Storumans kommun") without disclosing anything, so those
    names are left out. Their organisationsnummer and contacts are checked like all others.
    Regions' answers are named by unit ("Region Västernorrland, Kramfors hälsocentral") and
    are checked as whole names."""
    with db.connect_readonly(path) as con:

        def column(sql: str) -> set[str]:
            return {v for (v,) in con.execute(sql).fetchall() if v}

        return {
            "organisation_name": column(
                "SELECT organisation_name FROM respondent WHERE org_kind <> 'kommun'"
            ),
            "organisationsnummer": column("SELECT organisationsnummer FROM respondent"),
            "contact_name": column("SELECT contact_name FROM respondent_contact"),
            "contact_email": column("SELECT contact_email FROM respondent_contact"),
            "contact_phone": column("SELECT contact_phone FROM respondent_contact"),
        }


@pytest.mark.slow
def test_no_respondent_names_or_contact_details_reach_the_providers_pages(served):
    from concurrent.futures import ThreadPoolExecutor

    server, path = served
    secrets = respondent_data(path)
    assert min(len(values) for values in secrets.values()) >= 9
    with db.connect_readonly(path) as con:
        ((wave,),) = con.execute("SELECT wave_id FROM wave WHERE is_example").fetchall()
        # The narrowest views: the municipality and occupations with fewest respondents.
        ((small,),) = con.execute(
            "SELECT kommunkod FROM respondent WHERE wave_id = $w GROUP BY 1 "
            "ORDER BY count(*), 1 LIMIT 1",
            {"w": wave},
        ).fetchall()
        rarest = con.execute(
            "SELECT ssyk4 FROM need WHERE wave_id = $w GROUP BY 1 "
            "ORDER BY count(DISTINCT respondent_id), 1 LIMIT 2",
            {"w": wave},
        ).fetchall()
        rare = [code for (code,) in rarest]
    urls = [
        "",
        f"omgang={wave}&kommun={small}&hem={small}&yrke={rare[0]}&kandidat=yrke:{rare[0]}"
        "&tabell=true",  # the map's table too (drawn when opened)
        f"omgang={wave}&niva=group&gruppyrken={rare[0]},{rare[1]}&typ=ideell&lan={small[:2]}",
    ]
    # The administrators' pages are asked for by name too.
    jobs = [(page, url) for page in PAGES for url in urls] + [("importera", ""), ("omgangar", "")]
    with ThreadPoolExecutor(4) as pool:
        runs = dict(
            zip(jobs, pool.map(lambda job: fresh_run(server, job[1], job[0]), jobs), strict=True)
        )
    everything = []
    for (page, url), run in runs.items():
        where = f"{page or 'karta'}?{url}"
        # An exception shown on a page is scanned like the rest (its message and stack trace
        # are strings in the element); whether pages run without one is tested elsewhere.
        text = "\n".join(shown_strings(run)).casefold()
        everything.append(text)
        for kind, values in secrets.items():
            leaked = sorted(v for v in values if v.casefold() in text)
            assert not leaked, f"{where} shows {kind}: {leaked[:5]}"
    # The search looks where the figures are: place and occupation names from tables, charts.
    seen = "\n".join(everything)
    assert "arjeplog" in seen and "tandsköterskor" in seen and "<3" in seen
