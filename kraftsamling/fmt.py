"""Swedish number formatting: space as thousands separator, comma as decimal sign."""

from __future__ import annotations

import math

THIN_SPACE = "\u00a0"  # non-breaking, so '12 345' never wraps


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", THIN_SPACE).replace(".", ",").replace("-", "−")


def number_range(low: float, high: float, decimals: int = 0) -> str:
    return f"{number(low, decimals)}–{number(high, decimals)}"
