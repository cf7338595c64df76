"""The evidence pack's workbook (.xlsx), slides (.pptx) and map, from a kraftsamling.evidence.Pack.

The files only lay out the pack's tables and sentences; they compute nothing of their own.

- The workbook has one sheet per table of the pack and a sheet 'Text' with every sentence.
  Values from answers (organisation names) are written as text, never as formulas.
- The slides are 16:9 with native, editable charts. Every text box is measured before it is
  placed (`measure`, with DejaVu Sans, wider than the Calibri the slides ask for) and placed in
  a column that flows top to bottom, so no two boxes overlap and no text runs out of its box;
  boxes never grow by themselves (auto size off). tests/test_evidence.py checks both.
- The map is drawn with matplotlib's Agg canvas from the committed boundaries (`geo/`): no
  browser, no network. It names the pool's municipalities with a need and carries its source
  line in the picture itself.

Everything is deterministic: the same pack gives the same bytes (fixed zip entry times and
document times from `Pack.generated_on`).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime
from functools import lru_cache

import pandas as pd

from kraftsamling import evidence, fmt, geo
from kraftsamling.evidence import Pack, shown
from kraftsamling.style import BAR_COLOUR, COUNTY_BORDER_COLOUR, EXAMPLE_BADGE, PALETTE

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
FOOTER_TOP = 7.0
TEXT = "262730"
MUTED = "595959"
BAR_COLOURS = (BAR_COLOUR.lstrip("#"), "41b6c4", "a1dab4")  # YlGnBu, one per horizon
MIN_SIZE = 9
EMU = 914400  # per inch
OUTSIDE_POOL = "#e3e3e3"


class LayoutError(RuntimeError):
    """Content that does not fit a slide."""


# ------------------------------------------------------------------------------ deterministic

_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def stamp(pack: Pack) -> datetime:
    try:
        value = datetime.fromisoformat(pack.generated_on[:10])
    except ValueError:
        value = datetime(1980, 1, 1)
    return max(value, datetime(1980, 1, 1))


def deterministic_zip(blob: bytes, when: datetime) -> bytes:
    """An OOXML package rewritten with fixed entry and core-property times (embedded
    workbooks, a chart's data, as well)."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _CORE_TIME.sub(lambda m: m.group(1) + iso + m.group(3), data)
            elif entry.filename.endswith((".xlsx", ".xlsm")):
                data = deterministic_zip(data, when)
            info = zipfile.ZipInfo(entry.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


# ------------------------------------------------------------------------------ .xlsx

PERCENT = re.compile(r"\(%\)$")


def text_cell(ws, row: int, column: int, value):
    """A cell whose text stays text: a name starting with =, +, - or @ is no formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def pack_xlsx(pack: Pack) -> bytes:
    """One sheet per table of the pack, then 'Text': every sentence by section."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    when = stamp(pack)
    wb = Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = "Kraftsamling"
    wb.properties.title = f"Ansökningsunderlag: {pack.label}"
    wb.properties.subject = pack.verdict
    wb.properties.keywords = EXAMPLE_BADGE if pack.is_example else None
    wb.properties.created = wb.properties.modified = when
    wb.remove(wb.active)
    for name, frame in pack.tables.items():
        ws = wb.create_sheet(name)
        for column, header in enumerate(frame.columns, start=1):
            cell = text_cell(ws, 1, column, str(header))
            cell.font, cell.fill = bold, fill
        for r, record in enumerate(frame.itertuples(index=False), start=2):
            for c, value in enumerate(record, start=1):
                cell = text_cell(ws, r, c, _plain(value))
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    cell.number_format = "0.0" if isinstance(cell.value, float) else "#,##0"
        ws.freeze_panes = "A2"
        _widths(ws)
    ws = wb.create_sheet("Text")
    for column, header in enumerate(("Avsnitt", "Mening"), start=1):
        cell = text_cell(ws, 1, column, header)
        cell.font, cell.fill = bold, fill
    row = 2
    for section in pack.sections:
        for sentence in (section.title, *section.sentences):
            text_cell(ws, row, 1, section.key)
            text_cell(ws, row, 2, sentence.text).alignment = Alignment(wrap_text=True)
            row += 1
    text_cell(ws, row, 1, "sidfot")
    text_cell(ws, row, 2, pack.footer.text)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 110
    ws.freeze_panes = "A2"
    for ws in wb.worksheets:
        ws.oddFooter.left.text = pack.footer.text.replace("&", "&&")
        ws.oddFooter.left.size = 8
        if pack.is_example:
            ws.oddHeader.center.text = EXAMPLE_BADGE.upper()
            ws.sheet_properties.tabColor = "FFC000"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return deterministic_zip(buffer.getvalue(), when)


def _plain(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _widths(ws) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), len(str(cell.value)) + 2)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = max(8, min(60, width))


# ------------------------------------------------------------------------------ measuring


@lru_cache(maxsize=4)
def font_path(bold: bool = False) -> str:
    from pathlib import Path

    import matplotlib

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name)


@lru_cache(maxsize=64)
def _font(size: float, bold: bool):
    from PIL import ImageFont

    return ImageFont.truetype(font_path(bold), size=size * 4)  # 4 px per point: finer widths


@lru_cache(maxsize=8192)
def _width_pt(text: str, size: float, bold: bool) -> float:
    return _font(size, bold).getlength(text) / 4


def wrap(text: str, size: float, width_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as a text box does; a word longer than the line is broken."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if _width_pt(trial, size, bold) <= width_pt or not line:
                line = trial
                while _width_pt(line, size, bold) > width_pt and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and _width_pt(line[:cut], size, bold) > width_pt:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


LINE = 1.2  # line height in font sizes
INSET_X, INSET_Y = 0.1, 0.05  # a text box's insets, inches


def measure(paragraphs: list[str], size: float, width_in: float, bold: bool = False) -> float:
    """The height in inches that `paragraphs` take in a text box `width_in` wide."""
    width_pt = (width_in - 2 * INSET_X) * 72
    lines = sum(len(wrap(p, size, width_pt, bold)) for p in paragraphs)
    return lines * size * LINE / 72 + 2 * INSET_Y + 0.02


# ------------------------------------------------------------------------------ .pptx


def _rgb(hex_colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class Column:
    """A column of a slide that content flows down; nothing is placed below `bottom`."""

    def __init__(self, slide, left: float, top: float, width: float, bottom: float = FOOTER_TOP):
        self.slide, self.left, self.top, self.width, self.bottom = slide, left, top, width, bottom

    @property
    def room(self) -> float:
        return self.bottom - self.top

    def text(
        self,
        paragraphs: list[str],
        size: float = 16,
        bold: bool = False,
        colour: str = TEXT,
        fill: str | None = None,
        centre: bool = False,
        min_size: float = MIN_SIZE,
        gap: float = 0.12,
        heading: bool = False,
    ):
        """A measured text box; the font shrinks (to `min_size`) until it fits the room."""
        from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
        from pptx.util import Emu, Inches, Pt

        paragraphs = [p for p in paragraphs if p]
        if not paragraphs:
            return None
        width = int(Inches(self.width)) / EMU  # as the file keeps it
        while True:
            height = measure(paragraphs, size, width, bold or heading)
            if height <= self.room or size <= min_size:
                break
            size -= 1
        if height > self.room:
            raise LayoutError(f"text does not fit ({height:.2f} > {self.room:.2f} in)")
        box = self.slide.shapes.add_textbox(
            Inches(self.left), Inches(self.top), Inches(self.width), Emu(math.ceil(height * EMU))
        )
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        # default insets: INSET_X, INSET_Y (python-pptx and PowerPoint alike)
        if fill:
            box.fill.solid()
            box.fill.fore_color.rgb = _rgb(fill)
        for i, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = text
            if centre:
                paragraph.alignment = PP_ALIGN.CENTER
            for run in paragraph.runs:
                run.font.size = Pt(size)
                run.font.bold = bold or (heading and i == 0)
                run.font.color.rgb = _rgb(colour)
        self.top += height + gap
        return box

    def table(self, frame: pd.DataFrame, size: float = 12, gap: float = 0.15):
        """A table of the pack, as many rows as fit (the workbook has them all); every row
        measured, so the table's box is the height it takes."""
        from pptx.util import Inches, Pt

        cells = [[str(c) for c in frame.columns]]
        cells += [[shown(v) for v in row] for row in frame.itertuples(index=False)]
        if len(cells) == 1:
            return None
        lengths = [
            max(_width_pt(row[c], size, r == 0) for r, row in enumerate(cells))
            for c in range(len(cells[0]))
        ]
        widths = _column_widths(lengths, self.width, size)
        heights = [
            max(measure([row[c]], size, widths[c], r == 0) for c in range(len(row)))
            for r, row in enumerate(cells)
        ]
        rows = 1
        while rows < len(cells) and sum(heights[: rows + 1]) <= self.room:
            rows += 1
        if rows == 1:
            return None
        shape = self.slide.shapes.add_table(
            rows,
            len(cells[0]),
            Inches(self.left),
            Inches(self.top),
            Inches(self.width),
            Inches(sum(heights[:rows])),
        )
        table = shape.table
        for c, width in enumerate(widths):
            table.columns[c].width = Inches(width)
        for r in range(rows):
            table.rows[r].height = Inches(heights[r])
            for c, value in enumerate(cells[r]):
                cell = table.cell(r, c)  # default insets: INSET_X, INSET_Y
                cell.text = value
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(size)
                        run.font.bold = r == 0
        self.top += sum(heights[:rows]) + gap
        return shape

    def take(self, height: float, gap: float = 0.12) -> tuple[float, float]:
        """Room for a chart or picture `height` high: its (left, top) in inches."""
        if height > self.room + 1e-9:
            raise LayoutError(f"no room for {height:.2f} in")
        top = self.top
        self.top += height + gap
        return self.left, top


def _column_widths(lengths: list[float], total: float, size: float) -> list[float]:
    """Column widths in inches: each column its text's width, long columns squeezed."""
    need = [length / 72 + 2 * INSET_X + 0.05 for length in lengths]
    if sum(need) <= total:
        extra = (total - sum(need)) / len(need)
        return [w + extra for w in need]
    floor = max(0.7, size / 72 * 5)
    widths = list(need)
    while sum(widths) > total + 1e-6:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= floor:
            break
        widths[widest] = max(floor, widths[widest] - (sum(widths) - total))
    scale = total / sum(widths)
    return [w * scale for w in widths]


def pack_pptx(pack: Pack, map_picture: bytes | None = None) -> bytes:
    """The pack as 16:9 slides: one per section, a native chart of the need per municipality
    and horizon, the map. `map_picture` (a PNG of the map's aspect) saves drawing it."""
    from pptx import Presentation
    from pptx.util import Inches

    when = stamp(pack)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    props = prs.core_properties
    props.title = f"Ansökningsunderlag: {pack.label}"
    props.author = props.last_modified_by = "Kraftsamling"
    props.subject = pack.verdict
    props.keywords = EXAMPLE_BADGE if pack.is_example else ""
    props.revision = 1
    props.created = props.modified = props.last_printed = when
    picture = map_picture if map_picture is not None else map_png(pack)
    for number, section in enumerate(pack.sections, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        SLIDES.get(section.key, _plain_slide)(slide, pack, section, picture)
        footer = Column(
            slide, MARGIN, FOOTER_TOP + 0.05, SLIDE_W - 2 * MARGIN - 1.0, SLIDE_H - 0.05
        )
        footer.text([pack.footer.text], size=9, colour=MUTED, min_size=6)
        Column(slide, SLIDE_W - MARGIN - 0.9, FOOTER_TOP + 0.05, 0.9, SLIDE_H - 0.05).text(
            [f"{number}/{len(pack.sections)}"], size=9, colour=MUTED
        )
    buffer = io.BytesIO()
    prs.save(buffer)
    return deterministic_zip(buffer.getvalue(), when)


def _title(slide, section) -> float:
    """The slide's title, measured: returns where the content starts."""
    column = Column(slide, MARGIN, 0.3, SLIDE_W - 2 * MARGIN, 1.6)
    column.text([section.title.text], size=28, bold=True, min_size=18)
    return column.top + 0.05


def _texts(section) -> list[str]:
    return [s.text for s in section.sentences]


def _plain_slide(slide, pack, section, picture) -> None:
    top = _title(slide, section)
    left = Column(slide, MARGIN, top, 7.4)
    for name in section.tables:
        left.table(pack.tables[name], size=12)
    Column(slide, MARGIN + 7.7, top, SLIDE_W - 2 * MARGIN - 7.7).text(_texts(section), size=16)


def _title_slide(slide, pack, section, picture) -> None:
    column = Column(slide, 0.8, 0.6, SLIDE_W - 1.6)
    if pack.is_example:
        Column(slide, SLIDE_W - 0.8 - 2.4, 0.15, 2.4, 0.6).text(
            [EXAMPLE_BADGE.upper()],
            size=14,
            bold=True,
            colour="C00000",
            fill="FFF2CC",
            centre=True,
            gap=0,
        )
    column.text([section.title.text], size=18, colour=MUTED)
    label, verdict, *rest = section.sentences
    column.text([label.text], size=36, bold=True, min_size=20)
    colour = evidence.VERDICT_COLOURS.get(pack.verdict, evidence.NOT_MOTIVATED_COLOUR)
    box = Column(slide, 0.8, column.top, 4.4)
    box.text(
        [pack.verdict],
        size=30,
        bold=True,
        fill=colour,
        centre=True,
        colour="FFFFFF" if pack.verdict != evidence.NEAR else TEXT,
    )
    column.top = box.top
    column.text([verdict.text, *(s.text for s in rest)], size=16)


def _need_slide(slide, pack, section, picture) -> None:
    top = _title(slide, section)
    left = Column(slide, MARGIN, top, 7.2)
    left.table(pack.tables["Kriterier"][["Kriterium", "Värde", "Krav", "Uppfyllt"]], size=16)
    Column(slide, MARGIN + 7.5, top, SLIDE_W - 2 * MARGIN - 7.5).text(_texts(section), size=16)


def _chart_slide(slide, pack, section, picture) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Inches, Pt

    top = _title(slide, section)
    chart = pack.chart
    right = Column(slide, MARGIN + 8.3, top, SLIDE_W - 2 * MARGIN - 8.3)
    right.text(_texts(section), size=15)
    if chart is None or chart.empty:
        Column(slide, MARGIN, top, 8.0).text(["Ingen kommun i gruppen har ett behov som visas."])
        return
    left = Column(slide, MARGIN, top, 8.0)
    height = min(left.room, max(2.2, 0.28 * len(chart) + 1.0))
    x, y = left.take(height)
    data = CategoryChartData(number_format="#,##0")
    data.categories = list(chart["Kommun"])
    series = list(chart.columns[1:])
    for name in series:
        data.add_series(name, [int(v) for v in chart[name]])
    kind = XL_CHART_TYPE.BAR_STACKED if len(series) > 1 else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, Inches(x), Inches(y), Inches(8.0), Inches(height), data)
    c = frame.chart
    size = Pt(12 if len(chart) <= 12 else 10 if len(chart) <= 20 else 8)
    c.font.size = size
    c.has_legend = len(series) > 1
    if c.has_legend:
        c.legend.position = XL_LEGEND_POSITION.BOTTOM
        c.legend.include_in_layout = False
    c.category_axis.reverse_order = True
    c.value_axis.has_major_gridlines = True
    c.value_axis.major_gridlines.format.line.color.rgb = _rgb("D9D9D9")
    c.value_axis.tick_labels.number_format = "#,##0"
    c.value_axis.tick_labels.number_format_is_linked = False
    plot = c.plots[0]
    plot.gap_width = 50
    if len(series) > 1:
        plot.overlap = 100
    for s, colour in zip(plot.series, BAR_COLOURS, strict=False):
        s.format.fill.solid()
        s.format.fill.fore_color.rgb = _rgb(colour)


def _occupation_slide(slide, pack, section, picture) -> None:
    top = _title(slide, section)
    column = Column(slide, MARGIN, top, SLIDE_W - 2 * MARGIN)
    column.text(_texts(section), size=16)
    column.table(pack.tables["Yrken"].drop(columns=["SSYK"]), size=12)


MAP_SHARE = 0.95  # of the picture's height; the source line has the band below


def map_aspect() -> float:
    """Width over height of the map picture (the region's bounds and the source band)."""
    municipalities, _ = _layers()
    minx, miny, maxx, maxy = municipalities.total_bounds
    return (maxx - minx) / ((maxy - miny) / MAP_SHARE)


def _map_slide(slide, pack, section, picture) -> None:
    from pptx.util import Inches

    top = _title(slide, section)
    height = FOOTER_TOP - top - 0.05
    width = height * map_aspect()
    left = Column(slide, MARGIN, top, width)
    x, y = left.take(height)
    slide.shapes.add_picture(
        io.BytesIO(picture), Inches(x), Inches(y), Inches(width), Inches(height)
    )
    right = Column(slide, MARGIN + width + 0.3, top, SLIDE_W - 2 * MARGIN - width - 0.3)
    texts = _texts(section)
    right.text(texts[:1], size=15)
    locations = pack.tables["Studieorter"]
    value = locations.columns[2]
    right.table(locations[["Studieort", value, "Platser per antagning"]], size=12)
    right.text(texts[-1:], size=12, colour=MUTED)


def _lia_slide(slide, pack, section, picture) -> None:
    top = _title(slide, section)
    if section.tables:
        left = Column(slide, MARGIN, top, 7.4)
        left.table(
            pack.tables["Studieorter"][
                [
                    "Studieort",
                    "Platser per antagning",
                    "LIA-platser per år",
                    "LIA-platser som behövs",
                    "LIA räcker",
                ]
            ],
            size=12,
        )
        Column(slide, MARGIN + 7.7, top, SLIDE_W - 2 * MARGIN - 7.7).text(_texts(section))
    else:
        Column(slide, MARGIN, top, SLIDE_W - 2 * MARGIN).text(_texts(section))


def _supply_slide(slide, pack, section, picture) -> None:
    top = _title(slide, section)
    left = Column(slide, MARGIN, top, 7.4)
    left.table(pack.tables["Utbud"], size=12)
    rates = pack.tables["Beviljandegrad"]
    left.table(rates.tail(4), size=12)
    Column(slide, MARGIN + 7.7, top, SLIDE_W - 2 * MARGIN - 7.7).text(_texts(section))


def _outcome_slide(slide, pack, section, picture) -> None:
    top = _title(slide, section)
    column = Column(slide, MARGIN, top, SLIDE_W - 2 * MARGIN)
    column.text(_texts(section), size=16)
    column.table(pack.tables["Utfall"].drop(columns=["Utbildningsområde"]), size=12)


def _method_slide(slide, pack, section, picture) -> None:
    top = _title(slide, section)
    sources = pack.tables["Källor"]
    left = Column(slide, MARGIN, top, 7.6)
    left.table(sources, size=11)
    first = len(section.sentences) - len(sources)
    Column(slide, MARGIN + 7.9, top, SLIDE_W - 2 * MARGIN - 7.9).text(
        [s.text for s in section.sentences[:first]], size=14
    )


SLIDES = {
    "title": _title_slide,
    "need": _need_slide,
    "municipalities": _chart_slide,
    "occupations": _occupation_slide,
    "placement": _map_slide,
    "lia": _lia_slide,
    "supply": _supply_slide,
    "outcomes": _outcome_slide,
    "method": _method_slide,
}


# ------------------------------------------------------------------------------ the map


@lru_cache(maxsize=1)
def _layers():
    """Municipalities and counties in SWEREF99 TM (EPSG:3006), for an undistorted map."""
    import geopandas as gpd

    def load(name: str):
        features = geo.geojson(name)["features"]
        return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326").to_crs("EPSG:3006")

    return load(geo.MUNICIPALITIES), load(geo.COUNTIES)


def _path(geometry):
    import numpy as np
    from matplotlib.path import Path
    from shapely.geometry.polygon import orient

    vertices, codes = [], []
    for polygon in getattr(geometry, "geoms", [geometry]):
        polygon = orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            vertices.append(xy)
            codes.append([Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY])
    return Path(np.concatenate(vertices), np.concatenate(codes))


def map_png(pack: Pack, width_px: int = 1000) -> bytes:
    """The region's map: the pool's municipalities coloured by their need and named with it,
    study locations marked, municipalities that did not take part hatched, hidden ones
    light blue, the rest grey; a legend and the source line in the picture."""
    import numpy as np
    from matplotlib import colormaps
    from matplotlib import patheffects as pe
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import ListedColormap, Normalize
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, PathPatch

    municipalities, counties = _layers()
    rows = pack.map_rows.set_index("kommunkod") if pack.map_rows is not None else pd.DataFrame()
    values = pd.to_numeric(rows["value"], errors="coerce") if len(rows) else pd.Series()
    top = int(values.max()) if len(values.dropna()) else 1
    cmap = ListedColormap(colormaps[PALETTE](np.linspace(0.3, 1.0, 256)))
    norm = Normalize(vmin=0, vmax=max(top, 1))
    minx, miny, maxx, maxy = municipalities.total_bounds
    width_in = 6.0
    fig = Figure(
        figsize=(width_in, width_in / map_aspect()), dpi=width_px / width_in, facecolor="white"
    )
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 1 - MAP_SHARE, 1, MAP_SHARE))
    ax.set_axis_off()
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    faces, hatched, labels, stars = [], [], [], []
    for record in municipalities.itertuples(index=False):
        kod = record.kommunkod
        patch = PathPatch(_path(record.geometry))
        if kod not in rows.index:
            faces.append((patch, OUTSIDE_POOL))
            continue
        row = rows.loc[kod]
        point = record.geometry.representative_point()
        if row["state"] == "deltog inte":
            hatched.append(patch)
        elif row["state"] == "dold":
            faces.append((patch, "#c6dbef"))
        elif row["state"] == "behov":
            faces.append((patch, cmap(norm(float(row["value"])))))
            labels.append((float(row["value"]), str(row["name"]), point.x, point.y))
        else:
            faces.append((patch, "#ffffff"))
        if bool(row["location"]):
            stars.append((point.x, point.y - 0.025 * (maxy - miny)))
    ax.add_collection(
        PatchCollection(
            [p for p, _ in faces],
            facecolors=[c for _, c in faces],
            edgecolors="#9e9e9e",
            linewidths=0.4,
        )
    )
    if hatched:
        ax.add_collection(
            PatchCollection(
                hatched, facecolor="white", edgecolor="#969696", hatch="////", linewidths=0.4
            )
        )
    ax.add_collection(
        PatchCollection(
            [PathPatch(_path(g)) for g in counties.geometry],
            facecolor="none",
            edgecolor=COUNTY_BORDER_COLOUR,
            linewidths=1.0,
        )
    )
    halo = [pe.withStroke(linewidth=2.0, foreground="white")]
    placed: list[tuple[float, float]] = []
    spacing = 0.07 * (maxx - minx)
    for value, name, x, y in sorted(labels, key=lambda item: (-item[0], item[1])):
        if len(placed) >= 16 or any(math.hypot(x - a, y - b) < spacing for a, b in placed):
            continue
        placed.append((x, y))
        ax.text(
            x,
            y,
            f"{name}\n{fmt.number(int(value), language='sv')}",
            ha="center",
            va="center",
            fontsize=6,
            color="#111111",
            path_effects=halo,
            linespacing=1.0,
        )
    if stars:
        ax.scatter(
            [s[0] for s in stars],
            [s[1] for s in stars],
            marker="*",
            s=40,
            color="#d7301f",
            edgecolors="white",
            linewidths=0.4,
            zorder=5,
        )
    from matplotlib.lines import Line2D

    states = set(rows["state"]) if len(rows) else set()
    handles = [
        Patch(facecolor=cmap(0.7), label="Behov (mörkare = större)"),
        Patch(facecolor="white", edgecolor="#9e9e9e", label="I gruppen, inget behov"),
        Patch(facecolor="white", edgecolor="#969696", hatch="////", label="Deltog inte"),
        Patch(facecolor="#c6dbef", label="Dolda siffror (färre svarande)"),
        Patch(facecolor=OUTSIDE_POOL, label="Utanför gruppen"),
        Line2D(
            [0],
            [0],
            marker="*",
            color="white",
            markerfacecolor="#d7301f",
            markersize=9,
            label="Föreslagen studieort",
        ),
    ]
    shown_states = ["behov", "inget behov", "deltog inte", "dold"]
    handles = [
        h
        for h, state in zip(handles, [*shown_states, None, None], strict=True)
        if state is None or state in states
    ]
    if len(rows) == len(municipalities) or not len(rows):
        handles = [h for h in handles if h.get_label() != "Utanför gruppen"]
    if not stars:
        handles = handles[:-1]
    ax.legend(handles=handles, loc="lower right", fontsize=6, frameon=False)
    fig.text(
        0.01,
        0.012,
        evidence.BOUNDARY_SOURCE + ". Behov: Kraftsamling, kompetenskartläggning.",
        fontsize=5.5,
        color="#595959",
        ha="left",
        va="bottom",
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def chart_png(pack: Pack, width_px: int = 1400) -> bytes | None:
    """The need per municipality (and horizon) as bars, for the PDF: the same numbers as the
    slides' native chart (`Pack.chart`). None when no municipality shown has a need."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    chart = pack.chart
    if chart is None or chart.empty:
        return None
    series = list(chart.columns[1:])
    height_in = 0.8 + 0.22 * len(chart)
    fig = Figure(figsize=(7.0, height_in), dpi=width_px / 7.0, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.22, 0.6 / height_in, 0.74, 1 - 0.9 / height_in))
    left = [0] * len(chart)
    positions = list(range(len(chart)))[::-1]
    for name, colour in zip(series, BAR_COLOURS, strict=False):
        values = [int(v) for v in chart[name]]
        ax.barh(positions, values, left=left, color=f"#{colour}", label=name, height=0.7)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, total in zip(positions, left, strict=True):
        ax.text(total, y, f" {fmt.number(total, language='sv')}", va="center", fontsize=7)
    ax.set_yticks(positions, list(chart["Kommun"]), fontsize=7)
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(left) * 1.12 if max(left) else 1)
    if len(series) > 1:
        ax.legend(fontsize=7, frameon=False, loc="lower right")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def placeholder_map(width_px: int = 60) -> bytes:
    """A blank picture of the map's aspect (tests lay out slides without drawing maps)."""
    from PIL import Image

    image = Image.new("RGB", (width_px, max(1, round(width_px / map_aspect()))), "white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


__all__ = [
    "LayoutError",
    "chart_png",
    "map_png",
    "measure",
    "pack_pptx",
    "pack_xlsx",
    "placeholder_map",
    "text_cell",
]
