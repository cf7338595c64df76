"""The evidence pack: the files open with openpyxl and python-pptx and carry the figures shown
on screen; the providers' version names no organisation; example data says so."""

from __future__ import annotations

import html
import io
import re
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from kraftsamling import assessment, evidence
from kraftsamling.evidence import EvidenceContext, evidence_pptx, evidence_xlsx, map_png

NAMES = {
    "2422": "Sorsele",
    "2421": "Storuman",
    "2481": "Lycksele",
    "2418": "Malå",
    "2506": "Arjeplog",
    "2403": "Bjurholm",
}
# Respondents of a synthetic wave: (organisation, kommunkod, recruits, LIA places a year).
EMPLOYERS = [
    ("Lappmarkens Vård och Omsorg AB", "2481", 8, 6),
    ("Lyckselehemmet Ekonomisk Förening", "2481", 4, 3),
    ("Ansiaåns Assistans HB", "2481", 2, 1),
    ("Storumans Hemtjänst i Samverkan", "2421", 6, 4),
    ("Tärnaby Fjällomsorg AB", "2421", 3, 3),
    ("Sorsele Åkeri & Omsorg AB", "2422", 5, 4),
    ("Gargnäs Gårdsboende Ideell Förening", "2422", 2, 2),
    ("Malå Silverbo Stiftelse", "2418", 5, 4),
    ("Arjeplogs Vårdkooperativ Ek För", "2506", 4, 3),
    ("Laisvall Personlig Assistans AB", "2506", 2, 2),
]
POOL = ["2422", "2421", "2481", "2418", "2506", "2403"]  # Bjurholm answers nothing


def _employers() -> pd.DataFrame:
    return pd.DataFrame(
        EMPLOYERS, columns=["organisation_name", "kommunkod", "recruits", "lia_places"]
    )


def _contributions() -> pd.DataFrame:
    frame = (
        _employers()
        .groupby("kommunkod", as_index=False)
        .agg(
            recruits=("recruits", "sum"),
            employers=("organisation_name", "nunique"),
            lia_places=("lia_places", "sum"),
        )
    )
    return frame


def _context(
    thresholds: assessment.Thresholds | None = None,
    *,
    admin: bool = False,
    is_example: bool = True,
) -> EvidenceContext:
    thresholds = thresholds or assessment.Thresholds()
    result = assessment.assess(
        "5321",
        "Undersköterskor, hemtjänst, hemsjukvård och äldreboende",
        "Hälso- och sjukvård samt socialt arbete",
        _contributions(),
        POOL,
        thresholds,
    )
    supply = pd.DataFrame(
        {
            "education_area": ["Hälso- och sjukvård samt socialt arbete"],
            "granted": [3],
            "granted_distance": [1],
            "rounds": ["2018–2025"],
        }
    )
    return EvidenceContext(
        assessment=result,
        thresholds=thresholds,
        names=NAMES,
        wave_label="Hösten 2025",
        is_example=is_example,
        horizon_label="Inom 5 år (kumulativt)",
        supply=supply,
        sources=[
            "Befolkning 20–64 år: SCB 31 dec 2019",
            "Beviljade YH-utbildningar: MYH 2018–2025",
        ],
        employers=_employers() if admin else None,
        generated_on="2026-02-10",
    )


@pytest.fixture(scope="module")
def ctx() -> EvidenceContext:
    return _context()


@pytest.fixture(scope="module")
def admin_ctx() -> EvidenceContext:
    return _context(admin=True)


@pytest.fixture(scope="module")
def xlsx(ctx) -> bytes:
    return evidence_xlsx(ctx)


@pytest.fixture(scope="module")
def pptx(ctx) -> bytes:
    return evidence_pptx(ctx)


@pytest.fixture(scope="module")
def admin_files(admin_ctx) -> tuple[bytes, bytes]:
    return evidence_xlsx(admin_ctx), evidence_pptx(admin_ctx)


def _workbook(blob: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(blob))


def _row(ws, first: str) -> tuple:
    """The first row whose first cell is `first`."""
    for row in ws.iter_rows(values_only=True):
        if row[0] == first:
            return row
    raise AssertionError(f"no row {first!r} in {ws.title}")


def _table(ws) -> list[dict]:
    """The rows under the header row of a sheet, as dicts, up to the first blank row."""
    rows = ws.iter_rows(values_only=True)
    header = next(rows)
    out = []
    for row in rows:
        if row[0] is None:
            break
        out.append(dict(zip(header, row, strict=False)))
    return out


def _texts(blob: bytes) -> str:
    """Every text part of an OOXML package, embedded packages (a chart's workbook) included,
    with XML character references resolved."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if data[:2] == b"PK":
                parts.append(_texts(data))
            else:
                parts.append(html.unescape(data.decode("utf-8", errors="ignore")))
    return "\n".join(parts)


def _slide_texts(prs) -> list[str]:
    texts = []
    for slide in prs.slides:
        chunks = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                chunks.append(shape.text_frame.text)
            if shape.has_table:
                chunks += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append("\n".join(chunks))
    return texts


def test_the_synthetic_case_is_too_small_alone_and_motivated_together(ctx):
    a = ctx.assessment
    assert a.verdict == assessment.MOTIVATED
    assert a.too_small_alone
    assert a.recruits == 41 and a.employers == 10 and a.lia_places == 32


def test_the_workbook_summary_shows_the_verdict_and_reasons_shown_on_screen(ctx, xlsx):
    wb = _workbook(xlsx)
    assert wb.sheetnames == ["Sammanfattning", "Kommuner", "Trösklar", "Utbud", "Källor"]
    ws = wb["Sammanfattning"]
    assert _row(ws, "Bedömning")[1] == ctx.assessment.verdict
    assert _row(ws, "Skäl")[1] == ctx.assessment.reasons
    assert _row(ws, "Kandidat")[1] == ctx.assessment.label
    assert _row(ws, "Horisont")[1] == "Inom 5 år (kumulativt)"
    assert _row(ws, "Omgång")[1] == "Hösten 2025"
    assert _row(ws, "Rekryteringsbehov")[1] == ctx.assessment.recruits
    assert _row(ws, "Krav på rekryteringsbehov")[1] == 36


def test_the_criteria_table_has_one_row_per_criterion_with_its_reason(ctx, xlsx):
    ws = _workbook(xlsx)["Sammanfattning"]
    rows = list(ws.iter_rows(values_only=True))
    start = next(
        i for i, row in enumerate(rows) if row[:4] == ("Kriterium", "Värde", "Krav", "Uppfyllt")
    )
    table = rows[start + 1 : start + 1 + len(ctx.assessment.criteria)]
    for row, criterion in zip(table, ctx.assessment.criteria, strict=True):
        assert row == (
            criterion.label,
            criterion.value,
            criterion.required,
            "Ja" if criterion.met else "Nej",
            criterion.reason(),
        )


def test_the_municipality_sheet_adds_up_to_the_assessment_and_matches_each_contribution(ctx, xlsx):
    ws = _workbook(xlsx)["Kommuner"]
    rows = _table(ws)
    by_code = {row["Kommunkod"]: row for row in rows if row["Kommun"] not in ("Summa", "Krav")}
    contributions = ctx.assessment.contributions.set_index("kommunkod")
    for kod, item in contributions.iterrows():
        row = by_code[kod]
        assert row["Kommun"] == NAMES[kod]
        assert row["Rekryteringsbehov"] == item["recruits"]
        assert row["Arbetsgivare"] == item["employers"]
        assert row["LIA-platser per år"] == item["lia_places"]
        assert row["Andel av gruppens behov"] == pytest.approx(
            item["recruits"] / ctx.assessment.recruits
        )
    # Bjurholm is in the pool without a need: listed, with zeros.
    assert by_code["2403"]["Rekryteringsbehov"] == 0
    assert set(by_code) == set(POOL)
    recruits = [row["Rekryteringsbehov"] for row in rows if row["Kommun"] not in ("Summa", "Krav")]
    assert recruits == sorted(recruits, reverse=True)

    total = _row(ws, "Summa")
    assert total[2:5] == (
        ctx.assessment.recruits,
        ctx.assessment.employers,
        ctx.assessment.lia_places,
    )
    assert sum(recruits) == ctx.assessment.recruits
    assert _row(ws, "Krav")[2] == ctx.assessment.criteria[0].required


def test_the_thresholds_sheet_states_class_size_30_and_required_need_36_by_default(xlsx):
    ws = _workbook(xlsx)["Trösklar"]
    class_size = _row(ws, "Klassstorlek")
    assert class_size[1] == 30
    assert "median" in class_size[2] and "2020–2025" in class_size[2] and "MYH" in class_size[2]
    assert _row(ws, "Krav på rekryteringsbehov")[1] == 36
    assert _row(ws, "Marginal för avhopp")[1] == pytest.approx(0.20)
    assert _row(ws, "Minsta antal arbetsgivare")[1] == 5
    assert _row(ws, "LIA-platser per studerande")[1] == pytest.approx(1.0)
    assert _row(ws, "Krav på LIA-platser per år")[1] == 30
    assert _row(ws, "Minsta antal kommuner")[1] == 2
    assert all(row[2] for row in ws.iter_rows(min_row=2, values_only=True))  # every one explained


def test_changed_thresholds_are_the_ones_reported():
    raised = assessment.Thresholds(class_size=40, min_employers=12)
    ctx = _context(raised)
    wb = _workbook(evidence_xlsx(ctx))
    assert _row(wb["Trösklar"], "Klassstorlek")[1] == 40
    assert _row(wb["Trösklar"], "Krav på rekryteringsbehov")[1] == 48
    assert _row(wb["Sammanfattning"], "Bedömning")[1] == ctx.assessment.verdict
    assert ctx.assessment.verdict != assessment.MOTIVATED
    assert _row(wb["Sammanfattning"], "Skäl")[1] == ctx.assessment.reasons
    assert "av 12 krävs" in ctx.assessment.reasons


def test_thresholds_other_than_the_assessments_are_refused(ctx):
    other = EvidenceContext(**{**ctx.__dict__, "thresholds": assessment.Thresholds(class_size=20)})
    with pytest.raises(ValueError, match="Trösklarna"):
        evidence_xlsx(other)
    with pytest.raises(ValueError, match="Trösklarna"):
        evidence_pptx(other)


def test_the_supply_and_sources_sheets_carry_their_years_and_the_crosswalk_note(ctx, xlsx):
    wb = _workbook(xlsx)
    supply = _table(wb["Utbud"])
    assert supply[0] == {
        "Utbildningsområde": "Hälso- och sjukvård samt socialt arbete",
        "Beviljade utbildningar": 3,
        "Varav på distans": 1,
        "Ansökningsomgångar": "2018–2025",
    }
    sources = [row[0] for row in wb["Källor"].iter_rows(values_only=True) if row[0]]
    for source in ctx.sources:
        assert source in sources
    assert any("Kraftsamlings egen" in text and "SSYK" in text for text in sources)
    supply_line = _row(wb["Sammanfattning"], "Befintligt utbud")[1]
    assert "3 beviljade" in supply_line and "1 på distans" in supply_line


def test_numbers_are_numbers_headers_bold_and_frozen(xlsx):
    wb = _workbook(xlsx)
    for name in ("Kommuner", "Trösklar", "Utbud", "Källor"):
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert all(cell.font.bold for cell in ws[1] if cell.value is not None), name
    ws = wb["Kommuner"]
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, min_col=3, max_col=5):
        for cell in row:
            if cell.value is not None:
                assert isinstance(cell.value, int), cell.coordinate
    assert ws.column_dimensions["A"].width >= 12


def test_the_slides_are_16_9_and_the_verdict_appears_on_them(ctx, pptx):
    prs = Presentation(io.BytesIO(pptx))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == 5
    texts = _slide_texts(prs)
    assert ctx.assessment.verdict in texts[0]
    assert ctx.assessment.label in texts[0]
    assert ctx.assessment.reasons in texts[1]
    assert "Hösten 2025" in texts[0]
    assert all("Källa" in text for text in texts)  # the footer on every slide


def test_the_native_chart_shows_the_need_of_each_municipality_in_the_pool(ctx, pptx):
    prs = Presentation(io.BytesIO(pptx))
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    plot = charts[0].plots[0]
    contributing = ctx.assessment.contributions.query("recruits > 0")
    assert list(plot.categories) == [NAMES[k] for k in contributing["kommunkod"]]
    assert list(plot.series[0].values) == [float(v) for v in contributing["recruits"]]
    assert charts[0].chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED)
    slide_text = _slide_texts(prs)[2]
    assert "krav 36" in slide_text and "41" in slide_text


def test_the_map_is_a_real_picture_with_the_pool_coloured(ctx, pptx):
    prs = Presentation(io.BytesIO(pptx))
    pictures = [
        shape
        for slide in prs.slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert len(pictures) == 1
    blob = pictures[0].image.blob
    assert blob == map_png(ctx)  # the same picture as on its own
    image = Image.open(io.BytesIO(blob))
    assert image.format == "PNG"
    assert image.width == 1200
    rgb = np.asarray(image.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    size = r.size
    assert (rgb.min(axis=2) < 240).sum() > 0.25 * size  # not blank
    # The pool in YlGnBu blues, the rest light grey.
    blue = int((b > r + 40).sum())
    grey = int(((r == g) & (g == b) & (r >= 215) & (r <= 235)).sum())
    assert blue > 0.02 * size
    assert grey > blue  # 6 of 44 municipalities are in the pool


def test_the_providers_version_contains_no_organisation_name_anywhere(xlsx, pptx):
    for blob in (xlsx, pptx):
        text = _texts(blob)
        for name, *_ in EMPLOYERS:
            assert name not in text
    assert "Arbetsgivare" not in _workbook(xlsx).sheetnames


def test_the_administrators_workbook_lists_the_employers_by_name(admin_files):
    xlsx, _pptx = admin_files
    wb = _workbook(xlsx)
    assert "Arbetsgivare" in wb.sheetnames
    rows = _table(wb["Arbetsgivare"])
    assert {row["Organisation"] for row in rows} == {name for name, *_ in EMPLOYERS}
    row = next(r for r in rows if r["Organisation"] == "Sorsele Åkeri & Omsorg AB")
    assert (row["Kommun"], row["Rekryteringsbehov"], row["LIA-platser per år"]) == (
        "Sorsele",
        5,
        4,
    )
    assert "Administratörer" in _row(wb["Sammanfattning"], "Version")[1]


def test_the_search_for_names_would_find_them_in_the_administrators_version(admin_files):
    xlsx, _pptx = admin_files
    text = _texts(xlsx)
    assert all(name in text for name, *_ in EMPLOYERS)


def test_example_data_is_labelled_in_both_files(xlsx, pptx):
    assert evidence.EXAMPLE_BADGE == "Exempeldata"
    assert "Exempeldata" in _row(_workbook(xlsx)["Sammanfattning"], "Underlag")[1]
    texts = _slide_texts(Presentation(io.BytesIO(pptx)))
    assert "EXEMPELDATA" in texts[0] or "Exempeldata" in texts[0]
    assert all("Exempeldata" in text for text in texts)  # in every slide's footer


def test_real_survey_answers_are_not_labelled_example_data():
    ctx = _context(is_example=False)
    for blob in (evidence_xlsx(ctx), evidence_pptx(ctx)):
        assert "exempeldata" not in _texts(blob).lower()


def _core_times(blob: bytes) -> list[str]:
    """The created/modified times of a package and of the packages embedded in it."""
    times = []
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for info in archive.infolist():
            data = archive.read(info.filename)
            assert info.date_time[:3] == (2026, 2, 10), info.filename
            if info.filename == "docProps/core.xml":
                times += re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", data.decode())
            elif data[:2] == b"PK":
                times += _core_times(data)
    return times


def test_the_same_context_gives_byte_identical_files(ctx, xlsx, pptx):
    assert evidence_xlsx(ctx) == xlsx
    assert evidence_pptx(ctx) == pptx
    # No clock in the files: every timestamp comes from ctx.generated_on, also in the
    # chart's embedded workbook.
    assert set(_core_times(xlsx)) == {"2026-02-10T00:00:00Z"}
    times = _core_times(pptx)
    assert len(times) == 4 and set(times) == {"2026-02-10T00:00:00Z"}


def test_the_map_draws_without_a_pool(ctx):
    empty = assessment.assess(
        "x", "Ingen", None, _contributions().iloc[0:0], ["2480"], ctx.thresholds
    )
    other = EvidenceContext(**{**ctx.__dict__, "assessment": empty})
    image = Image.open(io.BytesIO(map_png(other, width_px=600)))
    assert image.size[0] == 600
    assert evidence_pptx(other)[:2] == b"PK"


def test_the_workbook_says_the_need_per_horizon_whether_it_lasts_and_the_intakes(ctx):
    """Issue 10, part 3: the evidence pack carries the intakes the pooled need carries."""
    from dataclasses import replace

    lasting = replace(ctx, assessment=replace(ctx.assessment, horizon_need=(8, 17, 16)))
    ws = _workbook(evidence_xlsx(lasting))["Sammanfattning"]
    a = lasting.assessment
    assert (_row(ws, "Behov inom 1 år")[1], _row(ws, "Behov om 1–3 år")[1],
            _row(ws, "Behov om 3–5 år")[1]) == (8, 17, 16)  # fmt: skip
    assert _row(ws, "Behovet håller i sig")[1] == "Ja" and a.lasting
    assert _row(ws, "Räcker till antagningar")[1] == a.intakes == 1
    assert "räcker till 1 antagning om 36" in _row(ws, "Skäl")[1]
    ending = replace(ctx, assessment=replace(ctx.assessment, horizon_need=(41, 0, 0)))
    ws = _workbook(evidence_xlsx(ending))["Sammanfattning"]
    assert _row(ws, "Behovet håller i sig")[1] == "Nej"
    # a need that does not last carries at most two intakes
    assert _row(ws, "Räcker till antagningar")[1] == ending.assessment.intakes == 1
    many = replace(ctx, assessment=replace(ctx.assessment, horizon_need=(400, 0, 0)))
    assert _row(_workbook(evidence_xlsx(many))["Sammanfattning"], "Räcker till antagningar")[1] == 2
