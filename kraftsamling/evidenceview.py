"""The finder's downloads: the evidence pack (.xlsx, .pptx, PDF) and, for administrators, the
letters of intent for the employers they tick. Streamlit glue only: the pack is made by
kraftsamling.evidence and laid out by kraftsamling.evidence_files / evidence_pdf, the same
as `python -m kraftsamling evidence` makes it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from kraftsamling import evidence, ui
from kraftsamling.i18n import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ADMIN_NOTE = "Administratörernas version: med arbetsgivarnas namn; lämna inte ut."
PROVIDERS_NOTE = "Utbildningsanordnarnas version: endast det som leverantörsvyn visar."


def runner():
    """The pack's query runner, fixed when the page is drawn: a download's data is made later,
    in a thread of its own without the page's session, so it reads the connection directly (a
    cursor per query) and the app's cached publication of the providers' view
    (kraftsamling.evidence._publication)."""
    from functools import partial

    from kraftsamling import queries

    con, version = ui._run_connection()
    run = partial(queries.run, con)

    def published(selection):
        return ui._publication(con, version, selection.wave_id, selection.horizon)

    run.publication = published
    return run


def slug(label: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in label)[:40]


def downloads(
    filters: dict,
    candidate_id: str,
    label: str,
    thresholds,
    *,
    kind: str = evidence.RECRUITMENT,
    group_ssyk4=(),
    group_label: str = "",
    picks=(),
) -> None:
    """The download buttons under one candidate. The files are made when a button is
    clicked, in Swedish whatever the page's language; `picks`: the study locations the user
    chose on the page (the pack proposes the same)."""
    from kraftsamling import evidence_files, evidence_pdf

    st.subheader(t("Underlag att ladda ner"))
    level = evidence.level_of(candidate_id)
    admin = ui.is_admin()
    selection = filters["selection"]
    made: dict = {}
    run = runner()

    def pack():
        if "pack" not in made:
            made["pack"] = evidence.build(
                run,
                selection,
                candidate_id,
                thresholds,
                kind=kind,
                providers=not admin,
                group_ssyk4=tuple(group_ssyk4) if level == "group" else (),
                group_label=group_label,
                generated_on=date.today().isoformat(),
                picks=tuple(picks),
            )
        return made["pack"]

    def picture():
        if "map" not in made:
            made["map"] = evidence_files.map_png(pack())
        return made["map"]

    name = slug(label)
    cols = st.columns(3)
    cols[0].download_button(
        "Excel (.xlsx)",
        lambda: evidence_files.pack_xlsx(pack()),
        file_name=f"underlag_{name}.xlsx",
        mime=XLSX,
    )
    cols[1].download_button(
        "PowerPoint (.pptx)",
        lambda: evidence_files.pack_pptx(pack(), picture()),
        file_name=f"underlag_{name}.pptx",
        mime=PPTX,
    )
    cols[2].download_button(
        "PDF",
        lambda: evidence_pdf.pack_pdf(pack(), picture()),
        file_name=f"underlag_{name}.pdf",
        mime="application/pdf",
    )
    st.caption(
        t(
            "Underlaget följer MYH:s bedömning: behovet i siffror, regional placering, LIA, "
            "befintligt utbud och konkurrens, examinerades utfall, metod och källor. "
            "Filerna är på svenska."
        )
        + " "
        + t(ADMIN_NOTE if admin else PROVIDERS_NOTE)
    )
    if not admin:
        return
    employers = ui.query(
        "candidate_employer_horizons",
        **selection.need_params(),
        level=level,
        candidate_id=candidate_id,
        group_ssyk4=list(group_ssyk4) if level == "group" else [],
    )
    if kind == evidence.UPSKILLING:
        employers = employers[employers["staff"] > 0]
    if employers.empty:
        return
    names = dict(zip(employers["respondent_id"], employers["organisation_name"], strict=True))
    ticked = st.multiselect(
        t("Avsiktsförklaringar för arbetsgivarna"),
        list(names),
        default=list(names),
        format_func=names.get,
        key=f"letters_{candidate_id}",
    )
    if ticked:
        st.download_button(
            t("Avsiktsförklaringar (PDF, {n} st.)", n=len(ticked)),
            lambda: evidence_pdf.letters_pdf(pack(), list(ticked)),
            file_name=f"avsiktsforklaringar_{name}.pdf",
            mime="application/pdf",
        )
