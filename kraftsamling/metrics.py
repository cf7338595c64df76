"""The figures a map can show: what each one is, how it reads in Swedish, and its source.

The texts here are the Swedish source texts; where they are shown they go through
`kraftsamling.i18n.t` (see `horizon_label`), so English has an entry for each in `i18n.EN`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kraftsamling.i18n import t

HORIZONS: dict[str, tuple[str, ...]] = {
    "0-1": ("0-1",),
    "1-3": ("1-3",),
    "3-5": ("3-5",),
    "0-3": ("0-1", "1-3"),
    "0-5": ("0-1", "1-3", "3-5"),
}
HORIZON_LABELS: dict[str, str] = {
    "0-1": "Inom 1 år",
    "1-3": "Om 1–3 år",
    "3-5": "Om 3–5 år",
    "0-3": "Inom 3 år (kumulativt)",
    "0-5": "Inom 5 år (kumulativt)",
}


def horizon_label(horizon: str) -> str:
    """The horizon's label in the current language ('Inom 5 år (kumulativt)')."""
    return t(HORIZON_LABELS[horizon])


@dataclass(frozen=True)
class Metric:
    key: str  # column in municipality_figures.sql
    label: str  # Swedish, for menus and legends (shown through i18n.t)
    unit: str
    decimals: int
    from_survey: bool  # True: needs a wave; municipalities that did not answer are grey
    source: str  # source note template (i18n.t); {wave}, {horizon}, {pop20_year}, {myh}
    missing: str = "deltog inte i kartläggningen"  # a grey municipality's hover (i18n.t)
    bands: tuple[str, ...] = ()  # fixed classes: the value is the band's index (i18n.t labels)
    diverging: bool = False  # a change: classes mirrored around 0 (charts.diverging_classes)


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(
            "recruits",
            "Rekryteringsbehov",
            "personer",
            0,
            True,
            "Rekryteringsbehov {horizon}. Källa: kompetenskartläggningen, {wave}.",
        ),
        Metric(
            "recruits_per_1000",
            "Rekryteringsbehov per 1 000 invånare 20–64 år",
            "per 1 000 inv. 20–64 år",
            1,
            True,
            "Rekryteringsbehov {horizon} per 1 000 invånare 20–64 år. Källa: "
            "kompetenskartläggningen, {wave}; befolkning SCB 31 dec {pop20_year}.",
        ),
        Metric(
            "employers",
            "Antal arbetsgivare med behov",
            "arbetsgivare",
            0,
            True,
            "Arbetsgivare som anger minst ett rekryteringsbehov {horizon}. Källa: "
            "kompetenskartläggningen, {wave}.",
        ),
        Metric(
            "lia_places",
            "LIA-platser per år",
            "platser",
            0,
            True,
            "LIA-platser som arbetsgivarna kan erbjuda per år. Källa: "
            "kompetenskartläggningen, {wave}.",
        ),
        Metric(
            "yh_granted",
            "Beviljade YH-utbildningar (alla)",
            "utbildningar",
            0,
            False,
            "Beviljade ansökningar med studieort i kommunen, ansökningsomgångarna {myh}. "
            "Källa: Myndigheten för yrkeshögskolan.",
        ),
        Metric(
            "yh_granted_distance",
            "Beviljade YH-utbildningar på distans",
            "utbildningar",
            0,
            False,
            "Beviljade distansutbildningar med studieort i kommunen, ansökningsomgångarna {myh}. "
            "Källa: Myndigheten för yrkeshögskolan.",
        ),
    )
}

# Administrators only (issue 12): the response rate per municipality, answered / invited
# (table `invited_organisation`). Not in the providers' view: the publication has no respondent
# count per municipality (a kommun cell's `contributors` counts respondents with a need in the
# horizon, and hidden cells have none), and rate × invited would give a hidden cell's
# respondents. A municipality without an invitation list is grey ("participated" is False).
RESPONSE_RATE = Metric(
    "response_rate",
    "Svarsfrekvens (svarande av inbjudna)",
    "%",
    0,
    True,
    "Svarsfrekvens: organisationer som svarat av dem som bjöds in, {wave}. Källa: "
    "kompetenskartläggningen och listan över inbjudna organisationer.",
    missing="ingen lista över inbjudna",
)
ADMIN_METRICS: dict[str, Metric] = {RESPONSE_RATE.key: RESPONSE_RATE}
# The providers' response rate (docs/privacy.md, "The response rate"): the band of 25
# percentage points stored in publication_response, only where at least N invited
# organisations answered and at least N did not; others grey, saying why.
RATE_BAND_LABELS = {"0-24": "0–24 %", "25-49": "25–49 %", "50-74": "50–74 %", "75-100": "75–100 %"}
RESPONSE_BAND = Metric(
    "response_rate",
    "Svarsfrekvens (intervall)",
    "",
    0,
    True,
    "Svarsfrekvens i intervall om 25 procentenheter: organisationer som svarat av dem som "
    "bjöds in, {wave}. Visas där minst {n} inbjudna svarat och minst {n} inte svarat. Källa: "
    "kompetenskartläggningen och listan över inbjudna organisationer.",
    missing="ingen lista över inbjudna",
    bands=tuple(RATE_BAND_LABELS.values()),
)
PROVIDER_METRICS: dict[str, Metric] = {RESPONSE_BAND.key: RESPONSE_BAND}

# The change map (issue 12, `jamfor=<wave id>` on Karta): the change between the compared wave
# and the shown one, only where a municipality can be compared (it took part in both and, in the
# providers' view, its figure is shown in both publications); others are grey, "deltog inte" or
# "dold" on hover (kraftsamling.views.karta.change_figures). Each is its figure of METRICS (key,
# unit, decimals) as a change, drawn with a diverging palette (a fall and a rise apart, 0
# neutral, the range symmetric: kraftsamling.charts.diverging_classes).
CHANGE_NOT_COMPARED = "kan inte jämföras"
CHANGE_TEXTS: dict[str, tuple[str, str]] = {  # key: (label, source), shown through i18n.t
    "recruits": (
        "Förändring i rekryteringsbehov",
        "Förändring i rekryteringsbehov {horizon} från {compared} till {wave}, i de "
        "kommuner som kan jämföras. Källa: kompetenskartläggningen.",
    ),
    "recruits_per_1000": (
        "Förändring per 1 000 invånare 20–64 år",
        "Förändring i rekryteringsbehov {horizon} per 1 000 invånare 20–64 år från "
        "{compared} till {wave}, i de kommuner som kan jämföras. Källa: "
        "kompetenskartläggningen; befolkning SCB 31 dec {pop20_year}.",
    ),
}
CHANGE_METRICS: dict[str, Metric] = {
    key: replace(
        METRICS[key], label=label, source=source, missing=CHANGE_NOT_COMPARED, diverging=True
    )
    for key, (label, source) in CHANGE_TEXTS.items()
}

CLASSIFICATIONS: dict[str, str] = {
    "quantiles": "Kvantiler (lika många kommuner per klass)",
    "natural_breaks": "Naturliga brytpunkter (Fisher–Jenks)",
    "equal_interval": "Lika breda klasser",
}

BOUNDARY_SOURCE = (
    "Kommun- och länsgränser: SCB, Digitala gränser (2024), förenklade av Kraftsamling."
)
