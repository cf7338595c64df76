"""Swedish and English: Swedish by default, the whole UI in English with ?lang=en or the
sidebar's toggle, and numbers formatted for the language (babel)."""

from __future__ import annotations

import ast
import re
import string
import time

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import auth, fmt, i18n, paths
from kraftsamling.i18n import EN, t
from kraftsamling.pages import ADMIN_PAGES, PAGES, PRESENTATION, scripts

ENTRY = str(paths.REPO / "dashboard.py")

# Where the UI's texts are written (tests/test_i18n.py scans them for t("...")).
UI_FILES = [
    paths.REPO / "dashboard.py",
    *sorted((paths.REPO / "pages").glob("*.py")),
    *sorted((paths.REPO / "kraftsamling" / "views").glob("*.py")),  # every page's words
    *(
        paths.REPO / "kraftsamling" / name
        for name in (
            "ui.py",
            "metrics.py",
            "presentation.py",
            "charts.py",
            "assessment.py",
            "selection.py",
            "profiles.py",
            "supply.py",
            "upskilling.py",
            "autopool.py",
            "study_locations.py",
            "pagecache.py",
            "privacy/cells.py",
            "privacy/view.py",
        )
    ),
]

ENGLISH_TITLES = {  # what a visitor reads, written out (the pages are kraftsamling.pages.PAGES)
    "pages/karta.py": "Map",
    "pages/kluster.py": "Occupation clusters",
    "pages/kommunprofil.py": "Municipality profile",
    "pages/kommungrupper.py": "Municipality groups by need profile",
    "pages/over_tid.py": "Over time",
    "pages/ansokningsunderlag.py": "Application evidence",
}


def english(page: str | None = None, **params) -> AppTest:
    """The app opened with ?lang=en (and `params`), landing straight on `page`."""
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.query_params["lang"] = "en"
    for key, value in params.items():
        app.query_params[key] = value
    if page:
        app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def shown_texts(app: AppTest) -> str:
    parts = [e.value for e in (*app.title, *app.subheader, *app.markdown, *app.caption)]
    parts += [str(e.value) for e in (*app.info, *app.success, *app.warning, *app.error)]
    parts += [m.label for m in app.metric] + [str(m.help or "") for m in app.metric]
    for widgets in (app.selectbox, app.multiselect, app.number_input, app.checkbox):
        parts += [w.label for w in widgets]
    parts += [b.label for b in app.button]
    parts += [o for w in app.selectbox for o in w.options]
    return "\n".join(str(p) for p in parts)


def swedish_left(app: AppTest) -> list[str]:
    """Longer Swedish source texts (without placeholders) that show up untranslated."""
    text = shown_texts(app)
    return [
        sv for sv, en in EN.items() if sv != en and len(sv) >= 16 and "{" not in sv and sv in text
    ]


def test_swedish_is_the_default(database):
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Karta"
    assert "lang" not in app.query_params
    assert app.segmented_control(key="lang").value == "sv"
    assert "Rekryteringsbehov" in [m.label for m in app.metric]
    assert i18n.current_language() == "sv"  # outside a Streamlit run
    assert t("Karta") == "Karta"


def test_lang_en_shows_the_map_page_in_english(database):
    app = english()
    assert app.title[0].value == "Map"
    labels = [m.label for m in app.metric]
    assert labels[:4] == [
        "Recruitment need",
        "Per 1,000 inhabitants aged 20–64",
        "Employers with a need",
        "LIA placements a year",
    ]
    values = {m.label: m.value for m in app.metric}
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", values["Recruitment need"])  # e.g. 6,286
    assert re.fullmatch(r"\d+\.\d", values["Per 1,000 inhabitants aged 20–64"])
    total = next(m.value for m in app.markdown if "Total in the region" in m.value)
    assert "people to recruit (within 5 years (cumulative))" in total
    assert f"**Total in the region:** {values['Recruitment need']} people" in total
    captions = "\n".join(c.value for c in app.caption)
    assert "Wave: " in captions and "44 of 44 municipalities" in captions
    assert "**Example data.** Recruitment need within 5 years (cumulative)" in captions
    assert "Source: the skills survey" in captions
    assert app.selectbox(key="matt").options[0] == "Recruitment need"
    assert app.subheader[0].value == "The whole selection"
    assert app.query_params["lang"] in ("en", ["en"])
    assert swedish_left(app) == []


@pytest.mark.parametrize("page", scripts())
def test_every_page_runs_in_english_without_exceptions(database, page):
    app = english(page)
    assert app.title[0].value == ENGLISH_TITLES[page]
    assert "Pooled demand for skills" in "\n".join(c.value for c in app.caption)
    assert swedish_left(app) == []


def test_the_finder_speaks_english_down_to_verdicts_reasons_and_the_auto_pool(database):
    app = english("pages/ansokningsunderlag.py")
    text = shown_texts(app)
    assert re.search(r"\*\*\d+ justified, \d+ close and \d+ not justified\*\*", text)
    assert re.search(r"Need \d+ against a requirement of \d+", text)
    message = [str(e.value) for e in (*app.success, *app.warning)][0]
    assert re.match(r"(Smallest connected group|Connected group|No connected group)", message)
    assert "Options:" not in text


@pytest.mark.parametrize("step", ["1", "2", "3", "4"])
def test_presentation_mode_follows_the_language(database, step):
    from kraftsamling.views.presentation import STEPS

    app = english(present="1", steg=step)
    assert app.title[0].value == EN[STEPS[int(step) - 1].title]
    assert f"step {step} of {len(STEPS)}" in app.caption[0].value
    assert swedish_left(app) == []


def test_the_admin_pages_translate_their_titles_and_navigation(database, monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.query_params["lang"] = "en"
    app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
    app.run()
    assert not app.exception
    assert "Logged in as **anna**" in "\n".join(c.value for c in app.caption)
    for page, title in [
        ("pages/importera.py", "Import survey answers"),
        ("pages/omgangar.py", "Waves"),
        ("pages/logga_in.py", "Administrators"),
    ]:
        app.switch_page(page).run()
        assert not app.exception, app.exception
        assert app.title[0].value == title
        assert swedish_left(app) == []


def test_the_toggle_switches_language_and_keeps_the_filters(database):
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    app.selectbox(key="horisont").set_value("1-3").run()
    app.selectbox(key="matt").set_value("employers").run()
    app.multiselect(key="lan").set_value(["24"]).run()
    app.segmented_control(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Map"
    assert app.query_params["lang"] in ("en", ["en"])
    assert app.selectbox(key="horisont").value == "1-3"
    assert app.selectbox(key="matt").value == "employers"
    assert app.multiselect(key="lan").value == ["24"]
    assert "In 1–3 years" in app.caption[0].value
    assert "15 of 44 municipalities (Västerbottens län)" in app.caption[0].value
    # the browser is sent each choice again, now labelled in English
    assert app.selectbox(key="matt").proto.raw_value == "Number of employers with a need"
    app.selectbox(key="k").set_value("4").run()  # a later change keeps them too
    assert app.selectbox(key="matt").value == "employers"
    assert app.selectbox(key="horisont").value == "1-3"
    app.switch_page("pages/kluster.py").run()  # the language outlives a change of page
    assert app.title[0].value == "Occupation clusters"
    app.segmented_control(key="lang").set_value("sv").run()
    assert app.title[0].value == "Yrkeskluster"
    assert "lang" not in app.query_params


def test_an_unknown_language_in_the_url_is_swedish(database):
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.query_params["lang"] = "de"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Karta"


def test_numbers_follow_the_language():
    assert fmt.number(1234.5, 1) == "1\u00a0234,5"
    assert fmt.number(-13000, 1) == "\u221213\u00a0000,0"
    assert fmt.number(None) == "–" and fmt.number(float("nan")) == "–"
    with i18n.language("en"):
        assert fmt.number(1234.5, 1) == "1,234.5"
        assert fmt.number(6286) == "6,286"
        assert fmt.number(-13000, 1) == "-13,000.0"
        assert fmt.number_range(1000, 2000) == "1,000–2,000"
        assert i18n.plotly_separators() == ".,"
    assert i18n.plotly_separators() == ", "
    assert fmt.number(1234.5, 1, language="en") == "1,234.5"


def test_numbers_round_as_before_in_swedish():
    """Babel gives exactly what Python's own formatting gave, for the same float."""
    for value, decimals in [(2.5, 0), (0.125, 2), (2.675, 2), (-0.4, 0), (1e12, 0), (7, 1)]:
        expected = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
        assert fmt.number(value, decimals) == expected.replace("-", "\u2212")


def test_texts_fill_their_placeholders_and_fall_back_to_swedish():
    assert t("{n} av {total} kommuner", n=3, total=44) == "3 av 44 kommuner"
    with i18n.language("en"):
        assert t("{n} av {total} kommuner", n=3, total=44) == "3 of 44 municipalities"
        assert t("Karta") == "Map"
        assert t("Ingen sådan text finns") == "Ingen sådan text finns"
        assert t("Motiverad") == "Justified"
    with i18n.language("xx"):
        assert i18n.current_language() == "sv"


def test_the_reasons_are_written_in_the_language_of_the_page():
    from kraftsamling.assessment import Criterion

    need = Criterion("need", "Rekryteringsbehov", 41, 36)
    lia = Criterion("lia", "LIA-platser per år", 22, 30)
    assert (need.reason(), lia.reason()) == ("behov 41 mot krav 36", "LIA-platser 22 av 30 krävs")
    with i18n.language("en"):
        assert need.reason() == "need 41 against a requirement of 36"
        assert lia.reason() == "LIA placements 22 of 30 required"


def _translated_literals() -> tuple[list[str], list[str]]:
    """Every t("...") text in the UI files, and every t(f"...") (not allowed)."""
    texts, fstrings = [], []
    for path in UI_FILES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t"):
                continue
            if not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                texts.append(first.value)
            elif isinstance(first, ast.JoinedStr):
                fstrings.append(f"{path.name}:{node.lineno}")
    return texts, fstrings


def _catalogue_texts() -> list[str]:
    """Swedish texts kept in tables and shown through t(text_from_table)."""
    from kraftsamling import assessment, charts, style, supply, ui, upskilling
    from kraftsamling.intake.fields import ORG_KINDS, SNI_SECTIONS
    from kraftsamling.intake.match import UNKNOWN_KIND
    from kraftsamling.metrics import (
        ADMIN_METRICS,
        BOUNDARY_SOURCE,
        CHANGE_METRICS,
        CLASSIFICATIONS,
        HORIZON_LABELS,
        METRICS,
        PROVIDER_METRICS,
        RATE_BAND_LABELS,
    )
    from kraftsamling.selection import SCHEMES
    from kraftsamling.views import ansokningsunderlag, karta, kluster, over_tid
    from kraftsamling.views.presentation import STEPS

    return [
        *(page.title for page in (*PAGES, *ADMIN_PAGES, PRESENTATION)),
        *HORIZON_LABELS.values(),
        *(
            text
            for m in (
                *METRICS.values(),
                *ADMIN_METRICS.values(),
                *PROVIDER_METRICS.values(),
                *CHANGE_METRICS.values(),
            )
            for text in (m.label, m.unit, m.source, m.missing, *m.bands)
            if text
        ),
        *RATE_BAND_LABELS.values(),
        *karta.COMPARISON_WORDS.values(),
        *over_tid.STATES.values(),
        *charts.CHANGE_WORDS.values(),
        charts.CHANGE_LEGEND,
        over_tid.SAME_ORGANISATIONS,
        *CLASSIFICATIONS.values(),
        BOUNDARY_SOURCE,
        *SCHEMES.values(),
        *(text for step in STEPS for text in (step.title, step.lead)),
        *ansokningsunderlag.LEVELS.values(),
        *ansokningsunderlag.THRESHOLD_HELP.values(),
        *karta.TABLE_COLUMNS.values(),
        ansokningsunderlag.ADMIN_NOTE,
        ansokningsunderlag.PROVIDERS_NOTE,
        ansokningsunderlag.PACK_NOTE,
        ui.ADMIN_NOTE,
        ui.PROVIDER_FILTERS_NOTE,
        style.EXAMPLE_BADGE,
        ui.EXAMPLE_NOTE,
        kluster.SUPPLY_NOTE,
        kluster.PARTIAL_NOTE,
        karta.LEFT_OUT,
        charts.NO_ANSWER_LABEL,
        assessment.MOTIVATED,
        assessment.NEAR,
        assessment.NOT_MOTIVATED,
        *ORG_KINDS,
        UNKNOWN_KIND,
        *SNI_SECTIONS.values(),
        "År",
        "Ansökningsomgång",
        auth.MESSAGE_WRONG,
        auth.MESSAGE_LOCKED,
        *upskilling.KINDS.values(),
        *upskilling.THRESHOLD_HELP.values(),
        supply.SOURCE_NOTE,
        *assessment.PATH_LABELS.values(),
        ansokningsunderlag.INTAKES_RULE,
        ansokningsunderlag.OUTSIDE_NOTE,
        ansokningsunderlag.PROVIDER_LEVELS_NOTE,
        upskilling.OUTSIDE_NOTE,
    ]


def test_every_text_the_code_translates_has_an_english_entry():
    texts, fstrings = _translated_literals()
    assert len(texts) > 200, "the scan should find the UI's texts"
    assert fstrings == [], "t() takes a literal with {placeholders}, never an f-string"
    missing = sorted({text for text in [*texts, *_catalogue_texts()] if text not in EN})
    assert missing == [], "texts without English (add them to kraftsamling.i18n.EN)"


def test_every_english_entry_is_used_and_keeps_its_placeholders():
    used = set(_translated_literals()[0]) | set(_catalogue_texts())
    assert sorted(set(EN) - used) == [], "English entries nobody uses"
    formatter = string.Formatter()
    for sv, en in EN.items():
        if "%{" in sv:  # plotly templates, never formatted
            assert en.count("%{") == sv.count("%{"), sv
            continue
        names_sv = {field for _, field, _, _ in formatter.parse(sv) if field}
        names_en = {field for _, field, _, _ in formatter.parse(en) if field}
        assert names_sv == names_en, sv


# --- Promises for the rest of the UI: the municipality groups, the auto-pool and the admin pages


def test_in_english_the_municipality_groups_are_described_in_english(database):
    swedish = AppTest.from_file(ENTRY, default_timeout=120)
    swedish.switch_page("pages/kommungrupper.py")
    swedish.run()  # a Swedish session fills the grouping's cache first
    assert not swedish.exception
    assert any(m.value.startswith("**Antal grupper valt") for m in swedish.markdown)

    app = english("pages/kommungrupper.py")
    markdown = [m.value for m in app.markdown]
    criterion = next(m for m in markdown if m.startswith("**Number of groups chosen"))
    # the score inside the sentence is an English number: 0.25, not 0,25
    assert re.fullmatch(
        r"\*\*Number of groups chosen by silhouette score \(\d\.\d\d for k = \d; tried 2–7\)\.\*\*",
        criterion,
    ), criterion
    groups = [m for m in markdown if "■</span> Group" in m]
    assert groups and len(groups) == int(re.search(r"k = (\d)", criterion).group(1))
    for text in groups:
        assert re.search(r"Group \d \(\d+ municipalit(y|ies): ", text), text
        assert "percentage points" in text and "than the region on average" in text, text
        for swedish_word in ("Grupp ", "kommuner:", "större andel", "procentenheter", ") och "):
            assert swedish_word not in text, (swedish_word, text)
    for warning in app.warning:
        assert warning.value.startswith("The silhouette score "), warning.value
        assert not re.search(r"\d,\d", warning.value), warning.value
    assert "descriptions are in Swedish" not in shown_texts(app)
    assert swedish_left(app) == []


def test_the_groups_sentences_follow_the_language_they_are_read_in():
    """One grouping (as the cache keeps it) reads in Swedish and in English, numbers too."""
    import pandas as pd

    from kraftsamling.profiles import group_municipalities, profile_matrix

    need = pd.DataFrame(
        [
            (code, f"Ort {code}", cluster, count)
            for code, mix in {
                "0001": {"Pedagogik": 30, "Vård": 5},
                "0002": {"Pedagogik": 30, "Vård": 5},
                "0003": {"Pedagogik": 4, "Vård": 31},
                "0004": {"Pedagogik": 6, "Vård": 27},
                "0005": {"Pedagogik": 15, "Vård": 15},
            }.items()
            for cluster, count in mix.items()
        ],
        columns=["kommunkod", "name", "cluster", "recruits"],
    )
    with i18n.language("en"):
        grouping = group_municipalities(profile_matrix(need), k=9)  # four distinct profiles
    assert grouping.criterion.startswith("Antal grupper valt av användaren (k = 9, sänkt till 4")
    assert re.search(r"silhuettmått \d,\d\d\)$", grouping.criterion)
    assert "procentenheter" in grouping.descriptions[1]
    with i18n.language("en"):
        assert re.fullmatch(
            r"Number of groups chosen by the user \(k = 9, lowered to \d because only \d "
            r"municipalities with enough data have different profiles; silhouette score "
            r"\d\.\d\d\)",
            grouping.criterion,
        ), grouping.criterion
        for group, text in grouping.descriptions.items():
            assert text.startswith(f"Group {group} ("), text
            assert "kommun" not in text and "andel" not in text, text
        assert "Grupp" not in grouping.caveat and "Silhuett" not in grouping.caveat


def test_the_auto_pool_message_is_in_the_language_of_the_page_whoever_computed_it():
    """ui.auto_pool is cached across sessions: the message is written when it is shown."""
    import pandas as pd

    from kraftsamling import autopool
    from kraftsamling.assessment import Thresholds
    from kraftsamling.views import ansokningsunderlag

    graph = autopool.neighbours()
    codes = sorted(graph)
    nine = codes[:9]  # a need of 45, but only 9 LIA places: nothing is enough
    frame = pd.DataFrame(
        {
            "kommunkod": codes,
            "recruits": [5 if c in nine else 0 for c in codes],
            "employers": [1 if c in nine else 0 for c in codes],
            "lia_places": [1 if c in nine else 0 for c in codes],
        }
    )
    names = {c: f"Kommun {c}" for c in codes}

    def compute():
        return autopool.auto_pool(
            "2480", "3251", "Tandsköterskor", None, frame, Thresholds(), graph
        )

    with i18n.language("en"):
        computed_in_english = compute()
    swedish = ansokningsunderlag.auto_pool_message(computed_in_english, names)
    assert swedish == (
        "Ingen sammanhängande grupp av kommuner i de fyra länen når kraven för Tandsköterskor: "
        "hela regionen ger behov 45 mot krav 36; 9 arbetsgivare; LIA-platser 9 av 30 krävs; "
        "9 kommuner bidrar."
    )
    with i18n.language("en"):
        english_text = ansokningsunderlag.auto_pool_message(compute(), names)
    assert english_text == (
        "No connected group of municipalities in the four counties meets the requirements for "
        "Tandsköterskor: the whole region gives need 45 against a requirement of 36; 9 "
        "employers; LIA placements 9 of 30 required; 9 municipalities contribute."
    )


ADMIN_CSV = (
    "Organisation;Kommun;Typ av organisation;Yrke;Antal inom 1 år;Antal 1-3 år;Antal 3-5 år\n"
    "Sorsele kommun;Sorsele;kommun;5321;2;1;1\n"
    "Malå Bygg AB;Malå;privat;7111;ca 3;0;0\n"
).encode()


@pytest.fixture()
def admin_in_english(tmp_path, monkeypatch) -> AppTest:
    """Anna logged in, in English, on a database of her own (she imports into it)."""
    from kraftsamling import db

    path = tmp_path / "k.duckdb"
    db.build(path)
    monkeypatch.setenv("KRAFTSAMLING_DB", str(path))
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    app = AppTest.from_file(ENTRY, default_timeout=120)
    app.query_params["lang"] = "en"
    app.session_state[auth.SESSION_KEY] = {"username": "anna", "since": time.time()}
    app.run()
    assert not app.exception
    return app


def english_headers(app: AppTest) -> list[str]:
    """Every table column header on the page that is not English (or a code like SSYK)."""
    english_texts = set(EN.values()) | {"Id", "SSYK"}
    return [
        column
        for frame in app.dataframe
        for column in frame.value.columns
        if column not in english_texts
    ]


def test_in_english_the_admin_pages_have_english_column_headers_and_messages(admin_in_english):
    app = admin_in_english
    app.switch_page("pages/importera.py").run()
    assert not app.exception
    assert swedish_left(app) == []
    app.text_input[0].set_value("2025-host")
    app.file_uploader[0].set_value(("svar.csv", ADMIN_CSV, "text/csv"))
    app.button[0].click().run()
    assert not app.exception
    # some rows in quarantine: a warning, never a success
    assert "Wave 2025-host: 1 rows imported, 1 in quarantine." in [w.value for w in app.warning]
    assert [e.label for e in app.expander if e.label.startswith("File")] == ["File 1"]
    # The reasons stay Swedish (they are the quarantine's record) and the page says so, once;
    # file names and notes come from the answers and are shown as text, never markdown.
    problems = "\n".join(e.value for e in app.text)
    assert "svar.csv: 1 rows imported from 1 organisations, 1 rows in quarantine." in problems
    assert "rad 3, kolumn 'Antal inom 1 år'" in problems
    assert any(e.value.startswith("Filen lästes som CSV") for e in app.text)
    captions = [c.value for c in app.caption]
    notes = [c for c in captions if "error reasons and notes are in Swedish" in c]
    assert len(notes) == 1
    assert "The template, the import reports and their error reasons are in Swedish." in "\n".join(
        captions
    )
    template = next(b for b in app.download_button if "survey template" in b.label)
    assert "It is in Swedish" in template.help
    app.run()  # the new wave now has its import log under "Fix rows in quarantine"
    assert not app.exception
    assert len([c for c in app.caption if "error reasons and notes are in Swedish" in c.value]) == 1
    log = app.dataframe[0].value
    assert list(log.columns)[:4] == ["File", "Wave", "Status", "Layout"]
    assert list(log["Status"]) == ["imported"]
    assert english_headers(app) == []

    app.switch_page("pages/omgangar.py").run()
    assert not app.exception
    assert len(app.dataframe) == 3  # the waves, and two waves compared
    assert "Need, earlier wave" in app.dataframe[1].value.columns
    assert english_headers(app) == []
    assert swedish_left(app) == []


def test_in_english_a_wrong_password_is_told_in_english(database, monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, f"anna={auth.hash_password('ett långt lösenord')}")
    app = english("pages/logga_in.py")
    app.text_input[0].input("anna")
    app.text_input[1].input("fel lösenord här")
    app.button[0].click().run()
    assert not app.exception
    assert app.error[0].value == "Wrong user name or password."
