"""Municipalities grouped by need profile: which municipalities need the same mix of skills?

A municipality's *need profile* is the share of its total recruitment need that falls in each
occupation cluster (occupation field or MYH education area): Skellefteå and Sorsele can have the
same profile although Skellefteå's need is thirty times larger. Municipalities with alike
profiles are grouped with k-means (scikit-learn), and each group is described by the clusters
where its mean share lies furthest above the mean over all grouped municipalities.

The grouping keeps what it found as data (how k was chosen, each group's members and notable
differences); the sentences (``criterion``, ``descriptions``, ``caveat``) are written when they
are read, in the current language (kraftsamling.i18n) with numbers formatted for it. So one
cached grouping serves Swedish and English sessions alike.

No Streamlit and no database here: the page passes in a long frame of need by municipality and
cluster (``kommunkod``, ``name``, ``cluster``, ``recruits``) and shows what comes back.

    shares = profile_matrix(need_by_cluster, min_total=10)
    grouping = group_municipalities(shares)            # k chosen by the silhouette score
    grouping = group_municipalities(shares, k=4)       # k chosen by the user

Choices, in plain words:

- Shares are clustered as they are, not standardised. Every column is in the same unit (a
  fraction of the municipality's need), so a difference of ten percentage points means the same
  in every cluster. Standardising would blow up clusters that are nearly empty everywhere
  (Data/IT, Naturvetenskap: a fraction of a per cent on average) so that one or two answers
  there would weigh as much as the split between care and industry; on the example wave it
  halves the silhouette score and gives groups that are hard to describe.
- The number of groups, when the user does not choose it, is the k in ``k_range`` with the
  highest mean silhouette score (ties go to the smaller k). The scores for every k tried are
  kept, so the page can show them. A silhouette score of 0.25 or less means, by Kaufman and
  Rousseeuw's rule of thumb, that no substantial group structure was found, up to 0.50 that it
  is weak; ``Grouping.caveat`` says so in words.
- Groups are numbered 1..k by size (largest first), ties broken by the first municipality's
  name in Swedish alphabetical order, so the same data and seed always give the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from kraftsamling.fmt import number
from kraftsamling.i18n import t

DEFAULT_K_RANGE = range(2, 8)
N_INIT = 20
MAX_NAMES = 6  # municipality names listed in a description before "…"
MAX_ABOVE = 3  # clusters named where the group's share is above the regional mean
MAX_BELOW = 2  # clusters named where it is below
MIN_DIFFERENCE_PP = 2  # a difference smaller than this (rounded) is not worth a word
NO_STRUCTURE = 0.25  # Kaufman & Rousseeuw: at or below, no substantial structure
WEAK_STRUCTURE = 0.50  # at or below, weak structure


@dataclass(frozen=True)
class Choice:
    """How the number of groups was chosen: the facts behind ``Grouping.criterion``.

    how        'user' (k given), 'silhouette' (best score in k_range), 'too_few' (fewer than
               three municipalities, or no k could be scored: all in one group) or 'none' (no
               municipality to group)
    asked      the k the user asked for ('user' only)
    chosen     the k used
    score      the silhouette score of the chosen k, when there is one
    distinct   how many municipalities have different profiles ('user', when k was lowered)
    tried      the k values scored ('silhouette')
    limited    some k in k_range could not be tried for want of municipalities ('silhouette')
    n          how many municipalities were grouped
    """

    how: Literal["user", "silhouette", "too_few", "none"]
    chosen: int
    n: int
    asked: int | None = None
    score: float | None = None
    distinct: int | None = None
    tried: tuple[int, ...] = ()
    limited: bool = False

    def text(self) -> str:
        """The choice in words, in the current language."""
        if self.how == "none":
            return t("Inga kommuner har tillräckligt stort behov för att grupperas")
        if self.how == "too_few":
            return t(
                "För få kommuner med tillräckligt underlag ({n}) för att välja antal grupper "
                "med silhuettmått: alla i en grupp",
                n=number(self.n),
            )
        score = "" if self.score is None else number(self.score, 2)
        if self.how == "user":
            lowered = ""
            if self.chosen != self.asked:
                lowered = t(
                    ", sänkt till {chosen} eftersom bara {distinct} kommuner med tillräckligt "
                    "underlag har olika profiler",
                    chosen=number(self.chosen),
                    distinct=number(self.distinct),
                )
            return t(
                "Antal grupper valt av användaren (k = {k}{lowered}{score})",
                k=number(self.asked),
                lowered=lowered,
                score=t("; silhuettmått {score}", score=score) if score else "",
            )
        limited = (
            t(", eftersom bara {n} kommuner har tillräckligt underlag", n=number(self.n))
            if self.limited
            else ""
        )
        return t(
            "Antal grupper valt med silhuettmått ({score} för k = {k}; prövat {tried}{limited})",
            score=score,
            k=number(self.chosen),
            tried=_range_text(list(self.tried)),
            limited=limited,
        )


@dataclass(frozen=True)
class GroupProfile:
    """What sets one group apart: the facts behind its description.

    above  (cluster, percentage points) where the group's mean share lies notably above the
           mean over all grouped municipalities, largest first (at most MAX_ABOVE)
    below  the same below, furthest below first (at most MAX_BELOW)
    """

    group: int
    members: tuple[str, ...]
    above: tuple[tuple[str, float], ...] = ()
    below: tuple[tuple[str, float], ...] = ()

    def text(self) -> str:
        """One sentence on the group, in the current language."""
        count = len(self.members)
        listed = ", ".join(self.members[:MAX_NAMES]) + (", …" if count > MAX_NAMES else "")
        if self.above and self.below:
            text = t(
                "större andel {above} än regionen i snitt; mindre {below}",
                above=_listing(self.above),
                below=_listing(self.below, unit=False),
            )
        elif self.above:
            text = t("större andel {above} än regionen i snitt", above=_listing(self.above))
        elif self.below:
            text = t("mindre andel {below} än regionen i snitt", below=_listing(self.below))
        else:
            text = t(
                "liknar regionen i snitt; ingen andel skiljer {n} procentenheter eller mer",
                n=number(MIN_DIFFERENCE_PP),
            )
        return t(
            "Grupp {group} ({count}: {listed}): {text}.",
            group=self.group,
            count=t("{n} kommun", n=count) if count == 1 else t("{n} kommuner", n=count),
            listed=listed,
            text=text,
        )


@dataclass
class Grouping:
    """The result of :func:`group_municipalities`.

    labels        kommunkod -> group number (1..k), named "grupp", sorted by kommunkod
    k             number of groups
    choice        how k was chosen (the words: ``criterion``)
    silhouette    k -> mean silhouette score, for every k that could be tried
    centroids     group (1..k) x cluster: the members' mean shares
    profiles      group -> what sets it apart (the words: ``descriptions``)
    names         kommunkod -> municipality name, as used in the descriptions

    ``criterion``, ``descriptions`` and ``caveat`` are sentences in the current language,
    written when read.
    """

    labels: pd.Series
    k: int
    choice: Choice
    silhouette: dict[int, float]
    centroids: pd.DataFrame
    profiles: dict[int, GroupProfile]
    names: dict[str, str] = field(default_factory=dict)

    @property
    def criterion(self) -> str:
        """How k was chosen, with the score that chose it."""
        return self.choice.text()

    @property
    def descriptions(self) -> dict[int, str]:
        """Group -> a sentence naming what sets the group apart."""
        return {group: profile.text() for group, profile in self.profiles.items()}

    @property
    def caveat(self) -> str:
        """A warning when the silhouette score shows weak structure, else ""."""
        return _caveat(self.choice.score)

    def members(self, group: int) -> list[str]:
        """The names of a group's municipalities in Swedish alphabetical order."""
        codes = self.labels.index[self.labels == group]
        return sorted((self.names.get(c, c) for c in codes), key=swedish_key)


def swedish_key(name: str) -> str:
    """Sort key for Swedish names: å, ä, ö come after z, in that order."""
    return name.casefold().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}"}))


# ------------------------------------------------------------------------------ profiles
def profile_matrix(need_by_cluster: pd.DataFrame, min_total: int = 10) -> pd.DataFrame:
    """Municipalities x clusters: each municipality's need as shares of its total (rows sum to 1).

    ``need_by_cluster`` has one row per municipality and cluster with columns ``kommunkod``,
    ``name``, ``cluster`` and ``recruits``; several rows for the same pair are added up. Rows
    without a cluster (an occupation outside every cluster) are left out, since they say
    nothing about the mix.

    Only municipalities whose total need is at least ``min_total`` recruits are kept: with a
    handful of answers a profile is noise (three recruits make one cluster 33 % or 67 %), and
    such a municipality would be grouped by chance rather than by what it needs.

    The index is a MultiIndex (``kommunkod``, ``name``) sorted by kommunkod, so the names travel
    with the shares to :func:`group_municipalities`; the columns are the clusters, sorted.
    """
    needed = {"kommunkod", "name", "cluster", "recruits"}
    missing = needed - set(need_by_cluster.columns)
    if missing:
        raise ValueError(f"need_by_cluster saknar kolumnerna {sorted(missing)}")
    rows = need_by_cluster.loc[need_by_cluster["cluster"].notna(), list(needed)].copy()
    rows["kommunkod"] = rows["kommunkod"].astype(str)
    rows["name"] = rows["name"].astype(str)
    rows["cluster"] = rows["cluster"].astype(str)
    rows["recruits"] = pd.to_numeric(rows["recruits"]).astype(float)
    rows = rows[rows["recruits"] > 0]
    if rows.empty:
        return _empty_profile()
    # One name per kommunkod, so a spelling difference cannot split a municipality in two.
    names = rows.groupby("kommunkod", sort=True)["name"].first()
    counts = rows.pivot_table(
        index="kommunkod", columns="cluster", values="recruits", aggfunc="sum", fill_value=0.0
    )
    counts = counts.sort_index().sort_index(axis=1)
    totals = counts.sum(axis=1)
    counts = counts[totals >= min_total]
    if counts.empty:
        return _empty_profile()
    shares = counts.div(counts.sum(axis=1), axis=0)
    shares = shares.loc[:, (shares > 0).any(axis=0)]  # drop clusters nobody kept needs
    shares.index = pd.MultiIndex.from_arrays(
        [shares.index, names.reindex(shares.index).to_numpy()], names=["kommunkod", "name"]
    )
    shares.columns.name = "cluster"
    return shares


def _empty_profile() -> pd.DataFrame:
    index = pd.MultiIndex.from_arrays([[], []], names=["kommunkod", "name"])
    return pd.DataFrame(index=index, columns=pd.Index([], name="cluster"), dtype=float)


# ------------------------------------------------------------------------------ grouping
def group_municipalities(
    shares: pd.DataFrame,
    k: int | None = None,
    k_range: Iterable[int] = DEFAULT_K_RANGE,
    seed: int = 0,
    names: Mapping[str, str] | None = None,
) -> Grouping:
    """Group municipalities whose need profiles are alike (k-means on the shares).

    ``shares`` is :func:`profile_matrix`'s result (or any municipalities x clusters frame of
    shares indexed by kommunkod; then ``names`` maps kommunkod to name, else the codes are
    used as names). With ``k`` given, that many groups are made ("valt av användaren"); with
    ``k=None`` the k in ``k_range`` with the highest silhouette score is chosen. Silhouette
    scores are computed for every k in ``k_range`` (and the user's k) either way.

    Few municipalities: k can be at most the number of distinct profiles, so a larger k is
    lowered and the criterion says so; the silhouette score needs 2 <= k <= n - 1, so k_range
    is cut to that, and with fewer than three municipalities they all form one group. No
    municipalities gives an empty grouping (k = 0).

    Deterministic: the rows are sorted by kommunkod and the columns by name before k-means
    (``n_init=20``, ``random_state=seed``), and groups are renumbered by size, then name.
    """
    shares, names = _prepared(shares, names)
    n = len(shares)
    k_values = sorted({int(v) for v in k_range})
    if n == 0:
        return Grouping(
            labels=pd.Series([], index=pd.Index([], name="kommunkod"), name="grupp", dtype=int),
            k=0,
            choice=Choice("none", chosen=0, n=0),
            silhouette={},
            centroids=pd.DataFrame(columns=shares.columns, index=pd.Index([], name="grupp")),
            profiles={},
            names=names,
        )
    x = shares.to_numpy(dtype=float)
    distinct = len(np.unique(x.round(12), axis=0))

    results: dict[int, np.ndarray] = {}

    def fit(kk: int) -> np.ndarray:
        if kk not in results:
            results[kk] = _kmeans(x, kk, seed)
        return results[kk]

    silhouette: dict[int, float] = {}
    testable = [v for v in k_values if 2 <= v <= min(n - 1, distinct)]
    for kk in testable:
        score = _silhouette(x, fit(kk))
        if score is not None:
            silhouette[kk] = score

    if k is not None:
        if k < 1:
            raise ValueError("k måste vara minst 1")
        chosen = min(k, distinct)
        if 2 <= chosen <= n - 1 and chosen not in silhouette:
            score = _silhouette(x, fit(chosen))
            if score is not None:
                silhouette[chosen] = score
        choice = Choice(
            "user", chosen=chosen, n=n, asked=k, score=silhouette.get(chosen), distinct=distinct
        )
    elif silhouette:
        best = max(silhouette.values())
        chosen = min(kk for kk, s in silhouette.items() if s == best)
        choice = Choice(
            "silhouette",
            chosen=chosen,
            n=n,
            score=best,
            tried=tuple(sorted(silhouette)),
            limited=len(silhouette) < len(k_values),
        )
    else:
        chosen = 1
        choice = Choice("too_few", chosen=1, n=n)

    raw = np.zeros(n, dtype=int) if chosen == 1 else fit(chosen)
    labels = _renumbered(pd.Series(raw, index=shares.index), names)
    k_found = int(labels.nunique())
    centroids = shares.groupby(labels).mean()
    centroids.index.name = "grupp"
    overall = shares.mean(axis=0)
    profiles = {
        g: group_profile(g, _member_names(labels, g, names), centroids.loc[g], overall)
        for g in centroids.index
    }
    return Grouping(
        labels=labels,
        k=k_found,
        choice=choice,
        silhouette=silhouette,
        centroids=centroids,
        profiles=profiles,
        names=names,
    )


def _prepared(
    shares: pd.DataFrame, names: Mapping[str, str] | None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Shares indexed by kommunkod (sorted), columns sorted, and kommunkod -> name."""
    frame = shares.copy()
    if isinstance(frame.index, pd.MultiIndex) and "name" in frame.index.names:
        found = dict(
            zip(
                frame.index.get_level_values("kommunkod").astype(str),
                frame.index.get_level_values("name").astype(str),
                strict=True,
            )
        )
        frame.index = frame.index.get_level_values("kommunkod").astype(str)
    else:
        frame.index = frame.index.astype(str)
        found = {}
    if names:
        found.update({str(c): str(v) for c, v in names.items()})
    for code in frame.index:
        found.setdefault(code, code)
    frame.index.name = "kommunkod"
    frame = frame.fillna(0.0).sort_index().sort_index(axis=1)
    return frame, {c: found[c] for c in frame.index}


def _kmeans(x: np.ndarray, k: int, seed: int) -> np.ndarray:
    # One thread: 44 municipalities take milliseconds, and scikit-learn's OpenMP threads
    # spin-wait for each other on a busy server (1.6 s instead of 0.1 s for six k with 20
    # sessions' work beside them). The labels are the same.
    with threadpool_limits(limits=1, user_api="openmp"):
        return KMeans(n_clusters=k, n_init=N_INIT, random_state=seed).fit_predict(x)


def _silhouette(x: np.ndarray, labels: np.ndarray) -> float | None:
    found = len(np.unique(labels))
    if not 2 <= found <= len(x) - 1:
        return None
    return float(silhouette_score(x, labels))


def _renumbered(raw: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """Groups numbered 1..k: largest first, ties by the first member's name (Swedish order)."""
    order = sorted(
        raw.unique(),
        key=lambda g: (
            -int((raw == g).sum()),
            min(swedish_key(names[c]) for c in raw.index[raw == g]),
            min(raw.index[raw == g]),
        ),
    )
    mapping = {old: new for new, old in enumerate(order, start=1)}
    labels = raw.map(mapping).astype(int)
    labels.name = "grupp"
    return labels


def _member_names(labels: pd.Series, group: int, names: Mapping[str, str]) -> list[str]:
    return sorted((names[c] for c in labels.index[labels == group]), key=swedish_key)


def _range_text(values: list[int]) -> str:
    if len(values) == 1:
        return str(values[0])
    if values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]}–{values[-1]}"
    return ", ".join(str(v) for v in values)


def _caveat(score: float | None) -> str:
    """A warning in the current language when the silhouette score shows weak structure."""
    if score is None:
        return ""
    score = round(score, 2)  # judge the number the user reads
    if score <= NO_STRUCTURE:
        return t(
            "Silhuettmåttet {score} är högst {limit}: kommunernas profiler glider över i "
            "varandra utan tydliga grupper, så läs grupperna som en grov indelning.",
            score=number(score, 2),
            limit=number(NO_STRUCTURE, 2),
        )
    if score <= WEAK_STRUCTURE:
        return t(
            "Silhuettmåttet {score} visar en svag gruppstruktur: grupperna skiljer sig åt, men "
            "flera kommuner ligger nära gränsen till en annan grupp.",
            score=number(score, 2),
        )
    return ""


# ------------------------------------------------------------------------------ words
def group_profile(
    group: int, members: list[str], centroid: pd.Series, overall: pd.Series
) -> GroupProfile:
    """What sets a group apart from the region's mean profile.

    The group's mean share per cluster is compared with the mean share over all grouped
    municipalities (each municipality counts once, whatever its size). Up to three clusters
    where the group lies at least two percentage points above are kept, largest first, and
    up to two where it lies at least two points below.
    """
    diff = ((centroid - overall) * 100).reindex(overall.index).fillna(0.0)
    above = _notable(diff[diff > 0].sort_values(ascending=False, kind="stable"), MAX_ABOVE)
    below = _notable(diff[diff < 0].sort_values(ascending=True, kind="stable"), MAX_BELOW)
    return GroupProfile(group, tuple(members), tuple(above), tuple(below))


def _notable(diff: pd.Series, limit: int) -> list[tuple[str, float]]:
    return [(c, float(v)) for c, v in diff.items() if abs(v) >= MIN_DIFFERENCE_PP][:limit]


def _listing(items: Iterable[tuple[str, float]], unit: bool = True) -> str:
    """'A (+18 procentenheter), B (+6) och C (+4)': the unit once, after the first number."""
    texts = []
    for i, (cluster, value) in enumerate(items):
        sign = "+" if value > 0 else "−"
        amount = f"{sign}{number(abs(value))}"
        if unit and i == 0:
            amount = t("{amount} procentenheter", amount=amount)
        texts.append(f"{cluster} ({amount})")
    if len(texts) == 1:
        return texts[0]
    return ", ".join(texts[:-1]) + t(" och ") + texts[-1]
