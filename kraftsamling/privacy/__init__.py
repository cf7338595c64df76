"""Small numbers protected: the providers' view is a publication computed once per wave,
audited, stored, and the only survey data that view reads. The model is written once, in
docs/privacy.md.

- kraftsamling.privacy.cells: the rules for cells (fewer than N, dominance, complements, blocks).
- kraftsamling.privacy.publish: computes, audits and stores a wave's publication (the only
  part that reads the answers; run by the build and the importer).
- kraftsamling.privacy.view: every figure of the providers' view, from the stored publication.
"""

from kraftsamling.privacy.cells import (  # noqa: F401 (the package's interface)
    DOMINATED,
    FEW,
    HIDDEN_WORD,
    SECONDARY,
    Blocks,
    counted,
    dominance,
    hidden_note,
    hide,
    label,
    min_respondents,
    protect_cells,
    reason_label,
)
