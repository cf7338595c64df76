"""What every output shares, written once: the colours of the pages' charts (kraftsamling.charts,
plotly) and of the evidence pack's files (kraftsamling.evidence_files: matplotlib, openpyxl,
python-pptx), and the mark on anything built from example data. No imports, so any module may
read it."""

# ColorBrewer YlGnBu: sequential and colour-blind safe; light = low, dark blue = high.
PALETTE = "YlGnBu"
COUNTY_BORDER_COLOUR = "#252525"
BAR_COLOUR = "#225ea8"  # also the theme's primaryColor in .streamlit/config.toml

# Pages, tables and files built from an example wave say so (a Swedish source text, shown
# through kraftsamling.i18n.t on the pages; the files are Swedish).
EXAMPLE_BADGE = "Exempeldata"
