"""Numbers in the current language (kraftsamling.i18n), formatted by babel.

Swedish (sv_SE): no-break space as thousands separator, comma as decimal sign and the minus
sign U+2212 ('−13 000,0'). English (en_GB): comma for thousands, point for decimals
('-13,000.0'). Rounding is exactly Python's for the float given (half to even on exact ties).
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from kraftsamling import i18n

THIN_SPACE = "\u00a0"  # non-breaking, so '12 345' never wraps
MINUS = "\u2212"


@lru_cache(maxsize=16)
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


@lru_cache(maxsize=4)
def _locale(language: str) -> Locale:
    return Locale.parse(i18n.LOCALES[language])


try:  # pandas' missing value, which small-cell protection puts in hidden cells
    from pandas import NA as _NA
except ImportError:  # pragma: no cover - pandas is a dependency
    _NA = object()


def number(value: float | int | None, decimals: int = 0, language: str | None = None) -> str:
    """`value` with `decimals` decimals in `language` (default: the current language)."""
    if value is None or value is _NA or (isinstance(value, float) and math.isnan(value)):
        return "–"  # missing, or hidden by small-cell protection (pages show '<3' themselves)
    language = language or i18n.current_language()
    if isinstance(value, numbers.Integral):
        return _formatted(int(value), decimals, language)
    if isinstance(value, numbers.Real | Decimal):
        # float.hex() keeps -0.0 apart from 0.0 in the cache
        return _formatted(float(value).hex(), decimals, language)
    return format(value, f",.{decimals}f")


@lru_cache(maxsize=65536)
def _formatted(value: int | str, decimals: int, language: str) -> str:
    # The exact value of the float, so babel rounds as Python's own formatting does.
    exact = Decimal(value) if isinstance(value, int) else Decimal(float.fromhex(value))
    text = _pattern(decimals).apply(exact, _locale(language))
    if language == "sv":
        text = text.replace("\u202f", THIN_SPACE).replace("-", MINUS)
    return text


def number_range(low: float, high: float, decimals: int = 0) -> str:
    return f"{number(low, decimals)}–{number(high, decimals)}"
