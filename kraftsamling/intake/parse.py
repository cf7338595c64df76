"""Reading one survey file (CSV or XLSX) into validated respondents and needs.

`parse_file(file_name, data, reference)` is the only entry point. It never touches the
database: `kraftsamling.intake.store` writes what it returns.

Three layouts are understood:
- 'mall': our template (sheets 'Organisation' and 'Behov'): one organisation, one need per row;
- 'lång': one row per need, the organisation's fields repeated on every row;
- 'bred': one row per organisation with numbered groups of need columns ("Yrke 1", "Antal inom
  1 år 1", "Yrke 2", ...), as survey tools export them.

Nothing is lost: every non-empty data row ends up either as accepted needs (`Need.source_row`)
or, whole and with every reason, in `ParsedFile.rejected`. A row with any problem is rejected
whole. Policies that change what a respondent wrote are stated in `ParsedFile.notes`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from kraftsamling.intake import match
from kraftsamling.intake.fields import (
    ALL_FIELDS,
    COUNT_FIELDS,
    NEED_FIELDS,
    RESPONDENT_FIELDS,
    TEMPLATE_SHEETS,
    Field,
)
from kraftsamling.intake.match import Match, Reference
from kraftsamling.intake.model import (
    Need,
    ParsedFile,
    Problem,
    RejectedRow,
    Respondent,
    UnreadableFile,
)

__all__ = ["parse_file", "Reference", "UnreadableFile", "normalise_header", "map_header"]

FIELDS: dict[str, Field] = {f.key: f for f in ALL_FIELDS}
RESPONDENT_KEYS = tuple(f.key for f in RESPONDENT_FIELDS)
NEED_KEYS = tuple(f.key for f in NEED_FIELDS)
REQUIRED_RESPONDENT = tuple(f.key for f in RESPONDENT_FIELDS if f.required)
REQUIRED_NEED = tuple(f.key for f in NEED_FIELDS if f.required)
HEADER_SEARCH_ROWS = 40  # the header row is looked for among the first rows of a sheet
EMPTY_COUNT_NOTE = "Tomma antal har räknats som 0."
INFERRED = ("org_kind",)  # required fields a file may lack: inferred, or 'okänd' (noted)
SUGGESTION_BUDGET = 1000  # distinct unknown occupations per file that get suggestions (slow)

# ------------------------------------------------------------------------------ headers


def normalise_header(text: object) -> str:
    """Lower case, whitespace collapsed, dashes as '-', underscores as spaces, no trailing
    '?', ':' or '*'."""
    s = unicodedata.normalize("NFC", str(text)).replace("\ufeff", "")
    s = s.replace("\u00a0", " ").replace("_", " ").casefold()
    s = re.sub(r"[‐‑‒–—−]", "-", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*-\s*(?=\d)", "-", s)  # "1 - 3 år" -> "1-3 år"
    s = re.sub(r"(?<=\d)\s*-\s*", "-", s)
    return s.rstrip("?:* ").strip()


_EXACT: dict[str, str] = {}
for _f in ALL_FIELDS:
    for _name in (_f.header, *_f.synonyms):
        _EXACT.setdefault(normalise_header(_name), _f.key)

# Containment rules, tried in order on headers that are neither a template header nor a synonym.
_CONTAINS: tuple[tuple[str, str], ...] = (
    (r"\borg\.? ?-?nr\b|organisationsn|\borgnr", "organisationsnummer"),
    (r"\btyp\b|^typ|sektor|huvudman|driftsform", "org_kind"),
    (r"e-?post|e-?mail|mejl|\bmail", "contact_email"),
    (r"telefon|\btel\b|\bmobil", "contact_phone"),
    (r"kontaktperson|uppgiftslämnare|ditt namn", "contact_name"),
    (r"kommun", "kommunkod"),
    (r"bransch|\bsni\b|näringsgren", "sni_section"),
    (r"\blia\b|praktikplats", "lia_places"),
    (r"kompetensutveckl|vidareutbild|fortbild|befintlig personal", "upskilling"),
    (r"svår", "recruitment_difficulty"),
    (r"eftergymnasial|\byh\b", "requires_post_secondary"),
    (r"inom (1|ett) år|\b0-1\b|inom 12 mån|närmaste året|\b1 år\b", "recruits_1y"),
    (r"\b1-3\b", "recruits_1_3y"),
    (r"\b3-5\b", "recruits_3_5y"),
    (r"storlek|anställda|medarbetare", "size_class"),
    (r"yrke|ssyk|befattning|titel", "occupation"),
    (r"organisation|företag|arbetsgivare|verksamhet", "organisation_name"),
)
_GROUP_TRAILING = re.compile(
    r"^(?P<base>.*?[^\s\d(\[#-])\s*(?:\((?P<p>\d{1,2})\)|\[(?P<b>\d{1,2})\]"
    r"|(?:#|nr\.?|no\.?|-|\.|:)?\s*(?P<s>\d{1,2}))$"
)
# A question number before every header ("10. Yrke", "Q3 Kommun", "Fråga 4: Antal inom 1 år"):
# taken off when the headers' numbers are all different (a wide export's "1. Yrke", "1. Antal"
# shares its group's number).
_QUESTION_NUMBER = re.compile(
    r"^\s*(?:(?:fråga|fr\.|q|f)\s*(\d{1,3})\s*[.):]?|(\d{1,3})\s*[.):])\s*(?=[^\d\s])", re.I
)
_GROUP_GLUED = re.compile(r"^(?P<base>.*[a-zåäö])(?P<g>\d{1,2})$")
_GROUP_LEADING = re.compile(r"^(?P<g>\d{1,2})\s*[.):]\s*(?P<base>\D.*)$")


def _map_plain(norm: str) -> tuple[str, bool] | None:
    """(field key, exact?) for a normalised header without a group number."""
    if not norm:
        return None
    if norm in _EXACT:
        return _EXACT[norm], True
    for pattern, key in _CONTAINS:
        if re.search(pattern, norm):
            return key, False
    return None


def map_header(text: object) -> tuple[str, int | None, bool] | None:
    """Map one header as written to (field key, group number or None, exact?).

    A group number ("Yrke 2", "Yrke (2)", "Yrke_2", "2. Yrke") is only split off when the rest
    is a need field, so "Svårighet att rekrytera (1–5)" stays one field."""
    norm = normalise_header(text)
    if not norm:
        return None
    if norm in _EXACT:
        return _EXACT[norm], None, True
    for pattern in (_GROUP_TRAILING, _GROUP_LEADING, _GROUP_GLUED):
        m = pattern.match(norm)
        if not m:
            continue
        groups = m.groupdict()
        number = groups.get("p") or groups.get("b") or groups.get("s") or groups.get("g")
        mapped = _map_plain(normalise_header(m["base"]))
        if mapped and mapped[0] in NEED_KEYS and number is not None:
            return mapped[0], int(number), mapped[1]
    mapped = _map_plain(norm)
    if mapped:
        return mapped[0], None, mapped[1]
    return None


@dataclass
class _Column:
    index: int
    header: str  # as written (made unique when a header repeats)
    key: str | None = None
    group: int | None = None
    exact: bool = True
    same_as: _Column | None = None  # the column that took this column's field first


def _unique_headers(cells: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, cell in enumerate(cells):
        header = match.clean(cell) or f"(kolumn {i + 1})"
        seen[header] += 1
        out.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return out


def _without_question_numbers(cells: list[str]) -> list[str]:
    numbers = [m.group(1) or m.group(2) for c in cells if (m := _QUESTION_NUMBER.match(str(c)))]
    if len(numbers) >= 3 and len(set(numbers)) == len(numbers):
        return [_QUESTION_NUMBER.sub("", str(c), count=1) for c in cells]
    return cells


def _map_row(cells: list[str]) -> list[_Column]:
    """Map a header row. A field is taken by the first exact header, else the first column
    that contains its key words; later columns for the same field are not used."""
    headers = _unique_headers(cells)
    columns = [_Column(i, h) for i, h in enumerate(headers)]
    cells = _without_question_numbers(cells)
    taken: dict[tuple[str, int | None], _Column] = {}
    candidates = []
    for col, cell in zip(columns, cells, strict=True):
        if not match.clean(cell):
            continue
        mapped = map_header(cell)
        if mapped:
            candidates.append((col, mapped))
    for exact_pass in (True, False):
        for col, (key, group, exact) in candidates:
            if exact != exact_pass:
                continue
            if (key, group) in taken:
                col.same_as = taken[(key, group)]
                continue
            taken[(key, group)] = col
            col.key, col.group, col.exact = key, group, exact
    return columns


def _score(columns: list[_Column]) -> int:
    return len({(c.key, c.group) for c in columns if c.key})


# ------------------------------------------------------------------------------ reading files


@dataclass
class _Sheet:
    name: str | None  # None for CSV
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it, cell texts)
    hidden: set[int] = field(default_factory=set)  # rows hidden in the workbook
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column index)
    # -> a formula whose value the file does not hold
    broken: dict[int, str] = field(default_factory=dict)  # row -> why the row cannot be read


def _cell_text(value: object) -> str:
    """A cell as text, the way Excel shows it (2480.0 → '2480')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


_MAGIC = (
    (b"\x89PNG", "en PNG-bild"),
    (b"\xff\xd8\xff", "en JPEG-bild"),
    (b"GIF8", "en GIF-bild"),
    (b"%PDF", "en PDF-fil"),
    (b"\xd0\xcf\x11\xe0", "en fil i det gamla Excel- eller Word-formatet (.xls/.doc)"),
    (b"\x1f\x8b", "en komprimerad fil (gzip)"),
    (b"Rar!", "en komprimerad fil (rar)"),
    (b"7z\xbc\xaf", "en komprimerad fil (7z)"),
)
_SEPARATOR_NAMES = {",": "kommatecken", ";": "semikolon", "\t": "tabb", "|": "lodstreck"}


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is NUL (text in UTF-16
    written without a byte-order mark), else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode(file_name: str, data: bytes, notes: list[str] | None = None) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    without_bom = _utf16_without_bom(data)
    if without_bom is not None:
        try:
            return data.decode(without_bom), "UTF-16 (utan byte order mark)"
        except UnicodeDecodeError:
            pass
    nuls = data.count(b"\x00")
    if nuls and nuls <= max(8, len(data) // 1000):  # a stray NUL byte or a few: removed
        data = data.replace(b"\x00", b"")
        if notes is not None:
            notes.append(f"Filen innehöll {nuls} NUL-tecken (byte 0) som togs bort.")
    if b"\x00" in data[:65536]:
        raise UnreadableFile(
            f"Filen '{file_name}' är ingen textfil (CSV) och ingen Excel-fil (.xlsx). "
            "Spara enkätsvaren som .xlsx eller .csv och försök igen."
        )
    try:
        text, encoding = data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\r\n\f")
    if sample and controls / len(sample) > 0.02:
        raise UnreadableFile(
            f"Filen '{file_name}' är ingen textfil (CSV) och ingen Excel-fil (.xlsx). "
            "Spara enkätsvaren som .xlsx eller .csv och försök igen."
        )
    return text, encoding


csv.field_size_limit(64 * 1024 * 1024)  # long free-text answers (the default is 128 KiB)


def _records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    for record in reader:
        out.append(record)
        if limit is not None and len(out) >= limit:
            break
    return out


def _delimiter(text: str) -> str:
    """The separator (comma, semicolon or tab) that splits the first records most
    consistently into the most columns."""
    best, best_score = ",", -1
    for delimiter in (";", ",", "\t"):
        try:
            sample = _records(text, delimiter, limit=50)
        except csv.Error:
            continue
        lengths = Counter(len(r) for r in sample if any(c.strip() for c in r))
        if not lengths:
            continue
        width, frequency = max(lengths.items(), key=lambda item: (item[1] * (item[0] - 1), item))
        score = frequency * (width - 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(file_name: str, data: bytes, notes: list[str]) -> _Sheet:
    text, encoding = _decode(file_name, data, notes)
    if not text.strip():
        raise UnreadableFile(f"Filen '{file_name}' är tom.")
    hint = re.match(r"sep=([,;\t|])\r?\n", text)  # Excel's "sep=;" first line
    delimiter = hint.group(1) if hint else _delimiter(text)
    try:
        records = _records(text, delimiter)
    except csv.Error as error:
        raise UnreadableFile(
            f"Filen '{file_name}' kunde inte läsas som CSV ({error}). "
            "Spara enkätsvaren som .xlsx eller .csv och försök igen."
        ) from None
    notes.append(
        f"Filen lästes som CSV med teckenkodning {encoding} och "
        f"{_SEPARATOR_NAMES[delimiter]} som avgränsare."
    )
    records, broken = _without_stray_quotes(text, delimiter, records)
    sheet = _Sheet(None, [(i, record) for i, record in enumerate(records, start=1)])
    sheet.broken = {i + 1: reason for i, reason in broken.items()}
    return sheet


def _glued(record: list[str], delimiter: str, width: int) -> bool:
    """A field that swallowed whole lines: after a line break it holds a row's separators."""
    need = max(2, (width - 1) // 2)
    return any("\n" in f and f.split("\n", 1)[1].count(delimiter) >= need for f in record)


def _without_stray_quotes(text: str, delimiter: str, records: list[list[str]]):
    """Records again, with a stray quote (one that opens a quoted field and never closes where it
    should) no longer gluing the following lines into one cell: the line with the quote becomes
    a record of its own that is rejected with a reason naming the row, and the lines it
    swallowed are read as the rows they are. Returns (records, {record index: reason})."""
    lengths = Counter(len(r) for r in records[:50] if any(c.strip() for c in r))
    width = max(lengths, key=lambda n: (lengths[n], n)) if lengths else 0
    if width < 3 or not any(_glued(r, delimiter, width) for r in records):
        return records, {}
    lines = io.StringIO(text, newline="").readlines()
    out: list[list[str]] = []
    broken: dict[int, str] = {}
    position = 0
    while position < len(lines):
        reader = csv.reader(iter(lines[position:]), delimiter=delimiter)
        try:
            record = next(reader)
        except StopIteration:
            break
        used = max(reader.line_num, 1)
        if used > 1 and _glued(record, delimiter, width):
            line = lines[position].rstrip("\r\n")
            cells = line.split(delimiter)
            broken[len(out)] = (
                'Ett citattecken (") öppnar en cell som aldrig stängs, så '
                "raderna efter hamnade i samma cell. Ta bort citattecknet eller skriv det dubbelt "
                '("") och importera raden igen.'
            )
            out.append(cells)
            position += 1
            continue
        out.append(record)
        position += used
    return out, broken


class _Workbook:
    """The sheets of an .xlsx file, read as text on demand: the values Excel saved, and where a
    formula has no saved value, and which rows are hidden."""

    def __init__(self, file_name: str, data: bytes):
        import openpyxl  # imported here: CSV imports do not need it

        self.file_name = file_name
        self.data = data
        try:
            self.book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - any failure means "not a readable workbook"
            raise UnreadableFile(
                f"Filen '{file_name}' kunde inte läsas som Excel-fil ({type(error).__name__}). "
                "Spara den som .xlsx eller .csv och försök igen."
            ) from None
        self.names = list(self.book.sheetnames)
        self.states = {ws.title: getattr(ws, "sheet_state", "visible") for ws in self.book}
        self._formulas_book = None
        try:
            import zipfile

            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.has_formulas = any(
                    b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                    for n in archive.namelist()
                    if n.startswith("xl/worksheets/") and n.endswith(".xml")
                )
        except Exception:  # noqa: BLE001 - then look for formulas sheet by sheet
            self.has_formulas = True

    def visible(self, name: str) -> bool:
        return self.states.get(name, "visible") == "visible"

    def _formula_rows(self, name: str, max_rows: int | None):
        import openpyxl

        if self._formulas_book is None:
            self._formulas_book = openpyxl.load_workbook(
                io.BytesIO(self.data), read_only=True, data_only=False
            )
        return self._formulas_book[name].iter_rows(max_row=max_rows, values_only=True)

    def _hidden_rows(self, name: str) -> set[int]:
        import zipfile

        path = getattr(self.book[name], "_worksheet_path", None)
        if not path:
            return set()
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                xml = archive.read(path.lstrip("/"))
        except (KeyError, zipfile.BadZipFile):
            return set()
        hidden = set()
        for tag in re.finditer(rb"<(?:\w+:)?row\b[^>]*>", xml):
            text = tag.group(0)
            number = re.search(rb'\br="(\d+)"', text)
            if number and re.search(rb'\bhidden="(?:1|true)"', text):
                hidden.add(int(number.group(1)))
        return hidden

    def read(self, name: str, max_rows: int | None = None) -> _Sheet:
        try:
            sheet = self.book[name]
            rows = []
            missing_values: list[tuple[int, int]] = []
            for number, values in enumerate(
                sheet.iter_rows(min_row=1, max_row=max_rows, values_only=True), start=1
            ):
                rows.append((number, [_cell_text(v) for v in values]))
                missing_values.extend((number, i) for i, v in enumerate(values) if v is None)
            formulas: dict[tuple[int, int], str] = {}
            if missing_values and self.has_formulas:
                wanted = set(missing_values)
                for number, values in enumerate(self._formula_rows(name, max_rows), start=1):
                    for i, v in enumerate(values):
                        if isinstance(v, str) and v.startswith("=") and (number, i) in wanted:
                            formulas[(number, i)] = v
            hidden = self._hidden_rows(name) if max_rows is None else set()
            return _Sheet(name, rows, hidden, formulas)
        except Exception as error:  # noqa: BLE001
            raise UnreadableFile(
                f"Filen '{self.file_name}': bladet '{name}' kunde inte läsas "
                f"({type(error).__name__}). Spara filen som .xlsx eller .csv och försök igen."
            ) from None

    def close(self) -> None:
        for book in (self.book, self._formulas_book):
            with contextlib.suppress(Exception):  # closing a read-only workbook cannot matter
                if book is not None:
                    book.close()


# ------------------------------------------------------------------------------ layouts


def _missing_message(file_name: str, missing: list[str], found: list[str], where: str = "") -> str:
    found_text = ", ".join(f"'{h}'" for h in found[:15]) or "inga"
    if len(found) > 15:
        found_text += ", …"
    return (
        f"Filen '{file_name}'{where} saknar kolumner som behövs: {', '.join(missing)}. "
        f"Kolumner som hittades: {found_text}. Använd mallens rubriker eller liknande "
        "(t.ex. 'Kommun', 'Yrke', 'Antal inom 1 år')."
    )


def _header_row(sheet: _Sheet) -> tuple[int, list[_Column]] | None:
    """The position (in sheet.rows) and mapping of the header row: among the first rows,
    the one where the most cells map to fields."""
    best: tuple[int, list[_Column]] | None = None
    best_score = 0
    for position, (_number, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if not any(c.strip() for c in cells):
            continue
        columns = _map_row(cells)
        score = _score(columns)
        if score > best_score:
            best, best_score = (position, columns), score
    two = _two_row_header(sheet, best[0] if best else None, best_score)
    return two or best


def _combined(top: list[str], bottom: list[str]) -> list[str]:
    """Two header rows as one: a merged cell's text (written in its first cell) carried over the
    empty cells after it, then the lower row's text ('Antal att rekrytera' + 'inom 1 år')."""
    width = max(len(top), len(bottom))
    top = [*top, *[""] * (width - len(top))]
    bottom = [*bottom, *[""] * (width - len(bottom))]
    out, carried = [], ""
    for above, below in zip(top, bottom, strict=True):
        if above.strip():
            carried = above.strip()
        elif not below.strip():
            carried = ""
        text = f"{carried if not above.strip() else above.strip()} {below.strip()}".strip()
        out.append(text if below.strip() else above.strip())
    return out


def _two_row_header(sheet: _Sheet, single_at: int | None, single_score: int):
    """A header written over two rows (merged group titles above, the fields below), when the
    two rows read together map more fields than any one row: the lower row's position and the
    combined mapping. The rows are then read from the row after the lower one."""
    best = None
    best_score = single_score
    if single_score >= len(REQUIRED_RESPONDENT) + len(REQUIRED_NEED) + 2:
        return None  # one row already names the fields
    for position in range(min(len(sheet.rows), HEADER_SEARCH_ROWS) - 1):
        top, bottom = sheet.rows[position][1], sheet.rows[position + 1][1]
        if not any(c.strip() for c in top) or not any(c.strip() for c in bottom):
            continue
        combined = _combined(top, bottom)
        columns = _map_row(combined)
        score = _score(columns)
        if score >= best_score + 2:
            best, best_score = (position + 1, columns), score
    if best is not None:
        position, columns = best
        number = sheet.rows[position][0]
        sheet.rows[position] = (number, [c.header for c in columns])
    return best


@dataclass
class _Layout:
    kind: str  # 'lång' or 'bred'
    respondent: dict[str, _Column]  # key -> column
    groups: dict[int, dict[str, _Column]]  # group number -> need key -> column (lång: {0: ...})
    unused: list[_Column]


def _layout(file_name: str, columns: list[_Column], where: str = "") -> _Layout:
    respondent: dict[str, _Column] = {}
    plain: dict[str, _Column] = {}
    numbered: dict[int, dict[str, _Column]] = {}
    unused: list[_Column] = []
    for col in columns:
        if col.key is None:
            unused.append(col)
        elif col.key in RESPONDENT_KEYS and col.group is None:
            respondent[col.key] = col
        elif col.group is None:
            plain[col.key] = col
        else:
            numbered.setdefault(col.group, {})[col.key] = col
    groups_with_occupation = {g: cols for g, cols in numbered.items() if "occupation" in cols}
    if groups_with_occupation:
        kind = "bred"
        # An unnumbered first group ("Yrke", "Yrke 2", ...) counts as group 1 when free.
        if "occupation" in plain and 1 not in groups_with_occupation:
            groups_with_occupation[1] = plain
            plain = {}
        groups = dict(sorted(groups_with_occupation.items()))
        for number, cols in numbered.items():
            if number not in groups:
                unused.extend(cols.values())
        unused.extend(plain.values())
    else:
        kind = "lång"
        groups = {0: plain}
        for cols in numbered.values():
            unused.extend(cols.values())
    missing = [
        FIELDS[k].header for k in REQUIRED_RESPONDENT if k not in respondent and k not in INFERRED
    ]
    if kind == "lång":
        missing += [FIELDS[k].header for k in REQUIRED_NEED if k not in plain]
    else:
        for number, cols in groups.items():
            missing += [
                f"{FIELDS[k].header} (yrke {number})" for k in REQUIRED_NEED if k not in cols
            ]
    if missing:
        found = [c.header for c in columns if not c.header.startswith("(kolumn ")]
        raise UnreadableFile(_missing_message(file_name, missing, found, where))
    unused.sort(key=lambda c: c.index)
    return _Layout(kind, respondent, groups, unused)


def _column_notes(layout_columns: list[_Column], unused: list[_Column], notes: list[str]) -> None:
    for col in layout_columns:
        if col.key and not col.exact and col not in unused:
            field_header = FIELDS[col.key].header
            notes.append(f"Kolumnen '{col.header}' tolkades som '{field_header}'.")
    for col in unused:
        if col.header.startswith("(kolumn "):
            continue
        if col.same_as is not None:
            notes.append(
                f"Kolumnen '{col.header}' användes inte: kolumnen '{col.same_as.header}' "
                f"används redan för '{FIELDS[col.same_as.key].header}'."
            )
        elif col.key:
            notes.append(
                f"Kolumnen '{col.header}' användes inte (den hör inte till någon yrkesgrupp "
                f"med ett yrke, eller '{FIELDS[col.key].header}' finns redan)."
            )
        else:
            notes.append(f"Kolumnen '{col.header}' användes inte.")


# ------------------------------------------------------------------------------ rows


@dataclass
class _RespondentState:
    respondent: Respondent
    needs_by_ssyk: dict[str, int] = field(default_factory=dict)  # ssyk4 -> source row
    need_objects: dict[str, Need] = field(default_factory=dict)  # ssyk4 -> the need
    values: dict[str, object] = field(default_factory=dict)
    differing: set[str] = field(default_factory=set)


class _Parser:
    def __init__(
        self, file_name: str, reference: Reference, notes: list[str], include_hidden: bool = False
    ):
        self.file_name = file_name
        self.include_hidden = include_hidden
        self.reference = reference
        self.notes = notes
        self.respondents: dict[tuple, _RespondentState] = {}
        self.rejected: list[RejectedRow] = []
        self._cell_cache: dict[tuple[str, str], Match] = {}
        self._respondent_cache: dict[tuple, tuple[dict, list]] = {}
        self.empty_counts_used = False
        self.kinds_inferred: Counter[str] = Counter()  # how org_kind was inferred -> respondents
        self.fuzzy_lookups = 0  # distinct occupations that needed fuzzy matching
        self.budget_noted = False

    # -------------------------------------------------------------------------- cells

    def cell(self, key: str, text: str) -> Match:
        cache_key = (key, text)
        found = self._cell_cache.get(cache_key)
        if found is None:
            found = self._match(key, text)
            self._cell_cache[cache_key] = found
        return found

    def _match(self, key: str, text: str) -> Match:
        label = FIELDS[key].header
        if key == "kommunkod":
            return self.reference.municipality(text)
        if key == "occupation":
            if self.reference.is_known_occupation(text):
                return self.reference.occupation(text)
            self.fuzzy_lookups += 1
            suggest = self.fuzzy_lookups <= SUGGESTION_BUDGET
            if not suggest and not self.budget_noted:
                self.budget_noted = True
                self.notes.append(
                    f"Filen har mer än {SUGGESTION_BUDGET} olika yrken som inte känns igen; "
                    "förslag ges bara för de första."
                )
            return self.reference.occupation(text, suggest=suggest)
        if key == "organisation_name":
            return match.organisation_name(text)
        if key == "organisationsnummer":
            return match.organisationsnummer(text)
        if key == "org_kind":
            return match.org_kind(text, label)
        if key == "sni_section":
            return match.sni_section(text, label)
        if key == "size_class":
            return match.size_class(text, label)
        if key in COUNT_FIELDS:
            return match.count(text, label)
        if key == "recruitment_difficulty":
            return match.difficulty(text, label)
        if key == "requires_post_secondary":
            return match.yes_no(text, label)
        return match.optional_text(text)

    # -------------------------------------------------------------------------- respondent

    def respondent_fields(
        self, cols: dict[str, _Column], cells: list[str]
    ) -> tuple[dict[str, object], list[tuple[_Column, str, str]]]:
        """Validated respondent fields, and problems as (column, value, reason). The same cells
        give the same (cached) dict, so repeated organisations cost one lookup."""
        texts = tuple(_text(cells, col) for col in cols.values())
        cached = self._respondent_cache.get(texts)
        if cached is not None:
            return cached
        values: dict[str, object] = dict.fromkeys(RESPONDENT_KEYS)
        problems: list[tuple[_Column, str, str]] = []
        for (key, col), text in zip(cols.items(), texts, strict=True):
            if key in INFERRED and not match.clean(text):
                continue  # empty: inferred below
            result = self.cell(key, text)
            if result.ok:
                values[key] = result.value
            else:
                problems.append((col, text, result.error))
        if not problems and not values.get("org_kind"):
            kind, how = match.infer_org_kind(
                values["organisation_name"], values["organisationsnummer"]
            )
            values["org_kind"] = kind
            values["_kind_inferred"] = how
            self.kinds_inferred[how] += 1
        if not problems:
            name = match.clean(values["organisation_name"]).casefold()
            values["_key"] = (name, values["kommunkod"], values["organisationsnummer"])
        self._respondent_cache[texts] = (values, problems)
        return values, problems

    def need_fields(
        self, cols: dict[str, _Column], cells: list[str]
    ) -> tuple[dict[str, object], list[tuple[_Column, str, str]], bool]:
        values: dict[str, object] = {k: (0 if k in COUNT_FIELDS else None) for k in NEED_KEYS}
        problems: list[tuple[_Column, str, str]] = []
        empty_count = False
        for key, col in cols.items():
            text = _text(cells, col)
            result = self.cell(key, text)
            if result.ok:
                values[key] = result.value
                if key == "occupation":
                    values["occupation_match"] = result.how
                    values["occupation_as_given"] = match.clean(text)
                elif result.how == "tom" and key in COUNT_FIELDS:
                    empty_count = True
            else:
                problems.append((col, text, result.error))
        return values, problems, empty_count

    # -------------------------------------------------------------------------- accepting

    def existing(self, values: dict[str, object]) -> _RespondentState | None:
        return self.respondents.get(values["_key"])

    def state_for(self, values: dict[str, object], row: int) -> _RespondentState:
        key = values["_key"]
        state = self.respondents.get(key)
        if state is None:
            respondent = Respondent(
                organisation_name=values["organisation_name"],
                organisationsnummer=values["organisationsnummer"],
                org_kind=values["org_kind"],
                kommunkod=values["kommunkod"],
                sni_section=values["sni_section"],
                size_class=values["size_class"],
                contact_name=values["contact_name"],
                contact_email=values["contact_email"],
                contact_phone=values["contact_phone"],
                source_row=row,
            )
            state = _RespondentState(respondent, values=values)
            self.respondents[key] = state
        elif values is not state.values:
            for k in RESPONDENT_KEYS:
                v = values[k]
                if v is not None and v != state.values[k]:
                    state.differing.add(k)
        return state

    @staticmethod
    def make_need(values: dict[str, object], row: int) -> Need:
        return Need(
            ssyk4=values["occupation"],
            occupation_as_given=values["occupation_as_given"],
            occupation_match=values["occupation_match"],
            recruits_1y=values["recruits_1y"],
            recruits_1_3y=values["recruits_1_3y"],
            recruits_3_5y=values["recruits_3_5y"],
            requires_post_secondary=values["requires_post_secondary"],
            recruitment_difficulty=values["recruitment_difficulty"],
            lia_places=values["lia_places"],
            upskilling=values["upskilling"],
            source_row=row,
        )

    def reject(
        self,
        sheet: str | None,
        row: int,
        values: dict[str, str],
        problems: list[tuple[_Column | str | None, str | None, str]],
        problem_sheet: dict[int, tuple[str | None, int]] | None = None,
    ) -> None:
        out = []
        for i, (column, value, reason) in enumerate(problems):
            header = column.header if isinstance(column, _Column) else column
            key = column.key if isinstance(column, _Column) else None
            found = self._cell_cache.get((key, value)) if key else None
            p_sheet, p_row = (problem_sheet or {}).get(i, (sheet, row))
            out.append(
                Problem(
                    self.file_name,
                    p_sheet,
                    p_row,
                    header,
                    value,
                    reason,
                    key,
                    found.suggestions if found is not None and not found.ok else (),
                    bool(found is not None and not found.ok and found.answerable),
                )
            )
        self.rejected.append(RejectedRow(sheet, row, values, out))

    def finish(self) -> list[Respondent]:
        if self.empty_counts_used:
            self.notes.append(EMPTY_COUNT_NOTE)
        if self.kinds_inferred:
            inferred = Counter()
            for state in self.respondents.values():
                if state.values.get("_kind_inferred"):
                    inferred[state.values["_kind_inferred"]] += 1
            parts = [f"{n} ur {how}" for how, n in sorted(inferred.items()) if how != "okänd"]
            unknown = inferred.get("okänd", 0)
            text = "Typ av organisation saknas"
            text += f"; den härleddes för {', '.join(parts)}" if parts else ""
            if unknown:
                text += f"; för {unknown} organisationer är den okänd (sparas som 'okänd')"
            self.notes.append(text + ".")
        for state in self.respondents.values():
            if state.differing:
                names = ", ".join(
                    f"'{FIELDS[k].header}'" for k in RESPONDENT_KEYS if k in state.differing
                )
                r = state.respondent
                self.notes.append(
                    f"'{r.organisation_name}' har olika uppgifter för {names} på olika rader; "
                    f"uppgifterna från rad {r.source_row} används."
                )
        return [s.respondent for s in self.respondents.values()]


def _row_values(headers: list[_Column], cells: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, text in enumerate(cells):
        if i < len(headers):
            header = headers[i].header
            if header.startswith("(kolumn ") and not text.strip():
                continue
            values[header] = text
        elif text.strip():
            values[f"(kolumn {i + 1})"] = text
    return values


def _text(cells: list[str], col: _Column) -> str:
    return cells[col.index] if col.index < len(cells) else ""


def _blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _duplicate_reason(ssyk4: str, first_row: int) -> str:
    return (
        f"Samma yrke ({ssyk4}) finns redan på rad {first_row} för samma organisation; "
        "slå ihop raderna."
    )


MERGED_COUNTS = COUNT_FIELDS


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _sheet_problems(sheet: _Sheet, number: int, columns) -> list[tuple]:
    """Problems of a row that come from the file rather than a value: a formula without a
    saved value in a column we read (never read as 0), a row the CSV reader could not separate."""
    out = []
    if number in sheet.broken:
        out.append((None, None, sheet.broken[number]))
    for col in columns:
        formula = sheet.formulas.get((number, col.index))
        if formula is not None:
            out.append(
                (
                    col,
                    formula,
                    f"Cellen {_column_letter(col.index)}{number} innehåller en "
                    f"formel ({formula[:60]}) "
                    "utan sparat värde. Öppna filen i Excel, låt den räkna om och spara den, eller "
                    "skriv in värdet.",
                )
            )
    return out


def _rows_to_read(parser, sheet: _Sheet, start: int):
    """The data rows, without the hidden ones unless asked (they are noted)."""
    hidden = []
    for number, cells in sheet.rows[start:]:
        if _blank(cells):
            continue
        if number in sheet.hidden and not parser.include_hidden:
            hidden.append(number)
            continue
        yield number, cells
    if hidden:
        shown = ", ".join(str(n) for n in hidden[:10]) + (", …" if len(hidden) > 10 else "")
        where = f" på bladet '{sheet.name}'" if sheet.name else ""
        parser.notes.append(
            f"{len(hidden)} dolda rader{where} importerades inte (rad {shown}). Visa raderna i "
            "Excel, eller importera med dolda rader medräknade."
        )


def _same_text(a: object, b: object) -> bool:
    return match.fold(str(a)) == match.fold(str(b))


def _merge_values(into: dict[str, object], other: dict[str, object]) -> None:
    """Two titles of one organisation that are one SSYK-4: one need, counts added, the harder
    difficulty, 'ja' if either says so; both titles kept as given."""
    for k in MERGED_COUNTS:
        into[k] = int(into.get(k) or 0) + int(other.get(k) or 0)
    difficulties = [
        v
        for v in (into.get("recruitment_difficulty"), other.get("recruitment_difficulty"))
        if v is not None
    ]
    into["recruitment_difficulty"] = max(difficulties) if difficulties else None
    flags = [
        v
        for v in (into.get("requires_post_secondary"), other.get("requires_post_secondary"))
        if v is not None
    ]
    into["requires_post_secondary"] = any(flags) if flags else None
    into["occupation_as_given"] = f"{into['occupation_as_given']} + {other['occupation_as_given']}"


def _merge_into_need(need: Need, other: dict[str, object]) -> None:
    keys = (
        *MERGED_COUNTS,
        "recruitment_difficulty",
        "requires_post_secondary",
        "occupation_as_given",
    )
    values = {k: getattr(need, k) for k in keys}
    _merge_values(values, other)
    for k, v in values.items():
        setattr(need, k, v)


def _merge_note(name: str, first: str, first_row: int, other: str, row: int, ssyk4: str) -> str:
    return (
        f"'{name}': '{first}' (rad {first_row}) och '{other}' (rad {row}) är samma yrke "
        f"({ssyk4}) och räknas som ett behov med antalen adderade."
    )


def _add_or_merge(parser, state, values: dict[str, object], number: int) -> str | None:
    """Add a need to an organisation, or merge it into the need with the same SSYK-4 written
    differently. Returns the reason when it is the same title again (a duplicate row)."""
    ssyk4 = values["occupation"]
    existing = state.need_objects.get(ssyk4)
    if existing is None:
        state.needs_by_ssyk[ssyk4] = number
        need = parser.make_need(values, number)
        state.need_objects[ssyk4] = need
        state.respondent.needs.append(need)
        return None
    first_text = existing.occupation_as_given.split(" + ")
    if any(_same_text(t, values["occupation_as_given"]) for t in first_text):
        return _duplicate_reason(ssyk4, state.needs_by_ssyk[ssyk4])
    parser.notes.append(
        _merge_note(
            state.respondent.organisation_name,
            existing.occupation_as_given,
            state.needs_by_ssyk[ssyk4],
            values["occupation_as_given"],
            number,
            ssyk4,
        )
    )
    _merge_into_need(existing, values)
    return None


def _parse_long(parser: _Parser, sheet: _Sheet, start: int, layout: _Layout, headers) -> None:
    need_cols = layout.groups[0]
    used = [*layout.respondent.values(), *need_cols.values()]
    for number, cells in _rows_to_read(parser, sheet, start):
        resp_values, problems = parser.respondent_fields(layout.respondent, cells)
        need_values, need_problems, empty_count = parser.need_fields(need_cols, cells)
        problems = problems + need_problems + _sheet_problems(sheet, number, used)
        if not problems:
            existing = parser.existing(resp_values)
            ssyk4 = need_values["occupation"]
            if existing is not None and ssyk4 in existing.need_objects:
                first = existing.need_objects[ssyk4].occupation_as_given.split(" + ")
                if any(_same_text(t, need_values["occupation_as_given"]) for t in first):
                    col = need_cols["occupation"]
                    reason = _duplicate_reason(ssyk4, existing.needs_by_ssyk[ssyk4])
                    problems.append((col, _text(cells, col), reason))
        if problems:
            parser.reject(sheet.name, number, _row_values(headers, cells), problems)
            continue
        state = parser.state_for(resp_values, number)
        _add_or_merge(parser, state, need_values, number)
        parser.empty_counts_used |= empty_count


def _is_zero_or_empty(text: str) -> bool:
    return re.fullmatch(r"\s*(0+([.,]0+)?)?\s*", text) is not None


def _parse_wide(parser: _Parser, sheet: _Sheet, start: int, layout: _Layout, headers) -> None:
    used = [*layout.respondent.values(), *(c for g in layout.groups.values() for c in g.values())]
    for number, cells in _rows_to_read(parser, sheet, start):
        resp_values, problems = parser.respondent_fields(layout.respondent, cells)
        problems = list(problems) + _sheet_problems(sheet, number, used)
        needs: list[tuple[dict[str, object], bool]] = []
        in_row: dict[str, tuple[int, dict]] = {}  # ssyk4 -> (group number, values)
        merged_notes: list[tuple[str, str, str]] = []
        existing = None if problems else parser.existing(resp_values)
        for group, cols in layout.groups.items():
            occupation_col = cols["occupation"]
            occupation_text = _text(cells, occupation_col)
            if not occupation_text.strip():
                filled = [
                    c.header
                    for k, c in cols.items()
                    if k != "occupation" and not _is_zero_or_empty(_text(cells, c))
                ]
                if filled:
                    shown = ", ".join(f"'{h}'" for h in filled)
                    problems.append(
                        (
                            occupation_col,
                            occupation_text,
                            f"Yrke saknas i yrkesgrupp {group}, men {shown} är ifyllt. "
                            "Ange yrket eller töm gruppens celler.",
                        )
                    )
                continue
            values, need_problems, empty_count = parser.need_fields(cols, cells)
            problems.extend(need_problems)
            if need_problems:
                continue
            ssyk4 = values["occupation"]
            if ssyk4 in in_row:
                group_before, earlier = in_row[ssyk4]
                if any(
                    _same_text(t, values["occupation_as_given"])
                    for t in str(earlier["occupation_as_given"]).split(" + ")
                ):
                    problems.append(
                        (
                            occupation_col,
                            occupation_text,
                            f"Samma yrke ({ssyk4}) finns redan i yrkesgrupp {group_before} på "
                            "samma rad; slå ihop grupperna.",
                        )
                    )
                    continue
                merged_notes.append(
                    (earlier["occupation_as_given"], values["occupation_as_given"], ssyk4)
                )
                _merge_values(earlier, values)
                continue
            if existing is not None and ssyk4 in existing.need_objects:
                first = existing.need_objects[ssyk4].occupation_as_given.split(" + ")
                if any(_same_text(t, values["occupation_as_given"]) for t in first):
                    problems.append(
                        (
                            occupation_col,
                            occupation_text,
                            _duplicate_reason(ssyk4, existing.needs_by_ssyk[ssyk4]),
                        )
                    )
                    continue
            in_row[ssyk4] = (group, values)
            needs.append((values, empty_count))
        if problems:
            parser.reject(sheet.name, number, _row_values(headers, cells), problems)
            continue
        state = parser.state_for(resp_values, number)
        for first, other, ssyk4 in merged_notes:
            parser.notes.append(
                _merge_note(resp_values["organisation_name"], first, number, other, number, ssyk4)
            )
        for values, empty_count in needs:
            _add_or_merge(parser, state, values, number)
            parser.empty_counts_used |= empty_count
        if not needs:
            parser.notes.append(
                f"Rad {number} ('{resp_values['organisation_name']}') har inga yrken ifyllda; "
                "organisationen räknas som svarande utan rekryteringsbehov."
            )


# ------------------------------------------------------------------------------ entry points


def _first_row_headers(sheet: _Sheet, columns: list[_Column]) -> list[str]:
    if not columns:
        first = next((cells for _n, cells in sheet.rows if not _blank(cells)), [])
        columns = [_Column(i, h) for i, h in enumerate(_unique_headers(first))]
    return [c.header for c in columns if not c.header.startswith("(kolumn ")]


def _parse_table(
    file_name: str, sheet: _Sheet, parser: _Parser, notes: list[str], header_at: int | None = None
) -> str:
    found = _header_row(sheet) if header_at is None else (header_at, _map_row(sheet.rows[0][1]))
    where = f", blad '{sheet.name}'," if sheet.name else ""
    if found is None:
        headers = _first_row_headers(sheet, [])
        missing = [FIELDS[k].header for k in (*REQUIRED_RESPONDENT, *REQUIRED_NEED)]
        raise UnreadableFile(_missing_message(file_name, missing, headers, where.rstrip(",")))
    position, columns = found
    layout = _layout(file_name, columns, where.rstrip(","))
    header_number = sheet.rows[position][0]
    if header_number != 1:
        notes.append(f"Rubrikraden är rad {header_number}.")
    if layout.kind == "bred":
        notes.append(
            f"Filen har en rad per organisation med {len(layout.groups)} grupper av "
            "yrkeskolumner (bred export)."
        )
    _column_notes(columns, layout.unused, notes)
    _stray_values_note(sheet, position, columns, notes)
    _absent_counts_note(next(iter(layout.groups.values())), notes)
    if all(_blank(cells) for _n, cells in sheet.rows[position + 1 :]):
        notes.append("Filen har rubriker men inga ifyllda rader.")
    if layout.kind == "bred":
        _parse_wide(parser, sheet, position + 1, layout, columns)
    else:
        _parse_long(parser, sheet, position + 1, layout, columns)
    return layout.kind


def _absent_counts_note(need_cols: dict[str, _Column], notes: list[str]) -> None:
    absent = [FIELDS[k].header for k in COUNT_FIELDS if k not in need_cols]
    if absent:
        shown = ", ".join(f"'{h}'" for h in absent)
        notes.append(f"Filen saknar kolumn för {shown}; värdet har satts till 0.")


def _stray_values_note(
    sheet: _Sheet, position: int, columns: list[_Column], notes: list[str]
) -> None:
    """Values in columns without a header cannot be used: say so (they stay in rejected rows)."""
    headerless = [c.index for c in columns if c.header.startswith("(kolumn ")]
    width = len(columns)
    rows = [
        number
        for number, cells in sheet.rows[position + 1 :]
        if (len(cells) > width and any(c.strip() for c in cells[width:]))
        or any(i < len(cells) and cells[i].strip() for i in headerless)
    ]
    if rows:
        shown = ", ".join(str(n) for n in rows[:5]) + (", …" if len(rows) > 5 else "")
        notes.append(f"Värden i kolumner utan rubrik användes inte (rad {shown}).")


def _parse_template(file_name: str, book: _Workbook, parser: _Parser, notes: list[str]) -> None:
    org_name, need_name = TEMPLATE_SHEETS["respondent"], TEMPLATE_SHEETS["need"]
    org_sheet = book.read(org_name)
    found = _header_row(org_sheet)
    respondent_cols: dict[str, _Column] = {}
    org_columns: list[_Column] = []
    position = 0
    if found is not None:
        position, org_columns = found
        respondent_cols = {
            c.key: c for c in org_columns if c.key in RESPONDENT_KEYS and c.group is None
        }
    missing = [
        FIELDS[k].header
        for k in REQUIRED_RESPONDENT
        if k not in respondent_cols and k not in INFERRED
    ]
    if missing:
        found_headers = _first_row_headers(org_sheet, org_columns)
        raise UnreadableFile(
            _missing_message(file_name, missing, found_headers, f", blad '{org_name}',")
        )
    data_rows = [(n, cells) for n, cells in org_sheet.rows[position + 1 :] if not _blank(cells)]
    if not data_rows:
        header_number = org_sheet.rows[position][0]
        raise UnreadableFile(
            f"Filen '{file_name}': ingen organisation ifylld på bladet '{org_name}' "
            f"(rad {header_number + 1} är tom). Fyll i organisationens uppgifter och försök igen."
        )
    org_number, org_cells = data_rows[0]
    for extra_number, extra_cells in data_rows[1:]:
        parser.reject(
            org_name,
            extra_number,
            _row_values(org_columns, extra_cells),
            [
                (
                    None,
                    None,
                    f"Mallen har plats för en organisation (rad {org_number}); raden används "
                    "inte. Skicka en mall per organisation.",
                )
            ],
        )
    org_values_text = _row_values(org_columns, org_cells)
    resp_values, resp_problems = parser.respondent_fields(respondent_cols, org_cells)
    unused_org = [c for c in org_columns if respondent_cols.get(c.key) is not c]

    need_sheet = book.read(need_name)
    found = _header_row(need_sheet)
    need_columns: list[_Column] = []
    need_position = 0
    need_cols: dict[str, _Column] = {}
    if found is not None:
        need_position, need_columns = found
        need_cols = {c.key: c for c in need_columns if c.key in NEED_KEYS and c.group is None}
    missing = [FIELDS[k].header for k in REQUIRED_NEED if k not in need_cols]
    if missing:
        found_headers = _first_row_headers(need_sheet, need_columns)
        raise UnreadableFile(
            _missing_message(file_name, missing, found_headers, f", blad '{need_name}',")
        )
    unused_need = [c for c in need_columns if need_cols.get(c.key) is not c]
    _column_notes(org_columns, unused_org, notes)
    _column_notes(need_columns, unused_need, notes)
    _absent_counts_note(need_cols, notes)

    need_rows = [
        (n, cells) for n, cells in need_sheet.rows[need_position + 1 :] if not _blank(cells)
    ]
    # Problems with the organisation belong to its own sheet and row.
    org_problem_refs = [(col, value, reason) for col, value, reason in resp_problems]
    if not need_rows:
        if org_problem_refs:
            parser.reject(org_name, org_number, org_values_text, org_problem_refs)
        else:
            parser.state_for(resp_values, org_number)
            notes.append(
                f"Bladet '{need_name}' har inga yrken ifyllda; organisationen räknas som "
                "svarande utan rekryteringsbehov."
            )
        return
    state = None
    for number, cells in need_rows:
        values, need_problems, empty_count = parser.need_fields(need_cols, cells)
        problems: list = list(org_problem_refs) + list(need_problems)
        where = {i: (org_name, org_number) for i in range(len(org_problem_refs))}
        if not problems and state is not None and values["occupation"] in state.need_objects:
            first = state.need_objects[values["occupation"]].occupation_as_given.split(" + ")
            if any(_same_text(t, values["occupation_as_given"]) for t in first):
                col = need_cols["occupation"]
                reason = _duplicate_reason(
                    values["occupation"], state.needs_by_ssyk[values["occupation"]]
                )
                problems.append((col, _text(cells, col), reason))
        row_values = {**org_values_text, **_row_values(need_columns, cells)}
        if problems:
            parser.reject(need_name, number, row_values, problems, where)
            continue
        if state is None:
            state = parser.state_for(resp_values, org_number)
        _add_or_merge(parser, state, values, number)
        parser.empty_counts_used |= empty_count


def parse_file(
    file_name: str, data: bytes, reference: Reference, *, include_hidden: bool = False
) -> ParsedFile:
    """Read one survey file (our template, a CSV or an XLSX export) into validated respondents
    and needs, and rejected rows with every reason. Every visible sheet with a survey table is
    read; hidden sheets and hidden rows only with include_hidden (they are noted either way).

    Raises UnreadableFile (with a Swedish message naming the file and what was missing) when the
    file cannot be read at all or has no recognisable columns."""
    if not data or not data.strip():
        raise UnreadableFile(f"Filen '{file_name}' är tom.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(
                f"Filen '{file_name}' är ingen CSV- eller Excel-fil (.xlsx) utan ser ut att vara "
                f"{what}. Spara enkätsvaren som .xlsx eller .csv och försök igen."
            )
    notes: list[str] = []
    parser = _Parser(file_name, reference, notes, include_hidden)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        layout = _parse_workbook(file_name, data, parser, notes)
    else:
        sheet = _read_csv(file_name, data, notes)
        layout = _parse_table(file_name, sheet, parser, notes)
    respondents = parser.finish()
    return ParsedFile(file_name, layout, respondents, parser.rejected, _dedupe(notes))


def parse_rows(
    file_name: str,
    sheet: str | None,
    headers: list[str],
    rows: list[tuple[int, list[str]]],
    reference: Reference,
) -> ParsedFile:
    """Validate rows kept in quarantine again (header as written → cell text), as one table with
    their original row numbers: what an answer given since then frees. Raises UnreadableFile
    when the headers are not a survey table."""
    notes: list[str] = []
    parser = _Parser(file_name, reference, notes)
    table = _Sheet(sheet, [(0, list(headers)), *rows])
    layout = _parse_table(file_name, table, parser, notes, header_at=0)
    return ParsedFile(file_name, layout, parser.finish(), parser.rejected, _dedupe(notes))


def _parse_workbook(file_name: str, data: bytes, parser: _Parser, notes: list[str]) -> str:
    book = _Workbook(file_name, data)
    try:
        if TEMPLATE_SHEETS["respondent"] in book.names and TEMPLATE_SHEETS["need"] in book.names:
            _parse_template(file_name, book, parser, notes)
            return "mall"
        chosen: list[str] = []
        hidden_tables: list[str] = []
        best_missing: UnreadableFile | None = None
        for name in book.names:
            preview = book.read(name, max_rows=HEADER_SEARCH_ROWS)
            found = _header_row(preview)
            if found is None:
                continue
            try:
                _layout(file_name, found[1], f", blad '{name}'")
            except UnreadableFile as error:
                best_missing = best_missing or error
                continue
            if book.visible(name) or parser.include_hidden:
                chosen.append(name)
            else:
                hidden_tables.append(name)
        for name in hidden_tables:
            notes.append(
                f"Bladet '{name}' är dolt och lästes inte. Visa bladet i Excel, eller importera "
                "med dolda blad medräknade."
            )
        if not chosen:
            if best_missing is not None:
                raise best_missing
            if hidden_tables:
                raise UnreadableFile(
                    f"Filen '{file_name}' har svar bara på dolda blad "
                    f"({', '.join(repr(n) for n in hidden_tables)}). Visa bladet i Excel och "
                    "försök igen, eller importera med dolda blad medräknade."
                )
            missing = [FIELDS[k].header for k in (*REQUIRED_RESPONDENT, *REQUIRED_NEED)]
            raise UnreadableFile(_missing_message(file_name, missing, []))
        if len(book.names) > 1:
            shown = ", ".join(f"'{n}'" for n in chosen)
            word = "Bladet" if len(chosen) == 1 else "Bladen"
            notes.append(f"{word} {shown} lästes.")
        layouts = [_parse_table(file_name, book.read(name), parser, notes) for name in chosen]
        return layouts[0]
    finally:
        book.close()


def _dedupe(notes: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for note in notes:
        if note not in seen:
            seen.add(note)
            out.append(note)
    return out
