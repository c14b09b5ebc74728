"""Passive stretching done within a massage or manual therapy is billed as that code.

domain.md section 2: "passive stretching inside a massage stays with the massage code". Extraction
says only what happened: a treatment was done ``within`` another (models.Treatment.within). Which
code that makes is this rule, and which codes absorb the work done within them is data
(``includes_passive_work`` in billing/data/codes.json), so a payer that wants it billed apart is a
change here, not in the words extraction reads. A therapist who sets the code of such a treatment
by hand has decided it: the edit clears ``within`` (scribe/actions.py).
"""

from __future__ import annotations

from billing import catalog
from models import Treatment


def as_billed(treatments: list[Treatment]) -> list[Treatment]:
    """The treatments with the code each is billed as: its own, or its host's when done within a
    service whose code includes passive work."""
    by_id = {t.id: t for t in treatments}
    out = []
    for t in treatments:
        host = by_id.get(t.within) if t.within else None
        entry = catalog.find(host.cpt) if host is not None else None
        if entry is not None and entry.includes_passive_work and host.cpt != t.cpt:
            t = t.model_copy(update={"cpt": host.cpt})
        out.append(t)
    return out
