"""The survey's fields: their Swedish headers in our template, and the other ways survey tools
write them. The template (`kraftsamling.template`) and the importer (`kraftsamling.intake.parse`)
both read this file, so a header the template writes is always one the importer knows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str  # canonical name, as in model.Respondent / model.Need
    header: str  # the header our template writes
    level: str  # 'respondent' or 'need'
    required: bool
    synonyms: tuple[str, ...] = ()  # other headers seen in survey-tool exports (lower case)
    help: str = ""  # instruction text for the template


RESPONDENT_FIELDS: tuple[Field, ...] = (
    Field(
        "organisation_name",
        "Organisation",
        "respondent",
        True,
        (
            "organisationens namn",
            "organisationsnamn",
            "företag",
            "företagets namn",
            "arbetsgivare",
            "namn på organisation",
            "verksamhet",
            "organisation/företag",
        ),
        "Organisationens eller företagets namn.",
    ),
    Field(
        "organisationsnummer",
        "Organisationsnummer",
        "respondent",
        False,
        ("orgnr", "org.nr", "org nr", "org-nr", "organisationsnr"),
        "10 siffror, t.ex. 212000-2726. Frivilligt men hjälper oss att hitta dubbletter.",
    ),
    Field(
        "org_kind",
        "Typ av organisation",
        "respondent",
        True,
        ("organisationstyp", "typ", "sektor", "huvudman", "typ av arbetsgivare"),
        "Kommun, region, stat, privat eller ideell.",
    ),
    Field(
        "kommunkod",
        "Kommun",
        "respondent",
        True,
        (
            "vilken kommun?",
            "arbetsställets kommun",
            "kommun där arbetsplatsen finns",
            "kommunkod",
            "kommunnamn",
            "arbetsplatsens kommun",
            "ort/kommun",
        ),
        "Kommunen där arbetsplatsen finns.",
    ),
    Field(
        "sni_section",
        "Bransch (SNI 2007)",
        "respondent",
        False,
        ("bransch", "sni", "sni-kod", "näringsgren", "branschkod"),
        "Avdelning A–U i SNI 2007.",
    ),
    Field(
        "size_class",
        "Antal anställda",
        "respondent",
        False,
        ("storlek", "storleksklass", "antal medarbetare", "företagsstorlek"),
        "1-9, 10-49, 50-249 eller 250+.",
    ),
    Field(
        "contact_name",
        "Kontaktperson",
        "respondent",
        False,
        ("kontakt", "namn", "ditt namn", "kontaktperson namn", "uppgiftslämnare"),
        "Vem vi kan fråga om svaren. Visas bara för administratörer.",
    ),
    Field(
        "contact_email",
        "E-post",
        "respondent",
        False,
        ("e-postadress", "epost", "email", "e-mail", "mejl", "mail"),
        "Visas bara för administratörer.",
    ),
    Field(
        "contact_phone",
        "Telefon",
        "respondent",
        False,
        ("telefonnummer", "tel", "mobil", "telefon/mobil"),
        "Visas bara för administratörer.",
    ),
)

NEED_FIELDS: tuple[Field, ...] = (
    Field(
        "occupation",
        "Yrke (SSYK)",
        "need",
        True,
        (
            "yrke",
            "ssyk",
            "ssyk-kod",
            "yrkeskod",
            "befattning",
            "yrkesroll",
            "yrkesbenämning",
            "vilket yrke?",
            "titel",
        ),
        "SSYK-kod (4 siffror) eller yrkesbenämning, t.ex. 5321 eller Undersköterska.",
    ),
    Field(
        "recruits_1y",
        "Antal att rekrytera inom 1 år",
        "need",
        True,
        (
            "antal inom 1 år",
            "inom 1 år",
            "rekrytering inom 1 år",
            "behov inom 1 år",
            "antal 0-1 år",
            "0-1 år",
        ),
        "Heltal, 0 eller fler.",
    ),
    Field(
        "recruits_1_3y",
        "Antal att rekrytera om 1–3 år",
        "need",
        True,
        (
            "antal inom 1-3 år",
            "antal 1-3 år",
            "1-3 år",
            "behov 1-3 år",
            "rekrytering 1-3 år",
            "inom 1-3 år",
            "om 1-3 år",
        ),
        "Heltal, 0 eller fler.",
    ),
    Field(
        "recruits_3_5y",
        "Antal att rekrytera om 3–5 år",
        "need",
        True,
        (
            "antal inom 3-5 år",
            "antal 3-5 år",
            "3-5 år",
            "behov 3-5 år",
            "rekrytering 3-5 år",
            "inom 3-5 år",
            "om 3-5 år",
        ),
        "Heltal, 0 eller fler.",
    ),
    Field(
        "requires_post_secondary",
        "Kräver eftergymnasial yrkesutbildning",
        "need",
        False,
        (
            "kräver eftergymnasial utbildning",
            "eftergymnasial",
            "krav på yh",
            "krävs eftergymnasial yrkesutbildning?",
            "yh-krav",
        ),
        "Ja eller nej.",
    ),
    Field(
        "recruitment_difficulty",
        "Svårighet att rekrytera (1–5)",
        "need",
        False,
        (
            "svårighet",
            "rekryteringssvårighet",
            "hur svårt är det att rekrytera?",
            "svårt att rekrytera (1-5)",
        ),
        "1 = lätt, 5 = mycket svårt.",
    ),
    Field(
        "lia_places",
        "LIA-platser per år",
        "need",
        False,
        ("lia", "lia-platser", "antal lia-platser", "praktikplatser", "lia platser per år"),
        "Hur många LIA-platser per år ni kan ta emot för yrket.",
    ),
    Field(
        "upskilling",
        "Anställda att kompetensutveckla på distans",
        "need",
        False,
        (
            "kompetensutveckling",
            "vidareutbildning",
            "antal att kompetensutveckla",
            "befintlig personal att utbilda",
        ),
        "Hur många av era anställda ni vill kompetensutveckla via distansutbildning.",
    ),
)

ALL_FIELDS: tuple[Field, ...] = RESPONDENT_FIELDS + NEED_FIELDS
COUNT_FIELDS = ("recruits_1y", "recruits_1_3y", "recruits_3_5y", "lia_places", "upskilling")

ORG_KINDS = ("kommun", "region", "stat", "privat", "ideell")
SIZE_CLASSES = ("1-9", "10-49", "50-249", "250+")
SNI_SECTIONS: dict[str, str] = {
    "A": "Jordbruk, skogsbruk och fiske",
    "B": "Utvinning av mineral",
    "C": "Tillverkning",
    "D": "Försörjning av el, gas, värme och kyla",
    "E": "Vattenförsörjning; avloppsrening, avfallshantering och sanering",
    "F": "Byggverksamhet",
    "G": "Handel; reparation av motorfordon och motorcyklar",
    "H": "Transport och magasinering",
    "I": "Hotell- och restaurangverksamhet",
    "J": "Informations- och kommunikationsverksamhet",
    "K": "Finans- och försäkringsverksamhet",
    "L": "Fastighetsverksamhet",
    "M": "Verksamhet inom juridik, ekonomi, vetenskap och teknik",
    "N": "Uthyrning, fastighetsservice, resetjänster och andra stödtjänster",
    "O": "Offentlig förvaltning och försvar; obligatorisk socialförsäkring",
    "P": "Utbildning",
    "Q": "Vård och omsorg; sociala tjänster",
    "R": "Kultur, nöje och fritid",
    "S": "Annan serviceverksamhet",
    "T": "Förvärvsarbete i hushåll",
    "U": "Verksamhet vid internationella organisationer",
}
YES = ("ja", "j", "yes", "y", "1", "true", "sant", "x")
NO = ("nej", "n", "no", "0", "false", "falskt")

# Sheet names of our template.
TEMPLATE_SHEETS = {
    "instructions": "Instruktioner",
    "respondent": "Organisation",
    "need": "Behov",
    "lists": "Listor",
}
