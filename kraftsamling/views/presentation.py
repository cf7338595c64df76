"""What presentation mode says (pages/presentation.py, kraftsamling.presentation): the steps'
titles and leads, step 3's table of candidates. Swedish source texts, shown through t()."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from kraftsamling import fmt
from kraftsamling.i18n import t

TABLE_ROWS = 6  # candidates in step 3's table: what fits at 1280×720 with the buttons


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    lead: str


# Titles and leads are Swedish source texts, shown through kraftsamling.i18n.t.
STEPS: tuple[Step, ...] = (
    Step(
        "karta",
        "Var finns behoven?",
        "Rekryteringsbehov per 1 000 invånare 20–64 år i de kommuner som svarat.",
    ),
    Step(
        "kluster",
        "Vilka yrken?",
        "Behovet per yrkeskluster, med det YH-utbud som redan finns i samma område.",
    ),
    Step(
        "motiverade",
        "Vad motiverar en ansökan?",
        "Kandidater som når kraven när kommunerna går samman.",
    ),
    Step(
        "grupp",
        "Vilka kommuner bär underlaget?",
        "En kandidat: kommunerna som bidrar och hur mycket.",
    ),
)


def _count(value) -> str:
    return "0" if value is None or pd.isna(value) else fmt.number(int(value))


# Step 3: the candidates.
TABLE_COLUMNS = (
    "Kandidat",
    "Behov",
    "Arbetsgivare",
    "LIA-platser",
    "Kommuner",
    "YH i området (distans)",
)


def candidates_table(table: pd.DataFrame, pooled: set[str], hidden: str) -> tuple[str, int]:
    """Step 3's table as HTML (large type that wraps, never cut or scrolled): TABLE_ROWS
    justified candidates with the columns a room can read, those justified only together first
    (the point of pooling; marked ★), then by need. Returns the HTML and how many candidates
    were left out."""
    if table.empty:
        table = pd.DataFrame(columns=[t(c) for c in TABLE_COLUMNS])
    columns = [t(c) for c in TABLE_COLUMNS if t(c) in table.columns]
    order = table.assign(
        _alone=~table[t("Kandidat")].isin(pooled),
        _need=pd.to_numeric(table.get(t("Behov")), errors="coerce") if t("Behov") in table else 0,
    )
    order = order.sort_values(
        ["_alone", "_need"], ascending=[True, False], na_position="last", kind="stable"
    )
    shown = order.head(TABLE_ROWS)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    rows = []
    for _, row in shown.iterrows():
        cells = []
        for column in columns:
            value = row[column]
            if column == t("Kandidat"):
                mark = " ★" if value in pooled else ""
                cells.append(f'<td class="kandidat">{html.escape(str(value))}{mark}</td>')
            elif value is None or (not isinstance(value, str) and pd.isna(value)):
                cells.append(f"<td>{html.escape(hidden)}</td>")
            elif isinstance(value, str):
                cells.append(f"<td>{html.escape(value)}</td>")
            else:
                cells.append(f"<td>{html.escape(fmt.number(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "".join(rows)
    markup = (
        f'<table class="kraftsamling-present-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
    return markup, max(0, len(table) - len(shown))
