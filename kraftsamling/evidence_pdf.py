"""The evidence pack as PDF (MYH takes attachments as PDF) and the letters of intent.

fpdf2 writes the PDF offline and embeds the font it uses (DejaVu Sans, shipped with
matplotlib), so Swedish letters print anywhere. The same pack gives the same bytes: the
creation date comes from `Pack.generated_on` and nothing else varies.

The letters of intent (administrators only) are one document: one page per employer the
user ticks, a draft the employer can sign, with its hires per horizon and its LIA places as
it answered them.
"""

from __future__ import annotations

from datetime import UTC

import pandas as pd

from kraftsamling import evidence
from kraftsamling.evidence import HORIZON_COLUMNS, Pack, shown
from kraftsamling.evidence_files import chart_png, font_path, map_png, stamp

FONT = "DejaVu"
WIDE_TABLES = {"Kommuner", "Yrken", "Utfall", "Arbetsgivare"}


def _document(pack: Pack, title: str):
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.add_font(FONT, "", font_path(False))
    pdf.add_font(FONT, "B", font_path(True))
    pdf.set_creation_date(stamp(pack).replace(tzinfo=UTC))
    pdf.set_title(title)
    pdf.set_author("Kraftsamling")
    pdf.set_creator("Kraftsamling")
    pdf.set_subject(pack.verdict)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    footer = pack.footer.text

    def page_footer() -> None:
        pdf.set_y(-14)
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(89, 89, 89)
        pdf.multi_cell(0, 3.5, f"{footer} · sida {pdf.page_no()}", align="L")
        pdf.set_text_color(0, 0, 0)

    pdf.footer = page_footer
    return pdf


def _paragraph(pdf, text: str, size: float = 10, bold: bool = False, gap: float = 1.5) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _table(pdf, frame: pd.DataFrame, size: float = 8) -> None:
    if frame.empty:
        return
    pdf.set_font(FONT, "", size)
    lengths = [max([len(str(c)), *(len(shown(v)) for v in frame[c])]) for c in frame.columns]
    total = sum(min(max(n, 4), 40) for n in lengths)
    widths = [min(max(n, 4), 40) / total for n in lengths]
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=size * 0.5,
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        table.row([str(c) for c in frame.columns])
        for record in frame.itertuples(index=False):
            table.row([shown(v) for v in record])
    pdf.ln(3)


def pack_pdf(pack: Pack, map_picture: bytes | None = None) -> bytes:
    """The pack as an A4 document: each section's title, its sentences and its tables in
    full, the map in the section on regional placement."""
    import io

    pdf = _document(pack, f"Ansökningsunderlag: {pack.label}")
    pdf.add_page()
    for section in pack.sections:
        if section.key != "title":
            if pdf.get_y() > 230:
                pdf.add_page()
            pdf.ln(2)
        size = 16 if section.key == "title" else 13
        _paragraph(pdf, section.title.text, size=size, bold=True, gap=2)
        for i, sentence in enumerate(section.sentences):
            big = section.key == "title" and i == 0
            _paragraph(pdf, sentence.text, size=14 if big else 10, bold=big)
        if section.chart:
            bars = chart_png(pack)
            if bars is not None:
                from PIL import Image

                width, height = Image.open(io.BytesIO(bars)).size
                tall = 180 * height / width
                if pdf.get_y() + tall > 270:
                    pdf.add_page()
                pdf.image(io.BytesIO(bars), w=180)
                pdf.ln(2)
        if section.map:
            picture = map_picture if map_picture is not None else map_png(pack, width_px=900)
            if pdf.get_y() > 120:
                pdf.add_page()
            pdf.image(io.BytesIO(picture), h=150)
            pdf.ln(2)
        for name in section.tables:
            frame = pack.tables[name]
            if section.key == "lia":
                frame = frame[[c for c in frame.columns if c != frame.columns[2]]]
            _paragraph(pdf, f"Tabell: {name}", size=9, bold=True, gap=0.5)
            _table(pdf, frame, size=7 if name in WIDE_TABLES else 8)
    return bytes(pdf.output())


# ------------------------------------------------------------------------------ letters


def letters_pdf(pack: Pack, organisations: list[str] | None = None) -> bytes:
    """Draft letters of intent, one page per employer behind the candidate (administrators'
    pack only), for the employers in `organisations` (their 'Svarande-id' or names; None =
    all), ready to sign."""
    if pack.letters is None:
        raise evidence.PackRefused("Avsiktsförklaringar finns bara i administratörernas version.")
    employers = pack.letters
    if organisations is not None:
        chosen = set(organisations)
        employers = employers[
            employers["Svarande-id"].isin(chosen) | employers["Organisation"].isin(chosen)
        ]
    if employers.empty:
        raise evidence.PackRefused("Ingen arbetsgivare vald för avsiktsförklaringar.")
    area = pack.cell("Sammanfattning", "Utbildningsområde", "Värde")
    wave = pack.cell("Sammanfattning", "Omgång", "Värde")
    pdf = _document(pack, f"Avsiktsförklaringar: {pack.label}")
    recruitment = pack.kind == evidence.RECRUITMENT
    for row in employers.to_dict("records"):
        pdf.add_page()
        _paragraph(pdf, "UTKAST – Avsiktsförklaring", size=9, bold=True)
        _paragraph(
            pdf,
            "Avsiktsförklaring om behov av kompetens och LIA-platser"
            if recruitment
            else "Avsiktsförklaring om kompetensutveckling på distans",
            size=16,
            bold=True,
            gap=4,
        )
        _paragraph(pdf, f"Arbetsgivare: {row['Organisation']}, {row['Kommun']}")
        _paragraph(
            pdf,
            f"Utbildning: {pack.label} (utbildningsområde {area}), "
            + ("YH-utbildning på distans" if recruitment else "YH-kurs på distans"),
            gap=4,
        )
        if recruitment:
            hires = [(HORIZON_COLUMNS[h], int(row[HORIZON_COLUMNS[h]])) for h in HORIZON_COLUMNS]
            _paragraph(
                pdf,
                f"{row['Organisation']} ser ett behov av att rekrytera personer "
                "med denna utbildning och avser att medverka i utbildningen. Enligt vårt "
                f"svar i kompetenskartläggningen ({wave}) behöver vi rekrytera:",
                gap=2,
            )
            for label, count in hires:
                people = "person" if count == 1 else "personer"
                _paragraph(pdf, f"    {label}: {shown(count)} {people}", gap=0.5)
            pdf.ln(2)
            _paragraph(
                pdf,
                f"Vi kan erbjuda {shown(int(row['LIA-platser per år']))} LIA-platser "
                "per år (lärande i arbete) för studerande i utbildningen och är beredda "
                "att delta i utbildningens ledningsgrupp.",
                gap=4,
            )
        else:
            staff = int(row["Anställda att kompetensutveckla"])
            _paragraph(
                pdf,
                f"{row['Organisation']} avser att låta {shown(staff)} anställda "
                "kompetensutvecklas genom kursen på distans, enligt vårt svar i "
                f"kompetenskartläggningen ({wave}).",
                gap=4,
            )
        _paragraph(
            pdf,
            "Avsiktsförklaringen är inte juridiskt bindande. Den styrker "
            "arbetslivets behov i ansökan till Myndigheten för yrkeshögskolan.",
            size=9,
            gap=10,
        )
        for line in ("Ort och datum", "Underskrift", "Namnförtydligande", "Befattning"):
            pdf.set_font(FONT, "", 10)
            pdf.cell(0, 10, "_" * 60, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 8)
            pdf.cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def page_count(blob: bytes) -> int:
    """Pages of a PDF, from its page tree (no renderer needed)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", blob))


__all__ = ["letters_pdf", "pack_pdf", "page_count"]
