"""Matching what respondents wrote to the reference data, and validating single cells.

Every function here takes the cell text as written and returns a `Match`: the canonical value,
how it was found, or a Swedish reason why it was not. Nothing here knows about rows or files
(`kraftsamling.intake.parse` does) and nothing touches the database except
`Reference.from_connection`, which only reads.

Policies (also stated in the notes the importer shows):
- municipality: code, "2480 Umeå", or the name in any common form ("Umeå kommun", "UMEÅ",
  "Umea", "Umeå kommuns", "Umeå kommun (2480)"). A misspelling is never guessed: a near match is
  an error that suggests the municipality ("Menade du Umeå (2480)?"). Only the 44 municipalities
  of the region (län 22–25) are accepted; the others are recognised and rejected by name.
- occupation: SSYK-4 (Arbetsförmedlingen's variant, or SCB's mapped through the crosswalk), the
  template's "5321 Undersköterskor, ..." form, a unit-group name or a job title. A misspelt title
  is accepted only when the fuzzy score is at least `FUZZY_ACCEPT` and at least `FUZZY_MARGIN`
  ahead of the best title of another SSYK code; then it is marked 'titel ~NN'. Otherwise it is an
  error with the three best suggestions.
- counts: whole numbers 0..`MAX_COUNT`; "5,0", "1 200" and Excel's 5.0 are whole numbers.
  An empty count is 0 (the parser adds a note saying so).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz import utils as fuzz_utils
from stdnum.se import orgnr as stdnum_orgnr

from kraftsamling import paths
from kraftsamling.intake import titles
from kraftsamling.intake.fields import NO, ORG_KINDS, SIZE_CLASSES, SNI_SECTIONS, YES

FUZZY_ACCEPT = 90  # token_sort_ratio a misspelt job title must reach to be accepted
FUZZY_MARGIN = 5  # ... and its lead over the best title of a different SSYK code
FUZZY_SUGGEST = 50  # WRatio a title needs to be offered as a suggestion
MUNICIPALITY_SUGGEST = 70  # ratio (on folded names) a municipality needs to be suggested
MAX_COUNT = 100_000  # larger counts are certainly typing errors (and would not fit the database)

REGION_TEXT = "län 22–25: Västernorrland, Jämtland, Västerbotten och Norrbotten"


@dataclass(frozen=True)
class Match:
    """The outcome of matching or validating one cell."""

    value: object = None  # the canonical value; None for an empty optional cell
    how: str = ""  # how it was matched: 'kod', 'scb-kod', 'titel', 'titel ~92', 'namn', ...
    error: str | None = None  # Swedish reason when the cell is not acceptable
    suggestions: tuple[str, ...] = ()  # codes a person may pick (occupation or municipality)
    answerable: bool = False  # an answer given once (answer_alias) would resolve this value

    @property
    def ok(self) -> bool:
        return self.error is None


def _fail(reason: str, suggestions: tuple[str, ...] = (), answerable: bool = False) -> Match:
    return Match(error=reason, suggestions=suggestions, answerable=answerable)


# ------------------------------------------------------------------------------ text helpers


def clean(text: object) -> str:
    """Cell text with Unicode composed (macOS writes 'å' as two characters), non-breaking
    spaces made ordinary and whitespace collapsed."""
    s = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", s).strip()


def fold(text: str) -> str:
    """Lower case without diacritics (å, ä → a; ö → o; é → e), hyphens as spaces."""
    s = unicodedata.normalize("NFKD", clean(text).casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[-‐‑–—_/]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def quote(text: str, limit: int = 60) -> str:
    """A value as shown in a message: in quotes, long values shortened."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _swedish_list(items: list[str], last: str = "eller") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


# ------------------------------------------------------------------------------ reference data


@dataclass(frozen=True)
class Municipality:
    kommunkod: str
    name: str
    lan_kod: str
    in_region: bool

    def label(self) -> str:
        return f"{self.name} ({self.kommunkod})"


def _truthy(text: object) -> bool:
    return str(text).strip().lower() in ("true", "1", "t", "ja")


@dataclass
class Reference:
    """What matching needs: municipalities, SSYK codes and names, the SCB→Af crosswalk and the
    job-title list. Build it once per import; it caches every match it makes."""

    municipalities: dict[str, Municipality]  # kommunkod -> municipality (all 290)
    ssyk_names: dict[str, str]  # Af SSYK-4 code -> Swedish name (the valid occupation codes)
    scb_to_af: dict[str, str | None]  # SCB SSYK-4 -> Af SSYK-4 (None: no counterpart)
    job_titles: list[tuple[str, str]]  # (title, Af SSYK-4)
    ssyk_higher: dict[str, str] = field(default_factory=dict)  # level 1-3 code -> name
    aliases: list[tuple[str, str]] = field(default_factory=list)  # hand-kept (alias, Af SSYK-4)
    answers: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, value, code)
    _cache: dict[tuple[str, str], Match] = field(default_factory=dict, repr=False)

    # -------------------------------------------------------------------------- construction

    @classmethod
    def from_rows(
        cls,
        municipality: list[dict[str, str]],
        ssyk_af: list[dict[str, str]],
        ssyk_scb_to_af: list[dict[str, str]],
        job_title: list[dict[str, str]],
        occupation_alias: list[dict[str, str]] = (),
        answer_alias: list[dict[str, str]] = (),
    ) -> Reference:
        municipalities = {
            r["kommunkod"].strip(): Municipality(
                r["kommunkod"].strip(),
                r["name"].strip(),
                r["lan_kod"].strip(),
                _truthy(r["in_region"]),
            )
            for r in municipality
        }
        ssyk_names: dict[str, str] = {}
        higher: dict[str, str] = {}
        for r in ssyk_af:
            code, name = str(r["code"]).strip(), str(r["name_sv"]).strip()
            if str(r["level"]).strip() == "4":
                ssyk_names[code] = name
            else:
                higher[code] = name
        scb_to_af = {
            str(r["scb_ssyk4"]).strip(): (str(r["af_ssyk4"]).strip() or None)
            if r["af_ssyk4"] is not None
            else None
            for r in ssyk_scb_to_af
        }
        titles = [
            (clean(r["title"]), str(r["ssyk4"]).strip())
            for r in job_title
            if clean(r["title"]) and str(r["ssyk4"]).strip() in ssyk_names
        ]
        aliases = [(clean(r["alias"]), str(r["ssyk4"]).strip()) for r in occupation_alias]
        answers = [
            (str(r["kind"]), clean(r["value"]), str(r["code"]).strip()) for r in answer_alias
        ]
        return cls(municipalities, ssyk_names, scb_to_af, titles, higher, aliases, answers)

    @classmethod
    def from_repository(cls, folder: Path | None = None) -> Reference:
        """Read the committed CSVs in data/reference/ (every value as text)."""
        folder = folder or paths.REFERENCE

        def read(name: str) -> list[dict[str, str]]:
            path = folder / name if name != "occupation_alias.csv" else paths.DATA / name
            with open(path, encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))

        return cls.from_rows(
            read("municipality.csv"),
            read("ssyk_af.csv"),
            read("ssyk_scb_to_af.csv"),
            read("job_title.csv"),
            read("occupation_alias.csv"),
        )

    @classmethod
    def from_connection(cls, con) -> Reference:  # con: duckdb.DuckDBPyConnection
        """Read the same tables from a DuckDB connection (the importer uses the database).
        Runs on `con` itself (a cursor would not see a catalog chosen with USE)."""

        def read(sql: str) -> list[dict[str, str]]:
            result = con.execute(sql)
            names = [d[0] for d in result.description]
            return [
                {n: ("" if v is None else str(v)) for n, v in zip(names, row, strict=True)}
                for row in result.fetchall()
            ]

        return cls.from_rows(
            read(
                "SELECT kommunkod, name, lan_kod, CAST(in_region AS VARCHAR) AS in_region "
                "FROM municipality"
            ),
            read("SELECT CAST(level AS VARCHAR) AS level, code, name_sv FROM ssyk_af"),
            read("SELECT scb_ssyk4, af_ssyk4 FROM ssyk_scb_to_af"),
            read("SELECT title, ssyk4 FROM job_title"),
            read("SELECT alias, ssyk4 FROM occupation_alias"),
            read("SELECT kind, value, code FROM answer_alias"),
        )

    def __post_init__(self) -> None:
        # Municipality names: exact (case-insensitive) first, then folded when unambiguous
        # (Håbo and Habo fold to the same text).
        self._muni_by_name: dict[str, str] = {}
        folded: dict[str, set[str]] = {}
        for code, m in self.municipalities.items():
            self._muni_by_name[clean(m.name).casefold()] = code
            folded.setdefault(fold(m.name), set()).add(code)
        self._muni_by_fold = {k: next(iter(v)) for k, v in folded.items() if len(v) == 1}
        self._muni_choices = list(folded)  # folded names for fuzzy suggestions
        self._muni_choice_codes = [sorted(folded[k]) for k in self._muni_choices]

        # Occupation names: job titles and unit-group names.
        self._title_exact: dict[str, set[str]] = {}
        self._title_fold: dict[str, set[str]] = {}
        self._title_choices: list[str] = []
        self._title_codes: list[str] = []
        seen: set[tuple[str, str]] = set()
        for title, code in [*self.job_titles, *((n, c) for c, n in self.ssyk_names.items())]:
            if (title.casefold(), code) in seen:
                continue
            seen.add((title.casefold(), code))
            self._title_exact.setdefault(title.casefold(), set()).add(code)
            self._title_fold.setdefault(fold(title), set()).add(code)
            self._title_choices.append(title)
            self._title_codes.append(code)
        self._title_processed = [fuzz_utils.default_process(t) for t in self._title_choices]
        self.titles = titles.TitleIndex.build(
            self.ssyk_names,
            self.job_titles,
            self.aliases,
            [(value, code) for kind, value, code in self.answers if kind == "yrke"],
        )
        self._muni_answers = {
            fold(value): code
            for kind, value, code in self.answers
            if kind == "kommun" and code in self.municipalities
        }

    # -------------------------------------------------------------------------- municipality

    def municipality(self, text: object) -> Match:
        """Match a municipality cell; value is the kommunkod."""
        key = ("kommun", str(text))
        if key not in self._cache:
            self._cache[key] = self._municipality(text)
        return self._cache[key]

    def _municipality_by_code(self, digits: str) -> Municipality | None:
        if len(digits) < 4:
            digits = digits.zfill(4)
        return self.municipalities.get(digits)

    def _municipality_by_name(self, name: str) -> Municipality | None:
        name = clean(name)
        name = re.sub(r"^(kommun|kommunen)\s*[:\-]\s*", "", name, flags=re.IGNORECASE)
        name = re.sub(r"\s+(kommuns?|stads?|municipality)$", "", name, flags=re.IGNORECASE)
        candidates = [name]
        if len(name) > 2 and name[-1] in "sS":  # genitive: "Östersunds kommun"
            candidates.append(name[:-1])
        for candidate in candidates:
            code = self._muni_by_name.get(candidate.casefold())
            if code is None:
                code = self._muni_by_fold.get(fold(candidate))
            if code is not None:
                return self.municipalities[code]
        return None

    def _in_region(self, m: Municipality, how: str) -> Match:
        if m.in_region:
            return Match(m.kommunkod, how)
        return _fail(
            f"{m.label()} ligger inte i undersökningens region ({REGION_TEXT}). "
            "Ange kommunen där arbetsplatsen i regionen finns."
        )

    def _municipality(self, text: object) -> Match:
        raw = clean(text)
        if not raw:
            return _fail("Kommun saknas. Ange kommunkod eller namn, t.ex. 2480 eller Umeå.")
        # 2480, 2480.0 (Excel), 0180 written as 180
        m = re.fullmatch(r"(\d{3,4})(?:[.,]0+)?", raw)
        if m:
            found = self._municipality_by_code(m.group(1))
            if found is None:
                return _fail(
                    f"{quote(raw)} är ingen kommunkod. Ange kommunens fyrsiffriga kod "
                    "eller namn, t.ex. 2480 eller Umeå."
                )
            return self._in_region(found, "kod")
        # "2480 Umeå" (the template's drop-down), "Umeå kommun (2480)", "Umeå, 2480"
        pair = None
        m = re.fullmatch(r"(\d{4})\s*[-–:,]?\s*(\D.*)", raw)
        if m:
            pair = (m.group(1), m.group(2))
        else:
            m = re.fullmatch(r"(\D.*?)\s*[,(\[-]?\s*(\d{4})\s*[)\]]?", raw)
            if m:
                pair = (m.group(2), m.group(1))
        if pair:
            code_text, name_text = pair
            by_code = self._municipality_by_code(code_text)
            by_name = self._municipality_by_name(name_text)
            if by_code is None and by_name is None:
                return _fail(
                    f"{quote(raw)} känns inte igen: {code_text} är ingen kommunkod och "
                    f"{quote(clean(name_text))} inget kommunnamn."
                )
            if by_code is not None and by_name is not None and by_code != by_name:
                return _fail(
                    f"{quote(raw)} stämmer inte: {code_text} är {by_code.name} men "
                    f"{clean(name_text)} har koden {by_name.kommunkod}. Ange en av dem."
                )
            if by_code is None:
                return _fail(
                    f"{quote(raw)}: {code_text} är ingen kommunkod. Menade du {by_name.label()}?"
                )
            return self._in_region(by_code, "kod")
        found = self._municipality_by_name(raw)
        if found is not None:
            return self._in_region(found, "namn")
        answered = self._muni_answers.get(fold(raw))
        if answered is not None:
            return self._in_region(self.municipalities[answered], "svar")
        reason, codes = self._municipality_suggestion(raw)
        return _fail(reason, codes, answerable=True)

    def _municipality_suggestion(self, raw: str) -> tuple[str, tuple[str, ...]]:
        query = fold(re.sub(r"\s+(kommun\w*|stads?)$", "", raw, flags=re.IGNORECASE))
        hits = process.extract(
            query,
            self._muni_choices,
            scorer=fuzz.ratio,
            limit=5,
            score_cutoff=MUNICIPALITY_SUGGEST,
        )
        if hits:
            best = hits[0][1]
            labels: list[str] = []
            # prefer municipalities in the region among equally good matches
            close = [h for h in hits if h[1] >= best - 5]
            close.sort(key=lambda h: -h[1] + (0 if self._region_any(h[2]) else 3))
            codes: list[str] = []
            for _choice, _score, index in close[:3]:
                for code in self._muni_choice_codes[index]:
                    labels.append(self.municipalities[code].label())
                    codes.append(code)
            reason = f"{quote(raw)} känns inte igen. Menade du {_swedish_list(labels[:3])}?"
            return reason, tuple(codes[:3])
        return (
            f"{quote(raw)} känns inte igen som kommun. Ange kommunkod eller namn, "
            "t.ex. 2480 eller Umeå.",
            (),
        )

    def _region_any(self, index: int) -> bool:
        return any(self.municipalities[c].in_region for c in self._muni_choice_codes[index])

    # -------------------------------------------------------------------------- occupation

    def occupation(self, text: object, *, suggest: bool = True) -> Match:
        """Match an occupation cell; value is the Af SSYK-4 code, how is 'kod', 'scb-kod',
        'titel' or 'titel ~NN'. With suggest=False an unknown occupation's error has no
        suggestions (they are the slow part: the parser limits them per file)."""
        key = ("yrke", str(text))
        found = self._cache.get(key)
        if found is None and not suggest:
            found = self._cache.get(("yrke utan förslag", str(text)))
            if found is None:
                found = self._occupation(text, suggest=False)
                self._cache[("yrke utan förslag", str(text))] = found
        elif found is None:
            found = self._occupation(text, suggest=True)
            self._cache[key] = found
        return found

    def is_known_occupation(self, text: object) -> bool:
        """Whether `occupation(text)` would be answered without fuzzy matching."""
        return ("yrke", str(text)) in self._cache or self._occupation_exact(clean(text)) is not None

    def _occupation_code(self, code: str, raw: str) -> Match:
        if code in self.ssyk_names:
            return Match(code, "kod")
        if code in self.scb_to_af:
            af = self.scb_to_af[code]
            if af and af in self.ssyk_names:
                return Match(af, "scb-kod")
            return _fail(
                f"SSYK-koden {code} (SCB) har ingen motsvarighet i Arbetsförmedlingens "
                "yrkesindelning. Ange en annan fyrsiffrig SSYK-kod eller yrkesbenämningen."
            )
        if code.zfill(4) in self.ssyk_names and len(code) < 4:
            return Match(code.zfill(4), "kod")
        if code in self.ssyk_higher and len(code) < 4:
            children = [c for c in sorted(self.ssyk_names) if c.startswith(code)][:3]
            shown = ", ".join(f"{self.ssyk_names[c]} ({c})" for c in children)
            return _fail(
                f"{quote(raw)} är en yrkesgrupp på högre nivå ({self.ssyk_higher[code]}); "
                f"ange en fyrsiffrig SSYK-kod. Förslag: {shown}."
            )
        return _fail(
            f"{quote(raw)} är ingen SSYK-kod i SSYK 2012. Ange en fyrsiffrig kod, "
            "t.ex. 5321, eller yrkesbenämningen."
        )

    def _occupation_exact(self, raw: str) -> Match | None:
        """A code, the template's "5321 Undersköterskor, ..." form or an exact title/name;
        None when only fuzzy matching is left."""
        if not raw:
            return _fail("Yrke saknas. Ange SSYK-kod (4 siffror) eller yrkesbenämning.")
        m = re.fullmatch(r"(\d{1,4})(?:[.,]0+)?", raw)
        if m:
            return self._occupation_code(m.group(1), raw)
        # The template's drop-down: "5321 Undersköterskor, ..."; also "5321 - ...", "5321: ..."
        m = re.fullmatch(r"(\d{4})\s*[-–:.]?\s+(\D.*)", raw) or re.fullmatch(
            r"(\d{4})\s*[-–:.]\s*(\D.*)", raw
        )
        if m:
            return self._occupation_code(m.group(1), raw)
        if raw.casefold() in self._title_exact and len(self._title_exact[raw.casefold()]) == 1:
            return Match(next(iter(self._title_exact[raw.casefold()])), "titel")
        return None

    def _occupation(self, text: object, *, suggest: bool) -> Match:
        raw = clean(text)
        exact = self._occupation_exact(raw)
        if exact is not None:
            return exact
        return self._occupation_fuzzy(raw, suggest=suggest)

    def _occupation_fuzzy(self, raw: str, *, suggest: bool = True) -> Match:
        """The title index (kraftsamling.intake.titles): certain → coded; several codes → a
        question with those codes first; nothing → suggestions ranked by meaning."""
        found = self.titles.code(raw)
        if found.code is not None:
            return Match(found.code, found.how)
        hint = "Ange SSYK-koden om inget förslag stämmer."
        if not suggest:
            if found.candidates:
                return _fail(
                    f"{quote(raw)} kan vara flera yrken: "
                    f"{', '.join(found.candidates)}. Ange SSYK-koden.",
                    found.candidates,
                    answerable=True,
                )
            return _fail(
                f"{quote(raw)} känns inte igen som yrke. Ange SSYK-kod (4 siffror, t.ex. 5321) "
                "eller yrkesbenämning.",
                answerable=True,
            )
        codes = tuple(self.titles.suggest(raw, found.candidates))
        shown = "; ".join(f"{self.ssyk_names[c]} ({c})" for c in codes)
        if found.candidates:
            listed = _swedish_list([f"{self.ssyk_names[c]} ({c})" for c in found.candidates])
            return _fail(
                f"{quote(raw)} kan vara flera yrken: {listed}. Förslag: {shown}. Ange SSYK-koden.",
                codes,
                answerable=True,
            )
        if codes:
            return _fail(
                f"{quote(raw)} känns inte igen som yrke. Förslag: {shown}. {hint}",
                codes,
                answerable=True,
            )
        return _fail(
            f"{quote(raw)} känns inte igen som yrke. Ange SSYK-kod (4 siffror, t.ex. 5321) "
            "eller yrkesbenämning.",
            answerable=True,
        )


# ------------------------------------------------------------------------------ single cells

_COUNT_HINT = "Ange ett heltal 0 eller större (t.ex. 5); skriv inte intervall eller 'ca'."


def count(text: object, label: str) -> Match:
    """A whole number ≥ 0. Empty → Match(0, 'tom') (the caller notes the policy)."""
    raw = clean(text)
    if not raw:
        return Match(0, "tom")
    s = raw.replace(" ", "")
    # 5, +5, 1 200 (space as thousands separator)
    if re.fullmatch(r"\+?\d+", s) or re.fullmatch(r"\+?\d{1,3}( \d{3})+", raw):
        pass
    elif re.fullmatch(r"\+?\d+[.,]0+", s):  # 5,0 / 5.0
        s = re.split(r"[.,]", s)[0]
    elif re.fullmatch(r"[-−–]\s*\d+([.,]\d+)?", raw):
        return _fail(f"{label}: {quote(raw)} är negativt. Ange ett heltal 0 eller större.")
    elif re.fullmatch(r"\+?\d+[.,]\d+", s):
        return _fail(
            f"{label}: {quote(raw)} är inte ett heltal. Ange ett heltal 0 eller större "
            "(t.ex. 5), utan decimaler."
        )
    else:
        return _fail(f"{label}: {quote(raw)} är inte ett heltal. {_COUNT_HINT}")
    digits = s.lstrip("+").lstrip("0") or "0"
    if len(digits) > len(str(MAX_COUNT)):  # never int() a 4 301-digit number: it raises
        return _fail(
            f"{label}: {quote(raw)} är orimligt stort för ett antal (högst {MAX_COUNT:,}).".replace(
                ",", " "
            )
        )
    value = int(digits)
    if value > MAX_COUNT:
        return _fail(
            f"{label}: {quote(raw)} är orimligt stort för ett antal (högst {MAX_COUNT:,}).".replace(
                ",", " "
            )
        )
    return Match(value, "tal")


def difficulty(text: object, label: str = "Svårighet att rekrytera (1–5)") -> Match:
    """1..5, or empty (None). "3,0" and "5 = mycket svårt" are accepted."""
    raw = clean(text)
    if not raw:
        return Match(None, "tom")
    m = re.fullmatch(r"([1-5])(?:[.,]0+)?(?:\s*[-=–:.]?\s+\D.*|\s*[-=–:]\s*\D.*)?", raw)
    if m:
        return Match(int(m.group(1)), "tal")
    return _fail(f"{label}: {quote(raw)} ska vara en siffra från 1 (lätt) till 5 (mycket svårt).")


_YES = {y.casefold() for y in YES}
_NO = {n.casefold() for n in NO}


def yes_no(text: object, label: str) -> Match:
    """Ja/nej (and the other spellings in fields.YES / fields.NO); empty → None."""
    raw = clean(text)
    if not raw:
        return Match(None, "tom")
    s = raw.casefold().rstrip(".!")
    first = re.split(r"[\s,.;:(]+", s)[0] if s else s
    for candidate in (s, first):
        if candidate in _YES:
            return Match(True, "ja")
        if candidate in _NO:
            return Match(False, "nej")
    return _fail(f"{label}: {quote(raw)} ska vara ja eller nej.")


_ORG_KIND_WORDS: dict[str, str | None] = {
    "kommun": "kommun",
    "kommunal": "kommun",
    "kommunen": "kommun",
    "kommunalt": "kommun",
    "kommunal verksamhet": "kommun",
    "kommunal förvaltning": "kommun",
    "region": "region",
    "regionen": "region",
    "regional": "region",
    "landsting": "region",
    "landstinget": "region",
    "regionalt": "region",
    "stat": "stat",
    "statlig": "stat",
    "staten": "stat",
    "statligt": "stat",
    "myndighet": "stat",
    "statlig myndighet": "stat",
    "statlig verksamhet": "stat",
    "privat": "privat",
    "privat företag": "privat",
    "företag": "privat",
    "privat sektor": "privat",
    "näringsliv": "privat",
    "näringslivet": "privat",
    "privat arbetsgivare": "privat",
    "privat verksamhet": "privat",
    "privatägt": "privat",
    "aktiebolag": "privat",
    "ab": "privat",
    "enskild firma": "privat",
    "privat/företag": "privat",
    "ideell": "ideell",
    "ideell förening": "ideell",
    "ideell organisation": "ideell",
    "förening": "ideell",
    "idéburen": "ideell",
    "idéburen organisation": "ideell",
    "civilsamhälle": "ideell",
    "civilsamhället": "ideell",
    "stiftelse": "ideell",
    "ideell sektor": "ideell",
    "trossamfund": "ideell",
    # ambiguous: an error that lists the choices
    "offentlig": None,
    "offentlig sektor": None,
    "offentligt": None,
    "offentlig verksamhet": None,
    "offentlig arbetsgivare": None,
}


def org_kind(text: object, label: str = "Typ av organisation") -> Match:
    raw = clean(text)
    allowed = ", ".join(ORG_KINDS)
    if not raw:
        return _fail(f"{label} saknas. Ange en av: {allowed}.")
    s = raw.casefold().rstrip(".")
    if s in ORG_KINDS:
        return Match(s, "exakt")
    if s in _ORG_KIND_WORDS:
        kind = _ORG_KIND_WORDS[s]
        if kind is None:
            return _fail(
                f"{label}: {quote(raw)} kan vara kommun, region eller stat. Ange en av: {allowed}."
            )
        return Match(kind, "tolkad")
    return _fail(f"{label}: {quote(raw)} känns inte igen. Ange en av: {allowed}.")


_SIZE_BOUNDS = ((1, 9, "1-9"), (10, 49, "10-49"), (50, 249, "50-249"), (250, None, "250+"))


def _size_of(n: int) -> str | None:
    for low, high, name in _SIZE_BOUNDS:
        if n >= low and (high is None or n <= high):
            return name
    return None


def size_class(text: object, label: str = "Antal anställda") -> Match:
    """'1-9', '10-49', '50-249', '250+'; also '1–9', '1 - 9 anställda', '250 eller fler',
    'över 250', a range within one class ('1-4' → '1-9') or a head count ('35' → '10-49')."""
    raw = clean(text)
    if not raw:
        return Match(None, "tom")
    allowed = ", ".join(SIZE_CLASSES)
    allowed_text = f"Ange en av: {allowed}."
    s = raw.casefold().replace("–", "-").replace("—", "-").replace("−", "-")
    s = re.sub(r"\s*(anställda|medarbetare|st|personer|pers)\.?$", "", s).strip()
    s = s.replace(" ", "") if re.fullmatch(r"[\d\s\-+]+", s) else s
    if s in SIZE_CLASSES:
        return Match(s, "exakt")
    m = re.fullmatch(r"(\d+)\s*(?:\+|eller (?:fler|mer)|och (?:fler|mer|uppåt)|-)", s) or (
        re.fullmatch(r"(?:över|fler än|mer än|minst|>=?)\s*(\d+)", s)
    )
    if m:
        n = int(m.group(1))
        bump = 1 if s.startswith(("över", "fler", "mer", ">")) and "=" not in s else 0
        if n + bump >= 250:
            return Match("250+", "tolkad")
        return _fail(f"{label}: {quote(raw)} passar inte i en storleksklass. {allowed_text}")
    m = re.fullmatch(r"(\d+)-(\d+)", s)
    if m:
        low, high = max(int(m.group(1)), 1), int(m.group(2))
        if low <= high and _size_of(low) is not None and _size_of(low) == _size_of(high):
            return Match(_size_of(low), "tolkad")
        return _fail(f"{label}: {quote(raw)} passar inte i en storleksklass. {allowed_text}")
    m = re.fullmatch(r"(\d+)(?:[.,]0+)?", s)
    if m and int(m.group(1)) >= 1:
        return Match(_size_of(int(m.group(1))), "antal")
    return _fail(f"{label}: {quote(raw)} känns inte igen. Ange en av: {allowed}.")


# SNI 2007 divisions (two digits) → sections.
_SNI_DIVISIONS = (
    (1, 3, "A"),
    (5, 9, "B"),
    (10, 33, "C"),
    (35, 35, "D"),
    (36, 39, "E"),
    (41, 43, "F"),
    (45, 47, "G"),
    (49, 53, "H"),
    (55, 56, "I"),
    (58, 63, "J"),
    (64, 66, "K"),
    (68, 68, "L"),
    (69, 75, "M"),
    (77, 82, "N"),
    (84, 84, "O"),
    (85, 85, "P"),
    (86, 88, "Q"),
    (90, 93, "R"),
    (94, 96, "S"),
    (97, 98, "T"),
    (99, 99, "U"),
)
_SNI_BY_NAME = {fold(name): letter for letter, name in SNI_SECTIONS.items()}


def sni_section(text: object, label: str = "Bransch (SNI 2007)") -> Match:
    """A section letter A–U, 'C Tillverkning', the section's name, or an SNI code
    ('86', '86.211', '86211') whose division gives the section. Empty → None."""
    raw = clean(text)
    if not raw:
        return Match(None, "tom")
    m = re.fullmatch(r"([A-Ua-u])(?:\s*[-–:.]?\s+\D.*|\s*[-–:.]\s*\D.*)?", raw)
    if m:
        return Match(m.group(1).upper(), "kod")
    if fold(raw) in _SNI_BY_NAME:
        return Match(_SNI_BY_NAME[fold(raw)], "namn")
    m = re.fullmatch(r"(\d{2})(?:\.?\d{1,3})?(?:\s+\D.*)?", raw)
    if m:
        division = int(m.group(1))
        for low, high, letter in _SNI_DIVISIONS:
            if low <= division <= high:
                return Match(letter, "sni-kod")
    return _fail(
        f"{label}: {quote(raw)} känns inte igen. Ange avdelningens bokstav A–U i SNI 2007, "
        "t.ex. C för tillverkning eller Q för vård och omsorg."
    )


def organisationsnummer(text: object) -> Match:
    """Validated with python-stdnum and written NNNNNN-NNNN. Empty → None.
    '16' before the number (Skatteverket's form) and a century before a personnummer
    (sole traders) are removed."""
    raw = clean(text)
    if not raw:
        return Match(None, "tom")
    digits = re.sub(r"[\s\-+.]", "", raw)
    if re.fullmatch(r"\d+", digits) is None:
        return _fail(
            f"{quote(raw)} är inget giltigt organisationsnummer (ska vara 10 siffror, "
            "t.ex. 212000-2726)."
        )
    if len(digits) == 12 and digits[:2] in ("16", "19", "20"):
        digits = digits[2:]
    if len(digits) != 10:
        return _fail(
            f"{quote(raw)} är inget giltigt organisationsnummer (ska vara 10 siffror, "
            "t.ex. 212000-2726)."
        )
    if not stdnum_orgnr.is_valid(digits):
        return _fail(
            f"{quote(raw)} är inget giltigt organisationsnummer (kontrollsiffran stämmer inte)."
        )
    return Match(stdnum_orgnr.format(digits), "giltigt")


def organisation_name(text: object) -> Match:
    raw = clean(text)
    if not raw:
        return _fail("Organisationens namn saknas.")
    return Match(raw, "namn")


def optional_text(text: object) -> Match:
    raw = clean(text)
    return Match(raw or None, "text")


UNKNOWN_KIND = "okänd"
# Bolagsverket's group number (the first digit of an organisationsnummer) and, in group 2, the
# prefixes of municipalities (212000-), regions (232100-) and state agencies (202100-).
_ORGNR_PREFIX = {"2120": "kommun", "2321": "region", "2021": "stat"}
_ORGNR_GROUP = {
    "5": "privat",
    "9": "privat",
    "6": "privat",
    "3": "privat",
    "7": "privat",
    "8": "ideell",
}


def infer_org_kind(name: str | None, orgnr: str | None) -> tuple[str, str]:
    """The kind of organisation where the data says it: (kind, how), how being
    'organisationsnummer', 'namnet' or 'okänd' (then kind is UNKNOWN_KIND)."""
    digits = re.sub(r"\D", "", orgnr or "")
    if len(digits) == 10:
        if digits[:4] in _ORGNR_PREFIX:
            return _ORGNR_PREFIX[digits[:4]], "organisationsnummer"
        if int(digits[2]) < 2:  # a personnummer: a sole trader
            return "privat", "organisationsnummer"
        if digits[0] in _ORGNR_GROUP:
            return _ORGNR_GROUP[digits[0]], "organisationsnummer"
    text = fold(name or "")
    if re.search(r"\bkommun(en|s)?\b|kommunalforbund", text):
        return "kommun", "namnet"
    if re.search(r"^region\b|\bregion \w+$|\blandsting", text):
        return "region", "namnet"
    if re.search(r"\b(ab|aktiebolag|hb|kb|handelsbolag)\b", text):
        return "privat", "namnet"
    if re.search(r"\b(forening|stiftelse|ideell)\b", text):
        return "ideell", "namnet"
    return UNKNOWN_KIND, UNKNOWN_KIND
