"""The app's pages, written once: dashboard.py builds the navigation from this list, and the
benchmarks and tests that visit every page read it (a test or bench that leaves a page out
filters this list and says why)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # the script, relative to the repository: pages/karta.py
    title: str  # Swedish; dashboard.py translates it with i18n.t
    icon: str
    admin: bool = False  # shown only to a logged-in administrator

    @property
    def url_path(self) -> str:
        """The page's URL path on a live server ('' for the map, the default page)."""
        return "" if self == PAGES[0] else self.path.removeprefix("pages/").removesuffix(".py")


# The evidence pages, in the order of the navigation; the first is the default page.
PAGES: tuple[Page, ...] = (
    Page("pages/karta.py", "Karta", ":material/map:"),
    Page("pages/kluster.py", "Yrkeskluster", ":material/category:"),
    Page("pages/kommunprofil.py", "Kommunprofil", ":material/location_city:"),
    Page("pages/kommungrupper.py", "Kommungrupper", ":material/hub:"),
    Page("pages/over_tid.py", "Över tid", ":material/timeline:"),
    Page("pages/ansokningsunderlag.py", "Ansökningsunderlag", ":material/fact_check:"),
)
# The administrators' pages (the login page, pages/logga_in.py, is added by dashboard.py:
# its title and icon follow whether someone is logged in).
ADMIN_PAGES: tuple[Page, ...] = (
    Page("pages/importera.py", "Importera", ":material/upload_file:", admin=True),
    Page("pages/omgangar.py", "Omgångar", ":material/layers:", admin=True),
)
LOGIN = "pages/logga_in.py"
PRESENTATION = Page("pages/presentation.py", "Presentation", "")  # ?present=1 only


def scripts(pages: tuple[Page, ...] = PAGES) -> list[str]:
    """The pages' scripts, for AppTest.switch_page: ["pages/karta.py", …]."""
    return [page.path for page in pages]
