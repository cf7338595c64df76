"""Study locations and places per location for a justified application.

One application to MYH may name up to ten study locations (studieorter), with the programme's
places split between them, estimated together with the employers. For a candidate that is
Motiverad in a pool, the rule, in plain words:

- The locations are the municipalities that carry the need: those of the pool with a need,
  largest need first (then the lowest code), at most ten, and only those the split below gives
  at least one place. The user may pick the locations
  instead; a pick outside the pool is ignored, and only the first ten picks count.
- The class's places (the class size, not the need with its margin: the margin is for those
  who do not finish) are split over the locations in proportion to their need, by the
  largest-remainder method: every location gets the whole part of its share, and the places
  left over go to the largest remainders (ties: the larger need, then the lower code). The
  places add up to the class size. When no chosen location has a need, the places are split
  evenly in the same way.
- Beside the places: the LIA places a year the employers of the location offer, against the
  LIA places its students need (places × LIA places per student, rounded up). Distance students
  may do their LIA elsewhere in the pool; the LIA offered in the pool outside the locations is
  counted apart.

`propose` is a pure function over the candidate's rows per municipality (need and LIA), so the
page, the command line and the providers' view (fed only the figures it shows) share it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from kraftsamling import fmt
from kraftsamling.i18n import t

MAX_LOCATIONS = 10  # one application names at most ten study locations (MYH)


@dataclass(frozen=True)
class StudyLocation:
    kommunkod: str
    need: int  # the candidate's recruitment need in the municipality
    places: int  # the class's places at this location
    lia_places: int  # LIA places a year offered by the municipality's employers
    lia_required: int  # LIA places the location's students need

    @property
    def lia_enough(self) -> bool:
        return self.lia_places >= self.lia_required


@dataclass(frozen=True)
class Proposal:
    locations: tuple[StudyLocation, ...]
    class_size: int
    picked: bool  # True when the user chose the locations
    lia_elsewhere: int  # LIA places offered in the pool outside the locations
    left_out: tuple[str, ...]  # municipalities with a need that are no study location

    @property
    def places(self) -> int:
        return sum(location.places for location in self.locations)


def largest_remainder(weights: Sequence[float], total: int, order: Sequence) -> list[int]:
    """`total` split in proportion to `weights` (largest remainder; ties by `order`, smaller
    first). Equal shares when every weight is zero."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1] * len(weights)
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [math.floor(round(s, 9)) for s in shares]
    left = total - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] - parts[i]), order[i]))
    for i in by_remainder[:left]:
        parts[i] += 1
    return parts


def _per_municipality(contributions: pd.DataFrame, pool: Iterable[str] | None) -> pd.DataFrame:
    rows = contributions
    if pool is not None:
        rows = rows[rows["kommunkod"].isin(set(pool))]
    rows = rows.dropna(subset=["recruits"])  # a hidden figure (providers' view) cannot weigh
    figures = rows.groupby("kommunkod")[["recruits", "lia_places"]].sum()
    return figures.fillna(0).astype("int64")


def propose(
    contributions: pd.DataFrame,
    class_size: int,
    lia_per_student: float = 1.0,
    picks: Sequence[str] | None = None,
    pool: Iterable[str] | None = None,
) -> Proposal:
    """The study locations of a candidate and the places per location (see the module
    docstring). `contributions` has the candidate's rows with `kommunkod`, `recruits` and
    `lia_places`; `pool` narrows them (all rows when None); `picks` are the user's locations."""
    figures = _per_municipality(contributions, pool)
    with_need = figures[figures["recruits"] > 0]
    ranked = sorted(with_need.index, key=lambda code: (-int(with_need.at[code, "recruits"]), code))
    chosen: list[str] = []
    if picks:
        for code in picks:
            if code in figures.index and code not in chosen:
                chosen.append(code)
        chosen = chosen[:MAX_LOCATIONS]
    picked = bool(chosen)
    if not picked:
        chosen = ranked[:MAX_LOCATIONS]
    needs = [int(figures.at[code, "recruits"]) for code in chosen]
    order = [(-need, code) for need, code in zip(needs, chosen, strict=True)]
    places = largest_remainder(needs, class_size, order)
    if not picked:  # a proposed location the split gives no place is no location
        kept = [i for i, share in enumerate(places) if share > 0]
        chosen, needs, places = ([v[i] for i in kept] for v in (chosen, needs, places))
    locations = tuple(
        StudyLocation(
            kommunkod=code,
            need=need,
            places=share,
            lia_places=int(figures.at[code, "lia_places"]),
            lia_required=math.ceil(round(share * lia_per_student, 9)),
        )
        for code, need, share in zip(chosen, needs, places, strict=True)
    )
    elsewhere = int(figures.loc[~figures.index.isin(chosen), "lia_places"].sum())
    left_out = tuple(code for code in ranked if code not in chosen)
    return Proposal(locations, class_size, picked, elsewhere, left_out)


# --- In words and as a table (the finder's page) ---------------------------------------------


def rule() -> str:
    """The rule in words, in the current language."""
    return t(
        "En ansökan kan namnge högst tio studieorter. Förslaget tar kommunerna med störst behov "
        "och fördelar klassens platser efter behovet (största rest), så att de blir lika många "
        "som klasstorleken. Välj egna orter för att pröva en annan fördelning."
    )


def summary(proposal: Proposal, names: dict[str, str]) -> str:
    """The proposal in one or two sentences, in the current language."""
    text = t(
        "{count} studieorter med sammanlagt {places} platser ({class_size} i klassen).",
        count=fmt.number(len(proposal.locations)),
        places=fmt.number(proposal.places),
        class_size=fmt.number(proposal.class_size),
    )
    short = [s for s in proposal.locations if not s.lia_enough]
    if short:
        text += " " + t(
            "LIA-platserna räcker inte till platserna i {places}.",
            places=", ".join(names.get(s.kommunkod, s.kommunkod) for s in short),
        )
    if proposal.left_out:
        text += " " + t(
            "{count} kommuner med behov är ingen studieort; deras studerande läser på distans "
            "vid en av orterna.",
            count=fmt.number(len(proposal.left_out)),
        )
    if proposal.lia_elsewhere:
        text += " " + t(
            "Utanför studieorterna erbjuds {lia} LIA-platser i gruppen.",
            lia=fmt.number(proposal.lia_elsewhere),
        )
    return text


def table(proposal: Proposal, names: dict[str, str]) -> pd.DataFrame:
    """One row per study location, with translated headers."""
    locations = proposal.locations
    return pd.DataFrame(
        {
            t("Studieort"): [names.get(s.kommunkod, s.kommunkod) for s in locations],
            t("Behov"): pd.array([s.need for s in locations], dtype="int64"),
            t("Platser"): pd.array([s.places for s in locations], dtype="int64"),
            t("LIA-platser"): pd.array([s.lia_places for s in locations], dtype="int64"),
            t("LIA-platser som krävs"): pd.array(
                [s.lia_required for s in locations], dtype="int64"
            ),
            t("LIA räcker"): [t("ja") if s.lia_enough else t("nej") for s in locations],
        }
    )


def in_words(proposal: Proposal, names: dict[str, str]) -> str:
    """The locations on one line, as the page's table lists them (the `assess` command's
    column): 'Umeå: 12 platser, LIA 10 av 12; …', in the current language."""
    return "; ".join(
        t(
            "{name}: {places} platser, LIA {lia} av {required}",
            name=names.get(s.kommunkod, s.kommunkod),
            places=fmt.number(s.places),
            lia=fmt.number(s.lia_places),
            required=fmt.number(s.lia_required),
        )
        for s in proposal.locations
    )
