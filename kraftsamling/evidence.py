"""The evidence pack for one candidate: an .xlsx and a .pptx, made offline.

Everything here is drawn from one `EvidenceContext` — the assessment the page shows, the
thresholds it was made with, and the notes that go with it — so the files carry exactly the
figures shown on screen. No browser and no network: the map picture is drawn with matplotlib's
Agg canvas from our committed boundaries (`geo/`), the chart in the slides is a native,
editable PowerPoint chart.

Employer names appear only in the administrators' version (`EvidenceContext.employers` given);
the providers' version contains no organisation name anywhere.

The output is deterministic: the same context gives the same bytes. The files' creation and
modification times are set from `generated_on`, and the zip archives are rewritten with fixed
entry times (the chart's embedded workbook inside the .pptx as well).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import pandas as pd

from kraftsamling import fmt, geo, xlsxsafe
from kraftsamling.assessment import MOTIVATED, NEAR, Assessment, Thresholds

EXAMPLE_BADGE = "Exempeldata"
EXAMPLE_NOTE = (
    "Exempeldata – omgången är genererad av Kraftsamlings egen exempelgenerator, "
    "inte verkliga svar."
)
CROSSWALK_NOTE = (
    "Kopplingen yrke (SSYK 2012) → MYH:s utbildningsområde är Kraftsamlings egen nyckel, "
    "inte en officiell klassificering."
)
BOUNDARY_SOURCE = "Gränser: SCB Digitala gränser 2024 (CC0), förenklade av Kraftsamling"
CLASS_SIZE_NOTE = (
    "Antal studerande per antagning. Standardvärdet 30 är medianen av beviljade platser "
    "per antagning i MYH:s beslut 2020–2025."
)

# ColorBrewer YlGnBu (as the app's map), grey for municipalities outside the pool.
PALETTE = "YlGnBu"
OUTSIDE_POOL_COLOUR = "#e3e3e3"
COUNTY_BORDER_COLOUR = "#252525"
BAR_COLOUR = "#225ea8"
MAX_MAP_LABELS = 15
POOL_NAMES_ON_TITLE = 12  # more than this: the title slide gives the count only
VERDICT_COLOURS = {MOTIVATED: "1a9850", NEAR: "fdae61"}  # otherwise 'Ej motiverad'
NOT_MOTIVATED_COLOUR = "d73027"
TEXT_COLOUR = "262730"
MUTED_COLOUR = "595959"


@dataclass
class EvidenceContext:
    """Everything one evidence pack says, passed in so that the files are reproducible."""

    assessment: Assessment
    thresholds: Thresholds
    names: dict[str, str]  # kommunkod → municipality name
    wave_label: str
    is_example: bool
    horizon_label: str  # e.g. 'Inom 5 år (kumulativt)'
    supply: pd.DataFrame  # education_area, granted, granted_distance, rounds
    sources: list[str]  # Swedish source notes with years
    employers: pd.DataFrame | None = None  # organisation_name, kommunkod, recruits, lia_places
    generated_on: str = "2000-01-01"  # ISO date; fixes the files' timestamps

    @property
    def is_admin_version(self) -> bool:
        return self.employers is not None


# ----------------------------------------------------------------------------- shared pieces


def _check(ctx: EvidenceContext) -> None:
    """The thresholds reported must be the ones the assessment was made with."""
    a, t = ctx.assessment, ctx.thresholds
    required = {c.key: c.required for c in a.criteria}
    expected = {
        "need": t.required_need,
        "employers": t.min_employers,
        "lia": t.required_lia,
        "municipalities": t.min_municipalities,
    }
    if required != expected:
        raise ValueError(
            f"Trösklarna stämmer inte med bedömningen: bedömningen kräver {required}, "
            f"trösklarna ger {expected}"
        )


def _name(ctx: EvidenceContext, kommunkod: str) -> str:
    return ctx.names.get(kommunkod) or _geo_names().get(kommunkod) or kommunkod


@lru_cache(maxsize=1)
def _geo_names() -> dict[str, str]:
    return {
        f["properties"]["kommunkod"]: f["properties"]["name"]
        for f in geo.geojson(geo.MUNICIPALITIES)["features"]
    }


def municipality_table(ctx: EvidenceContext) -> pd.DataFrame:
    """One row per municipality in the pool: kommunkod, name, recruits, employers, lia_places
    and share (of the pool's need), by need, largest first. Pool members without a row in the
    assessment's contributions are listed with zeros."""
    a = ctx.assessment
    rows = a.contributions[["kommunkod", "recruits", "employers", "lia_places"]].copy()
    missing = [k for k in a.pool if k not in set(rows["kommunkod"])]
    if missing:
        zeros = pd.DataFrame({"kommunkod": missing, "recruits": 0, "employers": 0, "lia_places": 0})
        rows = pd.concat([rows, zeros], ignore_index=True)
    for column in ("recruits", "employers", "lia_places"):
        rows[column] = rows[column].astype("int64")
    rows = rows.sort_values(["recruits", "kommunkod"], ascending=[False, True], kind="stable")
    rows.insert(1, "name", [_name(ctx, k) for k in rows["kommunkod"]])
    total = int(rows["recruits"].sum())
    rows["share"] = [r / total if total else None for r in rows["recruits"]]
    return rows.reset_index(drop=True)


def _stamp(ctx: EvidenceContext) -> datetime:
    text = (ctx.generated_on or "").strip()
    for candidate in (text, text[:10]):
        try:
            stamp = datetime.fromisoformat(candidate)
            break
        except ValueError:
            continue
    else:
        stamp = datetime(1980, 1, 1)
    stamp = stamp.replace(tzinfo=None, microsecond=0)
    return max(stamp, datetime(1980, 1, 1))  # the earliest time a zip entry can carry


def _footer_text(ctx: EvidenceContext) -> str:
    parts = [f"Källa: Kraftsamling, kompetenskartläggning {ctx.wave_label}; {ctx.horizon_label}"]
    if ctx.is_example:
        parts.append(EXAMPLE_NOTE)
    parts.append(f"Skapad {ctx.generated_on}")
    return " · ".join(parts)


def _version_text(ctx: EvidenceContext) -> str:
    if ctx.is_admin_version:
        return "Administratörer – innehåller enskilda arbetsgivares svar; lämna inte ut"
    return "Utbildningsanordnare – endast sammanräknade uppgifter"


def _supply_summary(ctx: EvidenceContext) -> str:
    """The existing supply in the candidate's education area, in one sentence."""
    supply = ctx.supply if ctx.supply is not None else pd.DataFrame()
    area = ctx.assessment.education_area
    where = f" inom {area}" if area else ""
    if area is not None and "education_area" in supply:
        supply = supply[supply["education_area"] == area]
    if supply.empty:
        return f"Befintligt utbud{where}: inga beviljade YH-utbildningar i underlaget."

    def total(column: str) -> int:
        if column not in supply:
            return 0
        return int(pd.to_numeric(supply[column], errors="coerce").fillna(0).sum())

    rounds = supply["rounds"].dropna().astype(str) if "rounds" in supply else []
    when = f" ({', '.join(sorted(set(rounds)))})" if len(rounds) else ""
    return (
        f"Befintligt utbud{where}: {fmt.number(total('granted'))} beviljade YH-utbildningar, "
        f"varav {fmt.number(total('granted_distance'))} på distans{when}."
    )


def _intake_facts(a: Assessment) -> list[tuple[str, object, str | None]]:
    """The pooled need per horizon, whether it lasts and the intakes (kraftsamling.assessment)."""
    if getattr(a, "horizon_need", None) is None:
        return []
    need = a.horizon_need
    return [
        ("Behov inom 1 år", need[0], "#,##0"),
        ("Behov om 1–3 år", need[1], "#,##0"),
        ("Behov om 3–5 år", need[2], "#,##0"),
        ("Behovet håller i sig", "Ja" if a.lasting else "Nej", None),
        ("Räcker till antagningar", a.intakes, "#,##0"),
        ("Utbildningsväg", a.education_path or "yh (yrken som YH utbildar för)", None),
    ]


def _pooled_text(ctx: EvidenceContext) -> str:
    a = ctx.assessment
    required = fmt.number(a.criteria[0].required)
    largest = fmt.number(a.max_alone)
    if a.too_small_alone:
        text = f"För litet ensam: största kommunens behov är {largest} mot krav {required}."
        if a.municipalities_needed is not None:
            text += (
                f" Tillräckligt tillsammans: det krävs {fmt.number(a.municipalities_needed)} "
                "kommuner för att nå kravet."
            )
        return text
    return f"Största kommunens behov, {largest}, når kravet {required} på egen hand."


def _threshold_rows(t: Thresholds) -> list[tuple[str, str, float | int, str, str]]:
    """(label, parameter, value, number format, explanation) for every threshold."""
    return [
        ("Klassstorlek", "class_size", t.class_size, "#,##0", CLASS_SIZE_NOTE),
        (
            "Marginal för avhopp",
            "dropout_margin",
            t.dropout_margin,
            "0%",
            "Extra behov för studerande som inte fullföljer utbildningen eller inte tar jobb "
            "i regionen.",
        ),
        (
            "Krav på rekryteringsbehov",
            "required_need",
            t.required_need,
            "#,##0",
            "Härlett: klassstorlek × (1 + marginal), avrundat uppåt. Gruppens samlade behov "
            "över horisonten ska nå kravet.",
        ),
        (
            "Minsta antal arbetsgivare",
            "min_employers",
            t.min_employers,
            "#,##0",
            "Olika arbetsgivare (svarande) med ett behov i gruppen.",
        ),
        (
            "LIA-platser per studerande",
            "lia_per_student",
            t.lia_per_student,
            "0.0",
            "Varje studerande behöver en plats för lärande i arbete (LIA).",
        ),
        (
            "Krav på LIA-platser per år",
            "required_lia",
            t.required_lia,
            "#,##0",
            "Härlett: klassstorlek × LIA-platser per studerande, avrundat uppåt.",
        ),
        (
            "Minsta antal kommuner",
            "min_municipalities",
            t.min_municipalities,
            "#,##0",
            "Kommuner med ett behov större än noll som bidrar till gruppens behov.",
        ),
        (
            "Andel för 'Nära'",
            "near_share",
            t.near_share,
            "0%",
            "Bedömningen blir 'Nära' när inte alla krav är uppfyllda men varje kriterium når "
            "minst denna andel av sitt krav; annars 'Ej motiverad'.",
        ),
    ]


def _percent(share: float) -> str:
    value = round(share * 100, 1)
    return f"{fmt.number(value, 0 if float(value).is_integer() else 1)} %"


def _notes(ctx: EvidenceContext) -> list[str]:
    notes = [CROSSWALK_NOTE, BOUNDARY_SOURCE + "."]
    if ctx.is_example:
        notes.insert(0, EXAMPLE_NOTE)
    return notes


# ------------------------------------------------------------------------ deterministic zips


_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _deterministic_zip(blob: bytes, stamp: datetime) -> bytes:
    """Rewrite an OOXML package with fixed entry times and fixed core-property times;
    embedded workbooks (a chart's data) are rewritten the same way."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = stamp.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _CORE_TIME.sub(lambda m: m.group(1) + iso + m.group(3), data)
            elif entry.filename.endswith((".xlsx", ".xlsm")):
                data = _deterministic_zip(data, stamp)
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


# ------------------------------------------------------------------------------------- .xlsx


def evidence_xlsx(ctx: EvidenceContext) -> bytes:
    """The evidence workbook: Sammanfattning, Kommuner, Trösklar, Utbud, Källor and — only
    in the administrators' version — Arbetsgivare."""
    from openpyxl import Workbook

    _check(ctx)
    stamp = _stamp(ctx)
    wb = Workbook()
    wb.properties.creator = "Kraftsamling"
    wb.properties.lastModifiedBy = "Kraftsamling"
    wb.properties.title = f"Ansökningsunderlag: {ctx.assessment.label}"
    wb.properties.subject = ctx.assessment.verdict
    wb.properties.keywords = EXAMPLE_BADGE if ctx.is_example else None
    wb.properties.created = stamp
    wb.properties.modified = stamp

    _summary_sheet(wb.active, ctx)
    _municipalities_sheet(wb.create_sheet("Kommuner"), ctx)
    _thresholds_sheet(wb.create_sheet("Trösklar"), ctx)
    _supply_sheet(wb.create_sheet("Utbud"), ctx)
    _sources_sheet(wb.create_sheet("Källor"), ctx)
    if ctx.employers is not None:
        _employers_sheet(wb.create_sheet("Arbetsgivare"), ctx)

    for ws in wb.worksheets:
        ws.oddFooter.left.text = _footer_text(ctx).replace("&", "&&")
        ws.oddFooter.left.size = 8
        if ctx.is_example:
            ws.oddHeader.center.text = EXAMPLE_BADGE.upper()
            ws.oddHeader.center.color = "C00000"
            ws.sheet_properties.tabColor = "FFC000"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    buffer = io.BytesIO()
    xlsxsafe.text_only(wb)  # values from answers are text, never formulas
    wb.save(buffer)
    return _deterministic_zip(buffer.getvalue(), stamp)


def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "bold": Font(bold=True),
        "title": Font(bold=True, size=14),
        "header_fill": PatternFill("solid", fgColor="DCE6F1"),
        "example": Font(bold=True, size=12, color="C00000"),
        "example_fill": PatternFill("solid", fgColor="FFF2CC"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
    }


def _header(ws, row: int, headers: list[str]) -> None:
    s = _styles()
    for column, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=column, value=text)
        cell.font = s["bold"]
        cell.fill = s["header_fill"]


def _widths(ws, minimum: int = 8, maximum: int = 60, fixed: dict[str, int] | None = None):
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            text = fmt.number(value, 1) if isinstance(value, float) else str(value)
            widths[cell.column] = max(widths.get(cell.column, 0), len(text) + 2)
    for column, width in widths.items():
        letter = get_column_letter(column)
        ws.column_dimensions[letter].width = max(minimum, min(maximum, width))
    for letter, width in (fixed or {}).items():
        ws.column_dimensions[letter].width = width


def _summary_sheet(ws, ctx: EvidenceContext) -> None:
    s = _styles()
    a = ctx.assessment
    ws.title = "Sammanfattning"
    ws["A1"] = f"Ansökningsunderlag: {a.label}"
    ws["A1"].font = s["title"]
    row = 2
    if ctx.is_example:
        ws.cell(row=row, column=1, value=f"{EXAMPLE_BADGE.upper()}: {EXAMPLE_NOTE}")
        for column in range(1, 6):
            ws.cell(row=row, column=column).fill = s["example_fill"]
        ws.cell(row=row, column=1).font = s["example"]
        row += 1
    row += 1
    facts: list[tuple[str, object, str | None]] = [
        ("Kandidat", a.label, None),
        ("Kandidat-id", a.candidate_id, None),
        ("Utbildningsområde", a.education_area or "–", None),
        ("Bedömning", a.verdict, None),
        ("Skäl", a.reasons, None),
        ("Rekryteringsbehov", a.recruits, "#,##0"),
        ("Krav på rekryteringsbehov", a.criteria[0].required, "#,##0"),
        ("Arbetsgivare", a.employers, "#,##0"),
        ("LIA-platser per år", a.lia_places, "#,##0"),
        ("Kommuner i gruppen", len(a.pool), "#,##0"),
        ("Kommuner som bidrar", a.municipalities, "#,##0"),
        ("Största kommunens behov", a.max_alone, "#,##0"),
        ("För litet ensam", "Ja" if a.too_small_alone else "Nej", None),
        ("Kommuner som krävs", a.municipalities_needed, "#,##0"),
        *_intake_facts(a),  # issue 10, part 3
        ("Samlat", _pooled_text(ctx), None),
        ("Befintligt utbud", _supply_summary(ctx), None),
        ("Horisont", ctx.horizon_label, None),
        ("Omgång", ctx.wave_label, None),
        ("Underlag", EXAMPLE_BADGE if ctx.is_example else "Enkätsvar", None),
        ("Version", _version_text(ctx), None),
        ("Skapad", ctx.generated_on, None),
    ]
    for label, value, number_format in facts:
        ws.cell(row=row, column=1, value=label).font = s["bold"]
        cell = ws.cell(row=row, column=2, value=value)
        cell.alignment = s["wrap"]
        if number_format:
            cell.number_format = number_format
        if label == "Bedömning":
            from openpyxl.styles import Font

            colour = VERDICT_COLOURS.get(a.verdict, NOT_MOTIVATED_COLOUR)
            cell.font = Font(bold=True, size=12, color=colour.upper())
        if label == "Underlag" and ctx.is_example:
            cell.font = s["example"]
            cell.fill = s["example_fill"]
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Kriterier").font = s["title"]
    row += 1
    _header(ws, row, ["Kriterium", "Värde", "Krav", "Uppfyllt", "Skäl"])
    row += 1
    for criterion in a.criteria:
        ws.cell(row=row, column=1, value=criterion.label)
        ws.cell(row=row, column=2, value=criterion.value).number_format = "#,##0"
        ws.cell(row=row, column=3, value=criterion.required).number_format = "#,##0"
        ws.cell(row=row, column=4, value="Ja" if criterion.met else "Nej")
        ws.cell(row=row, column=5, value=criterion.reason())
        row += 1
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 10
    ws.column_dimensions["E"].width = 32
    ws.freeze_panes = "A2"


def _municipalities_sheet(ws, ctx: EvidenceContext) -> None:
    s = _styles()
    a = ctx.assessment
    table = municipality_table(ctx)
    headers = [
        "Kommun",
        "Kommunkod",
        "Rekryteringsbehov",
        "Arbetsgivare",
        "LIA-platser per år",
        "Andel av gruppens behov",
    ]
    _header(ws, 1, headers)
    row = 2
    for item in table.itertuples(index=False):
        ws.cell(row=row, column=1, value=item.name)
        ws.cell(row=row, column=2, value=str(item.kommunkod))
        for column, value in ((3, item.recruits), (4, item.employers), (5, item.lia_places)):
            ws.cell(row=row, column=column, value=int(value)).number_format = "#,##0"
        share = None if item.share is None or pd.isna(item.share) else float(item.share)
        ws.cell(row=row, column=6, value=share).number_format = "0.0%"
        row += 1
    totals = ("Summa", None, a.recruits, a.employers, a.lia_places, 1.0 if a.recruits else None)
    for column, value in enumerate(totals, start=1):
        cell = ws.cell(row=row, column=column, value=value)
        cell.font = s["bold"]
        cell.number_format = "0.0%" if column == 6 else "#,##0"
    row += 1
    required = ("Krav", None, a.criteria[0].required, a.criteria[1].required)
    required += (a.criteria[2].required, None)
    for column, value in enumerate(required, start=1):
        cell = ws.cell(row=row, column=column, value=value)
        cell.number_format = "#,##0"
    row += 2
    ws.cell(row=row, column=1, value=f"{ctx.horizon_label}; omgång {ctx.wave_label}.")
    ws.cell(row=row + 1, column=1, value=_pooled_text(ctx))
    ws.freeze_panes = "A2"
    _widths(ws, fixed={"A": 24})


def _thresholds_sheet(ws, ctx: EvidenceContext) -> None:
    s = _styles()
    _header(ws, 1, ["Tröskel", "Värde", "Förklaring", "Parameter"])
    for row, (label, key, value, number_format, text) in enumerate(
        _threshold_rows(ctx.thresholds), start=2
    ):
        ws.cell(row=row, column=1, value=label)
        ws.cell(row=row, column=2, value=value).number_format = number_format
        ws.cell(row=row, column=3, value=text).alignment = s["wrap"]
        ws.cell(row=row, column=4, value=key)
    ws.freeze_panes = "A2"
    _widths(ws, fixed={"A": 30, "B": 10, "C": 90})


SUPPLY_HEADERS = {
    "education_area": "Utbildningsområde",
    "granted": "Beviljade utbildningar",
    "granted_distance": "Varav på distans",
    "rounds": "Ansökningsomgångar",
}


def _supply_sheet(ws, ctx: EvidenceContext) -> None:
    supply = ctx.supply if ctx.supply is not None else pd.DataFrame(columns=list(SUPPLY_HEADERS))
    columns = [c for c in SUPPLY_HEADERS if c in supply.columns]
    columns += [c for c in supply.columns if c not in SUPPLY_HEADERS]
    _header(ws, 1, [SUPPLY_HEADERS.get(c, str(c)) for c in columns])
    row = 2
    for record in supply[columns].itertuples(index=False):
        for column, value in enumerate(record, start=1):
            cell = ws.cell(row=row, column=column, value=_cell_value(value))
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = "#,##0"
        row += 1
    if supply.empty:
        ws.cell(row=row, column=1, value="Inga beviljade YH-utbildningar i underlaget.")
        row += 1
    row += 1
    ws.cell(
        row=row,
        column=1,
        value="Befintligt utbud i gruppens område enligt MYH:s beslut; en lucka som redan "
        "är fylld är svagare belägg.",
    )
    ws.freeze_panes = "A2"
    _widths(ws, maximum=40)


def _cell_value(value):
    """A plain Python value for openpyxl: numbers stay numbers, missing stays empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sources_sheet(ws, ctx: EvidenceContext) -> None:
    s = _styles()
    _header(ws, 1, ["Källa och år"])
    row = 2
    for source in ctx.sources:
        ws.cell(row=row, column=1, value=source).alignment = s["wrap"]
        row += 1
    ws.cell(
        row=row, column=1, value=f"Kompetenskartläggning: Kraftsamling, omgång {ctx.wave_label}"
    )
    row += 2
    ws.cell(row=row, column=1, value="Anmärkningar").font = s["bold"]
    row += 1
    for note in _notes(ctx):
        cell = ws.cell(row=row, column=1, value=note)
        cell.alignment = s["wrap"]
        if note == EXAMPLE_NOTE:
            cell.font = s["example"]
        row += 1
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 110


def _employers_sheet(ws, ctx: EvidenceContext) -> None:
    employers = ctx.employers.copy()
    employers["kommunkod"] = employers["kommunkod"].astype(str)
    employers = employers[employers["kommunkod"].isin(ctx.assessment.pool)]
    employers = employers.sort_values(
        ["recruits", "organisation_name"], ascending=[False, True], kind="stable"
    )
    _header(
        ws,
        1,
        ["Organisation", "Kommun", "Kommunkod", "Rekryteringsbehov", "LIA-platser per år"],
    )
    row = 2
    for item in employers.itertuples(index=False):
        ws.cell(row=row, column=1, value=str(item.organisation_name))
        ws.cell(row=row, column=2, value=_name(ctx, item.kommunkod))
        ws.cell(row=row, column=3, value=item.kommunkod)
        ws.cell(row=row, column=4, value=_cell_value(item.recruits)).number_format = "#,##0"
        ws.cell(row=row, column=5, value=_cell_value(item.lia_places)).number_format = "#,##0"
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=_version_text(ctx))
    ws.freeze_panes = "A2"
    _widths(ws, maximum=50)


# ---------------------------------------------------------------------------------- the map


@lru_cache(maxsize=1)
def _layers():
    """Municipalities and counties in SWEREF99 TM (EPSG:3006), for an undistorted map."""
    import geopandas as gpd

    def load(name: str) -> gpd.GeoDataFrame:
        features = geo.geojson(name)["features"]
        return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326").to_crs("EPSG:3006")

    return load(geo.MUNICIPALITIES), load(geo.COUNTIES)


def _path(geometry):
    """A matplotlib Path of a (multi)polygon, holes included."""
    import numpy as np
    from matplotlib.path import Path
    from shapely.geometry.polygon import orient

    polygons = getattr(geometry, "geoms", [geometry])
    vertices, codes = [], []
    for polygon in polygons:
        polygon = orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            vertices.append(xy)
            codes.append([Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY])
    return Path(np.concatenate(vertices), np.concatenate(codes))


def map_png(ctx: EvidenceContext, width_px: int = 1200) -> bytes:
    """The region's map as a PNG: the pool's municipalities coloured by their need, the
    rest light grey, county borders drawn. Drawn with matplotlib's Agg canvas (no pyplot,
    no browser, no basemap, no network)."""
    import numpy as np
    from matplotlib import colormaps
    from matplotlib import patheffects as pe
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PatchCollection
    from matplotlib.colorbar import ColorbarBase
    from matplotlib.colors import ListedColormap, Normalize
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, PathPatch
    from matplotlib.ticker import MaxNLocator

    municipalities, counties = _layers()
    table = municipality_table(ctx).set_index("kommunkod")
    pool = set(ctx.assessment.pool)
    top = int(table["recruits"].max()) if len(table) else 0
    cmap = ListedColormap(colormaps[PALETTE](np.linspace(0.25, 1.0, 256)))
    norm = Normalize(vmin=0, vmax=max(top, 1))

    minx, miny, maxx, maxy = municipalities.total_bounds
    pad = 0.03 * (maxx - minx)
    minx, maxx, miny, maxy = minx - pad, maxx + pad, miny - pad, maxy + pad
    width_in = 6.0  # fixed, so text keeps its size relative to the map at any width
    dpi = width_px / width_in
    height_in = width_in * (maxy - miny) / (maxx - minx)
    fig = Figure(figsize=(width_in, height_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal")

    faces, hatched, labels = [], [], []
    for record in municipalities.itertuples(index=False):
        kod = record.kommunkod
        patch = PathPatch(_path(record.geometry))
        if kod not in pool:
            faces.append((patch, OUTSIDE_POOL_COLOUR))
            continue
        recruits = int(table.loc[kod, "recruits"]) if kod in table.index else 0
        if recruits > 0:
            faces.append((patch, cmap(norm(recruits))))
            point = record.geometry.representative_point()
            labels.append((recruits, _name(ctx, kod), point.x, point.y))
        else:
            hatched.append(PathPatch(_path(record.geometry)))
    ax.add_collection(
        PatchCollection(
            [p for p, _ in faces],
            facecolors=[c for _, c in faces],
            edgecolors="white",
            linewidths=0.5,
        )
    )
    if hatched:
        ax.add_collection(
            PatchCollection(
                hatched, facecolor="white", edgecolor="#969696", hatch="////", linewidths=0.4
            )
        )
    ax.add_collection(
        PatchCollection(
            [PathPatch(_path(g)) for g in counties.geometry],
            facecolor="none",
            edgecolor=COUNTY_BORDER_COLOUR,
            linewidths=1.2,
        )
    )
    halo = [pe.withStroke(linewidth=2.2, foreground="white")]
    labels.sort(key=lambda item: (-item[0], item[1]))
    # Largest needs first; a label too close to one already placed is left out.
    placed: list[tuple[float, float]] = []
    spacing = 0.08 * (maxx - minx)
    for recruits, name, x, y in labels:
        if len(placed) >= MAX_MAP_LABELS or any(
            math.hypot(x - px, y - py) < spacing for px, py in placed
        ):
            continue
        placed.append((x, y))
        ax.text(
            x,
            y,
            f"{name}\n{fmt.number(recruits)}",
            ha="center",
            va="center",
            fontsize=5.5,
            color="#111111",
            path_effects=halo,
            linespacing=1.0,
        )

    # Legend in the empty south-east (the Gulf of Bothnia), colour bar in the north-west.
    handles = [Line2D([0], [0], color=COUNTY_BORDER_COLOUR, linewidth=1.2, label="Länsgräns")]
    if any(kod not in pool for kod in municipalities["kommunkod"]):
        handles.insert(
            0,
            Patch(facecolor=OUTSIDE_POOL_COLOUR, edgecolor="#bdbdbd", label="Ingår inte i gruppen"),
        )
    if hatched:
        handles.insert(
            len(handles) - 1,
            Patch(
                facecolor="white", edgecolor="#969696", hatch="////", label="I gruppen, inget behov"
            ),
        )
    ax.legend(handles=handles, loc="lower right", fontsize=6, frameon=False)
    cax = fig.add_axes((0.05, 0.80, 0.035, 0.16))
    bar = ColorbarBase(cax, cmap=cmap, norm=norm, orientation="vertical")
    bar.set_label("Rekryteringsbehov", fontsize=6)
    bar.ax.tick_params(labelsize=5.5)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    bar.ax.yaxis.set_major_formatter(_swedish_ticks())
    bar.outline.set_linewidth(0.4)

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _swedish_ticks():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: fmt.number(value, 0 if value == int(value) else 1))


# ------------------------------------------------------------------------------------- .pptx


def evidence_pptx(ctx: EvidenceContext) -> bytes:
    """Five 16:9 slides: title and verdict, key figures and reasons, a native bar chart of
    need per municipality, the map, thresholds and sources."""
    from pptx import Presentation
    from pptx.util import Inches

    _check(ctx)
    stamp = _stamp(ctx)
    prs = Presentation()
    prs.slide_width = Inches(13.333)
    prs.slide_height = Inches(7.5)
    props = prs.core_properties
    props.title = f"Ansökningsunderlag: {ctx.assessment.label}"
    props.author = "Kraftsamling"
    props.last_modified_by = "Kraftsamling"
    props.subject = ctx.assessment.verdict
    props.keywords = EXAMPLE_BADGE if ctx.is_example else ""
    props.revision = 1
    props.comments = "Ansökningsunderlag från Kraftsamling"
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp

    builders = (_title_slide, _figures_slide, _chart_slide, _map_slide, _thresholds_slide)
    for number, build in enumerate(builders, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
        build(slide, ctx)
        _slide_footer(slide, ctx, number, len(builders))

    buffer = io.BytesIO()
    prs.save(buffer)
    return _deterministic_zip(buffer.getvalue(), stamp)


def _rgb(hex_colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(
    slide,
    left: float,
    top: float,
    width: float,
    height: float,
    paragraphs: str | list[str],
    size: float = 18,
    bold: bool = False,
    colour: str = TEXT_COLOUR,
    align=None,
    fill: str | None = None,
    heading: bool = False,
):
    """A text box; sizes in inches, font size in points; `heading`: the first paragraph bold."""
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(fill)
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = text
        if align is not None:
            paragraph.alignment = align
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold or (heading and index == 0)
            run.font.color.rgb = _rgb(colour)
    return box


def _slide_title(slide, text: str) -> None:
    _text(slide, 0.6, 0.35, 12.1, 0.9, text, size=28, bold=True)


def _slide_footer(slide, ctx: EvidenceContext, number: int, total: int) -> None:
    _text(slide, 0.6, 6.95, 11.2, 0.4, _footer_text(ctx), size=9, colour=MUTED_COLOUR)
    _text(slide, 11.9, 6.95, 0.9, 0.4, f"{number}/{total}", size=9, colour=MUTED_COLOUR)


def _example_badge(slide, left: float, top: float) -> None:
    from pptx.enum.text import PP_ALIGN

    _text(
        slide,
        left,
        top,
        2.2,
        0.5,
        EXAMPLE_BADGE.upper(),
        size=16,
        bold=True,
        colour="C00000",
        align=PP_ALIGN.CENTER,
        fill="FFF2CC",
    )


def _title_slide(slide, ctx: EvidenceContext) -> None:
    from pptx.enum.text import PP_ALIGN

    a = ctx.assessment
    if ctx.is_example:
        _example_badge(slide, 10.5, 0.4)
    _text(
        slide,
        0.8,
        1.2,
        11.5,
        0.5,
        "Ansökningsunderlag, YH-utbildning på distans",
        size=18,
        colour=MUTED_COLOUR,
    )
    _text(slide, 0.8, 1.8, 11.5, 1.2, a.label, size=40, bold=True)
    if a.education_area:
        _text(slide, 0.8, 3.0, 11.5, 0.5, f"Utbildningsområde: {a.education_area}", size=20)
    colour = VERDICT_COLOURS.get(a.verdict, NOT_MOTIVATED_COLOUR)
    _text(
        slide,
        0.8,
        3.8,
        4.2,
        0.9,
        a.verdict,
        size=32,
        bold=True,
        colour="FFFFFF" if a.verdict != NEAR else TEXT_COLOUR,
        align=PP_ALIGN.CENTER,
        fill=colour,
    )
    if len(a.pool) <= POOL_NAMES_ON_TITLE:
        pool_names = ", ".join(sorted(_name(ctx, k) for k in a.pool))
        pool_line = f"Gruppen ({fmt.number(len(a.pool))} kommuner): {pool_names}"
    else:
        pool_line = (
            f"Gruppen: {fmt.number(len(a.pool))} kommuner, varav {fmt.number(a.municipalities)} "
            "med ett behov (se kartan och arbetsboken)"
        )
    _text(
        slide,
        0.8,
        5.0,
        11.5,
        1.6,
        [
            f"Omgång: {ctx.wave_label} · {ctx.horizon_label}",
            pool_line,
        ]
        + ([EXAMPLE_NOTE] if ctx.is_example else []),
        size=16,
    )


def _figures_slide(slide, ctx: EvidenceContext) -> None:
    from pptx.util import Inches, Pt

    a = ctx.assessment
    _slide_title(slide, f"{a.label}: {a.verdict}")
    rows, columns = len(a.criteria) + 1, 4
    shape = slide.shapes.add_table(
        rows, columns, Inches(0.6), Inches(1.4), Inches(7.2), Inches(2.6)
    )
    table = shape.table
    for column, width in enumerate((3.0, 1.4, 1.4, 1.4)):
        table.columns[column].width = Inches(width)
    cells = [["Kriterium", "Värde", "Krav", "Uppfyllt"]]
    cells += [
        [c.label, fmt.number(c.value), fmt.number(c.required), "Ja" if c.met else "Nej"]
        for c in a.criteria
    ]
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(18)
                    run.font.bold = r == 0
    _text(
        slide,
        8.2,
        1.4,
        4.6,
        2.6,
        ["Skäl", a.reasons],
        size=18,
        heading=True,
    )
    _text(
        slide,
        0.6,
        4.4,
        12.1,
        2.4,
        [
            _pooled_text(ctx),
            _supply_summary(ctx),
            f"Horisont: {ctx.horizon_label}. Omgång: {ctx.wave_label}.",
        ],
        size=16,
    )


def _chart_slide(slide, ctx: EvidenceContext) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Inches, Pt

    a = ctx.assessment
    required = a.criteria[0].required
    _slide_title(
        slide,
        f"Rekryteringsbehov per kommun: sammanlagt {fmt.number(a.recruits)} mot krav "
        f"{fmt.number(required)}",
    )
    table = municipality_table(ctx)
    shown = table[table["recruits"] > 0]
    if shown.empty:
        _text(slide, 0.6, 1.4, 12.1, 1.0, "Ingen kommun i gruppen har ett behov.", size=20)
        return
    data = CategoryChartData(number_format="#,##0")
    data.categories = list(shown["name"])
    data.add_series("Rekryteringsbehov", [int(v) for v in shown["recruits"]])
    height = min(5.5, max(2.0, 0.35 * len(shown) + 0.8))
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.6), Inches(1.3), Inches(8.4), Inches(height), data
    )
    chart = frame.chart
    chart.has_legend = False
    size = Pt(12 if len(shown) <= 15 else 9 if len(shown) <= 25 else 7)
    chart.font.size = size
    chart.category_axis.reverse_order = True  # largest need at the top, as in the table
    chart.category_axis.tick_labels.font.size = size
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = _rgb("D9D9D9")
    chart.value_axis.tick_labels.number_format = "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.number_format = "#,##0"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = size
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _rgb(BAR_COLOUR)

    t = ctx.thresholds
    caption = [
        f"Kravet gäller gruppens samlade behov: klassstorlek {fmt.number(t.class_size)} "
        f"+ {_percent(t.dropout_margin)} marginal = {fmt.number(required)}.",
        _pooled_text(ctx),
        f"{fmt.number(len(shown))} av {fmt.number(len(table))} kommuner i gruppen har ett behov.",
        f"Horisont: {ctx.horizon_label}.",
    ]
    _text(slide, 9.3, 1.4, 3.5, 5.0, caption, size=14)


def _map_slide(slide, ctx: EvidenceContext) -> None:
    from pptx.util import Inches

    a = ctx.assessment
    _slide_title(slide, f"Kommunerna som bidrar: {a.label}")
    png = map_png(ctx, width_px=1200)
    # The region is tall: fit the picture to the height between title and footer.
    slide.shapes.add_picture(io.BytesIO(png), Inches(0.6), Inches(1.2), height=Inches(5.7))
    top = municipality_table(ctx)
    top = top[top["recruits"] > 0].head(8)
    lines = [
        "Färg: rekryteringsbehov per kommun i gruppen (mörkare = större).",
        "Grått: kommuner som inte ingår i gruppen. Svarta linjer: länsgränser.",
        f"Sammanlagt {fmt.number(a.recruits)} mot krav {fmt.number(a.criteria[0].required)}; "
        f"{fmt.number(a.municipalities)} kommuner bidrar.",
    ]
    lines += [f"{row.name}: {fmt.number(row.recruits)}" for row in top.itertuples(index=False)]
    lines.append(BOUNDARY_SOURCE + ".")
    _text(slide, 5.4, 1.4, 7.3, 5.3, lines, size=14)


def _thresholds_slide(slide, ctx: EvidenceContext) -> None:
    from pptx.util import Inches, Pt

    _slide_title(slide, "Trösklar och källor")
    rows = _threshold_rows(ctx.thresholds)
    shape = slide.shapes.add_table(
        len(rows) + 1, 2, Inches(0.6), Inches(1.3), Inches(5.6), Inches(0.4 * (len(rows) + 1))
    )
    table = shape.table
    table.columns[0].width = Inches(4.0)
    table.columns[1].width = Inches(1.6)
    cells = [("Tröskel", "Värde")]
    for label, _key, value, number_format, _explanation in rows:
        if number_format == "0%":
            shown = _percent(value)
        elif number_format == "0.0":
            shown = fmt.number(value, 1)
        else:
            shown = fmt.number(value)
        cells.append((label, shown))
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(14)
                    run.font.bold = r == 0
    _text(slide, 0.6, 5.2, 5.6, 1.6, CLASS_SIZE_NOTE, size=12, colour=MUTED_COLOUR)
    sources = ["Källor"] + [f"• {s}" for s in ctx.sources]
    sources.append(f"• Kompetenskartläggning: Kraftsamling, omgång {ctx.wave_label}")
    sources += [f"• {note}" for note in _notes(ctx)]
    _text(slide, 6.8, 1.3, 6.0, 5.5, sources, size=13, heading=True)


__all__ = [
    "EXAMPLE_BADGE",
    "EvidenceContext",
    "evidence_pptx",
    "evidence_xlsx",
    "map_png",
    "municipality_table",
]
