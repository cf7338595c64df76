"""Which occupations YH trains for, and the MYH education area each occupation competes in.
The rules, in one place (issue 10, parts 1 and 2).

MYH's decisions name programmes, not occupations. We link each programme to an occupation
(Af-SSYK 4) by its name, in this order (the first rule that gives one occupation wins):

1. **Title**: the longest run of the programme name's first words that equals an occupation
   title (yrkesbenämning) of Arbetsförmedlingen's taxonomy, or the part of a title before its
   comma, "inom", "med", "för" or "i" ("Tandsköterska" → 5350, "Specialistundersköterska inom
   psykiatri" → 5323). A title shared by several occupations links nothing. A programme name
   with alternatives ("Network Engineer - Nätverksspecialist", "Bygglovshandläggare/
   Byggnadsinspektör") is tried part by part.
2. **Keyword** (our own judgement, `data/yh_programme_keyword.csv`, a note per row): the longest
   hand-kept keyword the name contains ("javautvecklare", "vårdadministratör"), for the
   programme names most often applied for that no title reaches.
3. **Compound**: the first or second word ends in a one-word title of at least 7 letters
   ("Specialistbarnskötare" ends in the title "barnskötare", 5311), except a few generic words
   (`GENERIC`: "assistent", "medarbetare", …).

Every application in 2018–2025 (granted or not) is linked or left out; `myh_programme_occupation`
keeps each link with the rule and the text that made it.

**Education path** per occupation (`education_path`), first rule that applies:

1. A hand-kept override (`data/education_path_override.csv`, a source note per row): licensed
   professions (Socialstyrelsen's list of the 22 professions with legitimation; teachers and
   förskollärare with a teaching certificate from Skolverket) → `hogskola`; the protected title
   undersköterska (5321, 5323; protected since 1 July 2023, requires the upper-secondary care
   programme or komvux) → `gymnasie`, although MYH grants specialist programmes for staff who
   already hold the title (their names still count and show as examples).
2. At least `MIN_GRANTED` (3) granted applications linked to it 2018–2025 → `yh`: MYH has
   repeatedly judged that YH trains for it.
3. Otherwise the SSYK 2012 skill level of its major group: 2 (advanced higher education) →
   `hogskola`; 4–8 (upper-secondary level) → `gymnasie`; 0, 1, 3 and 9 (the military,
   managers, the mixed level 3 group with too few YH programmes, elementary occupations) →
   `annan`.

**Education area** per occupation (`ssyk4_education_area`): the MYH area where the
applications linked to it are filed, by majority (ties: the alphabetically first area), with
the counts per area kept; an occupation with fewer than `MIN_AREA` (2) linked applications (one
can be a chance link) takes a hand-kept override
(`data/ssyk4_education_area_override.csv`, a note per row), else the area of its occupation field
(`data/occupation_field_education_area.csv`, our crosswalk, as before).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

YH, HOGSKOLA, GYMNASIE, ANNAN = "yh", "hogskola", "gymnasie", "annan"
PATHS = (YH, HOGSKOLA, GYMNASIE, ANNAN)
# Swedish source texts, shown through kraftsamling.i18n.t
PATH_LABELS = {
    YH: "Yrkeshögskola",
    HOGSKOLA: "Högskola/universitet",
    GYMNASIE: "Gymnasieskola/komvux",
    ANNAN: "Annan väg",
}
MIN_GRANTED = 3  # granted applications linked to an occupation for path 'yh'
MIN_COMPOUND = 7  # letters of a one-word title that may end a compound word
# one-word titles that end many compounds without naming the occupation ("IT-Servicedesk-
# medarbetare" is not a shop assistant): never matched as the end of a compound
GENERIC = frozenset(
    {
        "assistent",
        "medarbetare",
        "administratör",
        "handläggare",
        "samordnare",
        "specialist",
        "konsult",
        "kommissarie",
        "utvecklare",
        "ledare",
    }
)
MIN_AREA = 2  # linked applications for the majority rule of the education area
EXAMPLES = 3  # example programme names kept per occupation
# SSYK 2012 major group → path when no override and too few YH programmes (skill level)
BY_MAJOR_GROUP = {
    "0": ANNAN,
    "1": ANNAN,
    "2": HOGSKOLA,
    "3": ANNAN,
    "4": GYMNASIE,
    "5": GYMNASIE,
    "6": GYMNASIE,
    "7": GYMNASIE,
    "8": GYMNASIE,
    "9": ANNAN,
}

_SPLIT = re.compile(r"\s+[-–]\s+|/")
_CUT = re.compile(r"\s+(?:inom|med|för|i)\s+")


def normalised(text: str) -> str:
    text = text.lower().replace("&", " och ")
    return " ".join(re.sub(r"[^\wåäöéü]+", " ", text).split())


def title_keys(titles: pd.DataFrame) -> dict[str, str]:
    """Normalised title (and title head) → the one occupation it names; shared keys dropped."""
    keys: dict[str, set[str]] = defaultdict(set)
    for title, ssyk4 in zip(titles["title"], titles["ssyk4"], strict=True):
        for alternative in title.split("/"):
            head = alternative.split(",")[0]
            for key in (alternative, head, _CUT.split(head)[0]):
                if normalised(key):
                    keys[normalised(key)].add(ssyk4)
    return {key: next(iter(codes)) for key, codes in keys.items() if len(codes) == 1}


class Matcher:
    """Links a programme name to one occupation by the rules in the module's docstring."""

    def __init__(self, titles: pd.DataFrame, keywords: pd.DataFrame):
        self.titles = title_keys(titles)
        self.single = {
            k: c
            for k, c in self.titles.items()
            if " " not in k and len(k) >= MIN_COMPOUND and k not in GENERIC
        }
        pairs = zip(keywords["keyword"], keywords["ssyk4"], strict=True)
        self.keywords = sorted(((normalised(k), c) for k, c in pairs), key=lambda p: -len(p[0]))

    def match(self, name: str) -> tuple[str, str, str] | None:
        """(ssyk4, rule, the text that matched) or None."""
        best = None
        for part in [name, *_SPLIT.split(name)]:
            words = normalised(part).split()
            for n in range(len(words), 0, -1):
                key = " ".join(words[:n])
                if key in self.titles:
                    if best is None or len(key) > len(best[2]):
                        best = (self.titles[key], "titel", key)
                    break
        if best:
            return best
        text = f" {normalised(name)} "
        for keyword, ssyk4 in self.keywords:
            if keyword in text:
                return (ssyk4, "nyckelord", keyword)
        for word in normalised(name).split()[:2]:
            for start in range(1, len(word) - MIN_COMPOUND + 1):
                if word[start:] in self.single:
                    return (self.single[word[start:]], "sammansättning", word[start:])
        return None


def programme_occupations(applications: pd.DataFrame, matcher: Matcher) -> pd.DataFrame:
    """One row per linked application: round, diarienummer, ssyk4, rule, matched_text."""
    names = applications["programme_name"].fillna("").drop_duplicates()
    found = {name: matcher.match(name) for name in names}
    rows = [
        (r, d, *found[n])
        for r, d, n in zip(
            applications["round"],
            applications["diarienummer"],
            applications["programme_name"].fillna(""),
            strict=True,
        )
        if found[n]
    ]
    frame = pd.DataFrame(rows, columns=["round", "diarienummer", "ssyk4", "rule", "matched_text"])
    return frame.sort_values(["round", "diarienummer"]).reset_index(drop=True)


def _examples(names: pd.Series) -> str:
    counts = Counter(names)
    top = sorted(counts, key=lambda n: (-counts[n], n))[:EXAMPLES]
    return "; ".join(top)


def education_paths(
    occupations: pd.DataFrame,
    applications: pd.DataFrame,
    links: pd.DataFrame,
    overrides: pd.DataFrame,
) -> pd.DataFrame:
    """Every Af-SSYK 4 occupation (`occupations`: ssyk4) with its path, the rule that gave it,
    the linked applications and granted ones 2018–2025, example programme names and the note."""
    linked = links.merge(
        applications[["round", "diarienummer", "granted", "programme_name"]],
        on=["round", "diarienummer"],
        validate="1:1",
    )
    per = linked.groupby("ssyk4").agg(
        yh_applications=("diarienummer", "size"), yh_granted=("granted", "sum")
    )
    granted_names = linked[linked["granted"]].groupby("ssyk4")["programme_name"].agg(_examples)
    override = overrides.set_index("ssyk4")
    rows = []
    for ssyk4 in sorted(occupations["ssyk4"]):
        applied = int(per["yh_applications"].get(ssyk4, 0))
        granted = int(per["yh_granted"].get(ssyk4, 0))
        if ssyk4 in override.index:
            path, basis, note = (
                override.loc[ssyk4, "education_path"],
                "egen bedömning",
                override.loc[ssyk4, "source_note"],
            )
        elif granted >= MIN_GRANTED:
            path, basis = YH, "MYH:s beslut"
            note = f"{granted} beviljade YH-utbildningar 2018–2025 leder till yrket"
        else:
            path, basis = BY_MAJOR_GROUP[ssyk4[0]], "SSYK-nivå"
            note = f"färre än {MIN_GRANTED} beviljade YH-utbildningar; SSYK:s huvudgrupp {ssyk4[0]}"
        rows.append(
            {
                "ssyk4": ssyk4,
                "education_path": path,
                "basis": basis,
                "yh_applications": applied,
                "yh_granted": granted,
                "example_programmes": granted_names.get(ssyk4, ""),
                "source_note": note,
            }
        )
    frame = pd.DataFrame(rows)
    unknown = set(frame["education_path"]) - set(PATHS)
    if unknown:
        raise ValueError(f"Okänd utbildningsväg: {sorted(unknown)}")
    return frame


def education_areas(
    occupations: pd.DataFrame,
    applications: pd.DataFrame,
    links: pd.DataFrame,
    overrides: pd.DataFrame,
    field_areas: pd.DataFrame,
) -> pd.DataFrame:
    """Every occupation (`occupations`: ssyk4, occupation_field) with its MYH education area:
    majority of its linked applications' areas (counts kept in `area_counts`), else the
    override, else its occupation field's area."""
    linked = links.merge(
        applications[["round", "diarienummer", "education_area"]],
        on=["round", "diarienummer"],
        validate="1:1",
    )
    counts = linked.groupby(["ssyk4", "education_area"]).size().rename("n").reset_index()
    override = overrides.set_index("ssyk4")
    by_field = dict(
        zip(field_areas["occupation_field"], field_areas["education_area"], strict=True)
    )
    rows = []
    for ssyk4, field in sorted(
        zip(occupations["ssyk4"], occupations["occupation_field"], strict=True)
    ):
        own = counts[counts["ssyk4"] == ssyk4].sort_values(
            ["n", "education_area"], ascending=[False, True]
        )
        text = "; ".join(f"{a} {n}" for a, n in zip(own["education_area"], own["n"], strict=True))
        if own["n"].sum() >= MIN_AREA:
            area, basis = own["education_area"].iloc[0], "MYH:s beslut"
        elif ssyk4 in override.index:
            area, basis = override.loc[ssyk4, "education_area"], "egen bedömning"
        else:
            area, basis = by_field.get(field), "yrkesområde"
        in_area = int(own.loc[own["education_area"] == area, "n"].sum())
        rows.append(
            {
                "ssyk4": ssyk4,
                "education_area": area,
                "basis": basis,
                "applications_in_area": in_area,
                "applications": int(own["n"].sum()),
                "area_counts": text,
            }
        )
    return pd.DataFrame(rows)


def read_hand_kept(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
