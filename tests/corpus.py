"""A corpus of messy survey files, made in the tests (no binary fixtures are committed).

Each helper returns the bytes of a file as some tool or person would produce it: CSV in
different encodings and separators, XLSX exports with their own headers, wide exports with
numbered column groups, our template, and things that are not survey files at all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

import openpyxl

from kraftsamling.intake.fields import NEED_FIELDS, RESPONDENT_FIELDS, TEMPLATE_SHEETS

RESPONDENT_HEADERS = [f.header for f in RESPONDENT_FIELDS]
NEED_HEADERS = [f.header for f in NEED_FIELDS]
LONG_HEADERS = RESPONDENT_HEADERS + NEED_HEADERS

# A valid organisation (orgnr with a correct check digit) and a valid need, by template header.
ORGANISATION = {
    "Organisation": "Umeå kommun",
    "Organisationsnummer": "212000-2726",
    "Typ av organisation": "kommun",
    "Kommun": "2480",
    "Bransch (SNI 2007)": "O",
    "Antal anställda": "250+",
    "Kontaktperson": "Anna Andersson",
    "E-post": "anna@example.se",
    "Telefon": "090-16 10 00",
}
NEED = {
    "Yrke (SSYK)": "5321",
    "Antal att rekrytera inom 1 år": "5",
    "Antal att rekrytera om 1–3 år": "3",
    "Antal att rekrytera om 3–5 år": "2",
    "Kräver eftergymnasial yrkesutbildning": "ja",
    "Svårighet att rekrytera (1–5)": "4",
    "LIA-platser per år": "2",
    "Anställda att kompetensutveckla på distans": "1",
}
VALID_ORGNR = ("212000-2726", "556036-0793", "232100-0016", "202100-6255")
OCCUPATIONS = ("5321", "5311", "2221", "7212", "5330", "2343", "8332", "5120", "3411", "2512")
MUNICIPALITIES = ("2480", "Skellefteå", "Luleå kommun", "KIRUNA", "Ostersund", "2463 Åsele")


def row(**changes: str) -> dict[str, str]:
    """One long-layout row (organisation + need), with some cells changed by header."""
    values = {**ORGANISATION, **NEED}
    values.update(changes)
    return values


def csv_bytes(
    rows: Iterable[dict[str, object] | Sequence[object]],
    headers: Sequence[str] | None = None,
    *,
    sep: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    before: Sequence[Sequence[str]] = (),
    line_end: str = "\r\n",
    plain_dashes: bool = False,
) -> bytes:
    """A CSV file; rows are dicts (by header) or sequences. `before` adds lines (a title, an
    empty line) above the header row, as some exports do. `plain_dashes` writes '1-3 år'
    instead of '1–3 år' (Latin-1 has no en dash)."""
    headers = list(headers or LONG_HEADERS)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator=line_end)
    for line in before:
        writer.writerow(line)
    writer.writerow(headers)
    for r in rows:
        if isinstance(r, dict):
            writer.writerow(["" if r.get(h) is None else r.get(h) for h in headers])
        else:
            writer.writerow(["" if v is None else v for v in r])
    text = out.getvalue()
    if plain_dashes:
        text = text.replace("–", "-")
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    """A workbook with the given sheets (name -> rows of cell values, header first)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r in rows:
            sheet.append(list(r))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_xlsx(
    rows: Iterable[dict[str, object]], headers: Sequence[str], sheet: str = "Svar"
) -> bytes:
    """An XLSX export of a survey tool: one sheet, its own headers."""
    table = [list(headers)]
    table += [[r.get(h) for h in headers] for r in rows]
    return xlsx_bytes({sheet: table})


def wide_headers(groups: int, style: str = "space") -> list[str]:
    """Headers of a wide export: the organisation's fields, then numbered need groups."""
    need_names = ["Yrke", "Antal inom 1 år", "Antal 1-3 år", "Antal 3-5 år", "LIA-platser"]

    def numbered(name: str, n: int) -> str:
        return {
            "space": f"{name} {n}",
            "paren": f"{name} ({n})",
            "underscore": f"{name}_{n}",
            "leading": f"{n}. {name}",
        }[style]

    headers = ["Organisation", "Org.nr", "Typ av organisation", "Vilken kommun?"]
    for n in range(1, groups + 1):
        headers += [numbered(name, n) for name in need_names]
    return headers


def wide_row(organisation: Sequence[object], needs: Sequence[Sequence[object]], groups: int):
    """One respondent row: organisation cells, then each group's five cells (empty if unused)."""
    cells = list(organisation)
    for n in range(groups):
        group = list(needs[n]) if n < len(needs) else []
        cells += group + [None] * (5 - len(group))
    return cells


def template_xlsx(
    organisation: dict[str, object] | None,
    needs: Iterable[dict[str, object]],
) -> bytes:
    """Our template, filled in: 'Instruktioner', 'Organisation' (header row, one organisation in
    row 2), 'Behov' (header row, one need per row), 'Listor'. The municipality is written as in
    the drop-down ('2480 Umeå') and occupations as '5321 Undersköterskor, ...'."""
    org_row = [None if organisation is None else organisation.get(h) for h in RESPONDENT_HEADERS]
    need_rows = [[n.get(h) for h in NEED_HEADERS] for n in needs]
    return xlsx_bytes(
        {
            TEMPLATE_SHEETS["instructions"]: [
                ["Kompetenskartläggning"],
                ["Fyll i organisationen på bladet Organisation och ett yrke per rad på Behov."],
            ],
            TEMPLATE_SHEETS["respondent"]: [RESPONDENT_HEADERS, org_row],
            TEMPLATE_SHEETS["need"]: [NEED_HEADERS, *need_rows],
            TEMPLATE_SHEETS["lists"]: [
                ["Kommun", "Yrke"],
                ["2480 Umeå", USK],
                ["2584 Kiruna", "2221 Sjuksköterskor"],
            ],
        }
    )


def template_organisation(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {**ORGANISATION, "Kommun": "2480 Umeå"}
    values.update(changes)
    return values


USK = "5321 Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering"


def template_need(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        **NEED,
        "Yrke (SSYK)": USK,
        "Antal att rekrytera inom 1 år": 5,
        "Antal att rekrytera om 1–3 år": 3,
        "Antal att rekrytera om 3–5 år": 2,
    }
    values.update(changes)
    return values


def png_bytes() -> bytes:
    """The first bytes of a real PNG (signature and IHDR chunk), as if renamed to .csv."""
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def big_csv(rows: int, *, sep: str = ";", encoding: str = "utf-8") -> bytes:
    """A long-layout file with `rows` needs: 10 occupations per organisation, municipalities
    and occupations written in several ways, some cells empty or with decimal comma."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(LONG_HEADERS)
    kinds = ("kommun", "privat", "Privat företag", "region", "ideell")
    for i in range(rows):
        org = i // len(OCCUPATIONS)
        occupation = OCCUPATIONS[i % len(OCCUPATIONS)]
        writer.writerow(
            [
                f"Organisation {org}",
                "",
                kinds[org % len(kinds)],
                MUNICIPALITIES[org % len(MUNICIPALITIES)],
                "Q",
                "10-49",
                "",
                "",
                "",
                occupation,
                str(i % 7),
                "1,0" if i % 5 == 0 else str(i % 3),
                "",
                "ja" if i % 2 else "nej",
                str(1 + i % 5),
                str(i % 2),
                "0",
            ]
        )
    return out.getvalue().encode(encoding)


# ------------------------------------------------------------------------------ a messy corpus
# `messy_corpus(seed)` makes the files the corpus showed breaking the importer, in many
# random variants: each a MessyFile with the number of data rows it holds and whether a careful
# reader gets answers out of it. Seeded: the same seed gives the same bytes.

FREE_TITLES = (
    "Undersköterska hemtjänst",
    "Kock",
    "Lastbilsförare CE",
    "Elektriker",
    "Sjuksköterska",
    "Busschaufför",
    "Gruvarbetare",
    "Servitör",
    "kock/kallskänka",
    "Barnskötare",
    "Snickare",
    "Lokalvårdare",
    "5321",
    "2221 Sjuksköterskor",
    "Förskollärare",
    "Personlig assistent",
)
MUNICIPALITY_SPELLINGS = (
    "Umeå",
    "UMEÅ",
    "Umeå kommun",
    "2480",
    "Skellefteå",
    "Kiruna kommun",
    "Lulea",
    "2584 Kiruna",
    "Östersunds kommun",
    "Sorsele",
)
KINDS_WRITTEN = ("kommun", "Privat företag", "privat", "Region", "ideell förening")


class MessyFile:
    def __init__(self, name: str, data: bytes, kind: str, rows: int, readable: bool = True):
        self.name, self.data, self.kind, self.rows, self.readable = name, data, kind, rows, readable

    def __repr__(self) -> str:
        return f"MessyFile({self.name!r}, {self.kind}, {self.rows} rader)"


def _answers(rng, organisations: int) -> list[list[str]]:
    """Long rows: organisation, kind, municipality, title, three counts; distinct titles (and
    codes) within an organisation."""
    out = []
    for org in range(organisations):
        name = f"Organisation {rng.randint(1, 10_000)} {org}"
        kind = rng.choice(KINDS_WRITTEN)
        muni = rng.choice(MUNICIPALITY_SPELLINGS)
        titles = rng.sample(FREE_TITLES[:12], rng.randint(1, 4))
        for title in titles:
            out.append(
                [
                    name,
                    kind,
                    muni,
                    title,
                    str(rng.randint(0, 9)),
                    str(rng.randint(0, 5)),
                    str(rng.randint(0, 3)),
                ]
            )
    return out


BASIC = [
    "Organisation",
    "Typ av organisation",
    "Kommun",
    "Yrke",
    "Antal inom 1 år",
    "Antal 1-3 år",
    "Antal 3-5 år",
]


def _csv(rows, headers=BASIC, sep=";", before=()) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    for line in before:
        writer.writerow(line)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def _book(sheets, hidden_sheets=(), hidden_rows=None, formulas=None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r in rows:
            sheet.append(list(r))
        if name in hidden_sheets:
            sheet.sheet_state = "hidden"
        for number in (hidden_rows or {}).get(name, ()):
            sheet.row_dimensions[number].hidden = True
        for cell, formula in (formulas or {}).get(name, {}).items():
            sheet[cell] = formula  # openpyxl saves no cached value: as a tool that never computed
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def messy_corpus(seed: int = 12, copies: int = 8) -> list[MessyFile]:
    import random

    rng = random.Random(seed)
    files: list[MessyFile] = []

    def add(kind: str, data: bytes, rows: int, ext: str = "csv", readable: bool = True):
        files.append(MessyFile(f"{kind}-{len(files):03d}.{ext}", data, kind, rows, readable))

    for _ in range(copies):
        rows = _answers(rng, rng.randint(1, 6))
        n = len(rows)
        sep = rng.choice([";", ",", "\t"])
        add("utf16-utan-bom", _csv(rows, sep=sep).encode(rng.choice(["utf-16-le", "utf-16-be"])), n)
        first = rng.choice([1, 5, 10])
        numbered = [f"{first + i}. {h}" for i, h in enumerate(BASIC)]
        add("fragenummer", _csv(rows, numbered, sep).encode("utf-8"), n)
        before = [
            ["Kompetenskartläggning 2025"],
            [],
            *[[f"Rad {i}"] for i in range(rng.randint(9, 20))],
        ]
        add("rubrik-langt-ned", _csv(rows, sep=sep, before=before).encode("utf-8"), n)
        top = [
            "Organisation",
            "Typ av organisation",
            "Kommun",
            "Yrke",
            "Antal att rekrytera",
            "",
            "",
        ]
        bottom = ["", "", "", "", "inom 1 år", "om 1-3 år", "om 3-5 år"]
        add("tva-rubrikrader", _book({"Svar": [top, bottom, *rows]}), n, "xlsx")
        text = _csv(rows, sep=sep).encode("utf-8")
        cut = rng.randint(len(text) // 2, len(text) - 3)
        while text[cut : cut + 1] in (b"\r", b"\n"):
            cut -= 1
        add("nul-byte", text[:cut] + b"\x00" + text[cut:], n)
        long_rows = [
            [*r, "x" * rng.randint(130_000, 200_000) if i == 0 else ""] for i, r in enumerate(rows)
        ]
        add("langt-falt", _csv(long_rows, [*BASIC, "Kommentar"], sep).encode("utf-8"), n)
        half = max(1, n // 2)
        add(
            "flera-blad",
            _book(
                {
                    "Info": [["Om enkäten"]],
                    "Norr": [BASIC, *rows[:half]],
                    "Söder": [BASIC, *rows[half:]],
                    "Gammal": [BASIC, ["Dold AB", "privat", "Umeå", "5321", 9, 9, 9]],
                },
                hidden_sheets=("Gammal",),
            ),
            n,
            "xlsx",
        )
        style = rng.choice(["#", " nr ", " (", "_"])
        groups = 3
        wide = ["Organisation", "Typ av organisation", "Kommun"]
        for g in range(1, groups + 1):
            close = ")" if style == " (" else ""
            wide += [
                f"{h}{style}{g}{close}"
                for h in ("Yrke", "Antal inom 1 år", "Antal 1-3 år", "Antal 3-5 år")
            ]
        wide_rows, wide_needs = [], 0
        for org in range(rng.randint(1, 5)):
            titles = rng.sample(FREE_TITLES[:12], rng.randint(1, groups))
            cells = [f"Bred {org}", "kommun", rng.choice(MUNICIPALITY_SPELLINGS)]
            for title in titles:
                cells += [title, rng.randint(0, 5), rng.randint(0, 5), rng.randint(0, 5)]
            cells += [None] * (len(wide) - len(cells))
            wide_rows.append(cells)
            wide_needs += len(titles)
        add("bred-numrerad", _book({"Export": [wide, *wide_rows]}), len(wide_rows), "xlsx")
        add(
            "formel-utan-varde",
            _book({"Svar": [BASIC, *rows]}, formulas={"Svar": {"E2": "=SUM(1,2)"}}),
            n,
            "xlsx",
        )
        add("dolda-rader", _book({"Svar": [BASIC, *rows]}, hidden_rows={"Svar": [2]}), n, "xlsx")
        lines = _csv(rows, sep=";").split("\r\n")
        lines[1] = '"' + lines[1]  # a quote that opens a cell and never closes it
        add("citattecken", "\r\n".join(lines).encode("utf-8"), n)
        huge = [list(r) for r in rows]
        huge[0][4] = "9" * 4301
        add("orimligt-tal", _csv(huge, sep=sep).encode("utf-8"), n)
        no_kind = [[r[0], r[2], *r[3:]] for r in rows]
        add(
            "utan-typ",
            _csv(no_kind, [h for h in BASIC if h != "Typ av organisation"], sep).encode(
                "cp1252", "replace"
            ),
            n,
        )
        add(
            "skrap",
            bytes(rng.randrange(256) for _ in range(rng.randint(1, 3000))),
            0,
            readable=False,
        )
        good = _book({"Svar": [BASIC, *rows]})
        add("trasig-xlsx", good[: rng.randint(30, len(good) - 30)], 0, "xlsx", readable=False)
    return files
