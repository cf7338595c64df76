"""Reading survey files into validated records: what respondents send, and what we promise."""

from __future__ import annotations

import csv
import io
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kraftsamling.intake import match
from kraftsamling.intake.match import Reference
from kraftsamling.intake.model import ParsedFile, UnreadableFile
from kraftsamling.intake.parse import map_header, parse_file
from tests import corpus
from tests.corpus import LONG_HEADERS, row


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.from_repository()


def needs(parsed: ParsedFile):
    return [n for r in parsed.respondents for n in r.needs]


def reasons(parsed: ParsedFile) -> list[str]:
    return [p.reason for r in parsed.rejected for p in r.problems]


def only_need(parsed: ParsedFile):
    assert not parsed.rejected, [p.message() for r in parsed.rejected for p in r.problems]
    (need,) = needs(parsed)
    return need


# ------------------------------------------------------------------------------ encodings, CSV


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", False), ("utf-8", True), ("cp1252", False), ("latin-1", False), ("utf-16", False)],
)
def test_csv_in_every_common_encoding_keeps_swedish_letters(reference, encoding, bom):
    data = corpus.csv_bytes(
        [row(Organisation="Åsele Äldreboende Östra", Kommun="Åsele")],
        encoding=encoding,
        bom=bom,
        plain_dashes=encoding == "latin-1",
    )
    parsed = parse_file("svar.csv", data, reference)
    (respondent,) = parsed.respondents
    assert respondent.organisation_name == "Åsele Äldreboende Östra"
    assert respondent.kommunkod == "2463"
    assert parsed.layout == "lång"
    named = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "Windows-1252"}
    assert f"teckenkodning {named.get(encoding, 'UTF-16')} " in parsed.notes[0]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_with_comma_semicolon_or_tab_separators_is_read(reference, sep):
    data = corpus.csv_bytes([row(), row(**{"Yrke (SSYK)": "5311"})], sep=sep)
    parsed = parse_file("svar.csv", data, reference)
    assert [n.ssyk4 for n in needs(parsed)] == ["5321", "5311"]
    assert not parsed.rejected


@pytest.mark.parametrize("sep", [",", ";"])
def test_quoted_fields_may_contain_separators_quotes_and_line_breaks(reference, sep):
    name = 'Vård, omsorg; och "hälsa" AB\nFilial Umeå'
    rows = [row(Organisation=name), row(Organisation=name, **{"Yrke (SSYK)": "5311"})]
    parsed = parse_file("svar.csv", corpus.csv_bytes(rows, sep=sep), reference)
    (respondent,) = parsed.respondents
    assert respondent.organisation_name == 'Vård, omsorg; och "hälsa" AB Filial Umeå'
    # the first record spans two lines; row numbers count records as a spreadsheet shows them
    assert [n.source_row for n in respondent.needs] == [2, 3]


def test_decimal_comma_whole_numbers_are_accepted_and_fractions_rejected(reference):
    data = corpus.csv_bytes(
        [
            row(
                **{"Antal att rekrytera inom 1 år": "5,0", "Antal att rekrytera om 1–3 år": "1 200"}
            ),
            row(**{"Yrke (SSYK)": "5311", "Antal att rekrytera inom 1 år": "2,5"}),
        ],
        sep=";",
    )
    parsed = parse_file("svar.csv", data, reference)
    (need,) = needs(parsed)
    assert (need.recruits_1y, need.recruits_1_3y) == (5, 1200)
    (rejected,) = parsed.rejected
    assert rejected.row == 3
    assert "'2,5' är inte ett heltal" in rejected.problems[0].reason


def test_header_row_below_a_title_line_is_found(reference):
    data = corpus.csv_bytes([row()], before=[["Enkätsvar hösten 2025"], []], sep=";")
    parsed = parse_file("svar.csv", data, reference)
    assert only_need(parsed).source_row == 4
    assert "Rubrikraden är rad 3." in parsed.notes


def test_an_xlsx_file_renamed_to_csv_is_read_as_a_workbook(reference):
    data = corpus.export_xlsx([row()], LONG_HEADERS)
    parsed = parse_file("svar.csv", data, reference)
    assert only_need(parsed).ssyk4 == "5321"


# ------------------------------------------------------------------------------ survey-tool exports


@pytest.mark.parametrize("kommun_header", ["Vilken kommun?", "Arbetsställets kommun", "Kommun:"])
def test_xlsx_survey_tool_export_with_its_own_headers(reference, kommun_header):
    headers = [
        "Tidstämpel",
        "Företagets namn",
        "Org nr",
        "Typ av arbetsgivare",
        kommun_header,
        "Bransch",
        "Yrke",
        "Antal inom 1 år",
        "Antal 1-3 år",
        "Antal 3-5 år",
        "Hur svårt är det att rekrytera?",
        "Antal LIA-platser",
        "Kommentar",
    ]
    rows = [
        dict(zip(headers, values, strict=True))
        for values in [
            [
                "2025-09-01",
                "Norrlands Bygg AB",
                "5560360793",
                "Privat företag",
                "Umeå kommun",
                "F Byggverksamhet",
                "Svetsare",
                2,
                1,
                0,
                4,
                1,
                "Svårt att hitta folk",
            ],
            [
                "2025-09-02",
                "Lycksele kommun",
                "212000-2726",
                "Kommunal",
                "Lycksele",
                "O",
                "5321",
                3.0,
                2,
                1,
                None,
                None,
                "",
            ],
        ]
    ]
    parsed = parse_file("export.xlsx", corpus.export_xlsx(rows, headers), reference)
    assert not parsed.rejected, reasons(parsed)
    bygg, lycksele = parsed.respondents
    assert (bygg.kommunkod, bygg.org_kind, bygg.sni_section) == ("2480", "privat", "F")
    assert bygg.organisationsnummer == "556036-0793"
    assert (bygg.needs[0].ssyk4, bygg.needs[0].occupation_match) == ("7212", "titel")
    assert bygg.needs[0].recruitment_difficulty == 4
    assert (lycksele.kommunkod, lycksele.org_kind) == ("2481", "kommun")
    assert lycksele.needs[0].recruits_1y == 3
    assert "Kolumnen 'Kommentar' användes inte." in parsed.notes
    assert "Kolumnen 'Tidstämpel' användes inte." in parsed.notes


def test_two_municipality_columns_use_the_first_and_say_so(reference):
    headers = ["Organisation", "Typ", "Vilken kommun?", "Arbetsställets kommun"] + [
        "Yrke",
        "Antal inom 1 år",
        "Antal 1-3 år",
        "Antal 3-5 år",
    ]
    values = ["Kiruna kommun", "kommun", "Kiruna", "Gällivare", "5321", 1, 1, 1]
    parsed = parse_file(
        "export.xlsx",
        corpus.export_xlsx([dict(zip(headers, values, strict=True))], headers),
        reference,
    )
    assert parsed.respondents[0].kommunkod == "2584"
    assert (
        "Kolumnen 'Arbetsställets kommun' användes inte: kolumnen 'Vilken kommun?' används "
        "redan för 'Kommun'." in parsed.notes
    )


@pytest.mark.parametrize("style", ["space", "paren", "underscore", "leading"])
def test_wide_export_with_numbered_occupation_groups_gives_one_need_per_group(reference, style):
    headers = corpus.wide_headers(3, style)
    rows = [
        corpus.wide_row(
            ["Norrlands Vård AB", "556036-0793", "privat", "Umeå"],
            [["5321", 4, 2, 1, 2], ["Barnskötare", 1, 1, 0, 0]],
            3,
        ),
        corpus.wide_row(["Kiruna kommun", "", "kommun", "2584"], [["2221", 2, 2, 2, 1]], 3),
    ]
    parsed = parse_file("bred.xlsx", corpus.xlsx_bytes({"Svar": [headers, *rows]}), reference)
    assert parsed.layout == "bred"
    assert not parsed.rejected, reasons(parsed)
    vard, kiruna = parsed.respondents
    assert [(n.ssyk4, n.recruits_1y, n.lia_places, n.source_row) for n in vard.needs] == [
        ("5321", 4, 2, 2),
        ("5311", 1, 0, 2),
    ]
    assert [n.ssyk4 for n in kiruna.needs] == ["2221"]
    assert kiruna.needs[0].upskilling == 0
    assert (
        "Filen saknar kolumn för 'Anställda att kompetensutveckla på distans'; "
        "värdet har satts till 0." in parsed.notes
    )


def test_wide_row_with_a_bad_group_is_rejected_whole(reference):
    headers = corpus.wide_headers(3)
    rows = [
        corpus.wide_row(
            ["Norrlands Vård AB", "", "privat", "Umeå"],
            [["5321", 4, 2, 1, 2], ["Barnskötare", "ca 5", 1, 0, 0]],
            3,
        ),
        corpus.wide_row(
            ["Piteå kommun", "", "kommun", "Piteå"], [["5321", 1, 1, 1], [None, 3, 0, 0]], 3
        ),
    ]
    parsed = parse_file("bred.xlsx", corpus.xlsx_bytes({"Svar": [headers, *rows]}), reference)
    assert needs(parsed) == []
    first, second = parsed.rejected
    assert first.row == 2 and first.problems[0].column == "Antal inom 1 år 2"
    assert first.values["Yrke 1"] == "5321"  # every cell of the row is kept
    assert second.problems[0].column == "Yrke 2"
    assert "Yrke saknas i yrkesgrupp 2" in second.problems[0].reason


def test_wide_export_skips_groups_left_empty_or_zero_and_takes_an_unnumbered_first_group(
    reference,
):
    headers = [
        "Företag",
        "Sektor",
        "Kommun",
        "Yrke",
        "Antal inom 1 år",
        "Antal 1-3 år",
        "Antal 3-5 år",
        "Yrke 2",
        "Antal inom 1 år 2",
        "Antal 1-3 år 2",
        "Antal 3-5 år 2",
    ]
    rows = [
        ["Bygg AB", "privat", "Luleå", "Svetsare", 1, 2, 3, None, 0, 0, "0"],
        ["Vård AB", "privat", "Boden", None, None, None, None, None, None, None, None],
    ]
    parsed = parse_file("bred.xlsx", corpus.xlsx_bytes({"Blad1": [headers, *rows]}), reference)
    assert parsed.layout == "bred"
    bygg, vard = parsed.respondents
    assert [n.ssyk4 for n in bygg.needs] == ["7212"]
    assert vard.needs == [] and vard.source_row == 3
    assert any("Rad 3 ('Vård AB') har inga yrken ifyllda" in n for n in parsed.notes)


def test_wide_row_with_the_same_occupation_in_two_groups_is_rejected(reference):
    headers = corpus.wide_headers(2)
    cells = corpus.wide_row(["Bygg AB", "", "privat", "Luleå"], [["7212", 1], ["7212", 2]], 2)
    parsed = parse_file("bred.xlsx", corpus.xlsx_bytes({"Svar": [headers, cells]}), reference)
    (reason,) = reasons(parsed)
    assert reason.startswith("Samma yrke (7212) finns redan i yrkesgrupp 1 på samma rad")


def test_two_titles_of_one_occupation_in_a_wide_row_are_one_need_with_counts_added(reference):
    headers = corpus.wide_headers(2)
    cells = corpus.wide_row(["Bygg AB", "", "privat", "Luleå"], [["7212", 1], ["Svetsare", 2]], 2)
    parsed = parse_file("bred.xlsx", corpus.xlsx_bytes({"Svar": [headers, cells]}), reference)
    assert reasons(parsed) == []
    (need,) = needs(parsed)
    assert (need.ssyk4, need.recruits_1y, need.occupation_as_given) == (
        "7212",
        3,
        "7212 + Svetsare",
    )
    assert any("är samma yrke (7212) och räknas som ett behov" in n for n in parsed.notes)


# ------------------------------------------------------------------------------ our template


def test_filled_in_template_is_read_as_one_organisation_with_its_needs(reference):
    data = corpus.template_xlsx(
        corpus.template_organisation(),
        [corpus.template_need(), corpus.template_need(**{"Yrke (SSYK)": "2221 Sjuksköterskor"})],
    )
    parsed = parse_file("mall.xlsx", data, reference)
    assert parsed.layout == "mall"
    (respondent,) = parsed.respondents
    assert (respondent.kommunkod, respondent.source_row) == ("2480", 2)
    assert [(n.ssyk4, n.occupation_match, n.source_row) for n in respondent.needs] == [
        ("5321", "kod", 2),
        ("2221", "kod", 3),
    ]
    assert respondent.needs[0].requires_post_secondary is True


def test_template_without_an_organisation_is_unreadable(reference):
    data = corpus.template_xlsx(None, [corpus.template_need()])
    with pytest.raises(UnreadableFile, match="ingen organisation ifylld"):
        parse_file("mall.xlsx", data, reference)


def test_template_with_a_bad_organisation_rejects_every_need_and_points_at_the_organisation(
    reference,
):
    data = corpus.template_xlsx(
        corpus.template_organisation(Kommun="Umeaa"),
        [corpus.template_need(), corpus.template_need(**{"Yrke (SSYK)": "5311"})],
    )
    parsed = parse_file("mall.xlsx", data, reference)
    assert parsed.respondents == []
    assert [(r.sheet, r.row) for r in parsed.rejected] == [("Behov", 2), ("Behov", 3)]
    problem = parsed.rejected[0].problems[0]
    assert problem.message() == (
        "mall.xlsx, blad 'Organisation', rad 2, kolumn 'Kommun': "
        "'Umeaa' känns inte igen. Menade du Umeå (2480)?"
    )
    # the rejected row carries the organisation too, so it can be fixed and imported as is
    assert parsed.rejected[0].values["Kommun"] == "Umeaa"


# ------------------------------------------------------------------------------ municipalities


@pytest.mark.parametrize(
    "written",
    [
        "2480",
        " 2480 ",
        "2480.0",
        "2480 Umeå",
        "Umeå",
        "Umeå kommun",
        "UMEÅ",
        "umea",
        "Umea kommun",
        "Umeå kommun (2480)",
        "Umeå kommuns",
        "umeå\u00a0kommun",
        "Ume\u0061\u030a",
    ],
)
def test_municipality_written_as_code_or_name_in_any_common_form(reference, written):
    parsed = parse_file("svar.csv", corpus.csv_bytes([row(Kommun=written)]), reference)
    assert parsed.respondents[0].kommunkod == "2480"


@pytest.mark.parametrize("cell", [2480, 2480.0, "2480"])
def test_municipality_as_a_number_cell_in_excel(reference, cell):
    data = corpus.export_xlsx([row(Kommun=cell)], LONG_HEADERS)
    assert parse_file("svar.xlsx", data, reference).respondents[0].kommunkod == "2480"


def test_misspelt_municipality_is_an_error_that_suggests_the_right_one(reference):
    data = corpus.csv_bytes([row(), row(Kommun="Umeaa", **{"Yrke (SSYK)": "5311"})])
    parsed = parse_file("svar.csv", data, reference)
    (rejected,) = parsed.rejected
    (problem,) = rejected.problems
    assert problem.message() == (
        "svar.csv, rad 3, kolumn 'Kommun': 'Umeaa' känns inte igen. Menade du Umeå (2480)?"
    )
    assert (problem.row, problem.column, problem.value) == (3, "Kommun", "Umeaa")


def test_municipality_outside_the_region_is_an_error_that_says_why(reference):
    parsed = parse_file("svar.csv", corpus.csv_bytes([row(Kommun="Stockholm")]), reference)
    (reason,) = reasons(parsed)
    assert "Stockholm (0180) ligger inte i undersökningens region" in reason


# ------------------------------------------------------------------------------ occupations


def test_scb_variant_code_is_mapped_to_arbetsformedlingens(reference):
    parsed = parse_file("svar.csv", corpus.csv_bytes([row(**{"Yrke (SSYK)": "5322"})]), reference)
    need = only_need(parsed)
    assert (need.ssyk4, need.occupation_match, need.occupation_as_given) == (
        "5321",
        "scb-kod",
        "5322",
    )


def test_unknown_occupation_is_an_error_with_the_best_suggestions(reference):
    data = corpus.csv_bytes([row(**{"Yrke (SSYK)": "Undersköterka"})])
    (reason,) = reasons(parse_file("svar.csv", data, reference))
    # a misspelt title that fits two groups is a question, with both codes first
    assert reason.startswith("'Undersköterka' kan vara flera yrken: ")
    assert reason.index("(5321)") < reason.index("Förslag")
    assert reason.index("(5323)") < reason.index("Förslag")
    data = corpus.csv_bytes([row(**{"Yrke (SSYK)": "Blomsterbindarre x"})])
    (reason,) = reasons(parse_file("svar.csv", data, reference))
    assert reason.startswith("'Blomsterbindarre x' känns inte igen som yrke. Förslag: ")
    assert reason.count("(") >= 3  # three suggestions, each with its code


def test_code_that_looks_like_ssyk_but_does_not_exist_is_an_error(reference):
    (reason,) = reasons(
        parse_file("s.csv", corpus.csv_bytes([row(**{"Yrke (SSYK)": "9999"})]), reference)
    )
    assert "'9999' är ingen SSYK-kod" in reason


def test_exact_and_fuzzy_job_titles(reference):
    data = corpus.csv_bytes(
        [row(**{"Yrke (SSYK)": "barnskötare "}), row(**{"Yrke (SSYK)": "Svetsarre"})]
    )
    exact, fuzzy = needs(parse_file("svar.csv", data, reference))
    assert (exact.ssyk4, exact.occupation_match) == ("5311", "titel")
    assert fuzzy.ssyk4 == "7212"
    assert fuzzy.occupation_match.startswith("titel ~")
    assert int(fuzzy.occupation_match.split("~")[1]) >= match.FUZZY_ACCEPT


def test_a_generic_title_is_never_guessed_from_a_longer_one(reference):
    # WRatio scores 'Ingenjör' 95 against 'VA-ingenjör': that must not be a silent guess.
    result = reference.occupation("Ingenjör")
    assert not result.ok and "Förslag" in result.error


# ------------------------------------------------------------------------------ counts and cells


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "ca 5",
            "'ca 5' är inte ett heltal. Ange ett heltal 0 eller större (t.ex. 5); "
            "skriv inte intervall eller 'ca'.",
        ),
        ("5-10", "'5-10' är inte ett heltal."),
        ("fem", "'fem' är inte ett heltal."),
        ("-3", "'-3' är negativt. Ange ett heltal 0 eller större."),
    ],
)
def test_negative_and_textual_counts_are_rejected_saying_what_is_expected(
    reference, written, expected
):
    data = corpus.csv_bytes([row(**{"Antal att rekrytera inom 1 år": written})])
    parsed = parse_file("svar.csv", data, reference)
    assert needs(parsed) == []
    (rejected,) = parsed.rejected
    (problem,) = rejected.problems
    assert problem.reason.startswith("Antal att rekrytera inom 1 år: ")
    assert expected in problem.reason
    assert problem.value == written
    assert rejected.values == corpus.row(**{"Antal att rekrytera inom 1 år": written})


def test_empty_counts_are_zero_and_the_policy_is_noted_once(reference):
    data = corpus.csv_bytes(
        [
            row(**{"Antal att rekrytera om 3–5 år": ""}),
            row(**{"Yrke (SSYK)": "5311", "LIA-platser per år": " "}),
        ]
    )
    parsed = parse_file("svar.csv", data, reference)
    first, second = needs(parsed)
    assert (first.recruits_3_5y, second.lia_places) == (0, 0)
    assert parsed.notes.count("Tomma antal har räknats som 0.") == 1


def test_a_row_with_several_problems_lists_them_all_and_keeps_every_cell(reference):
    bad = row(
        Organisationsnummer="556677-8890",
        **{"Yrke (SSYK)": "9999", "Antal att rekrytera om 1–3 år": "ca 5"},
    )
    parsed = parse_file("svar.csv", corpus.csv_bytes([row(), bad]), reference)
    (rejected,) = parsed.rejected
    assert [p.column for p in rejected.problems] == [
        "Organisationsnummer",
        "Yrke (SSYK)",
        "Antal att rekrytera om 1–3 år",
    ]
    assert rejected.values == bad
    assert len(needs(parsed)) == 1


def test_invalid_organisationsnummer_is_rejected_and_a_valid_one_normalised(reference):
    data = corpus.csv_bytes(
        [
            row(Organisationsnummer="2120002726"),
            row(Organisation="X AB", Organisationsnummer="556677-8890"),
        ]
    )
    parsed = parse_file("svar.csv", data, reference)
    assert parsed.respondents[0].organisationsnummer == "212000-2726"
    (reason,) = reasons(parsed)
    assert reason == (
        "'556677-8890' är inget giltigt organisationsnummer (kontrollsiffran stämmer inte)."
    )


def test_same_occupation_twice_for_one_organisation_rejects_the_later_row(reference):
    data = corpus.csv_bytes([row(), row(**{"Yrke (SSYK)": "5311"}), row(**{"Yrke (SSYK)": "5321"})])
    parsed = parse_file("svar.csv", data, reference)
    assert [n.source_row for n in needs(parsed)] == [2, 3]
    (rejected,) = parsed.rejected
    assert rejected.row == 4
    assert rejected.problems[0].reason == (
        "Samma yrke (5321) finns redan på rad 2 för samma organisation; slå ihop raderna."
    )


def test_long_rows_are_grouped_into_organisations_by_name_municipality_and_orgnr(reference):
    data = corpus.csv_bytes(
        [
            row(),
            row(
                Organisation="Norrlands Bygg AB",
                Organisationsnummer="556036-0793",
                **{"Typ av organisation": "privat", "Yrke (SSYK)": "7212"},
            ),
            row(Organisation="  UMEÅ  kommun", **{"Yrke (SSYK)": "5311"}),
            row(Kommun="Skellefteå", **{"Yrke (SSYK)": "5311"}),
        ]
    )
    parsed = parse_file("svar.csv", data, reference)
    assert [(r.organisation_name, r.kommunkod, len(r.needs)) for r in parsed.respondents] == [
        ("Umeå kommun", "2480", 2),
        ("Norrlands Bygg AB", "2480", 1),
        ("Umeå kommun", "2482", 1),
    ]


@pytest.mark.parametrize(
    ("function", "written", "value"),
    [
        (match.org_kind, "Privat företag", "privat"),
        (match.org_kind, "KOMMUNAL", "kommun"),
        (match.org_kind, "Landsting", "region"),
        (match.size_class, "1–9", "1-9"),
        (match.size_class, "250 eller fler", "250+"),
        (match.size_class, "10 - 49 anställda", "10-49"),
        (match.size_class, "35", "10-49"),
        (match.sni_section, "C Tillverkning", "C"),
        (match.sni_section, "q", "Q"),
        (match.sni_section, "Vård och omsorg; sociala tjänster", "Q"),
        (match.sni_section, "86.211", "Q"),
        (match.yes_no, "Ja", True),
        (match.yes_no, "NEJ", False),
        (match.yes_no, "", None),
        (match.difficulty, "5 = mycket svårt", 5),
        (match.difficulty, "3,0", 3),
    ],
)
def test_cell_values_in_their_common_forms(function, written, value):
    result = function(written, "Fält")
    assert result.ok, result.error
    assert result.value == value


def test_offentlig_is_ambiguous_and_lists_the_choices():
    result = match.org_kind("Offentlig")
    assert not result.ok
    assert "kommun, region, stat, privat, ideell" in result.error


def test_a_header_with_a_range_is_not_mistaken_for_a_group_number():
    assert map_header("Svårighet att rekrytera (1–5)") == ("recruitment_difficulty", None, True)
    assert map_header("Antal inom 1 år 2") == ("recruits_1y", 2, True)
    assert map_header("Antal 1 - 3 år") == ("recruits_1_3y", None, True)


def test_excel_sep_line_and_values_without_a_header_are_handled_visibly(reference):
    text = "sep=;\r\n" + corpus.csv_bytes([row()], sep=";").decode()
    text = text.rstrip("\r\n") + ";kvarglömt värde\r\n"
    parsed = parse_file("svar.csv", text.encode(), reference)
    assert only_need(parsed).source_row == 3
    assert "Värden i kolumner utan rubrik användes inte (rad 3)." in parsed.notes


def test_suggestions_are_limited_per_file_and_the_limit_is_noted(monkeypatch):
    from kraftsamling.intake import parse

    monkeypatch.setattr(parse, "SUGGESTION_BUDGET", 1)
    reference = Reference.from_repository()  # nothing cached yet
    data = corpus.csv_bytes(
        [row(**{"Yrke (SSYK)": "Undersköterka"}), row(**{"Yrke (SSYK)": "Blomsterbindarre x"})]
    )
    parsed = parse_file("svar.csv", data, reference)
    first, second = reasons(parsed)
    assert "Förslag" in first and "Förslag" not in second
    assert any("förslag ges bara för de första" in n for n in parsed.notes)


def test_a_file_with_headers_but_no_answers_is_read_and_says_so(reference):
    parsed = parse_file("tom.csv", corpus.csv_bytes([], sep=";"), reference)
    assert (parsed.respondents, parsed.rejected) == ([], [])
    assert "Filen har rubriker men inga ifyllda rader." in parsed.notes


# ------------------------------------------------------------------------------ unreadable files


@pytest.mark.parametrize("data", [b"", b"   \r\n", b"\xef\xbb\xbf"])
def test_empty_file_is_unreadable(reference, data):
    with pytest.raises(UnreadableFile, match="'tom.csv' är tom"):
        parse_file("tom.csv", data, reference)


def test_a_png_renamed_to_csv_is_unreadable_and_says_what_it_is(reference):
    with pytest.raises(UnreadableFile, match="'bild.csv'.*PNG-bild"):
        parse_file("bild.csv", corpus.png_bytes(), reference)


def test_csv_without_recognisable_columns_names_the_missing_columns(reference):
    with pytest.raises(UnreadableFile) as raised:
        parse_file("abc.csv", b"a,b,c\n1,2,3\n", reference)
    message = str(raised.value)
    assert "'abc.csv'" in message
    for header in ("Organisation", "Kommun", "Yrke (SSYK)", "Antal att rekrytera inom 1 år"):
        assert header in message


def test_csv_missing_some_required_columns_names_exactly_those(reference):
    headers = [h for h in LONG_HEADERS if h not in ("Kommun", "Antal att rekrytera om 3–5 år")]
    with pytest.raises(UnreadableFile) as raised:
        parse_file("delvis.csv", corpus.csv_bytes([row()], headers), reference)
    message = str(raised.value)
    assert "saknar kolumner som behövs: Kommun, Antal att rekrytera om 3–5 år." in message


def test_a_missing_kind_of_organisation_is_inferred_or_unknown_and_the_report_says_so(reference):
    headers = [h for h in LONG_HEADERS if h != "Typ av organisation"]
    rows = [
        row(),  # 212000-2726: a municipality's organisationsnummer
        row(Organisation="Region Västerbotten", Organisationsnummer="", Kommun="2480"),
        row(Organisation="Malå Bygg AB", Organisationsnummer="", Kommun="Malå"),
        row(Organisation="Fjällgården", Organisationsnummer="", Kommun="Malå"),
    ]
    parsed = parse_file("utan_typ.csv", corpus.csv_bytes(rows, headers), reference)
    kinds = {r.organisation_name: r.org_kind for r in parsed.respondents}
    assert kinds == {
        "Umeå kommun": "kommun",
        "Region Västerbotten": "region",
        "Malå Bygg AB": "privat",
        "Fjällgården": "okänd",
    }
    (note,) = [n for n in parsed.notes if n.startswith("Typ av organisation saknas")]
    assert "1 ur organisationsnummer" in note and "2 ur namnet" in note and "för 1 " in note


def test_a_broken_workbook_is_unreadable(reference):
    data = corpus.export_xlsx([row()], LONG_HEADERS)
    with pytest.raises(UnreadableFile, match="'trasig.xlsx'"):
        parse_file("trasig.xlsx", data[: len(data) // 2], reference)


# ------------------------------------------------------------------------------ reference


def test_reference_from_the_database_matches_the_repository_files(reference, con):
    from_db = Reference.from_connection(con)
    assert from_db.municipalities == reference.municipalities
    assert from_db.ssyk_names == reference.ssyk_names
    assert from_db.scb_to_af == reference.scb_to_af
    assert sorted(from_db.job_titles) == sorted(reference.job_titles)
    assert sum(m.in_region for m in from_db.municipalities.values()) == 44


# ------------------------------------------------------------------------------ size


def test_a_50000_row_csv_parses_in_a_few_seconds(reference):
    data = corpus.big_csv(50_000)
    started = time.perf_counter()
    parsed = parse_file("stor.csv", data, reference)
    seconds = time.perf_counter() - started
    assert not parsed.rejected, reasons(parsed)[:3]
    assert parsed.accepted_rows == 50_000
    assert len(parsed.respondents) == 5_000
    size = f"{len(data) / 1e6:.1f} MB"
    print(f"\n50 000 rader ({size}) på {seconds:.2f} s: {50_000 / seconds:,.0f} rader/s")
    assert seconds < 30


# ------------------------------------------------------------------------------ properties


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.tuples(st.integers(0, 3000), st.binary(max_size=20)).map(
            lambda t: _VALID_XLSX[: t[0]] + t[1] + _VALID_XLSX[t[0] + len(t[1]) :]
        ),
        st.tuples(st.integers(0, 1500), st.binary(max_size=20)).map(
            lambda t: _VALID_CSV[: t[0]] + t[1] + _VALID_CSV[t[0] :]
        ),
    )
)
def test_any_bytes_give_a_parsed_file_or_unreadable_file_and_nothing_else(reference, data):
    try:
        result = parse_file("godtycklig.csv", data, reference)
    except UnreadableFile as error:
        assert "'godtycklig.csv'" in str(error)
    else:
        assert isinstance(result, ParsedFile)


_VALID_CSV = corpus.csv_bytes([row(), row(**{"Yrke (SSYK)": "5311"})], sep=";")
_VALID_XLSX = corpus.export_xlsx([row()], LONG_HEADERS)

_corruptions = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "ca 5",
            "5-10",
            "-3",
            "2,5",
            "Umeaa",
            "9999",
            "Stockholm",
            "xyz",
            "Offentlig",
            "5,0",
            "1 200",
            "Undersköterka",
            "556677-8890",
            "0",
            '"',
            ";",
            ",",
            "\n",
            "Kommun",
        ]
    ),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
        max_size=12,
    ),
)


@st.composite
def messy_rows(draw):
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        values = row(
            Organisation=draw(st.sampled_from(["Umeå kommun", "Bygg AB", "Vård AB"])),
            Kommun=draw(st.sampled_from(corpus.MUNICIPALITIES)),
            **{"Yrke (SSYK)": draw(st.sampled_from(corpus.OCCUPATIONS[:4]))},
        )
        for header in draw(st.lists(st.sampled_from(LONG_HEADERS), max_size=4)):
            values[header] = draw(_corruptions)
        rows.append(values)
    return rows


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_rows(), st.sampled_from([",", ";", "\t"]), st.booleans())
def test_every_data_row_is_accepted_or_rejected_exactly_once(reference, rows, sep, bom):
    data = corpus.csv_bytes(rows, sep=sep, bom=bom)
    parsed = parse_file("stickprov.csv", data, reference)
    # What a spreadsheet would show: the records after the header, numbered from 2.
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))
    expected = [n for n, r in enumerate(records, start=1) if n > 1 and any(c.strip() for c in r)]
    accepted = [n.source_row for n in needs(parsed)]
    rejected = [r.row for r in parsed.rejected]
    assert sorted(accepted + rejected) == expected  # each row once: none lost, none doubled
    for rejected_row in parsed.rejected:
        assert rejected_row.problems
        assert all(p.row == rejected_row.row for p in rejected_row.problems)
    for r in parsed.respondents:
        assert len({n.ssyk4 for n in r.needs}) == len(r.needs)
