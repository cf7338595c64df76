"""The evidence pack for one candidate, following what MYH weighs in an application.

A pack is built in two steps, so that every file says the same thing:

1. `gather` reads what the pack is made of from the database (`Inputs`): the candidate's
   figures per municipality and horizon, per occupation, the municipalities that took part,
   the existing YH supply and the graduates' outcomes (kraftsamling.supply), the employers
   (administrators only) and the sources' years.
2. `make_pack` turns the inputs into a `Pack`: named tables (the workbook's sheets) and
   sentences. Every sentence is written *from the pack's own tables*: each number in it is
   a cell of a table (`Sentence.refs`), so a test can read every sentence's numbers back
   from the workbook.

The files (kraftsamling.evidence_files: .xlsx, .pptx; kraftsamling.evidence_pdf: PDF and the
letters of intent) only lay out the pack's tables and sentences. The pack is Swedish, the
language of applications to MYH, whatever the page's language.

The sections follow MYH's assessment: the labour market's need in numbers (per occupation,
horizon and study location, and the intakes it carries), regional placement (study locations
and places per location, the pool on a map), LIA (places offered per location against places
there), existing supply and competition in the area, graduates' outcomes in the area, and
method and sources with every figure's year.

The rules are the finder's, each in its one home, so the pack says what the page
Ansökningsunderlag says for the same candidate and filters (tests/test_evidence.py checks it):
- the verdict, the intakes the need carries and whether the need lasts:
  kraftsamling.assessment (`Assessment.intakes`, `.lasting`, `.horizon_need`, `intakes_reason`);
- the study locations and places per location, proposed for a Motiverad candidate only, from
  the figures the version shows, or the user's own picks (the page's `orter`):
  kraftsamling.study_locations.propose.

Swap point for work in progress elsewhere:
- `published_rows`: what the providers' view shows of a candidate (the stored publication).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from kraftsamling import assessment as rules
from kraftsamling import fmt, i18n, study_locations, upskilling
from kraftsamling.assessment import MOTIVATED, NEAR, Thresholds
from kraftsamling.metrics import HORIZON_LABELS, HORIZONS
from kraftsamling.style import EXAMPLE_BADGE

EXAMPLE_NOTE = (
    "Exempeldata – omgången är genererad av Kraftsamlings egen exempelgenerator, "
    "inte verkliga svar."
)
BOUNDARY_SOURCE = "Gränser: SCB, Digitala gränser (2024), förenklade av Kraftsamling"
SINGLE_HORIZONS = ("0-1", "1-3", "3-5")
HORIZON_COLUMNS = {"0-1": "Inom 1 år", "1-3": "Om 1–3 år", "3-5": "Om 3–5 år"}
DID_NOT_TAKE_PART = "deltog inte"
RECRUITMENT = upskilling.RECRUITMENT
UPSKILLING = upskilling.KIND


class PackRefused(ValueError):
    """The pack cannot be made (e.g. too few respondents for the providers' version)."""


# ------------------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Sentence:
    """A sentence of the pack; `refs` are the cells its values come from, in the order they
    appear: (table, row key, column)."""

    text: str
    refs: tuple[tuple[str, str, str], ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass
class Section:
    key: str
    title: Sentence
    sentences: list[Sentence]
    tables: list[str]  # names of the pack's tables shown in this section
    chart: str | None = None  # 'need_by_municipality'
    map: bool = False


@dataclass
class Pack:
    kind: str
    candidate_id: str
    label: str
    verdict: str
    is_example: bool
    admin: bool
    generated_on: str
    tables: dict[str, pd.DataFrame]  # first column: the row key
    sections: list[Section] = field(default_factory=list)
    footer: Sentence = Sentence("")
    chart: pd.DataFrame | None = None  # municipality, one column per series (shown ones)
    map_rows: pd.DataFrame | None = None  # kommunkod, name, value, in_pool, state
    letters: pd.DataFrame | None = None  # administrators: employers for letters of intent
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def cell(self, table: str, row: str, column: str):
        """The value in `column` of the row whose first column is `row` (keys are unique)."""
        frame = self.tables[table]
        kept = self._index.get(table)
        if kept is None or kept[0] is not frame:
            keys = [str(k) for k in frame.iloc[:, 0]]
            index = {k: i for i, k in enumerate(keys)}
            kept = (frame, index, len(index) != len(keys))
            self._index[table] = kept
        _, index, duplicated = kept
        if duplicated or str(row) not in index:
            raise KeyError(f"{table}: ingen entydig rad med nyckeln {row!r}")
        return frame.iloc[index[str(row)]][column]

    def sentences(self) -> list[Sentence]:
        out = [self.footer]
        for section in self.sections:
            out += [section.title, *section.sentences]
        return out


def say(pack: Pack, template: str, **refs: tuple[str, str, str]) -> Sentence:
    """A sentence from `template` whose fields are cells of the pack's tables."""
    order = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    values = {name: shown(pack.cell(*refs[name])) for name in set(order)}
    return Sentence(template.format(**values), tuple(refs[name] for name in order))


def shown(value) -> str:
    """A table's value as the sentences write it."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer()):
        return fmt.number(int(value), language="sv")
    if isinstance(value, float):
        return fmt.number(value, 1, language="sv")
    return str(value)


NUMBER = re.compile(r"(?<![\w,])\d+(?:\u00a0\d{3})*(?:,\d+)?")


def numbers_in(text: str) -> list[float]:
    """The numbers a Swedish sentence states, in order ('1 441' is one number)."""
    return [float(m.replace("\u00a0", "").replace(",", ".")) for m in NUMBER.findall(text)]


# ------------------------------------------------------------------------------ swap points


def published_rows(run, selection, region, n: int, level: str, horizon: str) -> pd.DataFrame:
    """What the providers' view shows of every candidate of `level` in the selection for one
    horizon, from the stored publication only (kraftsamling.privacy.view; the pack never reads
    the answers for it): the shown cells, the counted groups of hidden cells with their
    published sums (`group`, kommunkod 'dolda:<id>'), and each hidden cell of the selection
    as a row without figures (zeros, `suppressed`), so that it reads '<n', never 0."""
    from kraftsamling.privacy import view

    chosen = replace(selection, horizon=horizon)
    published = _publication(run, chosen)
    rows = view.candidate_rows(run, published, chosen, level)
    _, cells = view._level_cells(published, level, chosen.cluster, chosen.ssyk4)
    hidden = cells[cells["suppressed"] & cells["kommunkod"].isin(set(chosen.kommunkoder))]
    if len(hidden):
        blank = pd.DataFrame(
            {
                "candidate_id": hidden["candidate_id"].to_numpy(),
                "label": hidden["label"].to_numpy(),
                "education_area": hidden["education_area"].to_numpy(),
                "kommunkod": hidden["kommunkod"].to_numpy(),
                **{c: 0 for c in view.SUMMED},
                view.GROUP: False,
                view.MEMBERS: 1,
            }
        )
        rows = pd.concat(
            [rows.assign(suppressed=False), blank.assign(suppressed=True)], ignore_index=True
        )
    rows["suppressed"] = rows["suppressed"].astype(bool) | rows[view.GROUP].astype(bool)
    return rows


def published_hidden(run, selection, region, n: int, level: str) -> set[str]:
    """The candidates of `level` ('ssyk4' or 'cluster') whose figures the providers' view
    hides on the cluster page (kraftsamling.privacy.view.hidden_candidates): the pack hides
    them too."""
    from kraftsamling.privacy import view

    return view.hidden_candidates(run, _publication(run, selection), selection, level)


def _publication(run, selection):
    """The stored providers' publication of the selection's wave and horizon: the runner's
    own when it has one (`run.publication(selection)`: the app's cached copy), else read here
    and kept for the packs made with the same runner (a pack reads four horizons)."""
    from kraftsamling.privacy import view

    own = getattr(run, "publication", None)
    if own is not None:
        return own(selection)
    if _PUBLICATIONS.get("run") is not run:
        _PUBLICATIONS.clear()
        _PUBLICATIONS["run"] = run
    key = (selection.wave_id, selection.horizon)
    if key not in _PUBLICATIONS:
        _PUBLICATIONS[key] = view.load(run, selection.wave_id, selection.horizon)
    return _PUBLICATIONS[key]


_PUBLICATIONS: dict = {}


# ------------------------------------------------------------------------------ inputs


@dataclass
class Inputs:
    """What one pack is made of (see `gather`)."""

    kind: str  # RECRUITMENT or UPSKILLING
    candidate_id: str
    label: str
    education_area: str | None
    pool: tuple[str, ...]  # the selection's municipalities
    horizon: str  # the selection's horizon ('0-5')
    # per municipality of the pool that has a row: kommunkod, employers, lia_places,
    # contributors, hidden, and one column per single horizon ('0-1', '1-3', '3-5') of
    # recruits (recruitment) or `staff` (upskilling)
    rows: pd.DataFrame
    municipalities: pd.DataFrame  # kommunkod, name, participated (the pool's)
    occupations: pd.DataFrame  # ssyk4, name, the horizons' columns (or staff), employers,
    # lia_places, hidden
    thresholds: Thresholds | upskilling.UpskillingThresholds
    area_supply: pd.DataFrame
    approval: pd.DataFrame
    outcome: pd.DataFrame
    sources: dict
    wave_label: str
    survey_year: int
    is_example: bool
    admin: bool
    n: int  # fewest respondents behind a shown figure (providers' version)
    employers: pd.DataFrame | None = None  # administrators only
    generated_on: str = "2000-01-01"
    education_path: str | None = None  # an occupation's (issue 10); None for a cluster
    picks: tuple[str, ...] = ()  # the user's own study locations (the page's `orter`)

    @property
    def horizons(self) -> tuple[str, ...]:
        return HORIZONS[self.horizon]


def level_of(candidate_id: str) -> str:
    """'ssyk4', 'cluster' or 'group', from a candidate id ('yrke:5350', 'kluster:…', 'grupp')."""
    if candidate_id.startswith("yrke:"):
        return "ssyk4"
    if candidate_id.startswith("kluster:"):
        return "cluster"
    if candidate_id == "grupp":
        return "group"
    raise PackRefused(f"Okänd kandidat {candidate_id!r}: yrke:SSYK4, kluster:NAMN eller grupp")


def gather(
    run,
    selection,
    candidate_id: str,
    thresholds,
    *,
    kind: str = RECRUITMENT,
    providers: bool = False,
    n: int | None = None,
    group_ssyk4: tuple[str, ...] = (),
    group_label: str = "",
    generated_on: str = "2000-01-01",
    picks: tuple[str, ...] = (),
) -> Inputs:
    """The inputs of one candidate's pack from the database. `run(name, **params)` runs a
    named query; `selection` is the shared filters (resolved); `providers`: the providers'
    version, built only from what the providers' view shows (`published_rows`); `picks`: the
    user's own study locations (as on the page; empty: the proposal)."""
    from kraftsamling import privacy
    from kraftsamling import supply as yh_supply

    n = privacy.min_respondents() if n is None else n
    level = level_of(candidate_id)
    pool = tuple(selection.kommunkoder)
    if providers and (
        level == "group"
        or selection.org_kinds
        or selection.sni_sections
        or selection.post_secondary_only
        or selection.scheme != "field"
    ):
        raise PackRefused(
            "Utbildningsanordnarnas version gäller yrken och kluster (yrkesområden) utan "
            "urval efter typ av arbetsgivare, bransch eller eftergymnasial utbildning."
        )
    if kind == UPSKILLING and (providers or level == "group"):
        raise PackRefused("Kompetensutveckling: administratörernas version, yrken och kluster.")
    region = list(
        run(
            "selection_municipalities",
            lan_koder=[],
            group_id=None,
            kommunkoder=[],
            year=selection.survey_year,
        )["kommunkod"]
    )
    extra = {"group_ssyk4": list(group_ssyk4), "group_label": group_label}

    def candidate(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["candidate_id"] == candidate_id]

    per_horizon: dict[str, pd.DataFrame] = {}
    if kind == UPSKILLING:
        rows = candidate(run("upskilling_contributions", **selection.need_params(), level=level))
        if rows.empty:
            raise PackRefused(f"Ingen kandidat {candidate_id} för kompetensutveckling i urvalet.")
        base = rows.assign(lia_places=0, hidden=False)[
            ["kommunkod", "staff", "employers", "contributors", "lia_places", "hidden"]
        ]
    else:
        for h in SINGLE_HORIZONS:
            if providers:
                found = published_rows(run, selection, region, n, level, h)
            else:
                found = run(
                    "candidate_contributions",
                    **replace(selection, horizon=h).need_params(),
                    level=level,
                    **extra,
                )
            per_horizon[h] = candidate(found)
        rows = candidate(
            published_rows(run, selection, region, n, level, selection.horizon)
            if providers
            else run("candidate_contributions", **selection.need_params(), level=level, **extra)
        )
        if rows.empty and all(f.empty for f in per_horizon.values()):
            raise PackRefused(f"Ingen kandidat {candidate_id} i urvalet.")
        base = _horizon_columns(rows, per_horizon, providers)
    label = (rows if not rows.empty else per_horizon["0-1"])["label"].iloc[0]
    area = (rows if not rows.empty else per_horizon["0-1"])["education_area"].iloc[0]
    area = None if pd.isna(area) else area
    hidden_occupations: set[str] = set()
    if providers:
        hidden_occupations = published_hidden(run, selection, region, n, "ssyk4")
        if level == "cluster" and candidate_id in published_hidden(
            run, selection, region, n, "cluster"
        ):
            base = base.iloc[0:0]
        if level == "ssyk4" and candidate_id in hidden_occupations:
            base = base.iloc[0:0]
    if providers and (int(base["contributors"].sum()) < n):
        raise PackRefused(
            f"Färre än {n} svarande står bakom {label} i gruppen: underlaget visas inte."
        )
    if providers:  # the providers' version reads the stored publication only
        from kraftsamling.privacy import view

        figures = view.municipalities(run, _publication(run, selection), selection)
    else:
        figures = run("municipality_figures", **selection.need_params(), education_areas=[])
    municipalities = figures[figures["kommunkod"].isin(pool)][
        ["kommunkod", "name", "participated"]
    ].reset_index(drop=True)
    if level == "ssyk4":  # the occupation is the candidate itself
        frames = {"staff": rows} if kind == UPSKILLING else {**per_horizon, "selected": rows}
        occupations = _occupation_rows(frames, kind, providers, n)
    else:
        occupations = _occupations(
            run, selection, candidate_id, level, kind, providers, region, n, extra
        )
    if providers:  # hidden as the cluster page hides them
        occupations["hidden"] = occupations["hidden"] | occupations["ssyk4"].map(
            lambda s: f"yrke:{s}" in hidden_occupations
        )
    employers = None
    if not providers:
        employers = run(
            "candidate_employer_horizons",
            **selection.need_params(),
            level=level,
            candidate_id=candidate_id,
            group_ssyk4=extra["group_ssyk4"],
        )
        if kind == UPSKILLING:
            employers = employers[employers["staff"] > 0]
    sources = run("sources").iloc[0].to_dict()
    waves = run("waves")
    wave = waves[waves["wave_id"] == selection.wave_id].iloc[0]
    with i18n.language("sv"):
        area_supply = yh_supply.area_supply(run, pool)
        approval = yh_supply.approval_rates(run)
        outcome = yh_supply.outcomes(run)
    return Inputs(
        kind=kind,
        candidate_id=candidate_id,
        label=str(label),
        education_area=area,
        pool=pool,
        horizon=selection.horizon,
        rows=base,
        municipalities=municipalities,
        occupations=occupations,
        thresholds=thresholds,
        area_supply=area_supply,
        approval=approval,
        outcome=outcome,
        sources=sources,
        wave_label=str(wave["label"]),
        survey_year=int(wave["survey_year"]),
        is_example=bool(wave["is_example"]),
        admin=not providers,
        n=n,
        employers=employers,
        generated_on=generated_on,
        education_path=_education_path(run, candidate_id),
        picks=tuple(picks),
    )


def _education_path(run, candidate_id: str) -> str | None:
    """The occupation's education path (queries/education_paths.sql); None for a cluster or
    a group: a pack for an occupation YH does not train for is never Motiverad."""
    if not candidate_id.startswith("yrke:"):
        return None
    paths = run("education_paths")
    found = paths.loc[paths["ssyk4"] == candidate_id.split(":", 1)[1], "education_path"]
    return None if found.empty else str(found.iloc[0])


def _horizon_columns(
    rows: pd.DataFrame, per_horizon: dict[str, pd.DataFrame], providers: bool
) -> pd.DataFrame:
    """One row per municipality: employers, LIA, contributors and hidden from the selection's
    horizon, recruits per single horizon."""
    keep = ["kommunkod", "employers", "contributors", "lia_places"]
    out = rows[keep].copy()
    # the providers' view: a row that sums a group of hidden cells (kraftsamling.privacy.view)
    out["group"] = rows["group"].to_numpy(dtype=bool) if "group" in rows else False
    out["members"] = rows["members"].to_numpy(dtype="int64") if "members" in rows else 1
    out["hidden"] = rows["suppressed"].to_numpy(dtype=bool) if providers else False
    codes = set(out["kommunkod"])
    for frame in per_horizon.values():  # a municipality with a need in another horizon only
        for _, row in frame[~frame["kommunkod"].isin(codes)].iterrows():
            out.loc[len(out)] = {
                "kommunkod": row["kommunkod"],
                "employers": 0,
                "contributors": int(row["contributors"]),
                "lia_places": 0,
                "group": bool(row.get("group", False)),
                "members": int(row.get("members", 1)),
                "hidden": bool(row.get("suppressed", False)) if providers else False,
            }
            codes.add(row["kommunkod"])
    for h, frame in per_horizon.items():
        out[h] = (
            out["kommunkod"]
            .map(dict(zip(frame["kommunkod"], frame["recruits"], strict=True)))
            .fillna(0)
            .astype("int64")
        )
    return out.reset_index(drop=True)


def _occupations(run, selection, candidate_id, level, kind, providers, region, n, extra):
    """The occupations of a cluster or a custom group."""
    chosen = (
        replace(selection, cluster=candidate_id.split(":", 1)[1])
        if level == "cluster"
        else selection
    )
    frames: dict[str, pd.DataFrame] = {}
    if kind == UPSKILLING:
        frames["staff"] = run("upskilling_contributions", **chosen.need_params(), level="ssyk4")
    else:
        for key, h in (*((h, h) for h in SINGLE_HORIZONS), ("selected", selection.horizon)):
            if providers:
                frames[key] = published_rows(run, chosen, region, n, "ssyk4", h)
            else:
                frames[key] = run(
                    "candidate_contributions",
                    **replace(chosen, horizon=h).need_params(),
                    level="ssyk4",
                    **{**extra, "group_ssyk4": []},
                )
    if level == "group":
        wanted = {f"yrke:{s}" for s in extra["group_ssyk4"]}
        frames = {k: f[f["candidate_id"].isin(wanted)] for k, f in frames.items()}
    return _occupation_rows(frames, kind, providers, n)


def _occupation_rows(
    frames: dict[str, pd.DataFrame], kind: str, providers: bool, n: int
) -> pd.DataFrame:
    """One row per occupation from candidate rows at the level of occupations: a column per
    single horizon (or `staff`); employers, LIA and respondents from the selection's horizon
    (`selected`)."""
    value = "staff" if kind == UPSKILLING else None
    columns = [value] if value else list(SINGLE_HORIZONS)
    out: dict[str, dict] = {}
    for column, frame in frames.items():
        src = value or "recruits"
        for cid, group in frame.groupby("candidate_id", sort=True):
            item = out.setdefault(
                cid,
                {
                    "ssyk4": cid.split(":", 1)[1],
                    "name": group["label"].iloc[0].split(" ", 1)[-1],
                    "employers": 0,
                    "lia_places": 0,
                    "contributors": 0,
                },
            )
            if column != "selected":
                item[column] = int(group[src].sum())
            if column in ("staff", "selected"):
                item["employers"] = int(group["employers"].sum())
                item["contributors"] = int(group["contributors"].sum())
                item["lia_places"] = int(group["lia_places"].sum()) if "lia_places" in group else 0
    frame = pd.DataFrame(
        list(out.values()),
        columns=["ssyk4", "name", *columns, "employers", "lia_places", "contributors"],
    )
    for column in columns:
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["hidden"] = providers & (frame["contributors"] < n)
    return frame


# ------------------------------------------------------------------------------ the pack


def _assessment(inputs: Inputs):
    """The candidate's assessment over the selection's horizon, from the inputs' rows (the
    rows the version may count: the same figures the finder shows)."""
    rows = inputs.rows
    if inputs.kind == UPSKILLING:
        frame = rows.assign(
            candidate_id=inputs.candidate_id,
            label=inputs.label,
            education_area=inputs.education_area,
        )
        return upskilling.assess_all(frame, inputs.pool, inputs.thresholds)[0]
    need = sum(rows[h] for h in inputs.horizons)
    frame = pd.DataFrame(
        {
            "kommunkod": rows["kommunkod"],
            "recruits": need.astype("int64"),
            "employers": rows["employers"],
            "lia_places": rows["lia_places"],
            # the need per horizon: the intakes and whether the need lasts
            **{
                column: rows[h].astype("int64")
                for column, h in zip(rules.HORIZON_COLUMNS, SINGLE_HORIZONS, strict=True)
            },
        }
    )
    if "group" in rows:  # the providers' groups of hidden cells count in the pool
        frame["group"] = rows["group"].to_numpy(dtype=bool)
        frame["members"] = rows["members"].to_numpy(dtype="int64")
    return rules.assess(
        inputs.candidate_id,
        inputs.label,
        inputs.education_area,
        frame,
        inputs.pool,
        inputs.thresholds,
        education_path=inputs.education_path,
    )


def make_pack(inputs: Inputs) -> Pack:
    """The pack's tables and sentences (see the module's docstring), in Swedish."""
    with i18n.language("sv"):
        return _make_pack(inputs)


def _make_pack(inputs: Inputs) -> Pack:
    recruitment = inputs.kind == RECRUITMENT
    a = _assessment(inputs)
    pack = Pack(
        kind=inputs.kind,
        candidate_id=inputs.candidate_id,
        label=inputs.label,
        verdict=a.verdict,
        is_example=inputs.is_example,
        admin=inputs.admin,
        generated_on=inputs.generated_on,
        tables={},
    )
    value = "Rekryteringsbehov" if recruitment else "Anställda att kompetensutveckla"
    municipalities = _municipality_table(inputs, a)
    proposal, locations = _locations(inputs, a, municipalities)
    need_by_horizon = dict(zip(SINGLE_HORIZONS, a.horizon_need, strict=True)) if recruitment else {}
    t = inputs.thresholds
    required = a.criteria[0].required
    took_part = int(inputs.municipalities["participated"].sum())
    hidden = inputs.rows[inputs.rows["hidden"]]
    hidden_value = (
        (sum(hidden[h] for h in inputs.horizons) if recruitment else hidden["staff"]).sum()
        if len(hidden)
        else 0
    )
    if "group" in hidden:  # groups sum hidden cells; the municipalities are counted one by one
        hidden = hidden[~hidden["group"].astype(bool)]
    facts: list[tuple[str, object]] = [
        ("Kandidat", inputs.label),
        ("Kandidat-id", inputs.candidate_id),
        ("Slag", "Rekrytering (YH-program)" if recruitment else "Kompetensutveckling (kurser)"),
        ("Utbildningsområde", inputs.education_area or "–"),
        ("Bedömning", a.verdict),
        ("Skäl", a.reasons),
        ("Omgång", inputs.wave_label),
        ("Kartläggningens år", str(inputs.survey_year)),
        ("Horisont", HORIZON_LABELS[inputs.horizon] if recruitment else "–"),
        (value, a.criteria[0].value),
        (f"Krav på {value.lower()}", required),
        ("Arbetsgivare", a.employers),
        ("Krav på arbetsgivare", t.min_employers),
    ]
    if recruitment:
        facts += [("LIA-platser per år", a.lia_places), ("Krav på LIA-platser", t.required_lia)]
    facts += [
        ("Kommuner som bidrar", a.municipalities),
        ("Krav på kommuner", t.min_municipalities),
        ("Kommuner i gruppen", len(inputs.pool)),
        ("Kommuner som deltog", took_part),
        ("Kommuner som inte deltog", len(inputs.pool) - took_part),
        ("Största kommunens behov", HIDDEN if _largest_hidden(inputs, a) else a.max_alone),
        ("Kommuner som krävs", a.municipalities_needed if a.municipalities_needed else "–"),
        ("Kommuner med dolda siffror", len(hidden)),
        ("Behov i kommuner med dolda siffror", int(hidden_value)),
        ("Minsta antal svarande bakom en visad siffra", inputs.n),
        ("Platser per antagning", t.class_size if recruitment else t.course_size),
        ("Studieorter", len(locations)),
        (
            "Studieorter valda av användaren",
            "ja" if proposal is not None and proposal.picked else "nej",
        ),
        (
            "Kommuner med behov som inte är studieort",
            0 if proposal is None else len(proposal.left_out),
        ),
    ]
    if recruitment:
        facts.append(
            (
                "LIA-platser i gruppen utanför studieorterna",
                0 if proposal is None else proposal.lia_elsewhere,
            )
        )
    if recruitment:
        facts += [
            (f"Behov {HORIZON_COLUMNS[h].lower()}", need_by_horizon[h]) for h in SINGLE_HORIZONS
        ]
        facts += [
            ("Behov över alla horisonter", sum(need_by_horizon.values())),
            ("Behovet håller i sig", "ja" if a.lasting else "nej"),
            ("Antagningar som behovet räcker till", a.intakes),
            ("Marginal för avhopp (%)", round(100 * t.dropout_margin)),
            ("LIA-platser per studerande", float(t.lia_per_student)),
        ]
    else:
        facts += [("Marginal för platser som inte utnyttjas (%)", round(100 * t.unused_margin))]
    facts += [
        ("Underlag", EXAMPLE_BADGE if inputs.is_example else "Enkätsvar"),
        (
            "Version",
            "Administratörer – innehåller enskilda arbetsgivares svar; lämna inte ut"
            if inputs.admin
            else "Utbildningsanordnare – endast sammanräknade uppgifter",
        ),
        ("Skapad", inputs.generated_on),
    ]
    pack.tables["Sammanfattning"] = pd.DataFrame(facts, columns=["Uppgift", "Värde"])
    pack.tables["Kriterier"] = pd.DataFrame(
        [(c.label, c.value, c.required, "Ja" if c.met else "Nej", c.reason()) for c in a.criteria],
        columns=["Kriterium", "Värde", "Krav", "Uppfyllt", "Skäl"],
    )
    pack.tables["Kommuner"] = municipalities
    pack.tables["Yrken"] = _occupation_table(inputs)
    pack.tables["Studieorter"] = locations
    pack.tables["Utbud"], pack.tables["Beviljandegrad"] = _supply_tables(inputs)
    pack.tables["Utfall"] = _outcome_table(inputs)
    pack.tables["Källor"] = _sources_table(inputs)
    if inputs.admin and inputs.employers is not None:
        pack.tables["Arbetsgivare"] = _employer_table(inputs)
        pack.letters = pack.tables["Arbetsgivare"]
    _chart_and_map(pack, inputs, municipalities)
    _write_sections(pack, inputs, a)
    return pack


HIDDEN = "dold"


def _largest_hidden(inputs: Inputs, a) -> bool:
    """The providers' version: is the municipality with the largest figure a hidden one?"""
    if inputs.admin or a.contributions is None or a.contributions.empty:
        return False
    hidden = dict(zip(inputs.rows["kommunkod"], inputs.rows["hidden"], strict=True))
    return bool(hidden.get(a.contributions.iloc[0]["kommunkod"], False))


def _municipality_table(inputs: Inputs, a) -> pd.DataFrame:
    """Every municipality of the pool: those that did not take part say so ('deltog inte'),
    hidden figures read '<n', hidden rows come last (their place would tell their size)."""
    recruitment = inputs.kind == RECRUITMENT
    rows = inputs.rows.set_index("kommunkod")
    names = dict(
        zip(inputs.municipalities["kommunkod"], inputs.municipalities["name"], strict=True)
    )
    took_part = dict(
        zip(inputs.municipalities["kommunkod"], inputs.municipalities["participated"], strict=True)
    )
    value = "Behov över horisonten" if recruitment else "Anställda att kompetensutveckla"
    total = a.criteria[0].value
    hidden_label = f"<{inputs.n}"
    out = []
    for kod in inputs.pool:
        name = names.get(kod, kod)
        record: dict[str, object] = {"Kommun": name, "Kommunkod": kod}
        if not took_part.get(kod, False):
            record["Deltog"] = DID_NOT_TAKE_PART
            out.append((3, 0, name, record))
            continue
        record["Deltog"] = "ja"
        row = rows.loc[kod] if kod in rows.index else None
        hidden = row is not None and bool(row["hidden"])
        figures: dict[str, object] = {}
        if recruitment:
            for h in SINGLE_HORIZONS:
                figures[HORIZON_COLUMNS[h]] = 0 if row is None else int(row[h])
            figures[value] = sum(figures[HORIZON_COLUMNS[h]] for h in inputs.horizons)
        else:
            figures[value] = 0 if row is None else int(row["staff"])
        figures["Arbetsgivare"] = 0 if row is None else int(row["employers"])
        if recruitment:
            figures["LIA-platser per år"] = 0 if row is None else int(row["lia_places"])
        figures["Andel av behovet (%)"] = round(100 * figures[value] / total) if total else 0
        if hidden:
            figures = dict.fromkeys(figures, hidden_label)
        record.update(figures)
        order = 2 if hidden else (1 if record[value] == 0 else 0)
        out.append((order, -(record[value] if not hidden else 0), name, record))
    out.sort(key=lambda item: item[:-1])
    columns = ["Kommun", "Kommunkod", "Deltog"]
    if recruitment:
        columns += [HORIZON_COLUMNS[h] for h in SINGLE_HORIZONS]
    columns += [value, "Arbetsgivare"] + (["LIA-platser per år"] if recruitment else [])
    columns += ["Andel av behovet (%)"]
    return pd.DataFrame([item[-1] for item in out], columns=columns, dtype=object)


def _locations(inputs: Inputs, a, municipalities: pd.DataFrame):
    """(proposal, table): the study locations and places per location of a Motiverad candidate
    (kraftsamling.study_locations.propose, as the finder's page proposes them: from the
    figures this version shows, or the user's picks) and, for a programme, the LIA places
    offered there against the places; (None, an empty table) for any other verdict."""
    recruitment = inputs.kind == RECRUITMENT
    value = "Behov över horisonten" if recruitment else "Anställda att kompetensutveckla"
    columns = ["Studieort", "Kommunkod", value, "Platser per antagning"]
    if recruitment:
        columns += ["LIA-platser per år", "LIA-platser som behövs", "LIA räcker"]
    if a.verdict != MOTIVATED:
        return None, pd.DataFrame(columns=columns)
    shown = municipalities[municipalities["Deltog"] == "ja"]
    shown = shown[shown[value].map(lambda v: not isinstance(v, str))]  # hidden: not weighed
    rows = pd.DataFrame(
        {
            "kommunkod": shown["Kommunkod"].to_numpy(),
            "recruits": shown[value].astype("int64").to_numpy(),
            "lia_places": (
                shown["LIA-platser per år"].astype("int64").to_numpy() if recruitment else 0
            ),
        }
    )
    t = inputs.thresholds
    proposal = study_locations.propose(
        rows,
        t.class_size if recruitment else t.course_size,
        t.lia_per_student if recruitment else 0.0,
        list(inputs.picks),
        inputs.pool,
    )
    names = dict(zip(shown["Kommunkod"], shown["Kommun"], strict=True))
    out = []
    for location in proposal.locations:
        row = {
            "Studieort": names[location.kommunkod],
            "Kommunkod": location.kommunkod,
            value: location.need,
            "Platser per antagning": location.places,
        }
        if recruitment:
            row.update(
                {
                    "LIA-platser per år": location.lia_places,
                    "LIA-platser som behövs": location.lia_required,
                    "LIA räcker": "ja" if location.lia_enough else "nej",
                }
            )
        out.append(row)
    return proposal, pd.DataFrame(out, columns=columns)


def _occupation_table(inputs: Inputs) -> pd.DataFrame:
    recruitment = inputs.kind == RECRUITMENT
    occ = inputs.occupations
    rows = []
    hidden_label = f"<{inputs.n}"
    for item in occ.to_dict("records"):
        row = {"Yrke": f"{item['ssyk4']} {item['name']}", "SSYK": item["ssyk4"]}
        if recruitment:
            for h in SINGLE_HORIZONS:
                row[HORIZON_COLUMNS[h]] = int(item[h])
            row["Behov över horisonten"] = sum(int(item[h]) for h in inputs.horizons)
        else:
            row["Anställda att kompetensutveckla"] = int(item["staff"])
        row["Arbetsgivare"] = int(item["employers"])
        if recruitment:
            row["LIA-platser per år"] = int(item["lia_places"])
        if item["hidden"]:
            row = {k: (v if k in ("Yrke", "SSYK") else hidden_label) for k, v in row.items()}
        rows.append((bool(item["hidden"]), row))
    value = "Behov över horisonten" if recruitment else "Anställda att kompetensutveckla"
    rows.sort(key=lambda r: (r[0], -(r[1][value] if not r[0] else 0), r[1]["Yrke"]))
    columns = ["Yrke", "SSYK"]
    columns += [HORIZON_COLUMNS[h] for h in SINGLE_HORIZONS] if recruitment else []
    columns += [value, "Arbetsgivare"] + (["LIA-platser per år"] if recruitment else [])
    frame = pd.DataFrame([r for _, r in rows], columns=columns)
    return frame[(frame[value] != 0)].reset_index(drop=True) if len(frame) else frame


SUPPLY_ROWS = (
    ("Med studieort i gruppen", "pool_programmes", "pool_places"),
    ("På distans i hela landet", "distance_programmes", "distance_places"),
    ("I hela landet", "national_programmes", "national_places"),
)


def _supply_tables(inputs: Inputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    area = inputs.education_area
    supply = inputs.area_supply
    row = supply[supply["education_area"] == area]
    first = int(supply["first_round"].iloc[0]) if len(supply) else None
    last = int(supply["last_round"].iloc[0]) if len(supply) else None
    rounds = f"{first}–{last}" if first else "–"
    out = []
    for label, programmes, places in SUPPLY_ROWS:
        found = not row.empty
        out.append(
            {
                "Beviljade YH-utbildningar": label,
                "Utbildningar": int(row[programmes].iloc[0]) if found else 0,
                "Platser per antagning": int(row[places].iloc[0]) if found else 0,
                "Ansökningsomgångar": rounds,
            }
        )
    approval = inputs.approval[inputs.approval["education_area"] == area].sort_values("round")
    rates = pd.DataFrame(
        {
            "Ansökningsomgång": [str(int(r)) for r in approval["round"]],
            "Sökta": approval["applied"].astype("int64").to_numpy(),
            "Beviljade": approval["granted"].astype("int64").to_numpy(),
            "Beviljandegrad (%)": [
                None if pd.isna(v) else round(100 * v) for v in approval["approval_rate"]
            ],
        }
    )
    return pd.DataFrame(out), rates


def _outcome_table(inputs: Inputs) -> pd.DataFrame:
    rows = []
    for area, label in ((inputs.education_area, "Utbildningsområdet"), ("Totalt", "Alla YH")):
        found = inputs.outcome[inputs.outcome["education_area"] == area]
        if found.empty or area is None:
            continue
        r = found.iloc[0]

        def whole(key, r=r):
            return None if pd.isna(r[key]) else int(r[key])

        def year(key, r=r):
            return None if pd.isna(r[key]) else str(int(r[key]))

        rows.append(
            {
                "Grupp": label,
                "Utbildningsområde": area,
                "Uppföljningsår": year("in_work_year"),
                "Examinerade": whole("graduates"),
                "I arbete inom 6 mån (%)": whole("in_work_6m_pct"),
                "Felmarginal arbete (procentenheter)": whole("in_work_6m_margin_pct"),
                "År för matchning": year("matching_year"),
                "Arbete som stämmer med utbildningen (%)": whole("matching_job_pct"),
                "Felmarginal matchning (procentenheter)": whole("matching_job_margin_pct"),
            }
        )
    columns = [
        "Grupp",
        "Utbildningsområde",
        "Uppföljningsår",
        "Examinerade",
        "I arbete inom 6 mån (%)",
        "Felmarginal arbete (procentenheter)",
        "År för matchning",
        "Arbete som stämmer med utbildningen (%)",
        "Felmarginal matchning (procentenheter)",
    ]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _sources_table(inputs: Inputs) -> pd.DataFrame:
    s = inputs.sources
    first, last = int(s["myh_first_round"]), int(s["myh_last_round"])
    supply = inputs.area_supply
    supply_rounds = (
        f"{int(supply['first_round'].iloc[0])}–{int(supply['last_round'].iloc[0])}"
        if len(supply)
        else "–"
    )
    outcome_year = inputs.outcome["in_work_year"].max() if len(inputs.outcome) else None
    value = (
        "Rekryteringsbehov, arbetsgivare och LIA-platser"
        if inputs.kind == RECRUITMENT
        else "Anställda att kompetensutveckla och arbetsgivare"
    )
    rows = [
        (
            value,
            f"Kraftsamling, kompetenskartläggning {inputs.wave_label}"
            + (
                " (exempeldata)" if inputs.is_example and "exempel" not in inputs.wave_label else ""
            ),
            str(inputs.survey_year),
        ),
        (
            "Befolkning 20–64 år",
            "SCB, befolkning 31 december",
            str(int(s["population_20_64_year"])),
        ),
        ("Befintligt utbud", "Myndigheten för yrkeshögskolan, beslut", supply_rounds),
        ("Beviljandegrad", "Myndigheten för yrkeshögskolan, beslut", f"{first}–{last}"),
        (
            "Examinerades utfall",
            "SCB, uppföljning av examinerade från yrkeshögskolan",
            "–" if outcome_year is None or pd.isna(outcome_year) else str(int(outcome_year)),
        ),
        ("Kommun- och länsgränser", "SCB, Digitala gränser", "2024"),
        ("Yrken (SSYK 2012) och yrkesområden", "Arbetsförmedlingen, JobTech Taxonomy", "2012"),
        ("Koppling yrke → utbildningsområde", "Kraftsamlings egen nyckel, inte officiell", "–"),
    ]
    return pd.DataFrame(rows, columns=["Uppgift", "Källa", "År"])


def _employer_table(inputs: Inputs) -> pd.DataFrame:
    """Administrators only: the employers behind the candidate, for the letters of intent."""
    e = inputs.employers
    names = dict(
        zip(inputs.municipalities["kommunkod"], inputs.municipalities["name"], strict=True)
    )
    rows = []
    for item in e.to_dict("records"):
        row = {
            "Organisation": str(item["organisation_name"]),
            "Kommun": names.get(item["kommunkod"], item["kommunkod"]),
        }
        if inputs.kind == RECRUITMENT:
            for h, column in (
                ("0-1", "recruits_1y"),
                ("1-3", "recruits_1_3y"),
                ("3-5", "recruits_3_5y"),
            ):
                row[HORIZON_COLUMNS[h]] = int(item[column])
            row["LIA-platser per år"] = int(item["lia_places"])
        else:
            row["Anställda att kompetensutveckla"] = int(item["staff"])
        row["Svarande-id"] = str(item["respondent_id"])
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=["Organisation", "Kommun", "Svarande-id"])
    first = frame.columns[2]
    return frame.sort_values(
        [first, "Organisation"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def _chart_and_map(pack: Pack, inputs: Inputs, municipalities: pd.DataFrame) -> None:
    recruitment = inputs.kind == RECRUITMENT
    value = "Behov över horisonten" if recruitment else "Anställda att kompetensutveckla"
    shown = municipalities[
        (municipalities["Deltog"] == "ja")
        & municipalities[value].map(lambda v: not isinstance(v, str))
    ]
    shown = shown[shown[value] > 0]
    series = [HORIZON_COLUMNS[h] for h in inputs.horizons] if recruitment else [value]
    pack.chart = shown[["Kommun", *series]].reset_index(drop=True)
    state = []
    for row in municipalities.to_dict("records"):
        if row["Deltog"] == DID_NOT_TAKE_PART:
            state.append("deltog inte")
        elif isinstance(row[value], str):
            state.append("dold")
        elif row[value] > 0:
            state.append("behov")
        else:
            state.append("inget behov")
    pack.map_rows = pd.DataFrame(
        {
            "kommunkod": municipalities["Kommunkod"],
            "name": municipalities["Kommun"],
            "value": [v if not isinstance(v, str) else None for v in municipalities[value]],
            "state": state,
            "location": municipalities["Kommunkod"].isin(
                set(pack.tables["Studieorter"]["Kommunkod"])
            ),
        }
    )


# ------------------------------------------------------------------------------ sentences

S, K, T = "Sammanfattning", "Kriterier", "Källor"


def _f(name: str) -> tuple[str, str, str]:
    return (S, name, "Värde")


def _write_sections(pack: Pack, inputs: Inputs, a) -> None:
    recruitment = inputs.kind == RECRUITMENT
    say_ = partial(say, pack)
    value = "Rekryteringsbehov" if recruitment else "Anställda att kompetensutveckla"
    required = f"Krav på {value.lower()}"
    pack.footer = say_(
        "Källa: Kraftsamling, kompetenskartläggning {wave} · {kind} · skapad {created}"
        + (" · EXEMPELDATA" if inputs.is_example else ""),
        wave=_f("Omgång"),
        kind=_f("Slag"),
        created=_f("Skapad"),
    )
    sections = pack.sections
    # 1. the title and the verdict
    title = [
        say_("{label}", label=_f("Kandidat")),
        say_("Bedömning: {verdict}. Skäl: {reasons}.", verdict=_f("Bedömning"), reasons=_f("Skäl")),
        say_(
            "Gruppen: {pool} kommuner, varav {took} deltog i kartläggningen och {contrib} "
            "bidrar med ett behov; {absent} deltog inte.",
            pool=_f("Kommuner i gruppen"),
            took=_f("Kommuner som deltog"),
            contrib=_f("Kommuner som bidrar"),
            absent=_f("Kommuner som inte deltog"),
        ),
        say_(
            "Omgång: {wave}. Utbildningsområde: {area}.",
            wave=_f("Omgång"),
            area=_f("Utbildningsområde"),
        ),
    ]
    if recruitment:
        title.insert(3, say_("Horisont: {horizon}.", horizon=_f("Horisont")))
    if inputs.is_example:
        title.append(Sentence(EXAMPLE_NOTE))
    sections.append(
        Section(
            "title",
            Sentence(
                "Ansökningsunderlag, YH-utbildning på distans"
                if recruitment
                else "Underlag för kompetensutveckling, YH-kurs på distans"
            ),
            title,
            [],
        )
    )

    # 2. the need in numbers
    need = [
        say_(
            "Gruppens samlade " + value.lower() + " är {need} mot kravet {required}.",
            need=_f(value),
            required=_f(required),
        ),
        say_(
            "Behovet kommer från {employers} arbetsgivare (krav {min}) i {contrib} kommuner "
            "(krav {minm}).",
            employers=_f("Arbetsgivare"),
            min=_f("Krav på arbetsgivare"),
            contrib=_f("Kommuner som bidrar"),
            minm=_f("Krav på kommuner"),
        ),
    ]
    a_max, a_needed = (
        pack.cell(S, "Största kommunens behov", "Värde"),
        pack.cell(S, "Kommuner som krävs", "Värde"),
    )
    if a_max == HIDDEN:  # as the finder: the largest municipality's own figure is not shown
        text = "Den största kommunens siffra är dold (färre svarande)."
        if a.too_small_alone and a_needed != "–":
            text += " Ingen kommun når kravet ensam; minst {needed} kommuner krävs tillsammans."
            need.append(say_(text, needed=_f("Kommuner som krävs")))
        else:
            need.append(Sentence(text))
    elif a_max < pack.cell(S, required, "Värde"):
        text = "För litet ensam: den största kommunens behov är {largest}."
        if a_needed != "–":
            text += " Tillsammans räcker det: minst {needed} kommuner krävs för att nå kravet."
            need.append(
                say_(text, largest=_f("Största kommunens behov"), needed=_f("Kommuner som krävs"))
            )
        else:
            need.append(say_(text, largest=_f("Största kommunens behov")))
    else:
        need.append(
            say_(
                "Den största kommunens behov, {largest}, når kravet på egen hand.",
                largest=_f("Största kommunens behov"),
            )
        )
    if recruitment:
        # the finder's rule (kraftsamling.assessment): intakes and whether the need lasts
        intakes = pack.cell(S, "Antagningar som behovet räcker till", "Värde")
        lasting = pack.cell(S, "Behovet håller i sig", "Värde") == "ja"
        need.append(
            say_(
                "Per horisont – {k1}: {h1}; {k2}: {h2}; {k3}: {h3}; över alla horisonter {all}. "
                "Behovet håller i sig: {lasting} (varje horisont bär minst sin andel av "
                "femårsbehovet). Det räcker till {intakes} "
                + ("antagning" if intakes == 1 else "antagningar")
                + " om {required} ({places} platser med {margin} % marginal); "
                + (
                    "högst fem beviljas." if lasting else "högst två när behovet inte håller i sig."
                ),
                k1=(S, "Behov inom 1 år", "Uppgift"),
                k2=(S, "Behov om 1–3 år", "Uppgift"),
                k3=(S, "Behov om 3–5 år", "Uppgift"),
                h1=_f("Behov inom 1 år"),
                h2=_f("Behov om 1–3 år"),
                h3=_f("Behov om 3–5 år"),
                all=_f("Behov över alla horisonter"),
                lasting=_f("Behovet håller i sig"),
                intakes=_f("Antagningar som behovet räcker till"),
                required=_f("Krav på rekryteringsbehov"),
                places=_f("Platser per antagning"),
                margin=_f("Marginal för avhopp (%)"),
            )
        )
    sections.append(
        Section(
            "need",
            say_("Behovet i siffror: {verdict}", verdict=_f("Bedömning")),
            need,
            ["Kriterier"],
        )
    )

    # 3. per municipality and horizon
    per = [
        say_(
            "Behovet per kommun i gruppen"
            + (" och horisont" if recruitment else "")
            + "; {absent} kommuner deltog inte i kartläggningen och står som "
            "”deltog inte”, inte som noll.",
            absent=_f("Kommuner som inte deltog"),
        )
    ]
    absent = pack.tables["Kommuner"]
    absent = absent[absent["Deltog"] == DID_NOT_TAKE_PART]["Kommun"]
    if len(absent):
        per.append(Sentence("Deltog inte: " + ", ".join(absent) + "."))
    if pack.cell(S, "Kommuner med dolda siffror", "Värde"):
        per.append(
            say_(
                "Dolda bidrag: {hidden} kommuner med färre än {n} svarande var visas inte var för "
                "sig; deras behov, {value} sammanlagt, ingår i gruppens summa.",
                hidden=_f("Kommuner med dolda siffror"),
                n=_f("Minsta antal svarande bakom en visad siffra"),
                value=_f("Behov i kommuner med dolda siffror"),
            )
        )
    sections.append(
        Section(
            "municipalities",
            say_(
                ("Behov" if recruitment else "Att kompetensutveckla")
                + " per kommun: {need} mot krav {required}",
                need=_f(value),
                required=_f(required),
            ),
            per,
            ["Kommuner"],
            chart="need_by_municipality",
        )
    )

    # 4. per occupation
    occupations = pack.tables["Yrken"]
    occ = [Sentence("Behovet per yrke som kandidaten omfattar, efter yrkesklassificeringen SSYK.")]
    if len(occupations):
        first = occupations.iloc[0]
        column = "Behov över horisonten" if recruitment else "Anställda att kompetensutveckla"
        if not isinstance(first[column], str):
            occ.append(
                say_(
                    "Störst: {name} med {value}.",
                    name=("Yrken", first["Yrke"], "Yrke"),
                    value=("Yrken", first["Yrke"], column),
                )
            )
    sections.append(Section("occupations", Sentence("Behov per yrke"), occ, ["Yrken"]))

    # 5. regional placement
    locations = pack.tables["Studieorter"]
    word = "studieort" if len(locations) == 1 else "studieorter"
    if a.verdict != MOTIVATED:  # as the finder's page
        place = [Sentence("Studieorter föreslås för en motiverad kandidat.")]
    elif locations.empty:  # the providers' version, when every municipality's figure is hidden
        place = [
            Sentence(
                "Behovet per kommun visas inte för kandidaten, så platserna kan inte "
                "fördelas efter det."
            )
        ]
    elif pack.cell(S, "Studieorter valda av användaren", "Värde") == "ja":
        place = [
            say_(
                "Valda studieorter: {n} " + word + " med {places} platser per antagning, "
                "fördelade efter behovet i kommunerna (största rest).",
                n=_f("Studieorter"),
                places=_f("Platser per antagning"),
            )
        ]
    else:
        place = [
            say_(
                "Förslag: {n} " + word + " med {places} platser per antagning, fördelade "
                "efter behovet i kommunerna (största rest); MYH tillåter högst tio "
                "studieorter.",
                n=_f("Studieorter"),
                places=_f("Platser per antagning"),
            )
        ]
    if pack.cell(S, "Kommuner med behov som inte är studieort", "Värde"):
        place.append(
            say_(
                "{count} kommuner med behov är ingen studieort; deras studerande "
                "läser på distans vid en av orterna.",
                count=_f("Kommuner med behov som inte är studieort"),
            )
        )
    if not inputs.admin and pack.cell(S, "Kommuner med dolda siffror", "Värde"):
        place.append(
            Sentence(
                "Kommuner med dolda siffror föreslås inte som studieorter i "
                "utbildningsanordnarnas version."
            )
        )
    for row in locations.to_dict("records"):
        word = "plats" if row["Platser per antagning"] == 1 else "platser"
        place.append(
            say_(
                "{name}: {places} " + word + ".",
                name=("Studieorter", row["Studieort"], "Studieort"),
                places=("Studieorter", row["Studieort"], "Platser per antagning"),
            )
        )
    place.append(
        say_(
            "Kartan: gruppens kommuner efter behov; grått = utanför gruppen, "
            "randigt = deltog inte, stjärna = föreslagen studieort. Gränser: "
            "{source} ({year}).",
            source=(T, "Kommun- och länsgränser", "Källa"),
            year=(T, "Kommun- och länsgränser", "År"),
        )
    )
    sections.append(
        Section(
            "placement",
            Sentence("Regional placering: studieorter och platser"),
            place,
            ["Studieorter"],
            map=True,
        )
    )

    # 6. LIA
    if recruitment:
        lia = [
            say_(
                "Arbetsgivarna erbjuder {offered} LIA-platser per år mot kravet {required} "
                "({per} per studerande).",
                offered=_f("LIA-platser per år"),
                required=_f("Krav på LIA-platser"),
                per=_f("LIA-platser per studerande"),
            )
        ]
        short = locations[locations["LIA räcker"] == "nej"]
        for row in short.to_dict("records"):
            word = "LIA-plats" if row["LIA-platser per år"] == 1 else "LIA-platser"
            lia.append(
                say_(
                    "{name}: {offered} " + word + " mot {needed} som behövs.",
                    name=("Studieorter", row["Studieort"], "Studieort"),
                    offered=("Studieorter", row["Studieort"], "LIA-platser per år"),
                    needed=("Studieorter", row["Studieort"], "LIA-platser som behövs"),
                )
            )
        if len(locations) and short.empty:
            lia.append(
                Sentence("På varje föreslagen studieort räcker LIA-platserna till platserna där.")
            )
        if len(locations) and pack.cell(S, "LIA-platser i gruppen utanför studieorterna", "Värde"):
            lia.append(
                say_(
                    "Utanför studieorterna erbjuds {lia} LIA-platser i gruppen.",
                    lia=_f("LIA-platser i gruppen utanför studieorterna"),
                )
            )
    else:
        lia = [
            Sentence(
                "Kurser för yrkesverksamma behöver ingen LIA: regeln om en fjärdedel "
                "LIA gäller den kvalificerade YH-examen."
            )
        ]
    sections.append(
        Section(
            "lia",
            Sentence(
                "LIA: platser per studieort mot platserna där"
                if recruitment
                else "LIA: behövs inte för en kurs"
            ),
            lia,
            ["Studieorter"] if recruitment else [],
        )
    )

    # 7. supply and competition, 8. outcomes
    supply = [
        say_(
            "Beviljade YH-utbildningar i "
            + ("utbildningsområdet" if inputs.education_area else "området")
            + " {rounds}: {pool} med studieort i gruppen ({pool_places} platser per antagning), "
            "{dist} på distans i hela landet och {nat} i hela landet.",
            rounds=("Utbud", "Med studieort i gruppen", "Ansökningsomgångar"),
            pool=("Utbud", "Med studieort i gruppen", "Utbildningar"),
            pool_places=("Utbud", "Med studieort i gruppen", "Platser per antagning"),
            dist=("Utbud", "På distans i hela landet", "Utbildningar"),
            nat=("Utbud", "I hela landet", "Utbildningar"),
        ),
    ]
    rates = pack.tables["Beviljandegrad"].dropna(subset=["Beviljandegrad (%)"])
    rates = rates[rates["Sökta"] > 0]
    if len(rates):
        last = rates.iloc[-1]["Ansökningsomgång"]
        supply.append(
            say_(
                "Konkurrens: MYH beviljade {share} % av områdets ansökningar "
                "{round} ({granted} av {applied}).",
                share=("Beviljandegrad", last, "Beviljandegrad (%)"),
                round=("Beviljandegrad", last, "Ansökningsomgång"),
                granted=("Beviljandegrad", last, "Beviljade"),
                applied=("Beviljandegrad", last, "Sökta"),
            )
        )
    sections.append(
        Section(
            "supply",
            Sentence("Befintligt utbud och konkurrens i området"),
            supply,
            ["Utbud", "Beviljandegrad"],
        )
    )
    outcomes = []
    for row in pack.tables["Utfall"].to_dict("records"):
        g = row["Grupp"]
        if pd.notna(row["I arbete inom 6 mån (%)"]):
            outcomes.append(
                say_(
                    "{group}: {work} % i arbete inom ett halvår (± {margin} "
                    + (
                        "procentenhet"
                        if row["Felmarginal arbete (procentenheter)"] == 1
                        else "procentenheter"
                    )
                    + "; SCB, uppföljning {year}, {graduates} examinerade).",
                    group=("Utfall", g, "Grupp"),
                    work=("Utfall", g, "I arbete inom 6 mån (%)"),
                    margin=("Utfall", g, "Felmarginal arbete (procentenheter)"),
                    year=("Utfall", g, "Uppföljningsår"),
                    graduates=("Utfall", g, "Examinerade"),
                )
            )
        if pd.notna(row["Arbete som stämmer med utbildningen (%)"]):
            outcomes.append(
                say_(
                    "{group}: {match} % av dem med arbete har ett arbete som helt eller till "
                    "största delen stämmer med utbildningen ({year}).",
                    group=("Utfall", g, "Grupp"),
                    match=("Utfall", g, "Arbete som stämmer med utbildningen (%)"),
                    year=("Utfall", g, "År för matchning"),
                )
            )
    if not outcomes:
        outcomes.append(Sentence("SCB redovisar inga utfall för områdets examinerade."))
    sections.append(
        Section("outcomes", Sentence("Examinerades utfall i området"), outcomes, ["Utfall"])
    )

    # 9. method and sources
    method = [
        Sentence(
            "Behovet är arbetsgivarnas egna svar i kompetenskartläggningen, summerat "
            "över gruppens kommuner; uppkompetensering räknas aldrig ihop med "
            "rekryteringsbehovet."
        ),
        say_(
            "Kravet på behov är platser per antagning ({places}) plus marginal; arbetsgivare, "
            "LIA-platser och kommuner hålls mot egna krav (se Kriterier).",
            places=_f("Platser per antagning"),
        ),
        Sentence(
            "Koppling yrke → MYH:s utbildningsområde är Kraftsamlings egen nyckel, inte "
            "en officiell klassificering."
        ),
    ]
    if not inputs.admin:
        method.append(
            say_(
                "Utbildningsanordnarnas version: en siffra från färre än {n} "
                "svarande visas inte; inga arbetsgivare namnges.",
                n=_f("Minsta antal svarande bakom en visad siffra"),
            )
        )
    for row in pack.tables[T].to_dict("records"):
        method.append(
            say_(
                "{what}: {source} ({year}).",
                what=(T, row["Uppgift"], "Uppgift"),
                source=(T, row["Uppgift"], "Källa"),
                year=(T, row["Uppgift"], "År"),
            )
        )
    sections.append(Section("method", Sentence("Metod och källor"), method, ["Källor"]))


def build(run, selection, candidate_id: str, thresholds, **kwargs) -> Pack:
    """`gather` and `make_pack` in one call."""
    return make_pack(gather(run, selection, candidate_id, thresholds, **kwargs))


VERDICT_COLOURS = {MOTIVATED: "1a9850", NEAR: "fdae61"}
NOT_MOTIVATED_COLOUR = "d73027"

__all__ = [
    "Inputs",
    "Pack",
    "PackRefused",
    "Section",
    "Sentence",
    "build",
    "gather",
    "level_of",
    "make_pack",
    "numbers_in",
    "published_hidden",
    "published_rows",
]
