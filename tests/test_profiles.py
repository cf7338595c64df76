"""Municipalities grouped by need profile: shares, k-means groups and words that explain them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kraftsamling import db
from kraftsamling.profiles import Grouping, group_municipalities, profile_matrix

GÄLLIVARE, KIRUNA = "2523", "2584"

# Three obvious kinds of municipality. The shares are the expected mix; counts are drawn around it.
PROFILES = {
    "Gruvort": {
        "Industriell tillverkning": 0.45,
        "Installation, drift, underhåll": 0.20,
        "Hälso- och sjukvård": 0.15,
        "Pedagogik": 0.10,
        "Hotell, restaurang, storhushåll": 0.05,
        "Yrken med social inriktning": 0.05,
    },
    "Vårdort": {
        "Industriell tillverkning": 0.05,
        "Installation, drift, underhåll": 0.05,
        "Hälso- och sjukvård": 0.50,
        "Pedagogik": 0.15,
        "Hotell, restaurang, storhushåll": 0.05,
        "Yrken med social inriktning": 0.20,
    },
    "Turistort": {
        "Industriell tillverkning": 0.03,
        "Installation, drift, underhåll": 0.07,
        "Hälso- och sjukvård": 0.15,
        "Pedagogik": 0.10,
        "Hotell, restaurang, storhushåll": 0.55,
        "Yrken med social inriktning": 0.10,
    },
}
SIZES = {"Gruvort": 8, "Vårdort": 6, "Turistort": 4}  # different sizes: numbering by size shows
DISTINGUISHING = {
    "Gruvort": "Industriell tillverkning",
    "Vårdort": "Hälso- och sjukvård",
    "Turistort": "Hotell, restaurang, storhushåll",
}


def synthetic_need(seed: int = 7) -> pd.DataFrame:
    """Long need by municipality and cluster for the three kinds, with multinomial noise."""
    rng = np.random.default_rng(seed)
    rows = []
    code = 9000
    for kind, mix in PROFILES.items():
        clusters = list(mix)
        p = np.array([mix[c] for c in clusters])
        for i in range(1, SIZES[kind] + 1):
            code += 1
            total = int(rng.integers(80, 400))
            counts = rng.multinomial(total, p)
            for cluster, count in zip(clusters, counts, strict=True):
                if count > 0:
                    rows.append((str(code), f"{kind} {i}", cluster, int(count)))
    return pd.DataFrame(rows, columns=["kommunkod", "name", "cluster", "recruits"])


def kind_of(name: str) -> str:
    return name.split(" ")[0]


def groups_by_kind(grouping: Grouping, need: pd.DataFrame) -> dict[str, set[int]]:
    names = need.drop_duplicates("kommunkod").set_index("kommunkod")["name"]
    found: dict[str, set[int]] = {}
    for code, group in grouping.labels.items():
        found.setdefault(kind_of(names[code]), set()).add(int(group))
    return found


# ------------------------------------------------------------------------------ shares
def test_a_profile_is_each_municipalitys_need_as_shares_that_sum_to_one():
    need = synthetic_need()
    shares = profile_matrix(need)
    assert len(shares) == sum(SIZES.values())
    assert np.allclose(shares.sum(axis=1), 1.0)
    assert list(shares.columns) == sorted(shares.columns)
    assert shares.index.names == ["kommunkod", "name"]
    # The shares are the counts divided by the municipality's total.
    first = need[need["kommunkod"] == "9001"].set_index("cluster")["recruits"]
    row = shares.xs("9001", level="kommunkod").iloc[0]
    for cluster, count in first.items():
        assert row[cluster] == pytest.approx(count / first.sum())


def test_municipalities_with_too_little_need_are_left_out_of_the_profiles():
    need = pd.DataFrame(
        [
            ("0001", "Stor", "Pedagogik", 8),
            ("0001", "Stor", "Hälso- och sjukvård", 4),
            ("0002", "Liten", "Pedagogik", 3),
            ("0002", "Liten", "Hälso- och sjukvård", 6),
            ("0003", "Lagom", "Pedagogik", 10),
        ],
        columns=["kommunkod", "name", "cluster", "recruits"],
    )
    shares = profile_matrix(need, min_total=10)
    assert list(shares.index.get_level_values("kommunkod")) == ["0001", "0003"]
    assert shares.loc[("0001", "Stor"), "Pedagogik"] == pytest.approx(8 / 12)
    assert list(profile_matrix(need, min_total=9).index.get_level_values("kommunkod")) == [
        "0001",
        "0002",
        "0003",
    ]
    assert profile_matrix(need, min_total=100).empty


# ------------------------------------------------------------------------------ groups
def test_three_obvious_profiles_are_found_as_three_groups_chosen_by_silhouette():
    need = synthetic_need()
    grouping = group_municipalities(profile_matrix(need))
    assert grouping.k == 3
    assert max(grouping.silhouette, key=grouping.silhouette.get) == 3
    assert sorted(grouping.silhouette) == list(range(2, 8))
    assert grouping.criterion.startswith("Antal grupper valt med silhuettmått (")
    assert "för k = 3; prövat 2–7)" in grouping.criterion
    # Every kind of municipality is one group of its own.
    found = groups_by_kind(grouping, need)
    assert all(len(groups) == 1 for groups in found.values()), found
    assert len({next(iter(groups)) for groups in found.values()}) == 3


def test_each_group_is_described_by_the_cluster_that_sets_it_apart():
    need = synthetic_need()
    grouping = group_municipalities(profile_matrix(need))
    found = groups_by_kind(grouping, need)
    for kind, cluster in DISTINGUISHING.items():
        group = next(iter(found[kind]))
        text = grouping.descriptions[group]
        assert text.startswith(f"Grupp {group} ({SIZES[kind]} kommuner: ")
        # The distinguishing cluster is named first among the larger shares.
        assert f"större andel {cluster} (+" in text, text
        assert "procentenheter" in text
    mining = grouping.descriptions[next(iter(found["Gruvort"]))]
    # Eight members: six names, then an ellipsis.
    assert "Gruvort 1, Gruvort 2, Gruvort 3, Gruvort 4, Gruvort 5, Gruvort 6, …)" in mining


def test_the_centroids_are_the_members_mean_shares():
    need = synthetic_need()
    shares = profile_matrix(need)
    grouping = group_municipalities(shares)
    flat = shares.droplevel("name")
    for group in grouping.centroids.index:
        members = grouping.labels.index[grouping.labels == group]
        expected = flat.loc[members].mean()
        assert np.allclose(grouping.centroids.loc[group, expected.index], expected)


def test_a_number_of_groups_chosen_by_the_user_is_respected():
    shares = profile_matrix(synthetic_need())
    grouping = group_municipalities(shares, k=4)
    assert grouping.k == 4
    assert sorted(grouping.labels.unique()) == [1, 2, 3, 4]
    assert grouping.criterion.startswith("Antal grupper valt av användaren (k = 4")
    assert 4 in grouping.silhouette
    assert len(grouping.descriptions) == 4


def test_groups_are_numbered_by_size_and_the_same_data_gives_the_same_labels():
    need = synthetic_need()
    first = group_municipalities(profile_matrix(need))
    again = group_municipalities(profile_matrix(need))
    shuffled = group_municipalities(profile_matrix(need.sample(frac=1, random_state=3)))
    pd.testing.assert_series_equal(first.labels, again.labels)
    pd.testing.assert_series_equal(first.labels, shuffled.labels)
    assert first.descriptions == shuffled.descriptions
    sizes = first.labels.value_counts().sort_index()
    assert list(sizes) == sorted(sizes, reverse=True)
    # The largest kind (eight mining towns) is group 1, the smallest (four resorts) group 3.
    found = groups_by_kind(first, need)
    assert found == {"Gruvort": {1}, "Vårdort": {2}, "Turistort": {3}}


def test_fewer_municipalities_than_groups_still_gives_a_sensible_grouping():
    need = synthetic_need()
    few = need[need["kommunkod"].isin(["9001", "9009", "9015"])]
    shares = profile_matrix(few)
    by_user = group_municipalities(shares, k=5)
    assert by_user.k == 3
    assert "sänkt till 3" in by_user.criterion
    auto = group_municipalities(shares)
    assert auto.k == 2  # silhouette needs k <= n - 1, so only k = 2 can be tried
    assert "prövat 2" in auto.criterion
    two = group_municipalities(profile_matrix(need[need["kommunkod"].isin(["9001", "9009"])]))
    assert two.k == 1 and set(two.labels) == {1}
    assert "alla i en grupp" in two.criterion
    empty = group_municipalities(profile_matrix(need, min_total=10**6))
    assert empty.k == 0 and empty.labels.empty and empty.descriptions == {}


# ------------------------------------------------------------------------------ example wave
NEED_BY_FIELD = """
SELECT r.kommunkod, m.name, o.occupation_field AS cluster,
       sum(n.recruits_1y + n.recruits_1_3y + n.recruits_3_5y) AS recruits
FROM need n
JOIN respondent r ON r.respondent_id = n.respondent_id
JOIN occupation o ON o.ssyk4 = n.ssyk4
JOIN municipality m ON m.kommunkod = r.kommunkod
WHERE n.wave_id = $wave
GROUP BY r.kommunkod, m.name, o.occupation_field
HAVING sum(n.recruits_1y + n.recruits_1_3y + n.recruits_3_5y) > 0
"""


@pytest.fixture(scope="module")
def example_need(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("profiles") / "kraftsamling.duckdb"
    db.build(path)
    with db.connect_readonly(path) as con:
        wave = con.execute("SELECT wave_id FROM wave WHERE is_example").fetchone()[0]
        return con.execute(NEED_BY_FIELD, {"wave": wave}).df()


def test_the_example_wave_groups_every_municipality_with_enough_need(example_need):
    shares = profile_matrix(example_need, min_total=10)
    grouping = group_municipalities(shares)
    totals = example_need.groupby("kommunkod")["recruits"].sum()
    enough = set(totals.index[totals >= 10])
    assert enough and set(grouping.labels.index) == enough
    assert set(grouping.labels) == set(range(1, grouping.k + 1))
    assert 2 <= grouping.k <= 7
    assert set(grouping.silhouette) == set(range(2, 8))
    assert len(grouping.descriptions) == grouping.k


def test_the_example_wave_puts_the_mining_towns_gallivare_and_kiruna_together(example_need):
    """A soft check of the generator's design: mines shape both towns' needs."""
    grouping = group_municipalities(profile_matrix(example_need))
    assert grouping.labels[GÄLLIVARE] == grouping.labels[KIRUNA], grouping.descriptions


def test_the_grouping_keeps_what_sets_each_group_apart_as_data_and_writes_it_when_read():
    """The cached grouping holds facts; the sentences are written in the reader's language."""
    from kraftsamling import i18n

    need = synthetic_need()
    grouping = group_municipalities(profile_matrix(need))
    found = groups_by_kind(grouping, need)
    for kind, cluster in DISTINGUISHING.items():
        profile = grouping.profiles[next(iter(found[kind]))]
        assert len(profile.members) == SIZES[kind]
        assert profile.above[0][0] == cluster and profile.above[0][1] >= 2
        assert all(value <= -2 for _, value in profile.below)
    assert grouping.choice.how == "silhouette" and grouping.choice.chosen == 3
    assert grouping.choice.tried == tuple(range(2, 8))
    swedish = grouping.descriptions
    with i18n.language("en"):
        english = grouping.descriptions
        assert grouping.criterion.startswith("Number of groups chosen by silhouette score (")
        assert "for k = 3; tried 2–7)" in grouping.criterion
    assert grouping.descriptions == swedish  # reading in English changed nothing stored
    for group, text in english.items():
        assert text.startswith(f"Group {group} (")
        assert "percentage points" in text and "than the region on average" in text


def test_in_the_providers_view_groups_are_described_from_shown_figures_only(
    database, con, example_wave_id
):
    """A group of one municipality would tell its shares of need per cluster: in the providers'
    view the profiles are made of shown cells only, so no hidden figure shapes a description."""
    from functools import partial

    from streamlit.testing.v1 import AppTest

    from kraftsamling import paths, queries
    from kraftsamling.privacy import view
    from kraftsamling.selection import Selection
    from tests.helpers import REGION_CODES

    app = AppTest.from_file(str(paths.REPO / "dashboard.py"), default_timeout=120)
    app.query_params.update({"omgang": example_wave_id, "grupper": "4"})
    app.run()
    app.switch_page("pages/kommungrupper.py").run()
    assert not app.exception
    shown_text = " ".join(m.value for m in app.markdown)
    run = partial(queries.run, con)
    chosen = Selection(wave_id=example_wave_id, kommunkoder=tuple(REGION_CODES))
    published = view.load(run, example_wave_id, "0-5")
    matrix = view.cluster_matrix(run, published, chosen)
    assert matrix["suppressed"].any()  # hidden cells exist, so the case is exercised
    mostly_shown = view.profile_matrix(run, published, chosen)  # what Kommungrupper groups
    assert set(mostly_shown["kommunkod"]) < set(matrix["kommunkod"])
    from_shown = group_municipalities(profile_matrix(mostly_shown), k=4)
    every_cell = run("need_by_municipality_cluster", **chosen.need_params())
    from_all = group_municipalities(profile_matrix(every_cell), k=4)
    for text in from_shown.descriptions.values():
        assert text in shown_text
    assert from_shown.descriptions != from_all.descriptions  # hidden cells would change them
