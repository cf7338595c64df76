"""The shared filters as one value: what the user chose, and the parameters every query binds.

Every survey figure is computed by the `filtered_need` macro (kraftsamling/schema.sql) with the
same `need_params()`, so the map, the cluster page, the profile page and the finder agree.
The municipalities a selection covers are resolved by `queries/selection_municipalities.sql`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kraftsamling.metrics import HORIZONS

# Labels are Swedish source texts, shown through kraftsamling.i18n.t.
SCHEMES = {"field": "Yrkesområde (Arbetsförmedlingen)", "area": "Utbildningsområde (MYH)"}


@dataclass(frozen=True)
class Selection:
    wave_id: str | None
    horizon: str = "0-5"
    lan_koder: tuple[str, ...] = ()  # empty = all four counties
    group_id: str | None = None  # a collaboration group, or None
    chosen_kommunkoder: tuple[str, ...] = ()  # an explicit set, or empty
    org_kinds: tuple[str, ...] = ()  # empty = all kinds
    sni_sections: tuple[str, ...] = ()  # empty = all industries
    scheme: str = "field"  # 'field' or 'area'
    cluster: str | None = None
    ssyk4: str | None = None
    post_secondary_only: bool = False
    yh_only: bool = False  # only occupations YH trains for (education_path 'yh'; issue 10)
    survey_year: int = 2025
    kommunkoder: tuple[str, ...] = field(default=(), compare=False)  # resolved, see resolve()

    @property
    def horizons(self) -> list[str]:
        return list(HORIZONS[self.horizon])

    def municipality_params(self) -> dict:
        """Parameters of queries/selection_municipalities.sql."""
        return {
            "lan_koder": list(self.lan_koder),
            "group_id": self.group_id,
            "kommunkoder": list(self.chosen_kommunkoder),
            "year": self.survey_year,
        }

    def need_params(self, kommunkoder: list[str] | tuple[str, ...] | None = None) -> dict:
        """Parameters of every query built on filtered_need; `kommunkoder` narrows further
        (a municipality's profile) and defaults to the selection's own municipalities."""
        return {
            "wave_id": self.wave_id,
            "horizons": self.horizons,
            "kommunkoder": list(self.kommunkoder if kommunkoder is None else kommunkoder),
            "org_kinds": list(self.org_kinds),
            "sni_sections": list(self.sni_sections),
            "scheme": self.scheme,
            "cluster": self.cluster,
            "ssyk4": self.ssyk4,
            "post_secondary_only": self.post_secondary_only,
            "yh_only": self.yh_only,
        }
