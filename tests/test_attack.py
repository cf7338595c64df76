"""The attack: a determined reader of the providers' view, without logging in, steps every
threshold of the application finder through its whole range and reads every candidate's table
and evidence pack, to work out hidden figures (cells from fewer than N respondents).

Black-box: the reader sees only what the finder page (pages/ansokningsunderlag.py) shows,
built through the same functions the page calls (`provider_finder` below is the one place that
knows them). The survey's true cells (the administrators' query) are used only to score the
reader's guesses.

What the reader does, per candidate:
- "För litet ensam, tillräckligt tillsammans" says at least how many municipalities it takes
  (`Kommuner som krävs (minst)`): the fewest of the candidate's municipalities, largest first,
  whose need reaches the requirement. Stepping the class size (`klass` 5..100) with
  `marginal=0&arbetsgivare=1&lia=0.0&minkommuner=1` reads off where that number steps up: the
  cumulative sums of the candidate's contributions in the order the contributions table lists
  them;
- the contributions table (`?kandidat=`) lists the municipalities, some figures shown;
- the evidence pack prints "Största kommunens behov";
- the candidate's total is in the results table.
From these it solves for the hidden rows, and keeps a solution only if it agrees with every
observation (non-negative, in the table's order, every stepped count reproduced).

Before the stored publication (issue 11), on the example wave, at 0-5 years, the reader
recovered 603 of the 867 hidden occupation rows (550 of them from fewer than 3 respondents)
and 58 of the 190 hidden cluster rows (54 from fewer than 3): `python -m tests.test_attack DB`
prints the reader's score for every horizon and level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd
import pytest

from kraftsamling.assessment import Thresholds
from kraftsamling.selection import Selection
from tests.helpers import REGION_CODES

N = 3
CLASS_SIZES = range(5, 101)  # the finder's `klass` input, 5..100
STEPPED = Thresholds(dropout_margin=0.0, min_employers=1, lia_per_student=0.0, min_municipalities=1)


@dataclass
class Seen:
    """What the providers' view shows about one candidate."""

    total: int | None = None  # results table, `Behov`
    rows: list[tuple[str, int | None]] | None = None  # contributions table, in its order
    largest: int | None = None  # evidence pack, "Största kommunens behov"
    needed: dict[int, int] = field(default_factory=dict)  # class size -> kommuner som krävs


def _number(value) -> int | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        digits = re.sub(r"\D", "", value)
        return int(digits) if digits else None
    return int(value)


def provider_finder(con, selection: Selection, level: str) -> dict[str, Seen]:
    """Everything the finder page shows a provider about every candidate, over every class
    size, through the functions the page calls."""
    from functools import partial

    from kraftsamling import assessment, queries
    from kraftsamling.privacy import view
    from kraftsamling.views import ansokningsunderlag

    run = partial(queries.run, con)
    published = view.load(run, selection.wave_id, selection.horizon)
    rows = view.candidate_rows(run, published, selection, level)
    hidden = view.hidden_candidates(run, published, selection, level)
    pool = list(selection.kommunkoder)
    names = {code: code for code in REGION_CODES}
    supply = pd.DataFrame(columns=["education_area", "granted", "granted_distance"])
    seen: dict[str, Seen] = {}
    for a in assessment.assess_all(rows, pool, Thresholds()):
        s = seen.setdefault(a.candidate_id, Seen())
        table = ansokningsunderlag.results_table([a], supply, N, hidden)
        s.total = _number(table.iloc[0]["Behov"])
        if not (ansokningsunderlag.contributors(a) < N or a.candidate_id in hidden):
            shown = view.contributions(run, published, selection, level, a.candidate_id)
            s.rows = [
                (code, _number(v))
                for code, v in zip(shown["kommunkod"], shown["recruits"], strict=True)
            ]
        pack = view.pack_assessment(run, published, selection, level, a)
        s.largest = pack.max_alone
    for size in CLASS_SIZES:
        results = assessment.assess_all(rows, pool, replace(STEPPED, class_size=size))
        by_label = {a.label: a.candidate_id for a in results}
        table = ansokningsunderlag.only_pooled(results, names, N, hidden)
        if table.empty or "Kommuner som krävs (minst)" not in table:
            continue
        for label, needed in zip(
            table["Kandidat"], table["Kommuner som krävs (minst)"], strict=True
        ):
            if needed is not None and not pd.isna(needed):
                seen[by_label[label]].needed[size] = int(needed)
    return seen


def recover(s: Seen) -> dict[str, int]:
    """The hidden rows' figures the reader can work out, by municipality."""
    if not s.rows:
        return {}
    k = len(s.rows)
    value = {i: v for i, (_, v) in enumerate(s.rows) if v is not None}
    sums = {0: 0}  # sums[i]: the first i rows together
    if s.total is not None:
        sums[k] = s.total
    if s.largest is not None:
        value.setdefault(0, s.largest)
    for size, count in s.needed.items():
        after = s.needed.get(size + 1)
        if after is not None and after > count:  # the sums of rows count..after-1 are `size`
            for i in range(count, after):
                sums[i] = size
    changed = True
    while changed:
        changed = False
        for i in range(k):
            if i not in value and i in sums and i + 1 in sums:
                value[i] = sums[i + 1] - sums[i]
                changed = True
            if i in value and i in sums and i + 1 not in sums:
                sums[i + 1] = sums[i] + value[i]
                changed = True
            if i in value and i + 1 in sums and i not in sums:
                sums[i] = sums[i + 1] - value[i]
                changed = True
    if not _consistent(s, value, sums, k):
        return {}
    return {s.rows[i][0]: value[i] for i in value if s.rows[i][1] is None}


def _consistent(s: Seen, value: dict[int, int], sums: dict[int, int], k: int) -> bool:
    """The solution agrees with all that was seen: no negative need, the rows in the table's
    order (largest first), and every stepped count reproduced where the sums are known."""
    if any(v < 0 for v in value.values()):
        return False
    known = sorted(value)
    if any(value[a] < value[b] for a, b in zip(known, known[1:], strict=False)):
        return False
    for i in range(k):
        if i in sums and i + 1 in sums and i in value and sums[i + 1] - sums[i] != value[i]:
            return False
    for size, count in s.needed.items():
        if count - 1 in sums and sums[count - 1] >= size:
            return False
        if count in sums and sums[count] < size:
            return False
    return True


def truth(con, selection: Selection, level: str) -> pd.DataFrame:
    """The true cells (administrators' query): candidate, municipality, need, respondents."""
    from kraftsamling import db

    cursor = db.cursor(con)
    try:
        return cursor.execute(
            "SELECT CASE $level WHEN 'cluster' THEN 'kluster:' || cluster "
            "ELSE 'yrke:' || ssyk4 END AS candidate_id, kommunkod, "
            "CAST(sum(recruits) AS BIGINT) AS recruits, "
            "count(DISTINCT respondent_id) AS contributors "
            "FROM filtered_need($wave_id, $horizons, $kommunkoder, $org_kinds, $sni_sections, "
            "$scheme, $cluster, $ssyk4, $post_secondary_only, $yh_only) GROUP BY ALL",
            {**selection.need_params(), "level": level},
        ).df()
    finally:
        cursor.close()


def attack(con, wave_id: str, horizon: str, level: str) -> dict[str, int]:
    """The reader's score for one horizon and level: hidden cells (shown as hidden in the
    candidates' tables), those recovered exactly, and those of them from fewer than N."""
    selection = Selection(wave_id=wave_id, horizon=horizon, kommunkoder=tuple(REGION_CODES))
    cells = truth(con, selection, level).set_index(["candidate_id", "kommunkod"])
    score = {"hidden": 0, "recovered": 0, "recovered_small": 0}
    for candidate, s in provider_finder(con, selection, level).items():
        score["hidden"] += sum(1 for _, v in s.rows or [] if v is None)
        for kommunkod, guess in recover(s).items():
            if (candidate, kommunkod) not in cells.index:
                continue
            cell = cells.loc[(candidate, kommunkod)]
            if int(cell["recruits"]) == guess:
                score["recovered"] += 1
                score["recovered_small"] += int(0 < cell["contributors"] < N)
    return score


@pytest.mark.parametrize("level", ["ssyk4", "cluster"])
@pytest.mark.parametrize("horizon", ["0-5", "0-1", "3-5"])
def test_a_reader_stepping_every_threshold_learns_no_figure_from_fewer_than_n(
    con, example_wave_id, monkeypatch, horizon, level
):
    monkeypatch.setenv("KRAFTSAMLING_MIN_RESPONDENTS", str(N))
    score = attack(con, example_wave_id, horizon, level)
    print(f"attack {horizon} {level}: {score}")
    assert score["recovered_small"] == 0, score
    assert score["recovered"] == 0, score


def test_the_reader_recovers_hidden_rows_when_the_page_ranks_them_by_value():
    """The reader is no straw man: shown the page as it was before the stored publication
    (hidden rows in the order of their true need, the minimum number of municipalities from
    the true values), it works out every hidden row."""
    values = [("a", 20), ("b", None), ("c", None), ("d", 4)]  # true: b 9, c 6
    true = [20, 9, 6, 4]
    seen = Seen(total=sum(true), rows=values, largest=20)
    for size in CLASS_SIZES:
        reached = [i + 1 for i in range(len(true)) if sum(true[: i + 1]) >= size]
        if reached and true[0] < size <= sum(true):
            seen.needed[size] = reached[0]
    assert recover(seen) == {"b": 9, "c": 6}


if __name__ == "__main__":  # the figures for the closing note: python -m tests.test_attack DB
    import sys

    from kraftsamling import db

    with db.connect_readonly(sys.argv[1]) as connection:
        wave = connection.execute("SELECT wave_id FROM wave WHERE is_example").fetchone()[0]
        for horizon in ["0-5", "0-3", "0-1", "1-3", "3-5"]:
            for level in ["ssyk4", "cluster"]:
                print(horizon, level, attack(connection, wave, horizon, level))
