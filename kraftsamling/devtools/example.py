"""The seeded example wave: plausible survey answers, generated, never real.

No real survey answers exist in public, so Kraftsamling ships one generated wave, "Hösten 2025
(exempeldata)". Every example figure in the app comes from this module, and every row it writes
is flagged ``is_example = True``. Run ``python -m kraftsamling.devtools.example [seed]`` (or call
``write(seed)``) to write ``data/example/*.csv``; the same seed always gives byte-identical files
because all randomness comes from one ``numpy.random.default_rng(seed)`` and nothing reads the
clock. The committed files use seed 2025.

How the wave is made, in plain words:

Who answers. 27 of the 44 municipalities in the four northern counties take part
(``PARTICIPATING_KOMMUNKODER``): the inland members of Akademi Norr, the four municipalities of
Lapplands kommunalförbund, Skellefteå, Åre, Malå and a few neighbours. About 550 organisations
answer, the scale of the association's real survey. Each participating municipality answers once
as an employer ("Storumans kommun"), and the region answers once per municipality for its
hospital or health centre there ("Region Västerbotten, Lycksele lasarett"). The remaining
respondents are spread over the municipalities roughly in proportion to population (a small
floor keeps the smallest ones from having only two or three answers). Each of them is drawn from
a set of employer types (``SECTORS``): private care, dental clinics, building firms, hauliers,
shops, forestry, restaurants, non-profit associations, state agencies and so on. Local economies
shift the odds: mines around Gällivare, Kiruna and Skellefteå (and a little in Pajala and Malå),
tourism around Åre, Härjedalen, Storuman and Arjeplog, winter vehicle testing in Arjeplog and
Arvidsjaur, hydropower along the big rivers, pulp and paper in Örnsköldsvik and Kramfors.

What they need. Each employer type lists the occupations (SSYK 2012, Arbetsförmedlingen's codes)
it typically recruits, each with the chance that a respondent lists it and an expected number of
recruits per year. That number is multiplied by the respondent's size: for the municipality
itself and the region it is the municipality's population aged 20-64 (per 1 000), so
Skellefteå's needs dwarf Sorsele's while the needs per inhabitant stay comparable; for other
employers it follows the size class ('1-9' ... '250+') with some random spread. The three
horizons (within 1 year, 1-3 years, 3-5 years) are Poisson draws around that expectation times
1, 1.6 and 1.3 (the later horizons cover more years but are less certain). A listed occupation
always has at least one recruit. Whether the job needs post-secondary vocational education
follows the occupation (likely for YH-type technician and specialist jobs, unlikely for jobs
learnt at upper-secondary school, sometimes for university jobs). Recruitment difficulty (1-5)
starts from how scarce the occupation is and is a little higher in small municipalities. LIA
places are mostly 0-3 a year, more often offered for jobs needing post-secondary education;
staff to upskill at a distance are small numbers.

Needs that only add up when pooled. The point of the product is the need that is too small in
every municipality but enough for a class when municipalities pool it. The occupations in
``POOLED_ONLY_OCCUPATIONS`` (drifttekniker at heating and water works, tandsköterskor,
behandlingsassistenter, medicinska sekreterare) are generated the ordinary way and then
calibrated so that this holds for every seed: in no municipality does their need over 0-5 years
reach ``LOCAL_CEILING + 1`` (20), yet summed over the participating municipalities it is at least
``POOLED_MIN_RECRUITS`` (45), from at least ``POOLED_MIN_EMPLOYERS`` (8) employers offering at
least ``POOLED_MIN_LIA_PLACES`` (30) LIA places. Calibration trims the largest rows in a
municipality over the ceiling and tops up rows (or adds employers of a fitting type) where the
pool falls short.

Identifiers and contacts. Organisationsnummer follow the Swedish patterns (212000-NNNN for
municipalities, 232100-NNNN for regions, 202100-NNNN for state agencies, 55NNNN-NNNN for
companies, 802NNN-NNNN for associations) and carry a valid Luhn check digit, but the digits are
random: any match with a real organisation is chance. A region or state agency uses one number
for all its local units, as in reality. About one respondent in ten (companies and associations
only) leaves the number empty. Company and association names are made up from word
lists; municipality, region and agency names are real because they answer as themselves.
Contact persons are invented names; e-mail addresses use the reserved ``.example`` top-level
domain and telephone numbers come from the range the Swedish Post and Telecom Authority (PTS)
reserves for fiction (070-1740605 to 070-1740699), so nobody real can be contacted.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kraftsamling import paths
from kraftsamling.intake.fields import SIZE_CLASSES

# ------------------------------------------------------------------------------ the wave
WAVE_ID = "exempel-2025-host"  # never clashes with a real wave id such as 2025-host
WAVE_LABEL = "Hösten 2025 (exempeldata)"
SURVEY_YEAR = 2025
LOADED_AT = "2025-11-01 00:00:00"  # fixed, so the files do not change from run to run
DEFAULT_SEED = 2025
TARGET_RESPONDENTS = 550

# The 27 participating municipalities (SCB kommunkod).
AKADEMI_NORR_INLAND = (
    "2506",  # Arjeplog
    "2505",  # Arvidsjaur
    "2425",  # Dorotea
    "2422",  # Sorsele
    "2421",  # Storuman
    "2417",  # Norsjö
    "2462",  # Vilhelmina
    "2481",  # Lycksele
    "2282",  # Kramfors
    "2283",  # Sollefteå
    "2463",  # Åsele
    "2313",  # Strömsund
    "2303",  # Ragunda
)
LAPPLANDS_KOMMUNALFORBUND = (
    "2523",  # Gällivare
    "2510",  # Jokkmokk
    "2584",  # Kiruna
    "2521",  # Pajala
)
OTHER_PARTICIPANTS = (
    "2482",  # Skellefteå
    "2321",  # Åre
    "2418",  # Malå
    "2361",  # Härjedalen
    "2326",  # Berg
    "2305",  # Bräcke
    "2513",  # Överkalix
    "2518",  # Övertorneå
    "2404",  # Vindeln
    "2284",  # Örnsköldsvik
)
PARTICIPATING_KOMMUNKODER: tuple[str, ...] = tuple(
    sorted(AKADEMI_NORR_INLAND + LAPPLANDS_KOMMUNALFORBUND + OTHER_PARTICIPANTS)
)

# Mining towns and the occupations that only mining and ore processing need.
MINING_KOMMUNKODER = ("2523", "2584", "2482")  # Gällivare, Kiruna, Skellefteå
MINING_OCCUPATIONS = (
    "8111",  # Gruv- och stenbrottsarbetare
    "8112",  # Processoperatörer, stenkross- och malmförädling
    "8115",  # Bergsprängare
    "8193",  # Processövervakare, metallproduktion
    "3116",  # Ingenjörer och tekniker inom gruvteknik och metallurgi
    "2146",  # Civilingenjörsyrken inom gruvteknik och metallurgi
)

# YH-level occupations whose need is too small for a class in any one municipality but adds up
# to one when pooled (see the module docstring).
POOLED_ONLY_OCCUPATIONS: dict[str, str] = {
    "8191": "Drifttekniker vid värme- och vattenverk",
    "5350": "Tandsköterskor",
    "3411": "Behandlingsassistenter och socialpedagoger m.fl.",
    "4117": "Medicinska sekreterare, vårdadministratörer m.fl.",
}
LOCAL_CEILING = 19  # at most this many recruits over 0-5 years in one municipality
POOLED_MIN_RECRUITS = 45
POOLED_MIN_EMPLOYERS = 8
POOLED_MIN_LIA_PLACES = 30

HORIZONS = ("recruits_1y", "recruits_1_3y", "recruits_3_5y")
HORIZON_FACTORS = (1.0, 1.6, 1.3)  # expected recruits per horizon, relative to one year
SIZE_SCALE = {"1-9": 0.3, "10-49": 1.0, "50-249": 3.0, "250+": 8.0}
REGION_NAMES = {
    "22": "Region Västernorrland",
    "23": "Region Jämtland Härjedalen",
    "24": "Region Västerbotten",
    "25": "Region Norrbotten",
}
HOSPITALS = {
    "2523": "Gällivare sjukhus",
    "2584": "Kiruna sjukhus",
    "2481": "Lycksele lasarett",
    "2482": "Skellefteå lasarett",
    "2283": "Sollefteå sjukhus",
    "2284": "Örnsköldsviks sjukhus",
}
FICTIONAL_PHONE_RANGE = (1740605, 1740699)  # 070-1740605 .. 070-1740699, reserved by PTS


# ------------------------------------------------------------------------------ demand model
@dataclass(frozen=True)
class Demand:
    """One occupation an employer type may list."""

    ssyk4: str
    probability: float  # chance that a respondent of this type lists the occupation
    per_year: float  # expected recruits per year at scale 1


@dataclass(frozen=True)
class Sector:
    """An employer type: who it is, what it needs and where it is found."""

    key: str
    org_kind: str  # kommun, region, stat, privat, ideell
    sni_section: str
    weight: float  # relative share of respondents in an ordinary municipality
    size_weights: tuple[float, float, float, float]  # over SIZE_CLASSES
    name_patterns: tuple[str, ...]  # {prefix}, {place}, {surname}, {word} are filled in
    demands: tuple[Demand, ...]
    name_words: tuple[str, ...] = ()
    # kommunkod -> weight, overriding `weight` where the local economy differs
    local_weight: dict[str, float] = field(default_factory=dict)
    one_per_municipality: bool = False  # e.g. a state agency's local office


def _d(ssyk4: str, probability: float, per_year: float) -> Demand:
    return Demand(ssyk4, probability, per_year)


# The municipality as an employer; per_year is recruits per 1 000 inhabitants aged 20-64.
KOMMUN_DEMANDS = (
    _d("5321", 1.0, 0.90),  # Undersköterskor, hemtjänst, äldreboende
    _d("5311", 1.0, 0.30),  # Barnskötare
    _d("2341", 1.0, 0.30),  # Grundskollärare
    _d("2343", 0.9, 0.22),  # Förskollärare
    _d("2221", 0.9, 0.20),  # Sjuksköterskor (hemsjukvård)
    _d("2661", 0.8, 0.10),  # Socialsekreterare
    _d("5342", 0.7, 0.20),  # Vårdare, boendestödjare
    _d("5343", 0.6, 0.25),  # Personliga assistenter
    _d("2330", 0.6, 0.12),  # Gymnasielärare
    _d("5312", 0.6, 0.15),  # Elevassistenter
    _d("5120", 0.6, 0.10),  # Kockar (skolkök, äldreboende)
    _d("2342", 0.5, 0.10),  # Fritidspedagoger
    _d("2351", 0.5, 0.06),  # Speciallärare och specialpedagoger
    _d("2663", 0.4, 0.05),  # Biståndsbedömare
    _d("5152", 0.4, 0.06),  # Fastighetsskötare
    _d("2273", 0.3, 0.03),  # Arbetsterapeuter
    _d("5411", 0.3, 0.04),  # Brandmän (deltid)
    _d("3411", 0.7, 0.06),  # Behandlingsassistenter (pooled only)
    _d("8191", 0.7, 0.06),  # Drifttekniker, VA och fjärrvärme (pooled only)
)

# The region's hospital or health centre; per_year as for KOMMUN_DEMANDS, scaled down for
# health centres (REGION_HEALTH_CENTRE_FACTOR).
REGION_DEMANDS = (
    _d("2221", 1.0, 0.35),  # Sjuksköterskor
    _d("5323", 0.9, 0.35),  # Undersköterskor, vårdavdelning och mottagning
    _d("2224", 0.6, 0.06),  # Distriktssköterskor
    _d("2211", 0.5, 0.08),  # Specialistläkare
    _d("5326", 0.4, 0.05),  # Ambulanssjukvårdare
    _d("3212", 0.4, 0.04),  # Biomedicinska analytiker
    _d("2272", 0.3, 0.03),  # Fysioterapeuter
    _d("3250", 0.3, 0.03),  # Tandhygienister (folktandvården)
    _d("4117", 0.7, 0.10),  # Medicinska sekreterare (pooled only)
    _d("5350", 0.7, 0.08),  # Tandsköterskor, folktandvården (pooled only)
)
REGION_HEALTH_CENTRE_FACTOR = 0.4

PREFIXES = (
    "Fjäll",
    "Älv",
    "Myr",
    "Tall",
    "Gran",
    "Björk",
    "Norr",
    "Sjö",
    "Fors",
    "Hed",
    "Snö",
    "Lid",
    "Näs",
    "Rim",
    "Tjäl",
    "Ren",
    "Vit",
    "Blå",
    "Stjärn",
    "Vidd",
)
SURNAMES = (
    "Lindberg",
    "Holmström",
    "Nilsson",
    "Lundqvist",
    "Öberg",
    "Sandström",
    "Markström",
    "Nordlund",
    "Burman",
    "Lindgren",
    "Johansson",
    "Eriksson",
    "Persson",
    "Olofsson",
    "Westerlund",
    "Berglund",
    "Sundqvist",
    "Forsberg",
    "Stenlund",
    "Granlund",
    "Hedman",
    "Lundberg",
    "Backman",
    "Wiklund",
    "Marklund",
    "Näslund",
    "Sjöberg",
    "Åström",
    "Lantto",
    "Kieri",
    "Labba",
    "Niska",
    "Sarri",
    "Omma",
    "Pirttimaa",
    "Hannu",
    "Jonsson",
    "Strand",
)
FIRST_NAMES = (
    "Anna",
    "Maria",
    "Karin",
    "Sara",
    "Emma",
    "Lena",
    "Elin",
    "Johanna",
    "Linnéa",
    "Ida",
    "Malin",
    "Sofia",
    "Kristina",
    "Eva",
    "Ingrid",
    "Maja",
    "Aino",
    "Tuula",
    "Erik",
    "Lars",
    "Anders",
    "Johan",
    "Per",
    "Karl",
    "Mikael",
    "Jonas",
    "Fredrik",
    "Daniel",
    "Magnus",
    "Niklas",
    "Olof",
    "Nils",
    "Henrik",
    "Mattias",
    "Niila",
    "Aslak",
    "Jouni",
)

COMPANY = ("{prefix}{word_lower} AB", "{place} {word} AB", "{surname}s {word} AB")
SMALL_PRIVATE = (0.5, 0.37, 0.12, 0.01)

SECTORS: tuple[Sector, ...] = (
    Sector(
        key="omsorg",
        org_kind="privat",
        sni_section="Q",
        weight=6.0,
        size_weights=SMALL_PRIVATE,
        name_patterns=COMPANY,
        name_words=("Omsorg", "Assistans", "Hemtjänst", "Vård & Omsorg"),
        demands=(
            _d("5321", 0.7, 1.2),  # Undersköterskor, hemtjänst, äldreboende
            _d("5343", 0.6, 1.0),  # Personliga assistenter
            _d("5342", 0.3, 0.5),  # Vårdare, boendestödjare
            _d("3411", 0.15, 0.1),  # Behandlingsassistenter och socialpedagoger m.fl. (pooled only)
            _d("1530", 0.1, 0.1),  # Chefer inom äldreomsorg
        ),
    ),
    Sector(
        key="hvb",
        org_kind="privat",
        sni_section="Q",
        weight=1.5,
        size_weights=(0.3, 0.6, 0.1, 0.0),
        name_patterns=("{prefix}gårdens {word} AB", "{place} {word} AB"),
        name_words=("Behandlingshem", "Familjevård", "HVB"),
        demands=(
            _d("3411", 0.9, 0.35),  # Behandlingsassistenter och socialpedagoger m.fl. (pooled only)
            _d("5342", 0.4, 0.5),  # Vårdare, boendestödjare
            _d("2662", 0.2, 0.1),  # Kuratorer
        ),
    ),
    Sector(
        key="tandvard",
        org_kind="privat",
        sni_section="Q",
        weight=1.5,
        size_weights=(0.6, 0.4, 0.0, 0.0),
        name_patterns=("{prefix}tandläkarna AB", "Tandläkare {surname} AB", "{place} Tandvård AB"),
        name_words=("Tandvård",),
        demands=(
            _d("5350", 0.9, 0.6),  # Tandsköterskor (pooled only)
            _d("3250", 0.4, 0.2),  # Tandhygienister
            _d("2260", 0.4, 0.15),  # Tandläkare
        ),
    ),
    Sector(
        key="privat_vard",
        org_kind="privat",
        sni_section="Q",
        weight=0.8,
        size_weights=(0.3, 0.6, 0.1, 0.0),
        name_patterns=("{prefix}läkarna AB", "{place} {word} AB"),
        name_words=("Läkarmottagning", "Hälsocentral", "Vårdcentral"),
        demands=(
            _d("2221", 0.6, 0.3),  # Grundutbildade sjuksköterskor
            _d("4117", 0.6, 0.4),  # Medicinska sekreterare, vårdadministratörer m.fl. (pooled only)
            _d("5323", 0.5, 0.3),  # Undersköterskor, vård- och specialavdelning och mottagning
            _d("2211", 0.3, 0.1),  # Specialistläkare
        ),
    ),
    Sector(
        key="gruva",
        org_kind="privat",
        sni_section="B",
        weight=0.0,
        size_weights=(0.05, 0.25, 0.35, 0.35),
        name_patterns=COMPANY,
        name_words=("Gruv", "Malm", "Mineral", "Berg & Malm"),
        demands=(
            _d("8111", 0.8, 1.5),  # Gruv- och stenbrottsarbetare
            _d("8112", 0.6, 1.0),  # Processoperatörer, stenkross- och malmförädling
            _d("7233", 0.7, 0.8),  # Underhållsmekaniker och maskinreparatörer
            _d("7412", 0.6, 0.6),  # Industrielektriker
            _d("8115", 0.3, 0.4),  # Bergsprängare
            _d("3116", 0.5, 0.4),  # Ingenjörer och tekniker inom gruvteknik och metallurgi
            _d("8193", 0.3, 0.4),  # Processövervakare, metallproduktion
            _d("8342", 0.4, 0.5),  # Anläggningsmaskinförare m.fl.
            _d("3121", 0.3, 0.3),  # Arbetsledare inom bygg, anläggning och gruva
            _d("2146", 0.2, 0.2),  # Civilingenjörsyrken inom gruvteknik och metallurgi
        ),
        local_weight={
            "2523": 14.0,  # Gällivare
            "2584": 16.0,  # Kiruna
            "2482": 5.0,  # Skellefteå
            "2521": 4.0,  # Pajala
            "2418": 2.0,  # Malå
        },
    ),
    Sector(
        key="gruvservice",
        org_kind="privat",
        sni_section="B",
        weight=0.0,
        size_weights=(0.2, 0.5, 0.25, 0.05),
        name_patterns=COMPANY,
        name_words=("Gruvservice", "Bergteknik", "Bergservice", "Processmontage"),
        demands=(
            _d("8115", 0.5, 0.6),  # Bergsprängare
            _d("8342", 0.5, 0.6),  # Anläggningsmaskinförare m.fl.
            _d("7233", 0.5, 0.6),  # Underhållsmekaniker och maskinreparatörer
            _d("7212", 0.4, 0.4),  # Svetsare och gasskärare
            _d("8111", 0.4, 0.6),  # Gruv- och stenbrottsarbetare
            _d("7412", 0.3, 0.3),  # Industrielektriker
        ),
        local_weight={
            "2523": 8.0,  # Gällivare
            "2584": 8.0,  # Kiruna
            "2482": 4.0,  # Skellefteå
            "2521": 2.0,  # Pajala
            "2418": 1.5,  # Malå
            "2481": 0.5,  # Lycksele
        },
    ),
    Sector(
        key="tillverkning",
        org_kind="privat",
        sni_section="C",
        weight=4.0,
        size_weights=(0.3, 0.45, 0.2, 0.05),
        name_patterns=COMPANY,
        name_words=("Mekaniska", "Verkstad", "Industri", "Plåt", "Svets"),
        demands=(
            _d("7223", 0.6, 0.6),  # Maskinställare och maskinoperatörer, metallarbete
            _d("7212", 0.5, 0.5),  # Svetsare och gasskärare
            _d("7233", 0.4, 0.4),  # Underhållsmekaniker och maskinreparatörer
            _d("3114", 0.3, 0.3),  # Ingenjörer och tekniker inom maskinteknik
            _d("3111", 0.3, 0.3),  # Ingenjörer och tekniker inom industri och logistik
            _d("7412", 0.3, 0.3),  # Industrielektriker
            _d("3122", 0.2, 0.2),  # Arbetsledare inom tillverkning
        ),
    ),
    Sector(
        key="sagverk",
        org_kind="privat",
        sni_section="C",
        weight=1.5,
        size_weights=(0.2, 0.5, 0.25, 0.05),
        name_patterns=COMPANY,
        name_words=("Såg", "Trä", "Sågverk", "Hyvleri"),
        demands=(
            _d("8173", 0.9, 0.8),  # Operatörer inom sågverk, hyvleri och plywood m.m.
            _d("7233", 0.5, 0.4),  # Underhållsmekaniker och maskinreparatörer
            _d("7412", 0.3, 0.3),  # Industrielektriker
            _d("3111", 0.2, 0.2),  # Ingenjörer och tekniker inom industri och logistik
            _d("8344", 0.3, 0.3),  # Truckförare
        ),
    ),
    Sector(
        key="massa",
        org_kind="privat",
        sni_section="C",
        weight=0.0,
        size_weights=(0.0, 0.2, 0.4, 0.4),
        name_patterns=COMPANY,
        name_words=("Bruk", "Massa", "Papper", "Fiber"),
        demands=(
            _d("8171", 0.8, 0.8),  # Processoperatörer, pappersmassa
            _d("8172", 0.6, 0.6),  # Processoperatörer, papper
            _d("7233", 0.6, 0.5),  # Underhållsmekaniker och maskinreparatörer
            _d("7412", 0.5, 0.4),  # Industrielektriker
            _d("3115", 0.4, 0.3),  # Ingenjörer och tekniker inom kemi och kemiteknik
            _d("8199", 0.4, 0.3),  # Övriga drifttekniker och processövervakare
        ),
        local_weight={
            "2284": 6.0,  # Örnsköldsvik
            "2282": 5.0,  # Kramfors
            "2482": 1.0,  # Skellefteå
        },
    ),
    Sector(
        key="skog",
        org_kind="privat",
        sni_section="A",
        weight=6.0,
        size_weights=(0.7, 0.25, 0.05, 0.0),
        name_patterns=COMPANY,
        name_words=("Skog", "Skogstjänst", "Skogsentreprenad", "Skogsvård"),
        demands=(
            _d("8341", 0.9, 0.7),  # Förare av jordbruks- och skogsmaskiner
            _d("6210", 0.4, 0.4),  # Skogsarbetare
            _d("7233", 0.2, 0.2),  # Underhållsmekaniker och maskinreparatörer
            _d("2135", 0.1, 0.1),  # Specialister och rådgivare inom skogsbruk
        ),
    ),
    Sector(
        key="lantbruk",
        org_kind="privat",
        sni_section="A",
        weight=2.0,
        size_weights=(0.9, 0.1, 0.0, 0.0),
        name_patterns=("{surname}s {word}", "{prefix}gården {word} AB"),
        name_words=("Lantbruk", "Mjölkgård", "Jordbruk"),
        demands=(
            _d("6121", 0.8, 0.4),  # Uppfödare och skötare av lantbrukets husdjur
            _d("6130", 0.3, 0.2),  # Växtodlare och djuruppfödare, blandad drift
            _d("8341", 0.2, 0.2),  # Förare av jordbruks- och skogsmaskiner
        ),
    ),
    Sector(
        key="transport",
        org_kind="privat",
        sni_section="H",
        weight=7.0,
        size_weights=SMALL_PRIVATE,
        name_patterns=COMPANY,
        name_words=("Åkeri", "Transport", "Frakt", "Buss", "Logistik"),
        demands=(
            _d("8332", 0.9, 0.9),  # Lastbilsförare m.fl.
            _d("8331", 0.3, 0.5),  # Buss- och spårvagnsförare
            _d("4322", 0.3, 0.4),  # Lager- och terminalpersonal
            _d("7231", 0.3, 0.3),  # Motorfordonsmekaniker och fordonsreparatörer
            _d("4323", 0.2, 0.2),  # Transportledare och transportsamordnare
        ),
    ),
    Sector(
        key="bygg",
        org_kind="privat",
        sni_section="F",
        weight=10.0,
        size_weights=SMALL_PRIVATE,
        name_patterns=COMPANY,
        name_words=("Bygg", "Snickeri", "Entreprenad", "VVS", "El", "Mark & Anläggning"),
        demands=(
            _d("7111", 0.7, 0.8),  # Träarbetare, snickare m.fl.
            _d("7411", 0.5, 0.5),  # Installations- och serviceelektriker
            _d("7125", 0.4, 0.4),  # VVS-montörer m.fl.
            _d("8342", 0.4, 0.4),  # Anläggningsmaskinförare m.fl.
            _d("3112", 0.3, 0.3),  # Ingenjörer och tekniker inom bygg och anläggning
            _d("3121", 0.3, 0.3),  # Arbetsledare inom bygg, anläggning och gruva
            _d("7131", 0.2, 0.2),  # Målare
            _d("7126", 0.2, 0.2),  # Kyl- och värmepumpstekniker m.fl.
        ),
    ),
    Sector(
        key="energi",
        org_kind="privat",
        sni_section="D",
        weight=1.0,
        size_weights=(0.1, 0.4, 0.4, 0.1),
        name_patterns=COMPANY,
        name_words=("Kraft", "Energi", "Värme", "Elnät", "Kraftdrift"),
        demands=(
            _d("8191", 0.6, 0.25),  # Drifttekniker vid värme- och vattenverk (pooled only)
            _d("7413", 0.6, 0.5),  # Distributionselektriker
            _d("3113", 0.4, 0.3),  # Ingenjörer och tekniker inom elektroteknik
            _d("8199", 0.3, 0.3),  # Övriga drifttekniker och processövervakare
            _d("7412", 0.3, 0.3),  # Industrielektriker
        ),
        local_weight={
            "2510": 6.0,  # Jokkmokk
            "2523": 3.0,  # Gällivare
            "2421": 4.0,  # Storuman
            "2283": 4.0,  # Sollefteå
            "2303": 4.0,  # Ragunda
            "2462": 3.0,  # Vilhelmina
            "2506": 3.0,  # Arjeplog
            "2313": 3.0,  # Strömsund
            "2422": 2.0,  # Sorsele
        },
    ),
    Sector(
        key="turism",
        org_kind="privat",
        sni_section="I",
        weight=2.0,
        size_weights=(0.4, 0.4, 0.15, 0.05),
        name_patterns=COMPANY,
        name_words=("Fjällhotell", "Turism", "Lodge", "Äventyr", "Fjällstugor", "Camping"),
        demands=(
            _d("5120", 0.8, 1.0),  # Kockar och kallskänkor
            _d("9412", 0.5, 0.7),  # Restaurang- och köksbiträden m.fl.
            _d("5131", 0.5, 0.7),  # Hovmästare och servitörer
            _d("4224", 0.5, 0.5),  # Hotellreceptionister m.fl.
            _d("5113", 0.4, 0.5),  # Guider och reseledare
            _d("3451", 0.3, 0.3),  # Köksmästare och souschefer
            _d("3422", 0.2, 0.3),  # Idrottstränare och instruktörer m.fl.
            _d("1710", 0.1, 0.1),  # Hotell- och konferenschefer
        ),
        local_weight={
            "2321": 28.0,  # Åre
            "2361": 20.0,  # Härjedalen
            "2421": 12.0,  # Storuman
            "2506": 10.0,  # Arjeplog
            "2326": 8.0,  # Berg
            "2584": 6.0,  # Kiruna
            "2510": 6.0,  # Jokkmokk
            "2505": 5.0,  # Arvidsjaur
            "2462": 4.0,  # Vilhelmina
            "2422": 4.0,  # Sorsele
            "2313": 4.0,  # Strömsund
            "2425": 3.0,  # Dorotea
            "2521": 3.0,  # Pajala
        },
    ),
    Sector(
        key="restaurang",
        org_kind="privat",
        sni_section="I",
        weight=5.0,
        size_weights=(0.6, 0.35, 0.05, 0.0),
        name_patterns=COMPANY,
        name_words=("Restaurang", "Krog", "Kök", "Pizzeria", "Kafé"),
        demands=(
            _d("5120", 0.8, 0.7),  # Kockar och kallskänkor
            _d("9412", 0.6, 0.6),  # Restaurang- och köksbiträden m.fl.
            _d("5131", 0.4, 0.4),  # Hovmästare och servitörer
            _d("3451", 0.2, 0.2),  # Köksmästare och souschefer
            _d("9411", 0.2, 0.3),  # Pizzabagare m.fl.
        ),
    ),
    Sector(
        key="biltest",
        org_kind="privat",
        sni_section="M",
        weight=0.0,
        size_weights=(0.1, 0.4, 0.4, 0.1),
        name_patterns=COMPANY,
        name_words=("Vintertest", "Testcenter", "Proving Ground", "Fordonstest"),
        demands=(
            _d("8329", 0.7, 1.2),  # Övriga bil-, motorcykel- och cykelförare
            _d("7231", 0.7, 0.8),  # Motorfordonsmekaniker och fordonsreparatörer
            _d("3114", 0.5, 0.5),  # Ingenjörer och tekniker inom maskinteknik
            _d("3113", 0.3, 0.3),  # Ingenjörer och tekniker inom elektroteknik
            _d("3111", 0.3, 0.2),  # Ingenjörer och tekniker inom industri och logistik
        ),
        local_weight={
            "2506": 14.0,  # Arjeplog
            "2505": 12.0,  # Arvidsjaur
            "2510": 2.0,  # Jokkmokk
        },
    ),
    Sector(
        key="handel",
        org_kind="privat",
        sni_section="G",
        weight=9.0,
        size_weights=SMALL_PRIVATE,
        name_patterns=COMPANY,
        name_words=("Livs", "Järn", "Bil", "Sport", "Handel", "Bygghandel"),
        demands=(
            _d("5222", 0.8, 0.8),  # Butikssäljare, dagligvaror
            _d("5223", 0.4, 0.4),  # Butikssäljare, fackhandel
            _d("5221", 0.3, 0.2),  # Säljande butikschefer och avdelningschefer i butik
            _d("7231", 0.2, 0.3),  # Motorfordonsmekaniker och fordonsreparatörer
            _d("5230", 0.2, 0.3),  # Kassapersonal m.fl.
        ),
    ),
    Sector(
        key="fastighet",
        org_kind="privat",
        sni_section="L",
        weight=3.0,
        size_weights=(0.4, 0.45, 0.15, 0.0),
        name_patterns=COMPANY,
        name_words=("Fastigheter", "Bostäder", "Förvaltning"),
        demands=(
            _d("5152", 0.8, 0.5),  # Fastighetsskötare
            _d("3335", 0.3, 0.2),  # Fastighetsförvaltare
            _d("7411", 0.2, 0.2),  # Installations- och serviceelektriker
            _d("7126", 0.2, 0.2),  # Kyl- och värmepumpstekniker m.fl.
        ),
    ),
    Sector(
        key="kontor",
        org_kind="privat",
        sni_section="M",
        weight=3.0,
        size_weights=(0.7, 0.3, 0.0, 0.0),
        name_patterns=COMPANY,
        name_words=("Redovisning", "Ekonomitjänst", "Revision", "Lönetjänst"),
        demands=(
            _d("3313", 0.7, 0.4),  # Redovisningsekonomer
            _d("4111", 0.5, 0.4),  # Ekonomiassistenter m.fl.
            _d("4112", 0.2, 0.2),  # Löne- och personaladministratörer
            _d("2411", 0.1, 0.1),  # Revisorer m.fl.
        ),
    ),
    Sector(
        key="it",
        org_kind="privat",
        sni_section="J",
        weight=1.5,
        size_weights=(0.6, 0.35, 0.05, 0.0),
        name_patterns=COMPANY,
        name_words=("Data", "IT", "Nätverk", "Digital"),
        demands=(
            _d("3512", 0.6, 0.4),  # Supporttekniker, IT
            _d("3514", 0.4, 0.3),  # Nätverks- och systemtekniker m.fl.
            _d("2512", 0.3, 0.3),  # Mjukvaru- och systemutvecklare m.fl.
            _d("3511", 0.2, 0.2),  # Drifttekniker, IT
        ),
    ),
    Sector(
        key="ideell_social",
        org_kind="ideell",
        sni_section="Q",
        weight=2.0,
        size_weights=(0.3, 0.5, 0.2, 0.0),
        name_patterns=(
            "Stiftelsen {prefix}gården",
            "Föreningen {place} {word}",
            "{place} {word} ek. för.",
        ),
        name_words=("Assistans", "Stödboende", "Omsorgskooperativ"),
        demands=(
            _d("5343", 0.5, 0.6),  # Personliga assistenter
            _d("3411", 0.4, 0.2),  # Behandlingsassistenter och socialpedagoger m.fl. (pooled only)
            _d("5342", 0.3, 0.3),  # Vårdare, boendestödjare
        ),
    ),
    Sector(
        key="ideell_fritid",
        org_kind="ideell",
        sni_section="R",
        weight=3.0,
        size_weights=(0.8, 0.2, 0.0, 0.0),
        name_patterns=("{place} {word}", "{prefix}ens {word}"),
        name_words=("Skidklubb", "Idrottsförening", "Ungdomsförening", "Fritidsförening"),
        demands=(
            _d("3423", 0.6, 0.4),  # Fritidsledare m.fl.
            _d("3422", 0.5, 0.3),  # Idrottstränare och instruktörer m.fl.
            _d("3449", 0.2, 0.2),  # Övriga utbildare och instruktörer
        ),
    ),
    Sector(
        key="folkbildning",
        org_kind="ideell",
        sni_section="P",
        weight=0.6,
        size_weights=(0.3, 0.6, 0.1, 0.0),
        name_patterns=("{place} {word}",),
        name_words=("Folkhögskola", "Lärcentrum Studieförening"),
        demands=(
            _d("2330", 0.6, 0.3),  # Gymnasielärare
            _d("3449", 0.5, 0.3),  # Övriga utbildare och instruktörer
            _d("2320", 0.4, 0.2),  # Lärare i yrkesämnen
        ),
        one_per_municipality=True,
    ),
    Sector(
        key="trafikverket",
        org_kind="stat",
        sni_section="O",
        weight=0.8,
        size_weights=(0.0, 0.7, 0.3, 0.0),
        name_patterns=("Trafikverket, {place}",),
        demands=(
            _d("3112", 0.6, 0.4),  # Ingenjörer och tekniker inom bygg och anläggning
            _d("7413", 0.4, 0.3),  # Distributionselektriker
            _d("3121", 0.3, 0.2),  # Arbetsledare inom bygg, anläggning och gruva
        ),
        one_per_municipality=True,
    ),
    Sector(
        key="polisen",
        org_kind="stat",
        sni_section="O",
        weight=0.6,
        size_weights=(0.0, 0.8, 0.2, 0.0),
        name_patterns=("Polismyndigheten, {place}",),
        demands=(
            _d("3360", 0.9, 0.4),  # Poliser
            _d("4119", 0.3, 0.1),  # Övriga kontorsassistenter och sekreterare
        ),
        one_per_municipality=True,
    ),
    Sector(
        key="skogsstyrelsen",
        org_kind="stat",
        sni_section="O",
        weight=0.4,
        size_weights=(0.6, 0.4, 0.0, 0.0),
        name_patterns=("Skogsstyrelsen, {place}",),
        demands=(
            _d("2135", 0.8, 0.3),  # Specialister och rådgivare inom skogsbruk
            _d("4119", 0.2, 0.1),  # Övriga kontorsassistenter och sekreterare
        ),
        one_per_municipality=True,
    ),
    Sector(
        key="forsakringskassan",
        org_kind="stat",
        sni_section="O",
        weight=0.4,
        size_weights=(0.2, 0.8, 0.0, 0.0),
        name_patterns=("Försäkringskassan, {place}",),
        demands=(
            _d("3353", 0.9, 0.4),  # Socialförsäkringshandläggare
        ),
        one_per_municipality=True,
    ),
    Sector(
        key="sgu",
        org_kind="stat",
        sni_section="O",
        weight=0.0,
        size_weights=(0.0, 1.0, 0.0, 0.0),
        name_patterns=("Sveriges geologiska undersökning, {place}",),
        demands=(
            _d("2114", 0.7, 0.3),  # Geologer och geofysiker m.fl.
            _d("3119", 0.5, 0.3),  # Övriga ingenjörer och tekniker
        ),
        local_weight={
            "2418": 2.0,  # Malå
        },
        one_per_municipality=True,
    ),
)

# Orgnr prefixes by kind: the first digits, random digits fill up to nine, then the check digit.
ORGNR_PREFIXES = {
    "kommun": "212000",
    "region": "232100",
    "stat": "202100",
    "privat": ("556", "559"),
    "ideell": ("802",),
}
ORGNR_MISSING_SHARE = 0.12  # of companies and associations (about 10 % of all respondents)

# Occupations typical of YH (post-secondary vocational) beyond the 3xxx technician group.
YH_TYPICAL = frozenset(
    {
        "5350",  # Tandsköterskor
        "4117",  # Medicinska sekreterare
        "4112",  # Löne- och personaladministratörer
        "4323",  # Transportledare
        "5113",  # Guider (naturguide)
        "7126",  # Kyl- och värmepumpstekniker
        "7413",  # Distributionselektriker (elkraft)
        "8191",  # Drifttekniker vid värme- och vattenverk
        "8193",  # Processövervakare, metallproduktion
        "8199",  # Övriga drifttekniker och processövervakare
    }
)
# Undersköterskor: employers increasingly ask for a YH specialisation (specialistundersköterska).
SPECIALISABLE = frozenset({"5321", "5323"})
# How scarce an occupation is (1 easy .. 5 very hard), before local variation; default 3.
SCARCITY = {
    "5321": 4,
    "5323": 4,
    "2221": 5,
    "2224": 5,
    "2211": 5,
    "2341": 4,
    "2343": 4,
    "2330": 4,
    "2351": 5,
    "2661": 4,
    "5350": 4,
    "3250": 4,
    "2260": 5,
    "4117": 4,
    "3411": 3,
    "8191": 4,
    "3116": 4,
    "2146": 4,
    "7412": 4,
    "7413": 4,
    "7233": 4,
    "8341": 4,
    "8332": 4,
    "3451": 4,
    "5120": 3,
    "5222": 2,
    "5223": 2,
    "5230": 2,
    "9412": 2,
    "9411": 2,
    "5131": 2,
    "4224": 2,
    "3423": 2,
    "3422": 2,
    "5152": 2,
    "4322": 2,
    "6210": 3,
    "5343": 3,
    "5311": 3,
    "5312": 2,
}


# ------------------------------------------------------------------------------ helpers
def luhn_check_digit(payload: str) -> str:
    """The Luhn check digit over the first nine digits of an organisationsnummer."""
    total = 0
    for index, char in enumerate(payload):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def format_orgnr(digits9: str) -> str:
    number = digits9 + luhn_check_digit(digits9)
    return f"{number[:6]}-{number[6:]}"


def ascii_fold(text: str) -> str:
    """'Örnsköldsvik' -> 'ornskoldsvik', for e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "-. "))


def slug(text: str) -> str:
    words = ascii_fold(text.replace("&", " ").replace(",", " ")).replace(".", " ").split()
    return "-".join(w for w in words if w not in {"ab", "ek", "for"})


def genitive(name: str) -> str:
    """Swedish genitive of a place name: 'Storuman' -> 'Storumans', 'Åre' -> 'Åre'."""
    return name if name[-1] in "aeiouyåäös" else name + "s"


def _read_reference(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE / name, dtype=str, keep_default_na=False)


def _participating_municipalities() -> pd.DataFrame:
    municipalities = _read_reference("municipality.csv")
    chosen = municipalities[municipalities["kommunkod"].isin(PARTICIPATING_KOMMUNKODER)].copy()
    missing = set(PARTICIPATING_KOMMUNKODER) - set(chosen["kommunkod"])
    if missing:
        raise ValueError(f"Kommunkoder saknas i municipality.csv: {sorted(missing)}")
    chosen["population"] = chosen["population"].astype(int)
    chosen["population_20_64"] = chosen["population_20_64"].astype(int)
    return chosen.sort_values("kommunkod").reset_index(drop=True)


def _check_occupation_codes() -> None:
    known = set(_read_reference("ssyk4_occupation_field.csv")["ssyk4"])
    used = {d.ssyk4 for d in KOMMUN_DEMANDS + REGION_DEMANDS}
    used |= {d.ssyk4 for sector in SECTORS for d in sector.demands}
    used |= set(MINING_OCCUPATIONS) | set(POOLED_ONLY_OCCUPATIONS)
    unknown = used - known
    if unknown:
        raise ValueError(f"SSYK-koder saknas i ssyk4_occupation_field.csv: {sorted(unknown)}")


def _allocate_respondents(municipalities: pd.DataFrame, total_other: int) -> list[int]:
    """Employers other than the municipality and the region, per municipality: proportional to
    population with a floor, rounded by largest remainder so the sum is exact."""
    floor = 3
    population = municipalities["population"].to_numpy(dtype=float)
    spare = total_other - floor * len(population)
    share = spare * population / population.sum()
    counts = np.floor(share).astype(int)
    remainder_order = np.argsort(-(share - counts), kind="stable")
    counts[remainder_order[: spare - counts.sum()]] += 1
    return [int(c) + floor for c in counts]


# ------------------------------------------------------------------------------ generator
class _WaveBuilder:
    """Accumulates respondents and needs; one instance per generate() call."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.respondents: list[dict] = []
        self.contacts: list[dict] = []
        self.needs: list[dict] = []
        self.names: set[str] = set()
        self.orgnr_used: set[str] = set()
        self.agency_orgnr: dict[str, str] = {}
        # respondent index -> the demands its type could list (for pooled-only calibration)
        self.menu: dict[int, tuple[Demand, ...]] = {}
        self.scale: dict[int, float] = {}

    # -- identifiers ----------------------------------------------------------------
    def new_orgnr(self, prefix: str) -> str:
        while True:
            random_digits = "".join(str(d) for d in self.rng.integers(0, 10, 9 - len(prefix)))
            number = format_orgnr(prefix + random_digits)
            if number not in self.orgnr_used:
                self.orgnr_used.add(number)
                return number

    def orgnr_for(self, sector: Sector) -> str | None:
        if sector.org_kind == "stat":
            if sector.key not in self.agency_orgnr:  # one number for all of an agency's offices
                self.agency_orgnr[sector.key] = self.new_orgnr(ORGNR_PREFIXES["stat"])
            return self.agency_orgnr[sector.key]
        if self.rng.random() < ORGNR_MISSING_SHARE:
            return None
        prefixes = ORGNR_PREFIXES[sector.org_kind]
        return self.new_orgnr(prefixes[int(self.rng.integers(len(prefixes)))])

    def _pick(self, options: tuple[str, ...]) -> str:
        return options[int(self.rng.integers(len(options)))]

    def company_name(self, sector: Sector, place: str) -> str:
        for attempt in range(50):
            word = self._pick(sector.name_words) if sector.name_words else ""
            pattern = self._pick(sector.name_patterns)
            if "{word_lower}" in pattern and " " in word:
                pattern = "{place} {word} AB"
            name = pattern.format(
                prefix=self._pick(PREFIXES),
                place=place,
                surname=self._pick(SURNAMES),
                word=word,
                word_lower=word.lower(),
            )
            if attempt > 20:
                name = f"{name} ({place})"
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError(f"Kunde inte hitta ett unikt namn för {sector.key} i {place}")

    def _contact(self, respondent_id: str, organisation_name: str) -> None:
        first = self._pick(FIRST_NAMES)
        last = self._pick(SURNAMES)
        domain = slug(organisation_name.split(",")[0])
        phone = None
        if self.rng.random() < 0.85:
            phone = f"070-{int(self.rng.integers(*FICTIONAL_PHONE_RANGE, endpoint=True))}"
        self.contacts.append(
            {
                "respondent_id": respondent_id,
                "contact_name": f"{first} {last}",
                "contact_email": f"{slug(first)}.{slug(last)}@{domain}.example",
                "contact_phone": phone,
            }
        )

    # -- respondents ----------------------------------------------------------------
    def add_respondent(
        self,
        *,
        name: str,
        orgnr: str | None,
        org_kind: str,
        kommunkod: str,
        sni_section: str,
        size_class: str,
        menu: tuple[Demand, ...],
        scale: float,
        small_place: bool,
    ) -> None:
        index = len(self.respondents)
        respondent_id = f"{WAVE_ID}-r{index + 1:04d}"
        self.names.add(name)
        self.respondents.append(
            {
                "respondent_id": respondent_id,
                "wave_id": WAVE_ID,
                "organisation_name": name,
                "organisationsnummer": orgnr,
                "org_kind": org_kind,
                "kommunkod": kommunkod,
                "sni_section": sni_section,
                "size_class": size_class,
                "is_example": True,
            }
        )
        self._contact(respondent_id, name)
        self.menu[index] = menu
        self.scale[index] = scale
        listed = [d for d in menu if self.rng.random() < d.probability]
        if not listed:  # everyone who answers lists at least their most typical need
            listed = [menu[0]]
        for demand in listed:
            self.add_need(index, demand, small_place=small_place)

    # -- needs ----------------------------------------------------------------------
    def add_need(self, index: int, demand: Demand, *, small_place: bool) -> dict:
        rng = self.rng
        expected_per_year = demand.per_year * self.scale[index]
        recruits = [int(rng.poisson(expected_per_year * f)) for f in HORIZON_FACTORS]
        if sum(recruits) == 0:  # a listed occupation has at least one recruit
            recruits[int(rng.choice(3, p=[0.3, 0.5, 0.2]))] = 1
        post_secondary = rng.random() < _post_secondary_probability(demand.ssyk4)
        difficulty = SCARCITY.get(demand.ssyk4, 3) + int(rng.integers(-1, 2))
        if small_place and rng.random() < 0.4:
            difficulty += 1
        lia_mean = (0.9 if post_secondary else 0.3) + 0.1 * min(self.scale[index], 5.0)
        if demand.ssyk4 in POOLED_ONLY_OCCUPATIONS:
            lia_mean += 0.4  # hard-to-fill YH jobs: employers keen to take LIA students
        lia_cap = 3 if self.scale[index] < 5 else 6
        upskill_mean = 0.15 + 0.04 * self.scale[index]
        need = {
            "need_id": f"{WAVE_ID}-n{len(self.needs) + 1:05d}",
            "respondent_id": self.respondents[index]["respondent_id"],
            "wave_id": WAVE_ID,
            "ssyk4": demand.ssyk4,
            "recruits_1y": recruits[0],
            "recruits_1_3y": recruits[1],
            "recruits_3_5y": recruits[2],
            "requires_post_secondary": bool(post_secondary),
            "recruitment_difficulty": int(min(5, max(1, difficulty))),
            "lia_places": int(min(rng.poisson(lia_mean), lia_cap)),
            "upskilling": int(min(rng.poisson(upskill_mean), 15)),
            "_respondent": index,
        }
        self.needs.append(need)
        return need


def _post_secondary_probability(ssyk4: str) -> float:
    if ssyk4.startswith("3") or ssyk4 in YH_TYPICAL:
        return 0.9
    if ssyk4.startswith(("1", "2")):  # a degree is post-secondary: most respondents tick it
        return 0.7
    if ssyk4 in SPECIALISABLE:
        return 0.35
    return 0.15


def _sector_weight(sector: Sector, kommunkod: str) -> float:
    return sector.local_weight.get(kommunkod, sector.weight)


def _recruits(need: dict) -> int:
    return need["recruits_1y"] + need["recruits_1_3y"] + need["recruits_3_5y"]


def _calibrate_pooled_only(builder: _WaveBuilder, small_places: set[str]) -> None:
    """Make the pooled-only occupations behave as the docstring promises, whatever the seed."""
    for ssyk4 in POOLED_ONLY_OCCUPATIONS:
        _enough_employers(builder, ssyk4, small_places)
        _no_class_in_one_municipality(builder, ssyk4)
        _class_when_pooled(builder, ssyk4)
        _enough_lia_places(builder, ssyk4)


def _rows_of(builder: _WaveBuilder, ssyk4: str) -> list[dict]:
    return [n for n in builder.needs if n["ssyk4"] == ssyk4]


def _kommunkod_of(builder: _WaveBuilder, need: dict) -> str:
    return builder.respondents[need["_respondent"]]["kommunkod"]


def _local_demand(builder: _WaveBuilder, ssyk4: str) -> dict[str, int]:
    """Recruits over 0-5 years per municipality for one occupation."""
    totals: dict[str, int] = {}
    for need in _rows_of(builder, ssyk4):
        kommunkod = _kommunkod_of(builder, need)
        totals[kommunkod] = totals.get(kommunkod, 0) + _recruits(need)
    return totals


def _enough_employers(builder: _WaveBuilder, ssyk4: str, small_places: set[str]) -> None:
    """Add the occupation to employers of a fitting type until enough employers stand behind it."""
    employers = {n["_respondent"] for n in _rows_of(builder, ssyk4)}
    candidates = [
        index
        for index, menu in builder.menu.items()
        if index not in employers and any(d.ssyk4 == ssyk4 for d in menu)
    ]
    for position in builder.rng.permutation(len(candidates)):
        if len(employers) >= POOLED_MIN_EMPLOYERS + 2:
            break
        index = candidates[int(position)]
        kommunkod = builder.respondents[index]["kommunkod"]
        if _local_demand(builder, ssyk4).get(kommunkod, 0) >= LOCAL_CEILING - 1:
            continue
        demand = next(d for d in builder.menu[index] if d.ssyk4 == ssyk4)
        builder.add_need(index, demand, small_place=kommunkod in small_places)
        employers.add(index)


def _no_class_in_one_municipality(builder: _WaveBuilder, ssyk4: str) -> None:
    """Trim the largest rows wherever one municipality would reach a class alone."""
    rows = _rows_of(builder, ssyk4)
    for kommunkod in sorted({_kommunkod_of(builder, n) for n in rows}):
        local_rows = [n for n in rows if _kommunkod_of(builder, n) == kommunkod]
        while sum(_recruits(n) for n in local_rows) > LOCAL_CEILING:
            biggest = max(local_rows, key=_recruits)
            horizon = max(HORIZONS, key=lambda h: biggest[h])
            biggest[horizon] -= 1


def _class_when_pooled(builder: _WaveBuilder, ssyk4: str) -> None:
    """Top up rows in municipalities with headroom until the pool reaches a class."""
    rows = _rows_of(builder, ssyk4)
    while sum(_recruits(n) for n in rows) < POOLED_MIN_RECRUITS:
        local = _local_demand(builder, ssyk4)
        open_rows = [n for n in rows if local[_kommunkod_of(builder, n)] < LOCAL_CEILING]
        row = open_rows[int(builder.rng.integers(len(open_rows)))]
        row[HORIZONS[int(builder.rng.integers(3))]] += 1


def _enough_lia_places(builder: _WaveBuilder, ssyk4: str) -> None:
    rows = _rows_of(builder, ssyk4)
    while sum(n["lia_places"] for n in rows) < POOLED_MIN_LIA_PLACES:
        open_rows = [n for n in rows if n["lia_places"] < 3] or rows
        open_rows[int(builder.rng.integers(len(open_rows)))]["lia_places"] += 1


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The example wave as DataFrames keyed by table name (wave, respondent,
    respondent_contact, need); the same seed always gives the same frames."""
    _check_occupation_codes()
    municipalities = _participating_municipalities()
    builder = _WaveBuilder(seed)
    small_places = set(municipalities.loc[municipalities["population"] < 10_000, "kommunkod"])
    others_per_municipality = _allocate_respondents(
        municipalities, TARGET_RESPONDENTS - 2 * len(municipalities)
    )

    for row, n_others in zip(
        municipalities.itertuples(index=False), others_per_municipality, strict=True
    ):
        kommunkod, place, lan_kod = row.kommunkod, row.name, row.lan_kod
        inhabitants_20_64 = row.population_20_64 / 1000
        small_place = kommunkod in small_places

        # The municipality itself.
        builder.add_respondent(
            name=f"{genitive(place)} kommun",
            orgnr=builder.new_orgnr(ORGNR_PREFIXES["kommun"]),
            org_kind="kommun",
            kommunkod=kommunkod,
            sni_section="O",
            size_class="250+",
            menu=KOMMUN_DEMANDS,
            scale=inhabitants_20_64,
            small_place=small_place,
        )

        # The region's hospital or health centre in the municipality.
        region = REGION_NAMES[lan_kod]
        if region not in builder.agency_orgnr:
            builder.agency_orgnr[region] = builder.new_orgnr(ORGNR_PREFIXES["region"])
        hospital = HOSPITALS.get(kommunkod)
        builder.add_respondent(
            name=f"{region}, {hospital or place + ' hälsocentral'}",
            orgnr=builder.agency_orgnr[region],
            org_kind="region",
            kommunkod=kommunkod,
            sni_section="Q",
            size_class="250+" if hospital else ("50-249" if inhabitants_20_64 > 5 else "10-49"),
            menu=REGION_DEMANDS,
            scale=inhabitants_20_64 * (1.0 if hospital else REGION_HEALTH_CENTRE_FACTOR),
            small_place=small_place,
        )

        # Everyone else.
        used_once: set[str] = set()
        for _ in range(n_others):
            sectors = [s for s in SECTORS if not (s.one_per_municipality and s.key in used_once)]
            weights = np.array([_sector_weight(s, kommunkod) for s in sectors])
            sector = sectors[int(builder.rng.choice(len(sectors), p=weights / weights.sum()))]
            if sector.one_per_municipality:
                used_once.add(sector.key)
            size_odds = np.array(sector.size_weights) / sum(sector.size_weights)
            size_class = SIZE_CLASSES[int(builder.rng.choice(4, p=size_odds))]
            if small_place and size_class == "250+":  # no big private employers in small places
                size_class = "50-249"
            spread = float(builder.rng.lognormal(0.0, 0.3))
            builder.add_respondent(
                name=builder.company_name(sector, place),
                orgnr=builder.orgnr_for(sector),
                org_kind=sector.org_kind,
                kommunkod=kommunkod,
                sni_section=sector.sni_section,
                size_class=size_class,
                menu=sector.demands,
                scale=SIZE_SCALE[size_class] * spread,
                small_place=small_place,
            )

    _calibrate_pooled_only(builder, small_places)
    return _frames(builder, seed)


def _frames(builder: _WaveBuilder, seed: int) -> dict[str, pd.DataFrame]:
    wave = pd.DataFrame(
        [
            {
                "wave_id": WAVE_ID,
                "label": WAVE_LABEL,
                "survey_year": SURVEY_YEAR,
                "is_example": True,
                "origin": f"Exempelgenerator kraftsamling.example, seed {seed}",
                "loaded_at": LOADED_AT,
            }
        ]
    )
    respondent = pd.DataFrame(builder.respondents)
    contact = pd.DataFrame(builder.contacts)
    need_rows = [n for n in builder.needs if _recruits(n) > 0]
    need = pd.DataFrame(need_rows).drop(columns="_respondent")
    # rows grouped by respondent, numbered afresh (calibration may have added rows)
    need = need.sort_values(["respondent_id", "ssyk4"], kind="stable").reset_index(drop=True)
    need["need_id"] = [f"{WAVE_ID}-n{i + 1:05d}" for i in range(len(need))]
    return {"wave": wave, "respondent": respondent, "respondent_contact": contact, "need": need}


def write(seed: int = DEFAULT_SEED, folder: Path = paths.EXAMPLE) -> dict[str, int]:
    """Write the example wave as CSV files (UTF-8, comma, header) and return row counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table, frame in generate(seed).items():
        frame.to_csv(folder / f"{table}.csv", index=False, encoding="utf-8", lineterminator="\n")
        counts[table] = len(frame)
    return counts


if __name__ == "__main__":
    print(write(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED))
