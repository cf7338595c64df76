"""Swedish and English: Swedish by default, English on request (`?lang=en`).

The Swedish text in the code is the source: `t("Karta")` returns it unchanged in Swedish and
its entry in `EN` in English; a text without an entry falls back to the Swedish
(tests/test_i18n.py lists every `t("…")` in the code that lacks one). Texts with placeholders
are filled with `str.format`: `t("{n} av {total} kommuner", n=3, total=44)`. Numbers are
formatted before they go in (`kraftsamling.fmt.number` follows the language too).

Data stay as they are in both languages: municipality, county and occupation names, MYH's
education areas, occupation fields, wave labels, and everything the survey import reports.

The language lives in the URL (`?lang=en`; absent or anything else is Swedish) and, once the
sidebar's toggle exists, in its session state (key `lang`), so it survives page changes.
Outside a Streamlit run the language is Swedish unless `language("en")` says otherwise.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = {"sv": "Svenska", "en": "English"}
DEFAULT = "sv"
PARAM = "lang"  # the URL parameter and the toggle's session-state key
LOCALES = {"sv": "sv_SE", "en": "en_GB"}
# Plotly's `separators`: decimal sign, then thousands separator.
PLOTLY_SEPARATORS = {"sv": ", ", "en": ".,"}

_forced: ContextVar[str | None] = ContextVar("kraftsamling_language", default=None)


def _valid(code) -> str:
    return code if code in LANGUAGES else DEFAULT


def language_from_url() -> str:
    """The language the URL asks for ('sv' when it asks for nothing known)."""
    try:
        import streamlit as st

        return _valid(st.query_params.get(PARAM))
    except Exception:  # noqa: BLE001 - outside Streamlit there is no URL
        return DEFAULT


_get_ctx = None  # streamlit's get_script_run_ctx, imported at the first call inside Streamlit


def current_language() -> str:
    """'sv' or 'en': a `language(...)` block wins; then the toggle's state; then the URL."""
    forced = _forced.get()
    if forced is not None:
        return forced
    global _get_ctx
    if _get_ctx is None:
        if "streamlit" not in sys.modules:  # a command-line tool: no session, no import cost
            return DEFAULT
        from streamlit.runtime.scriptrunner import get_script_run_ctx as _get_ctx
    try:
        ctx = _get_ctx(suppress_warning=True)
        if ctx is None:
            return DEFAULT
        # Widget state is settled before a run starts, so the language is read once per run
        # (a page writes thousands of texts and numbers). `ctx.cursors` is a new dict on
        # every run: it tells this run from the last.
        remembered = getattr(ctx, "_kraftsamling_language", None)
        if remembered is not None and remembered[0] is ctx.cursors:
            return remembered[1]
        import streamlit as st

        chosen = st.session_state.get(PARAM)
        found = _valid(chosen) if chosen is not None else language_from_url()
        ctx._kraftsamling_language = (ctx.cursors, found)
        return found
    except Exception:  # noqa: BLE001 - no Streamlit session: Swedish
        return DEFAULT


@contextmanager
def language(code: str) -> Iterator[None]:
    """Run a block in one language whatever the URL says (tests; the Swedish evidence pack)."""
    token = _forced.set(_valid(code))
    try:
        yield
    finally:
        _forced.reset(token)


def t(text: str, /, **values) -> str:
    """`text` (Swedish) in the current language, with `values` filled in."""
    if current_language() == "en":
        text = EN.get(text, text)
    return text.format(**values) if values else text


def plotly_separators() -> str:
    return PLOTLY_SEPARATORS[current_language()]


# English for every Swedish text the UI shows, keyed by the exact Swedish source text (as
# Python joins it: adjacent literals are one text).
# fmt: off
EN: dict[str, str] = {
    " {hidden} kommuner är dolda i någon av omgångarna och jämförs inte.":
        " {hidden} municipalities are hidden in one of the waves and are not compared.",
    'En omgång vars siffra skulle lämna dolda siffror utanför visas inte ("dold").':
        'A wave whose figure would leave hidden figures out is not shown ("hidden").',
    "Förändring per 1 000 inv. 20–64": "Change per 1,000 inhabitants 20–64",
    "Jämförs": "Compared",
    "Kommuner med lista": "Municipalities with a list",
    "Område": "Area",
    "Svarsfrekvens, hela regionen": "Response rate, whole region",
    "{grew} yrken växte och {shrank} minskade.": "{grew} occupations grew and {shrank} fell.",
    '{hidden} yrken jämförs inte ("dold"): deras siffra i någon av omgångarna skulle lämna '
    "dolda siffror utanför, eller räkna med en kommun som bara deltog i en av dem.":
        '{hidden} occupations are not compared ("hidden"): their figure in one of the waves '
        "would leave hidden figures out, or count a municipality that took part in only one "
        "of them.",
    "**Förändring ({horizon}):** {before} → {after} personer i de {both} kommuner som kan "
    "jämföras. {one} deltog bara i en av omgångarna och {hidden} är dolda i någon av dem: de "
    "är grå, aldrig en minskning.":
        "**Change ({horizon}):** {before} → {after} people in the {both} municipalities that "
        "can be compared. {one} took part in one of the waves only and {hidden} are hidden in "
        "one of them: they are grey, never a fall.",
    "**Per yrke**, {earlier} → {later}": "**Per occupation**, {earlier} → {later}",
    "Det finns bara en omgång att visa: jämförelser kräver två.":
        "There is only one wave to show: comparisons need two.",
    "Ingen jämförelse": "No comparison",
    "Bara organisationer som svarade i båda omgångarna räknas (samma organisationsnummer, "
    "eller samma namn, i samma kommun).": (
        "Only organisations that answered in both waves count (the same organisation number, or "
        "the same name, in the same municipality)."
    ),
    "Förändring i rekryteringsbehov": "Change in recruitment need",
    "Förändring per 1 000 invånare 20–64 år": "Change per 1,000 inhabitants aged 20–64",
    "Förändring i rekryteringsbehov {horizon} från {compared} till {wave}, i de kommuner som "
    "kan jämföras. Källa: kompetenskartläggningen.": (
        "Change in recruitment need {horizon} from {compared} to {wave}, in the municipalities "
        "that can be compared. Source: the skills survey."
    ),
    "Förändring i rekryteringsbehov {horizon} per 1 000 invånare 20–64 år från {compared} till "
    "{wave}, i de kommuner som kan jämföras. Källa: kompetenskartläggningen; befolkning SCB 31 "
    "dec {pop20_year}.": (
        "Change in recruitment need {horizon} per 1,000 inhabitants aged 20–64 from {compared} "
        "to {wave}, in the municipalities that can be compared. Source: the skills survey; "
        "population Statistics Sweden 31 Dec {pop20_year}."
    ),
    "kan inte jämföras": "cannot be compared",
    "kan jämföras": "can be compared",
    "deltog inte i {compared}": "did not take part in {compared}",
    "deltog inte i {wave}": "did not take part in {wave}",
    "deltog inte i någon av omgångarna": "took part in neither wave",
    "dold: för få svarande i {which}": "hidden: too few respondents in {which}",
    "ökning {range}": "rise {range}",
    "minskning {range}": "fall {range}",
    "oförändrat (0)": "unchanged (0)",
    "röd minskning, blå ökning; grå kan inte jämföras": (
        "red a fall, blue a rise; grey cannot be compared"
    ),
    "Svarsfrekvens (intervall)": "Response rate (band)",
    "Svarsfrekvens i intervall om 25 procentenheter: organisationer som svarat av dem som "
    "bjöds in, {wave}. Visas där minst {n} inbjudna svarat och minst {n} inte svarat. Källa: "
    "kompetenskartläggningen och listan över inbjudna organisationer.": (
        "Response rate in bands of 25 percentage points: organisations that answered of those "
        "invited, {wave}. Shown where at least {n} invited answered and at least {n} did not. "
        "Source: the skills survey and the list of invited organisations."
    ),
    "0–24 %": "0–24%",
    "25–49 %": "25–49%",
    "50–74 %": "50–74%",
    "75–100 %": "75–100%",
    "Jämför med omgång": "Compare with wave",
    "Jämför {wave} med": "Compare {wave} with",
    "Kartan visar samma förändring: välj \"Jämför med omgång\" på Karta.":
        "The map shows the same change: choose \"Compare with wave\" on Map.",
    "Per kommun visas ett intervall, per län och för hela regionen andelen; bara där minst {n} "
    "inbjudna svarat och minst {n} inte svarat, så att ingen kan se vilka som svarade.":
        "Per municipality a band is shown, per county and for the whole region the rate; only "
        "where at least {n} invited answered and at least {n} did not, so nobody can tell who "
        "answered.",
    "Svarsfrekvens per län och kommun, {wave}": "Response rate per county and municipality, {wave}",
    "{a} och {b}": "{a} and {b}",
    "Över tid": "Over time",
    # --- navigation and the sidebar (dashboard.py, ui.py)
    "Underlag": "Evidence",
    "Administration": "Administration",
    "Karta": "Map",
    "Yrkeskluster": "Occupation clusters",
    "Kommunprofil": "Municipality profile",
    "Kommungrupper": "Municipality groups",
    "Ansökningsunderlag": "Application evidence",
    "Importera": "Import",
    "Omgångar": "Waves",
    "Logga in": "Log in",
    "Logga ut": "Log out",
    "Presentation": "Presentation",
    "Samlad kompetensefterfrågan i Norrbotten, Västerbotten, Jämtland och Västernorrland": (
        "Pooled demand for skills in Norrbotten, Västerbotten, Jämtland and Västernorrland"
    ),
    "Inloggad som **{name}**": "Logged in as **{name}**",
    "### Urval": "### Selection",
    "Databasen har ingen kartläggningsomgång ännu.": "The database has no survey wave yet.",
    "Omgång": "Wave",
    "Tidshorisont för rekryteringsbehov": "Time horizon of the recruitment need",
    "Kommuner": "Municipalities",
    "Län": "County",
    "Alla fyra": "All four",
    "Samverkansgrupp": "Collaboration group",
    "Ingen": "None",
    "Egna kommuner": "Own choice of municipalities",
    "Alla i urvalet": "All in the selection",
    "Arbetsgivare": "Employers",
    "Typ av organisation": "Kind of organisation",
    "Alla": "All",
    "Bransch (SNI 2007)": "Industry (SNI 2007)",
    "Yrken": "Occupations",
    "Klusterindelning": "Clusters by",
    "Kluster": "Cluster",
    "Alla kluster": "All clusters",
    "Yrke (SSYK)": "Occupation (SSYK)",
    "Alla yrken": "All occupations",
    "Bara behov som kräver eftergymnasial yrkesutbildning": (
        "Only needs that require post-secondary vocational education"
    ),
    "{n} av {total} kommuner": "{n} of {total} municipalities",
    "arbetsgivare: {kinds}": "employers: {kinds}",
    "bransch {sections}": "industry {sections}",
    "yrke {occupation}": "occupation {occupation}",
    "bara behov som kräver eftergymnasial yrkesutbildning": (
        "only needs that require post-secondary vocational education"
    ),
    "Grupperar kommunerna …": "Grouping the municipalities …",
    "Omgång: {wave} · {horizon} · {summary}": "Wave: {wave} · {horizon} · {summary}",
    "ingen omgång vald": "no wave chosen",
    "ingen omgång": "no wave",
    "Exempeldata": "Example data",
    "**Exempeldata** – omgången är genererad av Kraftsamlings egen exempelgenerator "
    "(`python -m kraftsamling example`), inte verkliga svar.": (
        "**Example data** – the wave was generated by Kraftsamling's own example generator "
        "(`python -m kraftsamling example`); these are not real answers."
    ),
    "Administratörssida: här syns svarande på organisationsnivå. Logga ut när du är klar "
    "(sidan **Logga ut**).": (
        "Administrators' page: respondents are shown organisation by organisation. Log out "
        "when you are done (the page **Log out**)."
    ),
    # kinds of organisation (kraftsamling.intake.fields.ORG_KINDS, stored in Swedish)
    "kommun": "municipality",
    "region": "region",
    "stat": "central government",
    "privat": "private",
    "ideell": "non-profit",
    "okänd": "unknown",
    # SNI 2007 sections, as NACE Rev. 2 names them (kraftsamling.intake.fields.SNI_SECTIONS)
    "Jordbruk, skogsbruk och fiske": "Agriculture, forestry and fishing",
    "Utvinning av mineral": "Mining and quarrying",
    "Tillverkning": "Manufacturing",
    "Försörjning av el, gas, värme och kyla": (
        "Electricity, gas, steam and air conditioning supply"
    ),
    "Vattenförsörjning; avloppsrening, avfallshantering och sanering": (
        "Water supply; sewerage, waste management and remediation activities"
    ),
    "Byggverksamhet": "Construction",
    "Handel; reparation av motorfordon och motorcyklar": (
        "Wholesale and retail trade; repair of motor vehicles and motorcycles"
    ),
    "Transport och magasinering": "Transportation and storage",
    "Hotell- och restaurangverksamhet": "Accommodation and food service activities",
    "Informations- och kommunikationsverksamhet": "Information and communication",
    "Finans- och försäkringsverksamhet": "Financial and insurance activities",
    "Fastighetsverksamhet": "Real estate activities",
    "Verksamhet inom juridik, ekonomi, vetenskap och teknik": (
        "Professional, scientific and technical activities"
    ),
    "Uthyrning, fastighetsservice, resetjänster och andra stödtjänster": (
        "Administrative and support service activities"
    ),
    "Offentlig förvaltning och försvar; obligatorisk socialförsäkring": (
        "Public administration and defence; compulsory social security"
    ),
    "Utbildning": "Education",
    "Vård och omsorg; sociala tjänster": "Human health and social work activities",
    "Kultur, nöje och fritid": "Arts, entertainment and recreation",
    "Annan serviceverksamhet": "Other service activities",
    "Förvärvsarbete i hushåll": "Activities of households as employers",
    "Verksamhet vid internationella organisationer": (
        "Activities of extraterritorial organisations and bodies"
    ),
    # cluster schemes (kraftsamling.selection.SCHEMES)
    "Yrkesområde (Arbetsförmedlingen)": "Occupation field (Arbetsförmedlingen)",
    "Utbildningsområde (MYH)": "Education area (MYH)",
    # horizons (kraftsamling.metrics.HORIZON_LABELS)
    "Inom 1 år": "Within 1 year",
    "Om 1–3 år": "In 1–3 years",
    "Om 3–5 år": "In 3–5 years",
    "Inom 3 år (kumulativt)": "Within 3 years (cumulative)",
    "Inom 5 år (kumulativt)": "Within 5 years (cumulative)",
    # --- the map (pages/karta.py, metrics.py, views/karta.py, charts.py)
    "Mått": "Figure",
    "Klassindelning": "Classes",
    "Antal klasser": "Number of classes",
    "Kommun": "Municipality",
    "Hela urvalet": "The whole selection",
    "Tabell: alla kommuner": "Table: all municipalities",
    "Rekryteringsbehov": "Recruitment need",
    "personer": "people",
    "Rekryteringsbehov {horizon}. Källa: kompetenskartläggningen, {wave}.": (
        "Recruitment need {horizon}. Source: the skills survey, {wave}."
    ),
    "Rekryteringsbehov per 1 000 invånare 20–64 år": (
        "Recruitment need per 1,000 inhabitants aged 20–64"
    ),
    "per 1 000 inv. 20–64 år": "per 1,000 inhabitants aged 20–64",
    "Rekryteringsbehov {horizon} per 1 000 invånare 20–64 år. Källa: "
    "kompetenskartläggningen, {wave}; befolkning SCB 31 dec {pop20_year}.": (
        "Recruitment need {horizon} per 1,000 inhabitants aged 20–64. Source: the skills "
        "survey, {wave}; population Statistics Sweden (SCB), 31 Dec {pop20_year}."
    ),
    "Antal arbetsgivare med behov": "Number of employers with a need",
    "arbetsgivare": "employers",
    "Arbetsgivare som anger minst ett rekryteringsbehov {horizon}. Källa: "
    "kompetenskartläggningen, {wave}.": (
        "Employers stating at least one recruitment need {horizon}. Source: the skills "
        "survey, {wave}."
    ),
    "LIA-platser per år": "LIA placements a year",
    "platser": "places",
    "LIA-platser som arbetsgivarna kan erbjuda per år. Källa: "
    "kompetenskartläggningen, {wave}.": (
        "LIA placements (work-based learning) the employers can offer a year. Source: the "
        "skills survey, {wave}."
    ),
    "Beviljade YH-utbildningar (alla)": "Granted YH programmes (all)",
    "utbildningar": "programmes",
    "Beviljade ansökningar med studieort i kommunen, ansökningsomgångarna {myh}. "
    "Källa: Myndigheten för yrkeshögskolan.": (
        "Granted applications with the municipality as a place of study, application rounds "
        "{myh}. Source: the Swedish National Agency for Higher Vocational Education (MYH)."
    ),
    "Beviljade YH-utbildningar på distans": "Granted YH programmes at a distance",
    "Beviljade distansutbildningar med studieort i kommunen, ansökningsomgångarna {myh}. "
    "Källa: Myndigheten för yrkeshögskolan.": (
        "Granted distance programmes with the municipality as a place of study, application "
        "rounds {myh}. Source: the Swedish National Agency for Higher Vocational Education "
        "(MYH)."
    ),
    "Kvantiler (lika många kommuner per klass)": (
        "Quantiles (as many municipalities in each class)"
    ),
    "Naturliga brytpunkter (Fisher–Jenks)": "Natural breaks (Fisher–Jenks)",
    "Lika breda klasser": "Equal intervals",
    "Kommun- och länsgränser: SCB, Digitala gränser (2024), förenklade av Kraftsamling.": (
        "Municipal and county boundaries: Statistics Sweden (SCB), Digitala gränser (2024), "
        "simplified by Kraftsamling."
    ),
    "{municipalities} kommuner · {population} invånare 20–64 år ({year})": (
        "{municipalities} municipalities · {population} inhabitants aged 20–64 ({year})"
    ),
    "Personer att rekrytera i vald horisont": "People to recruit within the chosen horizon",
    "Per 1 000 invånare 20–64 år": "Per 1,000 inhabitants aged 20–64",
    "Räknat på befolkningen i de kommuner som har svarande i omgången "
    "({population} invånare 20–64 år)": (
        "Counted on the population of the municipalities with respondents in the wave "
        "({population} inhabitants aged 20–64)"
    ),
    "Arbetsgivare med behov": "Employers with a need",
    "Beviljade YH-utbildningar (distans)": "Granted YH programmes (distance)",
    "Beviljade ansökningar med studieort i regionen, räknade per studieort": (
        "Granted applications with a place of study in the region, counted per place of study"
    ),
    "{county} · kommunkod {kommunkod} · {population} invånare ({population_year}), "
    "varav {population_20_64} i åldern 20–64 år ({population_20_64_year})": (
        "{county} · municipality code {kommunkod} · {population} inhabitants "
        "({population_year}), of whom {population_20_64} aged 20–64 ({population_20_64_year})"
    ),
    " · **deltog inte i omgången**": " · **did not take part in the wave**",
    "Plats {rank} av {total} i regionen": "Rank {rank} of {total} in the region",
    " · färre än {n} svarande bakom siffrorna: de visas inte": (
        " · fewer than {n} respondents behind the figures: they are not shown"
    ),
    "Beviljade ansökningar 2018–2025 med studieort i kommunen": (
        "Granted applications 2018–2025 with the municipality as a place of study"
    ),
    "**Totalt i regionen:** {recruits} personer att rekrytera ({horizon}), {employers} "
    "arbetsgivare med behov, {lia_places} LIA-platser per år · {participants} av "
    "{selected} kommuner i urvalet har svarande i omgången.": (
        "**Total in the region:** {recruits} people to recruit ({horizon}), {employers} "
        "employers with a need, {lia_places} LIA placements a year · {participants} of "
        "{selected} municipalities in the selection have respondents in the wave."
    ),
    "Per 1 000 inv. 20–64": "Per 1,000 aged 20–64",
    "Svarande": "Respondents",
    "LIA-platser": "LIA placements",
    "YH beviljade": "YH granted",
    "varav distans": "of which distance",
    "Invånare 20–64": "Inhabitants 20–64",
    "ingen uppgift": "no data",
    "deltog inte i kartläggningen": "did not take part in the survey",
    "ingår inte i urvalet": "not in the selection",
    "{population} (20–64 år, {year})": "{population} (aged 20–64, {year})",
    "Befolkning: %{customdata[3]}": "Population: %{customdata[3]}",
    "Länsgräns": "County border",
    "Vald kommun": "Chosen municipality",
    # --- clusters (pages/kluster.py, views/kluster.py, charts.py)
    "Kluster: {scheme} (byt i sidopanelen under Yrken).": (
        "Clusters: {scheme} (change it in the sidebar under Occupations)."
    ),
    "Urvalet har inga rekryteringsbehov.": "The selection has no recruitment needs.",
    "Behov och befintligt YH-utbud": "Need and existing YH supply",
    "Utbud: beviljade YH-utbildningar i ansökningsomgångarna {rounds} med studieort i urvalets "
    "kommuner (alla och på distans), och distansutbildningar beviljade i hela landet. Klustrens "
    "koppling till MYH:s utbildningsområden är Kraftsamlings egen. Källa: Myndigheten för "
    "yrkeshögskolan.": (
        "Supply: YH programmes granted in the application rounds {rounds} with a place of "
        "study in the selection's municipalities (all and at a distance), and distance "
        "programmes granted in the whole country. The link from clusters to MYH's education "
        "areas is Kraftsamling's own. Source: the Swedish National Agency for Higher "
        "Vocational Education (MYH)."
    ),
    "Från kluster till yrke": "From cluster to occupation",
    "Kommuner och kluster": "Municipalities and clusters",
    "Visa": "Show",
    "Antal personer": "Number of people",
    "Yrken med störst behov": "Occupations with the largest need",
    "Rekryteringsbehov {horizon}. Källa: kompetenskartläggningen, {wave}; befolkning "
    "20–64 år SCB 31 dec {year}; yrkesområden Arbetsförmedlingen (JobTech Taxonomy).": (
        "Recruitment need {horizon}. Source: the skills survey, {wave}; population aged 20–64 "
        "Statistics Sweden (SCB), 31 Dec {year}; occupation fields Arbetsförmedlingen "
        "(JobTech Taxonomy)."
    ),
    "Behov": "Need",
    "Utbildningsområde": "Education area",
    "Beviljade YH i urvalet": "Granted YH in the selection",
    "Distans i hela landet": "Distance, whole country",
    "Yrke": "Occupation",
    "Svårighet (1–5)": "Difficulty (1–5)",
    "Kräver eftergymnasial utb. (andel)": "Requires post-secondary ed. (share)",
    "Rekryteringsbehov per kluster": "Recruitment need per cluster",
    "<b>%{y}</b><br>Behov: %{customdata[4]}<br>Arbetsgivare: %{customdata[0]}"
    "<br>LIA-platser: %{customdata[1]}<br>Yrken: %{customdata[2]}"
    "<br>Kommuner: %{customdata[3]}<extra></extra>": (
        "<b>%{y}</b><br>Need: %{customdata[4]}<br>Employers: %{customdata[0]}"
        "<br>LIA placements: %{customdata[1]}<br>Occupations: %{customdata[2]}"
        "<br>Municipalities: %{customdata[3]}<extra></extra>"
    ),
    "Personer att rekrytera": "People to recruit",
    "<b>%{label}</b><br>Behov: %{value:,.0f}<extra></extra>": (
        "<b>%{label}</b><br>Need: %{value:,.0f}<extra></extra>"
    ),
    "per 1 000 inv.": "per 1,000 inhabitants",
    # --- municipality profile (pages/kommunprofil.py, views/kommunprofil.py)
    "{county} · kommunkod {kommunkod} · lokal arbetsmarknad {la_name} (SCB 2022)": (
        "{county} · municipality code {kommunkod} · local labour market {la_name} (SCB 2022)"
    ),
    "Invånare": "Inhabitants",
    "Invånare 20–64 år": "Inhabitants aged 20–64",
    "SCB 31 dec {year}": "Statistics Sweden (SCB), 31 Dec {year}",
    "{name} har inga svarande i omgången {wave}.": "{name} has no respondents in the wave {wave}.",
    "{name} ingår inte i urvalet i sidopanelen; siffrorna gäller kommunen ensam.": (
        "{name} is not in the selection in the sidebar; the figures are for the municipality "
        "alone."
    ),
    "Färre än {n} svarande står bakom {name}s siffror med valda filter, så de visas "
    "inte här (skydd för enskilda svar). Välj fler kommuner eller färre filter.": (
        "Fewer than {n} respondents are behind {name}'s figures with the chosen filters, so "
        "they are not shown here (to protect individual answers). Choose more municipalities "
        "or fewer filters."
    ),
    "{name}s siffror med valda filter är dolda för att skydda en annan siffra, eller för "
    "att en enda svarande står för nästan hela siffran. Välj fler kommuner eller färre "
    "filter.": (
        "{name}'s figures with the chosen filters are hidden to protect another figure, or "
        "because one respondent accounts for nearly all of it. Choose more municipalities or "
        "fewer filters."
    ),
    "Svarande i kommunen: {klass}": "Respondents in the municipality: {klass}",
    "**Behov per kluster**": "**Need per cluster**",
    "Inga rekryteringsbehov med valda filter.": "No recruitment needs with the chosen filters.",
    "**Jämfört med urvalet**": "**Compared with the selection**",
    "**Yrken**": "**Occupations**",
    "**YH-historik: ansökningar med studieort i kommunen**": (
        "**YH history: applications with the municipality as a place of study**"
    ),
    "Ansökningsomgång": "Application round",
    "Sökta": "Applied for",
    "Beviljade": "Granted",
    "Källa: Myndigheten för yrkeshögskolan, beslut 2018–2025.": (
        "Source: the Swedish National Agency for Higher Vocational Education (MYH), decisions "
        "2018–2025."
    ),
    "{name} har inga rekryteringsbehov att visa med valda filter.": (
        "{name} has no recruitment needs to show with the chosen filters."
    ),
    "Jämfört med urvalet har {name} ": "Compared with the selection, {name} has ",
    "större andel behov inom ": "a larger share of its need in ",
    "{cluster} ({own} % mot {region} % i urvalet)": (
        "{cluster} ({own}% against {region}% in the selection)"
    ),
    " och ": " and ",
    ", och ": ", and ",
    "mindre inom {cluster} ({own} % mot {region} %)": (
        "less in {cluster} ({own}% against {region}%)"
    ),
    "ungefär samma fördelning av behovet": "about the same distribution of need",
    "Urvalet": "The selection",
    "%{y}: %{x:.1f} %": "%{y}: %{x:.1f}%",
    "Andel av rekryteringsbehovet (%)": "Share of the recruitment need (%)",
    # --- municipality groups (pages/kommungrupper.py, charts.py)
    "Kommungrupper efter behovsprofil": "Municipality groups by need profile",
    "Kommuner med liknande fördelning av behovet över kluster (andelar, inte antal) hamnar "
    "i samma grupp. Kluster: {scheme}. Metod: k-means (scikit-learn) på andelarna; kommuner "
    "med färre än 10 personers behov ingår inte.": (
        "Municipalities whose need is spread over the clusters alike (shares, not numbers) end "
        "up in the same group. Clusters: {scheme}. Method: k-means (scikit-learn) on the "
        "shares; municipalities with a need of fewer than 10 people are left out."
    ),
    "Antal grupper": "Number of groups",
    "Välj med silhuettmått": "Choose by silhouette score",
    "För få kommuner med svar i urvalet för att bilda grupper.": (
        "Too few municipalities with answers in the selection to form groups."
    ),
    "Silhuettmått per antal grupper (högre = tydligare grupper): {scores}": (
        "Silhouette score per number of groups (higher = clearer groups): {scores}"
    ),
    "Obs: i Arbetsförmedlingens yrkesområden hör gruv- och stenbrottsarbetare (SSYK 8111) "
    "till Bygg och anläggning, inte till Industriell tillverkning.": (
        "Note: in Arbetsförmedlingen's occupation fields, mining and quarrying workers (SSYK "
        "8111) belong to Bygg och anläggning, not to Industriell tillverkning."
    ),
    "Grupp {group}": "Group {group}",
    "ingen grupp (för få svar eller ej i urval)": (
        "no group (too few answers or not in the selection)"
    ),
    "Behovsprofil": "Need profile",
    "ingen grupp": "no group",
    # the grouping's own sentences (kraftsamling.profiles)
    "Inga kommuner har tillräckligt stort behov för att grupperas": (
        "No municipality has a need large enough to be grouped"
    ),
    "För få kommuner med tillräckligt underlag ({n}) för att välja antal grupper "
    "med silhuettmått: alla i en grupp": (
        "Too few municipalities with enough data ({n}) to choose the number of groups by "
        "silhouette score: all in one group"
    ),
    ", sänkt till {chosen} eftersom bara {distinct} kommuner med tillräckligt "
    "underlag har olika profiler": (
        ", lowered to {chosen} because only {distinct} municipalities with enough data have "
        "different profiles"
    ),
    "Antal grupper valt av användaren (k = {k}{lowered}{score})": (
        "Number of groups chosen by the user (k = {k}{lowered}{score})"
    ),
    "; silhuettmått {score}": "; silhouette score {score}",
    ", eftersom bara {n} kommuner har tillräckligt underlag": (
        ", because only {n} municipalities have enough data"
    ),
    "Antal grupper valt med silhuettmått ({score} för k = {k}; prövat {tried}{limited})": (
        "Number of groups chosen by silhouette score ({score} for k = {k}; tried {tried}"
        "{limited})"
    ),
    "större andel {above} än regionen i snitt; mindre {below}": (
        "a larger share in {above} than the region on average; a smaller share in {below}"
    ),
    "större andel {above} än regionen i snitt": (
        "a larger share in {above} than the region on average"
    ),
    "mindre andel {below} än regionen i snitt": (
        "a smaller share in {below} than the region on average"
    ),
    "liknar regionen i snitt; ingen andel skiljer {n} procentenheter eller mer": (
        "like the region on average; no share differs by {n} percentage points or more"
    ),
    "Grupp {group} ({count}: {listed}): {text}.": "Group {group} ({count}: {listed}): {text}.",
    "{amount} procentenheter": "{amount} percentage points",
    "Silhuettmåttet {score} är högst {limit}: kommunernas profiler glider över i "
    "varandra utan tydliga grupper, så läs grupperna som en grov indelning.": (
        "The silhouette score {score} is at most {limit}: the municipalities' profiles blend "
        "into one another without clear groups, so read the groups as a rough division."
    ),
    "Silhuettmåttet {score} visar en svag gruppstruktur: grupperna skiljer sig åt, men "
    "flera kommuner ligger nära gränsen till en annan grupp.": (
        "The silhouette score {score} shows a weak group structure: the groups differ, but "
        "several municipalities lie close to the border of another group."
    ),
    # --- the application finder (pages/ and views/ansokningsunderlag.py, assessment.py)
    "Gruppen av kommuner är urvalet i sidopanelen (län, samverkansgrupp eller egna "
    "kommuner). Varje kandidat prövas mot kraven nedan; bedömningen och skälen bygger på "
    "samma siffror.": (
        "The group of municipalities is the selection in the sidebar (counties, collaboration "
        "group or your own choice of municipalities). Every candidate is held against the "
        "requirements below; the verdict and its reasons come from the same figures."
    ),
    "Krav (ändra för att pröva andra antaganden)": (
        "Requirements (change them to try other assumptions)"
    ),
    "Klasstorlek": "Class size",
    "Marginal för avhopp (%)": "Margin for dropouts (%)",
    "Minsta antal arbetsgivare": "Minimum number of employers",
    "LIA-platser per studerande": "LIA placements per student",
    "Minsta antal kommuner": "Minimum number of municipalities",
    "Standard 30: medianen av beviljade platser per omgång i MYH:s beslut 2020–2025.": (
        "Default 30: the median of places granted per intake in MYH's decisions 2020–2025."
    ),
    "Extra behov för studerande som inte fullföljer eller inte tar jobb i "
    "regionen. Kravet på behov blir klasstorlek × (1 + marginal).": (
        "Extra need for students who do not finish or do not take a job in the region. The "
        "requirement on need becomes class size × (1 + margin)."
    ),
    "Så många olika arbetsgivare måste stå bakom behovet: ett behov hos en "
    "enda arbetsgivare är svagare underlag.": (
        "This many different employers must be behind the need: a need at a single employer "
        "is weaker evidence."
    ),
    "Varje studerande behöver en LIA-plats; 1,0 betyder en plats per "
    "studerande och år.": (
        "Every student needs an LIA placement; 1.0 means one placement per student and year."
    ),
    "Så många kommuner måste bidra med behov för att det ska vara ett "
    "gemensamt underlag.": (
        "This many municipalities must contribute a need for the evidence to be a joint one."
    ),
    "Krav: behov minst {need} ({class_size} platser + {margin} % marginal), minst "
    "{employers} arbetsgivare, minst {lia} LIA-platser, minst {municipalities} kommuner. "
    "'Nära' = alla krav nås till minst {near} %.": (
        "Requirements: need at least {need} ({class_size} places + {margin}% margin), at least "
        "{employers} employers, at least {lia} LIA placements, at least {municipalities} "
        "municipalities. 'Close' = every requirement is reached to at least {near}%."
    ),
    "Kandidater": "Candidates",
    "Yrken (SSYK-4)": "Occupations (SSYK-4)",
    "Egen yrkesgrupp": "Own group of occupations",
    "Yrken i gruppen": "Occupations in the group",
    "Egen yrkesgrupp: {occupations}": "Own group of occupations: {occupations}",
    "Inga behov i urvalet att pröva.": "No needs in the selection to assess.",
    "Välj yrken till gruppen.": "Choose occupations for the group.",
    "**{motivated} motiverade, {near} nära och {not_motivated} ej motiverade** av {total} "
    "kandidater i {municipalities} kommuner ({horizon}).": (
        "**{motivated} justified, {near} close and {not_motivated} not justified** of {total} "
        "candidates in {municipalities} municipalities ({horizon})."
    ),
    "Motiverade och nära": "Justified and close",
    "Alla kandidater": "All candidates",
    "Motiverad": "Justified",
    "Nära": "Close",
    "Ej motiverad": "Not justified",
    "Rang": "Rank",
    "Kandidat": "Candidate",
    "Bedömning": "Verdict",
    "Skäl": "Reasons",
    "Största kommun ensam": "Largest municipality alone",
    "YH i området (distans)": "YH in the area (distance)",
    "färre än {n} svarande: siffrorna visas inte": (
        "fewer than {n} respondents: the figures are not shown"
    ),
    "Kandidaterna rangordnas inom MYH:s utbildningsområden efter hur väl behovet överstiger "
    "kravet. YH i området: beviljade utbildningar {rounds} med studieort i gruppens kommuner "
    "(varav distans); källa Myndigheten för yrkeshögskolan. Koppling yrke → "
    "utbildningsområde: Kraftsamlings egen, där MYH:s beslut 2018–2025 placerar utbildningar "
    "som leder till yrket. Behov: kompetenskartläggningen, {wave}.": (
        "Candidates are ranked within MYH's education areas by how far the need exceeds the "
        "requirement. YH in the area: programmes granted {rounds} with a place of study in the "
        "group's municipalities (of which distance); source the Swedish National Agency for "
        "Higher Vocational Education (MYH). Link occupation → education area: Kraftsamling's "
        "own, where MYH's decisions 2018–2025 file the programmes that lead to the occupation. "
        "Need: the skills survey, {wave}."
    ),
    "För litet ensam, tillräckligt tillsammans": "Too small alone, enough together",
    "Ingen kandidat är motiverad bara tack vare att kommunerna går samman.": (
        "No candidate is justified only because the municipalities pool their needs."
    ),
    "Behov som är för små i varje kommun för sig, men som motiverar en ansökan när "
    "kommunerna i gruppen går samman.": (
        "Needs too small in each municipality on its own, but which justify an application "
        "when the municipalities of the group pool them."
    ),
    "Behov i gruppen": "Need in the group",
    "Krav": "Requirement",
    "Kommuner som krävs (minst)": "Municipalities required (at least)",
    "Kommuner som bidrar": "Contributing municipalities",
    "<{n} svarande": "<{n} respondents",
    "En kandidat": "One candidate",
    "Färre än {n} svarande står bakom kandidaten i gruppen; siffrorna visas inte.": (
        "Fewer than {n} respondents are behind the candidate in the group; the figures are not "
        "shown."
    ),
    " (störst: {largest})": " (largest: {largest})",
    " Ingen kommun når kravet ensam{biggest}; det krävs minst {needed} kommuner "
    "tillsammans.": (
        " No municipality reaches the requirement alone{biggest}; it takes at least {needed} "
        "municipalities together."
    ),
    "Behov: {label}": "Need: {label}",
    "Andel": "Share",
    "{share} %": "{share}%",
    "behov {v} mot krav {r}": "need {v} against a requirement of {r}",
    "{v} arbetsgivare": "{v} employers",
    "{text} av {r} krävs": "{text} of {r} required",
    "LIA-platser {v}": "LIA placements {v}",
    "{text} (krav {r})": "{text} (requirement {r})",
    "{v} kommuner bidrar": "{v} municipalities contribute",
    "Automatisk grupp kring en hemkommun": "Automatic group around a home municipality",
    "Väx den minsta sammanhängande gruppen av grannkommuner (gemensam gräns i våra "
    "kartdata) kring en hemkommun tills kandidaten är motiverad. Alla 44 kommuner i de fyra "
    "länen kan ingå; övriga filter gäller.": (
        "Grow the smallest connected group of neighbouring municipalities (a shared border in "
        "our map data) around a home municipality until the candidate is justified. All 44 "
        "municipalities of the four counties can take part; the other filters apply."
    ),
    "Hemkommun": "Home municipality",
    "Studieorter och platser": "Study locations and places",
    "En ansökan kan namnge högst tio studieorter. Förslaget tar kommunerna med störst behov "
    "och fördelar klassens platser efter behovet (största rest), så att de blir lika många "
    "som klasstorleken. Välj egna orter för att pröva en annan fördelning.": (
        "An application can name at most ten study locations. The proposal takes the "
        "municipalities with the largest need and splits the class's places by need (largest "
        "remainder), so that they add up to the class size. Pick your own locations to try "
        "another split."
    ),
    "Egna studieorter (högst tio; tomt = förslaget)": (
        "Own study locations (at most ten; empty = the proposal)"
    ),
    "{count} studieorter med sammanlagt {places} platser ({class_size} i klassen).": (
        "{count} study locations with {places} places in all ({class_size} in the class)."
    ),
    "LIA-platserna räcker inte till platserna i {places}.": (
        "The LIA placements do not cover the places in {places}."
    ),
    "{count} kommuner med behov är ingen studieort; deras studerande läser på distans "
    "vid en av orterna.": (
        "{count} municipalities with a need are no study location; their students study at a "
        "distance at one of the locations."
    ),
    "Utanför studieorterna erbjuds {lia} LIA-platser i gruppen.": (
        "Outside the study locations the group offers {lia} LIA placements."
    ),
    "Studieort": "Study location",
    "Behovet per kommun visas inte för kandidaten, så platserna kan inte fördelas efter det.": (
        "The need per municipality is not shown for this candidate, so the places cannot be "
        "split by it."
    ),
    "Platser": "Places",
    "Svarsfrekvens (svarande av inbjudna)": "Response rate (respondents of those invited)",
    "Svarsfrekvens: organisationer som svarat av dem som bjöds in, {wave}. Källa: "
    "kompetenskartläggningen och listan över inbjudna organisationer.": (
        "Response rate: organisations that answered of those invited, {wave}. Source: the "
        "skills survey and the list of invited organisations."
    ),
    "ingen lista över inbjudna": "no list of invited organisations",
    "%": "%",
    "Omgången i länken är inte publicerad. Visar den senaste publicerade omgången.": (
        "The wave in the link is not published. Showing the newest published wave."
    ),
    "Ingen omgång är publicerad ännu.": "No wave has been published yet.",
    "{name}: {places} platser, LIA {lia} av {required}": (
        "{name}: {places} places, LIA {lia} of {required}"
    ),
    "LIA-platser som krävs": "LIA placements required",
    "LIA räcker": "LIA enough",
    "ja": "yes",
    "nej": "no",
    "Studieorter föreslås för en motiverad kandidat.": (
        "Study locations are proposed for a justified candidate."
    ),
    "Ingen sammanhängande grupp av kommuner i de fyra länen når kraven för {label}: "
    "hela regionen ger {reasons}.": (
        "No connected group of municipalities in the four counties meets the requirements for "
        "{label}: the whole region gives {reasons}."
    ),
    "Summorna räknar inte med {count} vars siffror är dolda för att skydda enskilda svar: en "
    "dold siffra räknas bara med tillsammans med resten av sitt län eller sin "
    "samverkansgrupp, när hela den gruppen ingår i urvalet.": "The totals leave out {count} "
    "whose figures are hidden to protect single answers: a hidden figure counts only together "
    "with the rest of its county or collaboration group, when that whole group is selected.",
    "Urval efter typ av arbetsgivare, bransch och krav på eftergymnasial utbildning finns för "
    "inloggade administratörer: varje extra sätt att dela upp samma svar är ett sätt att "
    "räkna fram enskilda svar.": "Filters by kind of employer, industry and the need for "
    "post-secondary education are for logged-in administrators: every further way to split "
    "the same answers is a way to work out single answers.",
    "Skydd för enskilda svar: en kommuns dolda siffra för ett kluster eller yrke räknas bara "
    "med tillsammans med resten av sitt län eller sin samverkansgrupp, när hela den gruppen "
    "ingår i urvalet. Därför kan kluster och yrken här summera till mindre än kartans total.": (
        "Protection of single answers: a municipality's hidden figure for a cluster or "
        "occupation counts only together with the rest of its county or collaboration group, "
        "when that whole group is selected. So clusters and occupations here may add up to "
        "less than the map's total."
    ),
    "Sammanhängande grupp kring {home} som motiverar en ansökan: {count} ({members}). "
    "Sökningen hann inte visa att ingen mindre grupp räcker; färre än {smallest} "
    "kommuner räcker inte.": (
        "Connected group around {home} that justifies an application: {count} ({members}). "
        "The search ran out of time before proving that no smaller group is enough; fewer "
        "than {smallest} municipalities are not."
    ),
    "Ingen sammanhängande grupp av högst {max} kommuner kring {home} når kraven för "
    "{label}, fast hela regionen gör det ({reasons}). En ansökan kan namnge högst {max} "
    "studieorter; pröva en annan hemkommun eller ett annat urval.": (
        "No connected group of at most {max} municipalities around {home} meets the "
        "requirements for {label}, though the whole region does ({reasons}). An application "
        "can name at most {max} study locations; try another home municipality or selection."
    ),
    "Sökningen hann inte avgöra om någon sammanhängande grupp av högst {max} kommuner "
    "kring {home} når kraven för {label}.": (
        "The search ran out of time before deciding whether any connected group of at most "
        "{max} municipalities around {home} meets the requirements for {label}."
    ),
    "utanför gruppen": "outside the group",
    "{label} (färre än {n} svarande)": "{label} (fewer than {n} respondents)",
    "dold (skyddar en annan siffra, eller en svarande står för nästan allt)": (
        "hidden (protects another figure, or one respondent accounts for nearly all of it)"
    ),
    "Svarande i kommunen: %{customdata[4]}": "Respondents in the municipality: %{customdata[4]}",
    "bidrar (antal dolt)": "contributes (number hidden)",
    "bidrar; antalet visas inte (färre än {n} svarande eller dolt för att skydda en annan "
    "siffra)": "contributes; the number is not shown (fewer than {n} respondents, or hidden to "
    "protect another figure)",
    "{n} personer": "{n} people",
    "<b>%{customdata[0]}</b><br>Behov: %{customdata[1]}<extra></extra>": (
        "<b>%{customdata[0]}</b><br>Need: %{customdata[1]}<extra></extra>"
    ),
    "Underlag att ladda ner": "Evidence to download",
    # --- the evidence pack's downloads (ui.evidence_downloads; the files are Swedish)
    "Underlaget följer MYH:s bedömning: behovet i siffror, regional placering, LIA, "
    "befintligt utbud och konkurrens, examinerades utfall, metod och källor. "
    "Filerna är på svenska.": (
        "The evidence follows MYH's assessment: the need in numbers, regional placement, LIA, "
        "existing supply and competition, graduates' outcomes, method and sources. The files "
        "are in Swedish, the language of applications to MYH."
    ),
    "Administratörernas version: med arbetsgivarnas namn; lämna inte ut.": (
        "Administrators' version: with the employers' names; do not hand it out."
    ),
    "Utbildningsanordnarnas version: endast det som leverantörsvyn visar.": (
        "Providers' version: only what the providers' view shows."
    ),
    "Avsiktsförklaringar för arbetsgivarna": "Letters of intent for the employers",
    "Avsiktsförklaringar (PDF, {n} st.)": "Letters of intent (PDF, {n})",
    # --- presentation mode (pages/presentation.py, presentation.py)
    "Var finns behoven?": "Where are the needs?",
    "Rekryteringsbehov per 1 000 invånare 20–64 år i de kommuner som svarat.": (
        "Recruitment need per 1,000 inhabitants aged 20–64 in the municipalities that answered."
    ),
    "Vilka yrken?": "Which occupations?",
    "Behovet per yrkeskluster, med det YH-utbud som redan finns i samma område.": (
        "The need per occupation cluster, with the YH supply that already exists in the same "
        "area."
    ),
    "Vad motiverar en ansökan?": "What justifies an application?",
    "Kandidater som når kraven när kommunerna går samman.": (
        "Candidates that meet the requirements when the municipalities pool their needs."
    ),
    "Vilka kommuner bär underlaget?": "Which municipalities carry the evidence?",
    "En kandidat: kommunerna som bidrar och hur mycket.": (
        "One candidate: the municipalities that contribute, and how much."
    ),
    "{wave} · {summary} · {view} · steg {number} av {steps}": (
        "{wave} · {summary} · {view} · step {number} of {steps}"
    ),
    "anordnarnas vy": "the providers' view",
    "administratörens vy": "the administrators' view",
    "Utbud: beviljade YH-utbildningar i ansökningsomgångarna {rounds} med studieort i urvalets "
    "kommuner (platser per intag), och distansutbildningar i hela landet. Källa: Myndigheten "
    "för yrkeshögskolan.": (
        "Supply: YH programmes granted in the application rounds {rounds} with a study location "
        "in the selection's municipalities (places per intake), and distance programmes in the "
        "whole country. Source: the Swedish National Agency for Higher Vocational Education "
        "(MYH)."
    ),
    "{need} · YH här: {programmes} utb., {places} platser · på distans: {distance}": (
        "{need} · YH here: {programmes} programmes, {places} places · at a distance: {distance}"
    ),
    "★ för litet ensam, tillräckligt tillsammans.": "★ too small alone, enough together.",
    "{more} motiverade till på sidan Ansökningsunderlag.": (
        "{more} more justified on the page Application evidence."
    ),
    "Ingen kandidat är motiverad med valda filter.": (
        "No candidate is justified with the chosen filters."
    ),
    "← Föregående": "← Previous",
    "Nästa →": "Next →",
    "Källa: kompetenskartläggningen; befolkning SCB; YH-beslut Myndigheten för "
    "yrkeshögskolan; gränser SCB. Tangenterna → och ← stegar. Lämna presentationsläget: ta "
    "bort present=1 ur adressen.": (
        "Source: the skills survey; population Statistics Sweden (SCB); YH decisions the "
        "Swedish National Agency for Higher Vocational Education (MYH); boundaries SCB. The keys "
        "→ and ← step. To leave presentation mode, remove present=1 from the address."
    ),
    # --- administrators (pages/logga_in.py, importera.py, omgangar.py)
    "Administratörer": "Administrators",
    "Inloggad som **{name}** sedan {since}. Inloggningen gäller till {until} "
    "({hours} timmar).": (
        "Logged in as **{name}** since {since}. The login lasts until {until} ({hours} hours)."
    ),
    "Som administratör ser du svarande på organisationsnivå, kan importera och radera "
    "omgångar (sidorna **Importera** och **Omgångar**) och ladda ner det fullständiga "
    "ansökningsunderlaget med arbetsgivarnas namn.": (
        "As an administrator you see respondents organisation by organisation, can import and "
        "delete waves (the pages **Import** and **Waves**) and download the full application "
        "evidence with the employers' names."
    ),
    "Ingen administratör är konfigurerad, så ingen kan logga in – det finns inget "
    "standardlösenord.": (
        "No administrator is configured, so nobody can log in – there is no default password."
    ),
    "Skapa en administratör på servern där appen körs:\n\n"
    "```sh\npython -m kraftsamling admin NAMN\n```\n\n"
    "Kommandot frågar efter ett lösenord (minst {min_length} tecken) och skriver ut en "
    "rad med lösenordets hash – aldrig lösenordet självt. Lägg raden under rubriken "
    "`[{section}]` i `.streamlit/secrets.toml` i mappen där appen startas (eller i "
    "`~/.streamlit/secrets.toml`), eller sätt miljövariabeln `{env_var}` som kommandot "
    "visar. Starta sedan om appen. Filen med raden får aldrig checkas in i repot.": (
        "Create an administrator on the server that runs the app:\n\n"
        "```sh\npython -m kraftsamling admin NAME\n```\n\n"
        "The command asks for a password (at least {min_length} characters) and prints a line "
        "with the password's hash – never the password itself. Put the line under the heading "
        "`[{section}]` in `.streamlit/secrets.toml` in the folder the app is started from (or "
        "in `~/.streamlit/secrets.toml`), or set the environment variable `{env_var}` as the "
        "command shows. Then restart the app. The file with the line must never be committed "
        "to the repository."
    ),
    "Administratörer importerar och raderar omgångar och ser svarande på "
    "organisationsnivå. Utbildningsanordnare behöver inte logga in.": (
        "Administrators import and delete waves and see respondents organisation by "
        "organisation. Education providers do not need to log in."
    ),
    # kraftsamling.auth.MESSAGE_WRONG, MESSAGE_LOCKED
    "Fel användarnamn eller lösenord.": "Wrong user name or password.",
    "För många försök – vänta {seconds} s och försök igen.": (
        "Too many attempts – wait {seconds} s and try again."
    ),
    "Användarnamn": "User name",
    "Lösenord": "Password",
    "Importera enkätsvar": "Import survey answers",
    "1. Dela ut enkätmallen": "1. Hand out the survey template",
    "Ladda ner enkätmallen (.xlsx)": "Download the survey template (.xlsx)",
    "Mallen som arbetsgivarna fyller i. Importen läser den som den är.": (
        "The template the employers fill in; the import reads it as it is. It is in Swedish, as "
        "the survey is."
    ),
    "2. Importera svar": "2. Import answers",
    "Ifyllda mallar, CSV (komma eller semikolon, UTF-8 eller Windows-1252) och "
    "Excel-exporter från enkätverktyg. Giltiga rader importeras; rader med fel läggs i "
    "karantän med orsaken. Samma fil två gånger ändrar ingenting. Samma organisation två "
    "gånger i en omgång: det första svaret gäller, det senare läggs i karantän.": (
        "Filled-in templates, CSV (comma or semicolon, UTF-8 or Windows-1252) and Excel "
        "exports from survey tools. Valid rows are imported; rows with errors are put in "
        "quarantine with the reason. The same file twice changes nothing. The same "
        "organisation twice in a wave: the first answer stands, the later one goes to "
        "quarantine. The template, the import reports and their error reasons are in Swedish."
    ),
    "År, bindestreck och ett ord: 2025-host, 2026-var. En ny omgång skapas vid behov.": (
        "Year, hyphen and a word: 2025-host, 2026-var. A new wave is created when needed."
    ),
    "Filer": "Files",
    "Välj minst en fil att importera.": "Choose at least one file to import.",
    "Omgång {wave}: {accepted} rader importerade, {rejected} i karantän.": (
        "Wave {wave}: {accepted} rows imported, {rejected} in quarantine."
    ),
    "Importens felorsaker och anteckningar står på svenska, så som de sparas med "
    "raderna i karantän.": (
        "The importer's error reasons and notes are in Swedish, as they are stored with the rows "
        "in quarantine."
    ),
    "{file}: redan importerad i omgången, inget ändrat.": (
        "{file}: already imported in the wave, nothing changed."
    ),
    "{file}: kunde inte läsas.": "{file}: could not be read.",
    " (varav {n} från organisationer som redan svarat)": (
        " (of which {n} from organisations that had already answered)"
    ),
    "{file}: {accepted} rader importerade från {respondents} organisationer, {rejected} "
    "rader i karantän{duplicates}.": (
        "{file}: {accepted} rows imported from {respondents} organisations, {rejected} rows in "
        "quarantine{duplicates}."
    ),
    "3. Rätta rader i karantän": "3. Fix rows in quarantine",
    # pages/importera.py: the coordinator answers unresolved values once (intake/resolve.py)
    "Fil {n}": "File {n}",
    "Läs också dolda blad och rader": "Also read hidden sheets and rows",
    "Annars hoppas dolda blad och rader över, och rapporten säger vilka.": (
        "Otherwise hidden sheets and rows are skipped, and the report says which."
    ),
    "**Olösta värden.** Svara en gång per värde: svaret sparas och gäller alla senare "
    "importer, och raderna det frigör importeras direkt.": (
        "**Unresolved values.** Answer once per value: the answer is stored and used by every "
        "later import, and the rows it frees are imported at once."
    ),
    "Inga olösta yrken eller kommuner i karantänen.": (
        "No unresolved occupations or municipalities in quarantine."
    ),
    "{n} rader": "{n} rows",
    "Förslag": "Suggestions",
    "eller skriv koden": "or type the code",
    "Spara svaret och importera raderna": "Store the answer and import the rows",
    "… och {n} värden till.": "… and {n} more values.",
    "4. Sparade svar": "4. Stored answers",
    "Inga sparade svar ännu.": "No stored answers yet.",
    "Sort": "Kind",
    "Värde": "Value",
    "Kod": "Code",
    "Betyder": "Means",
    "Svarat av": "Answered by",
    "Svarat": "Answered",
    "Ladda ner svaren (.csv)": "Download the answers (.csv)",
    "Ta bort ett svar": "Remove an answer",
    "Ta bort": "Remove",
    "Svaret är borttaget; rader som redan importerats står kvar.": (
        "The answer is removed; rows already imported stay."
    ),
    "Ladda ner raderna i karantän (.xlsx)": "Download the rows in quarantine (.xlsx)",
    "Ett blad per fil med kolumnerna som de skrevs och en kolumn med felen. Rätta och "
    "importera filen igen.": (
        "One sheet per file with the columns as they were written and a column with the "
        "errors (in Swedish). Fix them and import the file again."
    ),
    "Inga importerade omgångar ännu.": "No imported waves yet.",
    # the import log (queries/import_log.sql); status and layout as kraftsamling.intake stores them
    "Fil": "File",
    "Status": "Status",
    "Format": "Layout",
    "Rader importerade": "Rows imported",
    "Rader i karantän": "Rows in quarantine",
    "Nya organisationer": "New organisations",
    "Storlek (byte)": "Size (bytes)",
    "SHA-256 (början)": "SHA-256 (start)",
    "Importerad": "Imported",
    "Importerad av": "Imported by",
    "Meddelanden från importen": "Messages from the import",
    "importerad": "imported",
    "redan importerad": "already imported",
    "oläsbar": "unreadable",
    "omgång raderad": "wave deleted",
    "mall": "template",
    "lång": "long (a row per need)",
    "bred": "wide (a row per organisation)",
    "År": "Year",
    "Ursprung": "Origin",
    "Behovsrader": "Need rows",
    "Jämför två omgångar": "Compare two waves",
    "Bara organisationer som svarade i båda omgångarna": (
        "Only organisations that answered in both waves"
    ),
    "Annars räknas alla organisationer i kommuner som svarade i båda.": (
        "Otherwise every organisation counts in the municipalities that answered in both."
    ),
    "Jämförelsen gäller de {both} kommuner som svarade i båda omgångarna. En kommun som inte "
    "svarade i en av dem räknas som \"deltog inte\", aldrig som en minskning ({one} svarade "
    "bara i en omgång, {none} i ingen).": (
        "The comparison covers the {both} municipalities that answered in both waves. A "
        "municipality that did not answer in one of them counts as \"did not take part\", never "
        "as a fall ({one} answered in one wave only, {none} in neither)."
    ),
    "Deltog": "Took part",
    "Behovet över omgångarna": "The need over the waves",
    "Rekryteringsbehov ({horizon}) i de {n} kommuner som svarade i alla valda omgångar; en "
    "kommun som inte deltog i någon av dem är utelämnad i alla, aldrig en minskning.": (
        "Recruitment need ({horizon}) in the {n} municipalities that answered in every chosen "
        "wave; a municipality that did not take part in one of them is left out of all, never a "
        "fall."
    ),
    "Publicerad": "Published",
    "Inbjudna": "Invited",
    "Svarsfrekvens": "Response rate",
    "Publicera en omgång": "Publish a wave",
    "Sidornas standardval är den senaste publicerade omgången; en importerad omgång är "
    "opublicerad tills den publiceras.": (
        "The pages' default is the newest published wave; an imported wave is unpublished until "
        "it is published."
    ),
    "Dra tillbaka publiceringen": "Withdraw the publication",
    "Spara": "Save",
    "Inbjudna organisationer och svarsfrekvens": "Invited organisations and response rate",
    "Lista över inbjudna (CSV eller XLSX: Kommun, Organisation, Organisationsnummer)": (
        "List of the invited (CSV or XLSX: Kommun, Organisation, Organisationsnummer)"
    ),
    "Läs in listan": "Read the list",
    "båda": "both",
    "deltog inte i tidigare": "not in the earlier wave",
    "deltog inte i senare": "not in the later wave",
    "deltog inte": "did not take part",
    "Tidigare omgång": "Earlier wave",
    "Senare omgång": "Later wave",
    "Yrkesområde": "Occupation field",
    "Behov, tidigare omgång": "Need, earlier wave",
    "Behov, senare omgång": "Need, later wave",
    "Svarande, tidigare omgång": "Respondents, earlier wave",
    "Svarande, senare omgång": "Respondents, later wave",
    "Kommunkod": "Municipality code",
    "Förändring": "Change",
    "{horizon}: {grew} yrken växte och {shrank} minskade. Totalt {before} → {after} "
    "personer.": (
        "{horizon}: {grew} occupations grew and {shrank} shrank. In total {before} → {after} "
        "people."
    ),
    "Radera en omgång": "Delete a wave",
    "Skriv omgångens id för att bekräfta": "Type the wave's id to confirm",
    "Radera omgången": "Delete the wave",
    "Id:t stämmer inte; inget raderades.": "The id does not match; nothing was deleted.",
    "Raderade {wave}: {respondents} svarande och {needs} behovsrader. "
    "Originalfilerna finns kvar i import_file.": (
        "Deleted {wave}: {respondents} respondents and {needs} need rows. The original files "
        "are kept in import_file."
    ),
    # --- issue 10: supply, outcomes and upskilling candidates (h7) ---
    "Slag av kandidat": "Kind of candidate",
    "Rekrytering (YH-program)": "Recruitment (YH programme)",
    "Kompetensutveckling (kurser)": "Upskilling (courses)",
    "Kompetensutveckling (kurser för anställda) bedöms i administratörernas vy; "
    "leverantörsvyn visar den när publiceringen omfattar den.": (
        "Upskilling (courses for staff) is assessed in the administrators' view; the "
        "providers' view will show it once the publication includes it."
    ),
    "Tidshorisonten gäller bara rekryteringsbehovet, inte kompetensutvecklingen.": (
        "The time horizon applies to the recruitment need only, not to upskilling."
    ),
    "Anställda att kompetensutveckla på distans: kompetenskartläggningen, {wave}. De "
    "räknas aldrig ihop med rekryteringsbehovet. {supply}": (
        "Staff to upskill at a distance: the skills survey, {wave}. They are never added to "
        "the recruitment need. {supply}"
    ),
    "Krav för en kurs (ändra för att pröva andra antaganden)": (
        "Requirements for a course (change them to test other assumptions)"
    ),
    "Inga anställda att kompetensutveckla i urvalet.": "No staff to upskill in the selection.",
    "Kompetensutveckling som ges av högskolan, inte av YH": (
        "Upskilling given by universities, not by YH"
    ),
    "Inga kandidater för en YH-kurs i urvalet.": "No candidates for a YH course in the selection.",
    "kompetensutveckling för yrket ges av högskolan, inte av YH ({path})": (
        "upskilling for the occupation is given by universities, not by YH ({path})"
    ),
    "Legitimationsyrken och lärare vidareutbildas på högskolan (till exempel "
    "specialistsjuksköterska), inte på YH. Behoven är underlag för högskolorna, aldrig för en "
    "YH-kurs, hur stora de än är. Utbildningsvägen är Kraftsamlings egen härledning (tabellen "
    "education_path).": (
        "Licensed professions and teachers are trained further at universities (for example "
        "specialist nurses), not in YH. The needs are evidence for the universities, never for "
        "a YH course, however large. The education path is Kraftsamling's own derivation (the "
        "table education_path)."
    ),
    "Befintligt utbud, konkurrens och utfall": "Existing supply, competition and outcomes",
    "Att kompetensutveckla: {label}": "To upskill: {label}",
    "Kursstorlek": "Course size",
    "Marginal för outnyttjade platser (%)": "Margin for unused places (%)",
    "{share} ± {margin} %": "{share} ± {margin} %",
    "YH i området {rounds} (i gruppen · distans · i landet)": (
        "YH in the area {rounds} (in the group · distance · nationally)"
    ),
    "YH för yrket {rounds} (i gruppen · distans · i landet)": (
        "YH for the occupation {rounds} (in the group · distance · nationally)"
    ),
    "Beviljandegrad i området {round}": "Approval rate in the area {round}",
    "I arbete inom 6 mån ({year})": "In work within 6 months ({year})",
    "Arbete som stämmer med utbildningen ({year})": "Job matching the programme ({year})",
    "Kandidaten har inget utbildningsområde; utbud och utfall kan inte visas.": (
        "The candidate has no education area; supply and outcomes cannot be shown."
    ),
    "{share} % ({granted} av {applied})": "{share} % ({granted} of {applied})",
    "För {label} beviljades {rounds} {pool} YH-utbildningar med studieort i gruppen "
    "({pool_places} platser per antagning), {distance} på distans i hela landet "
    "({distance_places} platser) och {national} i hela landet ({national_places} "
    "platser).": (
        "For {label}, {pool} YH programmes with a study location in the group were granted in "
        "{rounds} ({pool_places} places per intake), {distance} at a distance anywhere in "
        "Sweden ({distance_places} places) and {national} nationally ({national_places} "
        "places)."
    ),
    "I området {area} beviljades {rounds} {pool} YH-utbildningar med studieort i "
    "gruppen ({pool_places} platser per antagning), {distance} på distans i hela "
    "landet ({distance_places} platser) och {national} i hela landet "
    "({national_places} platser).": (
        "In the area {area}, {pool} YH programmes with a study location in the group were "
        "granted in {rounds} ({pool_places} places per intake), {distance} at a distance "
        "anywhere in Sweden ({distance_places} places) and {national} nationally "
        "({national_places} places)."
    ),
    "MYH beviljade {share} % av områdets ansökningar {round} ({granted} av "
    "{applied}); {low}–{high} % per omgång {first}–{last}.": (
        "MYH granted {share} % of the area's applications in {round} ({granted} of "
        "{applied}); {low}–{high} % per round {first}–{last}."
    ),
    "SCB redovisar inga utfall för områdets examinerade.": (
        "SCB reports no outcomes for the area's graduates."
    ),
    "Av dem som tog examen inom området och följdes upp {year} hade {work} arbete "
    "inom 6 månader (SCB, {graduates} examinerade).": (
        "Of the area's graduates followed up in {year}, {work} were in work within 6 months "
        "(SCB, {graduates} graduates)."
    ),
    "Beviljandegrad": "Approval rate",
    "Av dem med arbete hade {match} ett arbete som helt eller till största "
    "delen stämde med utbildningen ({year}).": (
        "Of those in work, {match} had a job that matched the programme wholly or mostly "
        "({year})."
    ),
    "Krav för en kurs: minst {staff} anställda att kompetensutveckla ({course} platser + "
    "{margin} % marginal för platser som inte utnyttjas), minst {employers} arbetsgivare, "
    "minst {municipalities} kommuner. 'Nära' = alla krav nås till minst {near} %.": (
        "Requirements for a course: at least {staff} staff to upskill ({course} places + "
        "{margin} % margin for unused places), at least {employers} employers, at least "
        "{municipalities} municipalities. 'Close' = every requirement reached to at least "
        "{near} %."
    ),
    "**{motivated} motiverade, {near} nära och {not_motivated} ej motiverade** av {total} "
    "kandidater för kompetensutveckling i {municipalities} kommuner ({staff} anställda att "
    "kompetensutveckla; räknas aldrig ihop med rekryteringsbehovet).": (
        "**{motivated} justified, {near} close and {not_motivated} not justified** of {total} "
        "upskilling candidates in {municipalities} municipalities ({staff} staff to upskill; "
        "never added to the recruitment need)."
    ),
    " Ingen kommun når kravet ensam (störst: {largest}); det krävs minst {needed} "
    "kommuner tillsammans.": (
        " No municipality reaches the requirement alone (largest: {largest}); it takes at "
        "least {needed} municipalities together."
    ),
    "{v} anställda att kompetensutveckla mot krav {r}": "{v} staff to upskill against {r} required",
    "Att kompetensutveckla": "To upskill",
    "Att kompetensutveckla i gruppen": "To upskill in the group",
    "Standard 20: medianen av platser i första antagningen för beviljade "
    "YH-utbildningar kortare än 200 YH-poäng i MYH:s beslut 2021–2025 (MYH:s beslut om kurser "
    "finns inte i våra data).": (
        "Default 20: the median of first-intake places of granted YH programmes shorter than "
        "200 YH credits in MYH's decisions 2021–2025 (MYH's decisions on courses are not in "
        "our data)."
    ),
    "Extra anställda för platser som inte utnyttjas: MYH rapporterar att ungefär "
    "en fjärdedel av platserna i genomförda kurser stod tomma. Kravet blir kursstorlek × "
    "(1 + marginal).": (
        "Extra staff for places that go unused: MYH reports that about a quarter of the places "
        "in completed courses stood empty. The requirement is course size × (1 + margin)."
    ),
    "Så många olika arbetsgivare måste ha anställda att kompetensutveckla: en "
    "kurs för en enda arbetsgivares personal är uppdragsutbildning, inte YH.": (
        "This many different employers must have staff to upskill: a course for one "
        "employer's staff is contract education, not YH."
    ),
    "Så många kommuner måste bidra för att det ska vara ett gemensamt "
    "underlag för en distanskurs.": (
        "This many municipalities must contribute for the evidence to be shared evidence for a "
        "distance course."
    ),
    "Utbud: beviljade YH-utbildningar i MYH:s beslut {rounds} (i gruppen = studieort i "
    "gruppens kommuner; distans = distansutbildningar i hela landet, som gruppens invånare kan "
    "läsa; i landet = alla beviljade), platser i första antagningen. Beviljandegrad: beviljade "
    "av sökta ansökningar i området per omgång 2018–2025. Utfall: SCB:s uppföljning av "
    "examinerade från yrkeshögskolan (± 95 % felmarginal); arbete som stämmer = helt eller "
    "till största delen, av dem med arbete.": (
        "Supply: granted YH programmes in MYH's decisions {rounds} (in the group = a study "
        "location in the group's municipalities; distance = distance programmes anywhere in "
        "Sweden, which the group's residents can take; nationally = all granted), places in "
        "the first intake. Approval rate: granted of applied applications in the area per "
        "round 2018–2025. Outcomes: SCB's follow-up of YH graduates (± 95 % margin of error); "
        "matching job = wholly or mostly, of those in work."
    ),
    # --- issue 10, parts 1-3: education path, intakes and lasting demand
    "Kluster som kandidater finns i administratörernas vy: leverantörsvyns kluster räknar "
    "också yrken som yrkeshögskolan inte utbildar för.": (
        "Clusters as candidates are in the administrators' view: the providers' view's "
        "clusters also count occupations that YH does not train for."
    ),
    "Alla behov i urvalet gäller yrken som yrkeshögskolan utbildar för.": (
        "Every need in the selection is in an occupation that YH trains for."
    ),
    "Annan väg": "Another path",
    "Bara yrken som yrkeshögskolan utbildar för": "Only occupations YH trains for",
    "bara yrken som yrkeshögskolan utbildar för": "only occupations YH trains for",
    "Behov 0–1 / 1–3 / 3–5 år": "Need 0–1 / 1–3 / 3–5 years",
    "Behov som yrkeshögskolan inte utbildar för": "Needs that YH does not train for",
    "Gymnasieskola/komvux": "Upper-secondary school/komvux",
    "Håller i sig": "Lasting",
    "Högskola/universitet": "University",
    "Yrkeshögskola": "Higher vocational education (YH)",
    "Räcker till antagningar": "Intakes carried",
    "Utbildningsväg": "Education path",
    "Varför": "Why",
    "YH utbildar inte för yrket ({path})": "YH does not train for the occupation ({path})",
    "{n} antagning": "{n} intake",
    "{n} antagningar": "{n} intakes",
    "behov {a} / {b} / {c} (0–1 / 1–3 / 3–5 år) håller i sig: räcker till {intakes} om {r}": (
        "need {a} / {b} / {c} (0–1 / 1–3 / 3–5 years) lasts: carries {intakes} of {r}"
    ),
    "behov {a} / {b} / {c} (0–1 / 1–3 / 3–5 år) håller inte i sig: räcker till {intakes} om "
    "{r} (högst 2 när behovet inte håller i sig)": (
        "need {a} / {b} / {c} (0–1 / 1–3 / 3–5 years) does not last: carries {intakes} of {r} "
        "(at most 2 when the need does not last)"
    ),
    "Räcker till N antagningar: hur många antagningar om {required} (kravet på behov) det "
    "sammanlagda behovet bär, högst 5. Behovet håller i sig när varje tidshorisont bär minst "
    "sin andel av femårsbehovet: 10 % inom 1 år, 20 % om 1–3 år och 20 % om 3–5 år (hälften av "
    "en jämn fördelning). Håller behovet inte i sig räcker det till högst 2 antagningar. "
    "Behoven per horisont gäller alla tre horisonter, vilken tidshorisont som än är vald.": (
        "Intakes carried: how many intakes of {required} (the need requirement) the cumulative "
        "need carries, at most 5. The need lasts when every horizon carries at least its share "
        "of the five years' need: 10 % within 1 year, 20 % in 1–3 years and 20 % in 3–5 years "
        "(half an even spread). A need that does not last carries at most 2 intakes. The need "
        "per horizon covers all three horizons, whichever horizon is chosen."
    ),
    "Yrken som kräver högskoleexamen (legitimationsyrken, lärare), gymnasieskola eller komvux "
    "(till exempel undersköterska, en skyddad yrkestitel) eller en annan väg. Behoven är "
    "underlag för högskolor och komvux, aldrig för en YH-ansökan, hur stora de än är. "
    "Utbildningsvägen är Kraftsamlings egen härledning (tabellen education_path).": (
        "Occupations that need a university degree (licensed professions, teachers), "
        "upper-secondary school or komvux (for example undersköterska, a protected title) or "
        "another path. These needs are evidence for universities and komvux, never for a YH "
        "application, however large. The education path is Kraftsamling's own derivation "
        "(the table education_path)."
    ),
    "{n} kommun": "{n} municipality",
    "{n} kommuner": "{n} municipalities",
    "Minsta sammanhängande grupp kring {home} som motiverar en ansökan: "
    "{count} ({members}).": (
        "Smallest connected group around {home} that justifies an application: {count} "
        "({members})."
    ),
    # the providers' publication (kraftsamling.privacy, issue 11)
    "dolda yrken": "hidden occupations",
    "dold": "hidden",
    "blocket {where}": "the block {where}",
    "län {where}": "county {where}",
    "hela regionen": "the whole region",
    "Dolda: {n} kommuner i {place}": "Hidden: {n} municipalities in {place}",
    "Ingen sammanhängande grupp av kommuner i de fyra länen når kraven för {label} med "
    "de siffror som visas (dolda kommuner räknas inte i en automatisk grupp): hela "
    "regionens visade siffror ger {reasons}.": (
        "No connected group of municipalities in the four counties meets the requirements for "
        "{label} with the figures shown (hidden municipalities do not count in an automatic "
        "group): the whole region's shown figures give {reasons}."
    ),
    "Profilerna bygger på de siffror som visas, och bara kommuner vars profil mest "
    "visas ingår: kommunens eget behov visas och de visade klustren utgör minst "
    "hälften av det.": (
        "The profiles rest on the figures shown, and only municipalities whose profile is "
        "mostly shown take part: the municipality's own need is shown and its shown clusters "
        "make up at least half of it."
    ),
    "'<{n}': färre än {n} svarande. 'dold': dold för att skydda en annan siffra, eller för "
    "att en enda svarande står för nästan hela siffran.": (
        "'<{n}': fewer than {n} respondents. 'hidden': hidden to protect another figure, or "
        "because one respondent gives nearly all of it."
    ),
}
# fmt: on
