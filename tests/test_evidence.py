"""The evidence pack, read as its reader would: every sentence agrees with the pack's own
tables, no two boxes on a slide overlap, every PDF page renders, municipalities that did not
take part say so, hidden figures are one counted note, and the providers' version names no
employer. Built from the example wave of the test database."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from functools import partial

import duckdb
import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from kraftsamling import assessment, db, evidence, queries, upskilling
from kraftsamling.evidence import DID_NOT_TAKE_PART, PackRefused
from kraftsamling.evidence_files import map_png, measure, pack_pptx, pack_xlsx, placeholder_map
from kraftsamling.evidence_pdf import letters_pdf, pack_pdf, page_count
from kraftsamling.selection import Selection
from tests.helpers import open_finder

EMU = 914400
DATE = "2026-02-10"


@pytest.fixture(scope="module")
def con(database) -> duckdb.DuckDBPyConnection:
    connection = db.connect_readonly(database)
    yield connection
    connection.close()


def _remembering(run):
    """The query runner with its answers kept: every candidate's pack asks the same queries."""
    kept: dict = {}

    def remembered(name: str, **params):
        key = (name, repr(sorted(params.items())))
        if key not in kept:
            kept[key] = run(name, **params)
        return kept[key]

    return remembered


@pytest.fixture(scope="module")
def run(con):
    return _remembering(partial(queries.run, con))


def _selection(run, wave_id: str, **chosen) -> Selection:
    selection = Selection(wave_id=wave_id, **chosen)
    codes = run("selection_municipalities", **selection.municipality_params())["kommunkod"]
    return replace(selection, kommunkoder=tuple(codes))


def _pack(run, wave_id, candidate="yrke:5350", thresholds=None, **options):
    chosen = {k: options.pop(k) for k in ("lan_koder", "horizon") if k in options}
    kind = options.get("kind", evidence.RECRUITMENT)
    thresholds = thresholds or (
        upskilling.UpskillingThresholds()
        if kind == evidence.UPSKILLING
        else assessment.Thresholds()
    )
    return evidence.build(
        run, _selection(run, wave_id, **chosen), candidate, thresholds, generated_on=DATE, **options
    )


@pytest.fixture(scope="module")
def admin_pack(run, example_wave_id):
    return _pack(run, example_wave_id)


@pytest.fixture(scope="module")
def providers_pack(run, example_wave_id):
    return _pack(run, example_wave_id, "yrke:5321", lan_koder=("24",), providers=True)


@pytest.fixture(scope="module")
def group_pack(run, example_wave_id):
    """An administrators' own group of occupations over three years."""
    return _pack(
        run,
        example_wave_id,
        "grupp",
        horizon="0-3",
        group_ssyk4=("5321", "5323"),
        group_label="Undersköterskor",
    )


@pytest.fixture(scope="module")
def course_pack(run, example_wave_id):
    rows = run(
        "upskilling_contributions",
        **_selection(run, example_wave_id).need_params(),
        level="cluster",
    )
    results = upskilling.assess_all(
        rows, list(_selection(run, example_wave_id).kommunkoder), upskilling.UpskillingThresholds()
    )
    best = next(a for a in results if a.verdict == assessment.MOTIVATED)
    return _pack(run, example_wave_id, best.candidate_id, kind=evidence.UPSKILLING)


# ------------------------------------------------------------------------------ reading back


def _book(blob: bytes) -> dict[str, dict[str, dict]]:
    """The workbook's sheets as {sheet: {row key: {column: value}}} (key: the first column)."""
    wb = openpyxl.load_workbook(io.BytesIO(blob))
    out = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = rows[0]
        out[ws.title] = {str(r[0]): dict(zip(header, r, strict=False)) for r in rows[1:]}
    return out


def _read_back(sentence: evidence.Sentence, book) -> None:
    """The sentence's numbers are the cells it names, read from the workbook."""
    rest, numbers = sentence.text, []
    for table, row, column in sentence.refs:
        value = book[table][str(row)][column]
        if value is None or isinstance(value, str):
            text = "–" if value is None else value
            assert text in rest, (sentence.text, text)
            rest = rest.replace(text, " ", 1)
        else:
            numbers.append(float(value))
    assert evidence.numbers_in(rest) == numbers, sentence.text


def _slide_paragraphs(prs) -> list[list[str]]:
    return [
        [
            p.text
            for shape in slide.shapes
            if shape.has_text_frame
            for p in shape.text_frame.paragraphs
        ]
        for slide in prs.slides
    ]


def _cells(pack) -> set[str]:
    out = set()
    for frame in pack.tables.values():
        out |= {str(c) for c in frame.columns}
        out |= {evidence.shown(v) for row in frame.itertuples(index=False) for v in row}
    return out


def _pdf_text(blob: bytes) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=blob, capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8").replace("\u00a0", " "))


# ------------------------------------------------------------------------------ promises


@pytest.mark.parametrize("which", ["admin_pack", "providers_pack", "course_pack", "group_pack"])
def test_every_sentence_in_the_pack_agrees_with_the_packs_own_tables(which, request):
    pack = request.getfixturevalue(which)
    xlsx = pack_xlsx(pack)
    book = _book(xlsx)
    sentences = pack.sentences()
    assert len(sentences) > 30
    # the workbook carries every sentence, and every sentence's numbers are its cells
    written = [row["Mening"] for row in _rows(xlsx, "Text")]
    assert written == [s.text for s in sentences[1:]] + [sentences[0].text]
    for sentence in sentences:
        _read_back(sentence, book)
    # every line on a slide that states a number is one of those sentences or a table's cell
    prs = Presentation(io.BytesIO(pack_pptx(pack, placeholder_map())))
    allowed = {s.text for s in sentences} | _cells(pack)
    for number, paragraphs in enumerate(_slide_paragraphs(prs), start=1):
        for text in paragraphs:
            if re.search(r"\d", text) and not re.fullmatch(r"\d+/\d+", text):
                assert text in allowed, (number, text)
        for shape in prs.slides[number - 1].shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    assert all(cell.text in _cells(pack) for cell in row.cells)
    # and so does the PDF
    text = _pdf_text(pack_pdf(pack, placeholder_map()))
    if text is not None:  # a sentence may run over a page break, past the page's footer
        footer = re.escape(re.sub(r"\s+", " ", sentences[0].text.replace("\u00a0", " ")))
        text = re.sub(r"\s+", " ", re.sub(footer + r" · sida \d+", " ", text))
        for sentence in sentences[1:]:
            assert re.sub(r"\s+", " ", sentence.text.replace("\u00a0", " ")) in text


def _rows(xlsx: bytes, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(io.BytesIO(xlsx))[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_a_sentence_that_disagrees_with_its_table_is_caught(admin_pack):
    book = _book(pack_xlsx(admin_pack))
    sentence = next(s for s in admin_pack.sentences() if "mot kravet" in s.text)
    wrong = evidence.Sentence(sentence.text.replace("45", "46", 1), sentence.refs)
    with pytest.raises(AssertionError):
        _read_back(wrong, book)


def _boxes(slide):
    return [
        (
            shape.name,
            shape.left / EMU,
            shape.top / EMU,
            (shape.left + shape.width) / EMU,
            (shape.top + shape.height) / EMU,
        )
        for shape in slide.shapes
    ]


def _overlap(a, b) -> bool:
    return min(a[3], b[3]) - max(a[1], b[1]) > 1e-3 and min(a[4], b[4]) - max(a[2], b[2]) > 1e-3


def _check_layout(blob: bytes, label: str) -> None:
    prs = Presentation(io.BytesIO(blob))
    width, height = prs.slide_width / EMU, prs.slide_height / EMU
    for number, slide in enumerate(prs.slides, start=1):
        boxes = _boxes(slide)
        for i, a in enumerate(boxes):
            assert a[1] >= 0 and a[2] >= 0 and a[3] <= width + 1e-6 and a[4] <= height + 1e-6
            for b in boxes[i + 1 :]:
                assert not _overlap(a, b), (label, number, a, b)
        for shape in slide.shapes:  # no text runs out of its box
            if shape.has_text_frame and shape.text_frame.text:
                size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
                bold = bool(shape.text_frame.paragraphs[0].runs[0].font.bold)
                paragraphs = [p.text for p in shape.text_frame.paragraphs]
                assert (
                    measure(paragraphs, size, shape.width / EMU, bold) <= shape.height / EMU + 1e-6
                ), (label, number, paragraphs)
                assert shape.text_frame.auto_size == 0  # MSO_AUTO_SIZE.NONE: boxes never grow


def _hardest(rows: pd.DataFrame, count: int = 2) -> list[str]:
    """Candidates whose slides are the fullest: the longest labels, the most contributing
    municipalities (chart, study locations, LIA lines), the fewest."""
    per = rows.groupby("candidate_id").agg(
        label=("label", "first"), municipalities=("kommunkod", "nunique")
    )
    per["length"] = per["label"].str.len()
    picked: list[str] = []
    for column, ascending in (
        ("length", False),
        ("municipalities", False),
        ("municipalities", True),
    ):
        ordered = per.sort_values([column, "label"], ascending=[ascending, True])
        picked += [c for c in ordered.index[:count] if c not in picked]
    return picked


def test_no_two_text_boxes_overlap_on_the_fullest_slides(run, example_wave_id, providers_pack):
    """The quick form of the promise below: the candidates with the fullest slides."""
    region = _selection(run, example_wave_id)
    picture = placeholder_map()
    for level in ("ssyk4", "cluster"):
        rows = run(
            "candidate_contributions",
            **region.need_params(),
            level=level,
            group_ssyk4=[],
            group_label="",
        )
        for candidate in _hardest(rows):
            _check_layout(pack_pptx(_pack(run, example_wave_id, candidate), picture), candidate)
    courses = run("upskilling_contributions", **region.need_params(), level="cluster")
    for candidate in _hardest(courses.assign(recruits=courses["staff"]), 1):
        pack = _pack(run, example_wave_id, candidate, kind=evidence.UPSKILLING)
        _check_layout(pack_pptx(pack, picture), candidate)
    _check_layout(pack_pptx(providers_pack, picture), "providers")
    pack = _pack(run, example_wave_id, "yrke:5350", lan_koder=("23",))
    _check_layout(pack_pptx(pack, picture), "Jämtland")


@pytest.mark.slow  # every candidate of the example wave: a couple of minutes
def test_no_two_text_boxes_overlap_on_any_slide_of_any_candidates_pack(run, example_wave_id):
    region = _selection(run, example_wave_id)
    picture = placeholder_map()
    made = 0
    for level in ("ssyk4", "cluster"):
        rows = run(
            "candidate_contributions",
            **region.need_params(),
            level=level,
            group_ssyk4=[],
            group_label="",
        )
        for candidate in rows["candidate_id"].unique():
            pack = _pack(run, example_wave_id, candidate)
            _check_layout(pack_pptx(pack, picture), candidate)
            made += 1
    courses = run("upskilling_contributions", **region.need_params(), level="cluster")
    for candidate in courses["candidate_id"].unique():
        pack = _pack(run, example_wave_id, candidate, kind=evidence.UPSKILLING)
        _check_layout(pack_pptx(pack, picture), candidate)
        made += 1
    for lan in ("22", "25"):
        pack = _pack(run, example_wave_id, "yrke:5321", lan_koder=(lan,), providers=True)
        _check_layout(pack_pptx(pack, picture), f"providers {lan}")
    assert made > 100


def test_the_layout_check_sees_an_overlap():
    a, b = ("a", 0.5, 0.3, 12.8, 1.2), ("b", 0.5, 1.0, 12.8, 1.6)
    assert _overlap(a, b) and not _overlap(a, ("c", 0.5, 1.2, 12.8, 2.0))


def test_every_pdf_page_renders(admin_pack, tmp_path):
    blob = pack_pdf(admin_pack)
    pages = page_count(blob)
    assert blob[:5] == b"%PDF-" and pages >= 3
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (tmp_path / "pack.pdf").write_bytes(blob)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(tmp_path / "pack.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == pages
    for path in rendered:
        grey = Image.open(path).convert("L")
        assert grey.getextrema()[0] < 128, path.name  # something is printed on the page
    fonts = re.findall(rb"/FontFile2", blob)
    assert fonts, "the font is embedded"
    assert len(re.findall(rb"/Subtype\s*/Image", blob)) >= 2  # the chart and the map


def test_municipalities_that_did_not_take_part_say_so_and_are_not_zero(admin_pack, run):
    table = admin_pack.tables["Kommuner"]
    absent = table[table["Deltog"] == DID_NOT_TAKE_PART]
    figures = run(
        "municipality_figures",
        **_selection(run, admin_pack_wave(run)).need_params(),
        education_areas=[],
    )
    expected = set(figures.loc[~figures["participated"], "name"])
    assert set(absent["Kommun"]) == expected and "Sundsvall" in expected
    assert absent["Behov över horisonten"].isna().all()  # blank, never 0
    assert not set(admin_pack.chart["Kommun"]) & expected
    texts = " ".join(s.text for s in admin_pack.sentences())
    assert "Deltog inte: " in texts and "Sundsvall" in texts
    summary = admin_pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
    assert summary["Kommuner i gruppen"] == 44
    assert summary["Kommuner som deltog"] + summary["Kommuner som inte deltog"] == 44
    assert summary["Kommuner som bidrar"] <= summary["Kommuner som deltog"]


def admin_pack_wave(run) -> str:
    return run("waves")["wave_id"].iloc[0]


def test_the_chart_is_the_municipality_table_per_horizon(admin_pack):
    prs = Presentation(io.BytesIO(pack_pptx(admin_pack, placeholder_map())))
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    plot = charts[0].plots[0]
    table = admin_pack.tables["Kommuner"].set_index("Kommun")
    categories = list(plot.categories)
    assert categories and set(categories) <= set(table.index)
    assert [s.name for s in plot.series] == ["Inom 1 år", "Om 1–3 år", "Om 3–5 år"]
    for series in plot.series:
        assert list(series.values) == [float(table.loc[c, series.name]) for c in categories]
    took_part = table[table["Deltog"] == "ja"]
    shown = took_part[took_part["Behov över horisonten"].astype(int) > 0]
    assert set(categories) == set(shown.index)  # every municipality with a need, no other


def test_hidden_contributions_are_one_counted_note_not_a_bar(providers_pack):
    table = providers_pack.tables["Kommuner"]
    hidden = table[table["Behov över horisonten"] == "<3"]
    assert len(hidden) >= 2
    assert not set(providers_pack.chart["Kommun"]) & set(hidden["Kommun"])
    assert not any("Övriga" in name for name in providers_pack.chart["Kommun"])
    shown_rows = table.drop(hidden.index)
    shown_rows = shown_rows[shown_rows["Deltog"] == "ja"]
    summary = providers_pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
    assert summary["Kommuner med dolda siffror"] == len(hidden)
    assert (
        summary["Rekryteringsbehov"]
        == shown_rows["Behov över horisonten"].sum() + summary["Behov i kommuner med dolda siffror"]
    )
    notes = [s.text for s in providers_pack.sentences() if s.text.startswith("Dolda bidrag")]
    assert len(notes) == 1 and f"{len(hidden)} kommuner" in notes[0]
    # hidden rows come last: their place would tell their size
    assert list(table.index[table["Behov över horisonten"] == "<3"]) == list(
        range(len(shown_rows), len(shown_rows) + len(hidden))
    )


def test_the_providers_pack_never_states_a_hidden_municipalitys_figure(
    run, example_wave_id, providers_pack
):
    pack = _pack(run, example_wave_id, "yrke:5350", lan_koder=("24",), providers=True)
    admin = _pack(run, example_wave_id, "yrke:5350", lan_koder=("24",))
    summary = pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
    largest = admin.tables["Kommuner"].iloc[0]
    hidden = pack.tables["Kommuner"].set_index("Kommun").loc[largest["Kommun"]]
    assert hidden["Behov över horisonten"] == "<3"  # the largest municipality is a hidden one
    assert summary["Största kommunens behov"] == "dold"
    assert not [s.text for s in pack.sentences() if largest["Kommun"] in s.text]
    for kommun, row in pack.tables["Kommuner"].set_index("Kommun").iterrows():
        if row["Behov över horisonten"] == "<3":
            assert kommun not in set(pack.chart["Kommun"]) | set(
                pack.tables["Studieorter"]["Studieort"]
            )


def test_no_raw_column_header_and_no_organisation_in_the_providers_pack(providers_pack, con):
    xlsx, pptx = pack_xlsx(providers_pack), pack_pptx(providers_pack, placeholder_map())
    for sheet in openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets:
        for cell in sheet[1]:
            assert not re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", str(cell.value)), (sheet.title, cell)
    assert "Arbetsgivare" not in providers_pack.tables and providers_pack.letters is None
    names = set(con.execute("SELECT organisation_name FROM respondent").df()["organisation_name"])
    text = _package_text(xlsx) + _package_text(pptx) + (_pdf_text(pack_pdf(providers_pack)) or "")
    assert not [n for n in names if len(n) > 6 and n in text]
    with pytest.raises(PackRefused):
        letters_pdf(providers_pack)


def _package_text(blob: bytes) -> str:
    import html

    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return "\n".join(
            html.unescape(archive.read(n).decode("utf-8", "ignore")) for n in archive.namelist()
        )


def test_names_from_answers_stay_text_in_the_workbook(admin_pack):
    pack = replace(admin_pack, tables=dict(admin_pack.tables))
    employers = pack.tables["Arbetsgivare"].copy()
    employers.loc[0, "Organisation"] = '=HYPERLINK("http://x")'
    employers.loc[1, "Organisation"] = "+46 Vård AB"
    employers.loc[2, "Organisation"] = "@Omsorg"
    pack.tables["Arbetsgivare"] = employers
    xlsx = pack_xlsx(pack)
    ws = openpyxl.load_workbook(io.BytesIO(xlsx))["Arbetsgivare"]
    values = [ws.cell(row=r, column=1) for r in (2, 3, 4)]
    assert [c.value for c in values] == ['=HYPERLINK("http://x")', "+46 Vård AB", "@Omsorg"]
    assert all(c.data_type == "s" for c in values)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in sheet for sheet in sheets)


def test_the_administrators_pack_has_the_employers_and_their_letters(admin_pack, con):
    employers = admin_pack.tables["Arbetsgivare"]
    assert len(employers) >= 5
    totals = employers[["Inom 1 år", "Om 1–3 år", "Om 3–5 år"]].to_numpy().sum()
    assert (
        totals
        == admin_pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"][
            "Behov över alla horisonter"
        ]
    )
    ticked = list(employers["Svarande-id"][:3])
    blob = letters_pdf(admin_pack, ticked)
    assert page_count(blob) == 3
    text = _pdf_text(blob)
    if text is not None:
        for row in employers.head(3).to_dict("records"):
            assert row["Organisation"] in text
            people = "person" if row["Inom 1 år"] == 1 else "personer"
            assert f"Inom 1 år: {row['Inom 1 år']} {people}" in text
            assert f"Vi kan erbjuda {row['LIA-platser per år']} LIA-platser" in text
        assert text.count("Underskrift") == 3
        assert employers["Organisation"].iloc[4] not in text  # not ticked


def test_a_group_counts_its_occupations_over_the_chosen_horizon(group_pack):
    occupations = group_pack.tables["Yrken"]
    assert list(occupations["SSYK"]) == ["5321", "5323"]
    assert (
        occupations["Behov över horisonten"] == occupations["Inom 1 år"] + occupations["Om 1–3 år"]
    ).all()
    summary = group_pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
    assert summary["Rekryteringsbehov"] == occupations["Behov över horisonten"].sum()
    assert list(group_pack.chart.columns) == ["Kommun", "Inom 1 år", "Om 1–3 år"]


def test_the_upskilling_pack_never_adds_recruitment(course_pack):
    summary = course_pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
    assert "Rekryteringsbehov" not in summary and "Anställda att kompetensutveckla" in summary
    assert "Inom 1 år" not in course_pack.tables["Kommuner"].columns
    assert "LIA-platser per år" not in course_pack.tables["Studieorter"].columns
    assert summary["Slag"] == "Kompetensutveckling (kurser)"
    lia = next(s for s in course_pack.sections if s.key == "lia")
    assert "ingen LIA" in lia.sentences[0].text


def test_the_packs_locations_add_up_to_the_class_and_lia_is_held_against_them(admin_pack):
    locations = admin_pack.tables["Studieorter"]
    assert locations["Platser per antagning"].sum() == 30
    assert len(locations) <= 10
    for row in locations.to_dict("records"):
        assert (row["LIA räcker"] == "ja") == (
            row["LIA-platser per år"] >= row["LIA-platser som behövs"]
        )


def test_the_packs_intakes_and_lasting_need_are_the_finders_rule(run, example_wave_id):
    """One home for the rule: kraftsamling.assessment. The pack's intakes, lasting need and
    need per horizon are the assessment's, and its reasons say them in the same words."""
    selection = _selection(run, example_wave_id)
    rows = run(
        "candidate_contributions",
        **selection.need_params(),
        level="ssyk4",
        group_ssyk4=[],
        group_label="",
    )
    for candidate in ("yrke:5350", "yrke:3411"):
        a = assessment.assess(
            candidate,
            "x",
            None,
            rows[rows["candidate_id"] == candidate],
            selection.kommunkoder,
            assessment.Thresholds(),
        )
        pack = _pack(run, example_wave_id, candidate)
        summary = pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
        assert summary["Antagningar som behovet räcker till"] == a.intakes
        assert summary["Behovet håller i sig"] == ("ja" if a.lasting else "nej")
        assert (
            summary["Behov inom 1 år"],
            summary["Behov om 1–3 år"],
            summary["Behov om 3–5 år"],
        ) == a.horizon_need
        assert a.intakes_reason() in summary["Skäl"]


def test_changed_thresholds_are_the_ones_reported(run, example_wave_id):
    raised = assessment.Thresholds(class_size=40, min_employers=40)
    pack = _pack(run, example_wave_id, thresholds=raised)
    criteria = pack.tables["Kriterier"].set_index("Kriterium")
    assert criteria.loc["Rekryteringsbehov", "Krav"] == 48
    assert criteria.loc["Arbetsgivare", "Krav"] == 40
    assert pack.verdict != assessment.MOTIVATED
    # as on the finder's page, study locations are proposed for a Motiverad candidate only
    assert pack.tables["Studieorter"].empty
    placement = next(s for s in pack.sections if s.key == "placement")
    assert placement.sentences[0].text == "Studieorter föreslås för en motiverad kandidat."
    smaller = _pack(run, example_wave_id, thresholds=assessment.Thresholds(class_size=25))
    assert smaller.verdict == assessment.MOTIVATED
    assert smaller.tables["Studieorter"]["Platser per antagning"].sum() == 25


def test_example_data_is_labelled_and_the_files_are_deterministic(admin_pack):
    xlsx, pptx, pdf = pack_xlsx(admin_pack), pack_pptx(admin_pack), pack_pdf(admin_pack)
    assert pack_xlsx(admin_pack) == xlsx and pack_pptx(admin_pack) == pptx
    assert pack_pdf(admin_pack) == pdf
    assert all(
        "EXEMPELDATA" in texts[-2] or "EXEMPELDATA" in " ".join(texts)
        for texts in _slide_paragraphs(Presentation(io.BytesIO(pptx)))
    )
    assert (
        admin_pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]["Underlag"]
        == "Exempeldata"
    )
    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        assert {i.date_time[:3] for i in archive.infolist()} == {(2026, 2, 10)}


def test_the_map_is_labelled_and_carries_its_source_line(admin_pack):
    image = Image.open(io.BytesIO(map_png(admin_pack, width_px=600))).convert("RGB")
    assert image.width == 600
    bottom = image.crop((0, int(image.height * 0.96), image.width // 2, image.height))
    assert bottom.convert("L").getextrema()[0] < 160  # the source line is drawn in the band
    placement = next(s for s in admin_pack.sections if s.key == "placement")
    assert placement.map and "Digitala gränser" in placement.sentences[-1].text


def test_the_command_line_writes_the_pack(database, example_wave_id, tmp_path, capsys):
    from kraftsamling.__main__ import main

    code = main(
        [
            "evidence",
            "--wave",
            example_wave_id,
            "--candidate",
            "yrke:5350",
            "--lan",
            "23",
            "--date",
            DATE,
            "--letters",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    files = sorted(p.name for p in tmp_path.iterdir())
    assert [f.rsplit(".", 1)[1] for f in files] == ["pdf", "pdf", "pptx", "xlsx"]
    assert any(f.startswith("avsiktsforklaringar_") for f in files)
    assert "Tandsköterskor" in capsys.readouterr().out
    assert (
        main(
            [
                "evidence",
                "--wave",
                example_wave_id,
                "--candidate",
                "grupp",
                "--providers",
                "--out",
                str(tmp_path),
            ]
        )
        == 2
    )
    assert (
        main(["evidence", "--wave", "ingen", "--candidate", "yrke:5350", "--out", str(tmp_path)])
        == 2
    )


@pytest.mark.parametrize("admin", [True, False])
def test_the_finder_offers_the_pack_and_administrators_the_letters(database, monkeypatch, admin):
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict[str, object] = {}  # file name -> the download's deferred callable
    original = MediaFileManager.add_deferred

    def remember(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    app = open_finder(monkeypatch, admin, kandidat="yrke:5350")
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels[:3] == ["Excel (.xlsx)", "PowerPoint (.pptx)", "PDF"]
    letters = [m for m in app.multiselect if m.label == "Avsiktsförklaringar för arbetsgivarna"]
    assert (
        bool(letters) == admin
        and any(label.startswith("Avsiktsförklaringar") for label in labels) == admin
    )
    assert any("Digitala gränser" in c.value for c in app.caption)  # the map's source line
    # A click makes the file later, in a thread of its own without the page's session.
    import threading

    pdf = next(name for name in made if name.startswith("underlag_") and name.endswith(".pdf"))
    out: dict[str, bytes] = {}
    thread = threading.Thread(target=lambda: out.setdefault("pdf", made[pdf]()))
    thread.start()
    thread.join(timeout=170)
    assert out["pdf"][:5] == b"%PDF-"


def _page_and_pack(monkeypatch, admin: bool, **query):
    """The finder's page for one candidate and the pack its download button makes."""
    import threading

    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def remember(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    packs: list = []
    build = evidence.build

    def recorded(*args, **kwargs):
        packs.append(build(*args, **kwargs))
        return packs[-1]

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    monkeypatch.setattr(evidence, "build", recorded)
    app = open_finder(monkeypatch, admin, **query)
    xlsx = next(name for name in made if name.startswith("underlag_") and name.endswith(".xlsx"))
    thread = threading.Thread(target=made[xlsx])  # made later, without the page's session
    thread.start()
    thread.join(timeout=170)
    assert packs, "the download made no pack"
    return app, packs[-1]


@pytest.mark.parametrize(
    "admin, query",
    [
        (True, {}),
        (True, {"orter": "PICKS"}),
        (True, {"lan": "23", "klass": "20"}),
        (False, {"kandidat": "yrke:7233"}),
        (False, {}),  # 5350: every municipality hidden
    ],
)
def test_the_pack_says_the_intakes_and_study_locations_the_finder_says(
    database, con, example_wave_id, monkeypatch, admin, query
):
    """Issue 10 and 14 joined: for the same candidate and filters, the pack's intakes, reasons
    and study locations (with places and LIA per location) are the finder page's."""
    query = {"kandidat": "yrke:5350", "visa": "alla", **query}
    if query.get("orter") == "PICKS":  # two of the municipalities with a need, smallest first
        codes = con.execute(
            "SELECT kommunkod FROM need_fact WHERE ssyk4 = '5350' AND wave_id = ? "
            "GROUP BY kommunkod HAVING sum(recruits_1y + recruits_1_3y + recruits_3_5y) > 0 "
            "ORDER BY sum(recruits_1y + recruits_1_3y + recruits_3_5y), kommunkod LIMIT 2",
            [example_wave_id],
        ).fetchall()
        query["orter"] = ",".join(c for (c,) in codes)
    app, pack = _page_and_pack(monkeypatch, admin, **query)
    assert pack.admin == admin and pack.candidate_id == query["kandidat"]
    results = next(d.value for d in app.dataframe if "Räcker till antagningar" in d.value.columns)
    row = results[results["Kandidat"] == pack.label].iloc[0]
    summary = pack.tables["Sammanfattning"].set_index("Uppgift")["Värde"]
    assert pack.verdict == row["Bedömning"]
    assert summary["Antagningar som behovet räcker till"] == row["Räcker till antagningar"]
    assert summary["Skäl"] == row["Skäl"]  # the same reasons, the intakes' words among them
    ours = pack.tables["Studieorter"]
    placement = next(s for s in pack.sections if s.key == "placement")
    hidden = "Behovet per kommun visas inte för kandidaten, så platserna kan inte fördelas"
    for said in ("Studieorter föreslås för en motiverad kandidat", hidden):
        if any(c.value.startswith(said) for c in app.caption):  # the page proposes none
            assert ours.empty and placement.sentences[0].text.startswith(said)
            assert said != hidden or not admin
            return
    assert pack.verdict == assessment.MOTIVATED and len(ours) >= 1
    # the chosen candidate's table (the auto-pool's group has one of its own further down)
    page = next(d.value for d in app.dataframe if "Studieort" in d.value.columns)
    assert list(ours["Studieort"]) == list(page["Studieort"])
    assert list(ours["Platser per antagning"]) == list(page["Platser"])
    assert list(ours["LIA-platser per år"]) == list(page["LIA-platser"])
    assert list(ours["LIA-platser som behövs"]) == list(page["LIA-platser som krävs"])
    assert list(ours["LIA räcker"]) == list(page["LIA räcker"])
    if "orter" in query:
        assert len(ours) == 2 and summary["Studieorter valda av användaren"] == "ja"
