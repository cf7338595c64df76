"""Presentation mode: the short sequence of views shown at the February meeting.

Each step is a URL (`?present=1&steg=2`, with the shared filters), so a presenter can bookmark
or rehearse any step, and the sequence works with no network at all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    lead: str


# Titles and leads are Swedish source texts, shown through kraftsamling.i18n.t.
STEPS: tuple[Step, ...] = (
    Step("karta", "Var finns behoven?",
         "Rekryteringsbehov per 1 000 invånare 20–64 år i de kommuner som svarat."),
    Step("kluster", "Vilka yrken?",
         "Behovet per yrkeskluster, med det YH-utbud som redan finns i samma område."),
    Step("motiverade", "Vad motiverar en ansökan?",
         "Kandidater som når kraven när kommunerna går samman."),
    Step("grupp", "Vilka kommuner bär underlaget?",
         "En kandidat: kommunerna som bidrar och hur mycket."),
)  # fmt: skip


def step_number(raw: str | None) -> int:
    """The step a URL asks for, 1-based, clamped to the sequence; anything unreadable is 1."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), len(STEPS))
