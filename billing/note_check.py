"""Does the note's Objective still agree with the claim? (NOTE_CLAIM_MISMATCH)

The Objective's treatment sentences are regenerated from the treatments on every edit, so those
always agree. Prose the therapist wrote by hand stays theirs; but when a clause of it names a
treatment with a number of minutes the claim no longer has (minutes changed from 30 to 40), or
names with its minutes a treatment that was removed, the note and the claim would tell a payer
two different things, so a blocking finding says so before confirmation. A clause that names no
treatment is the therapist's own business and is not read for minutes.
"""

from __future__ import annotations

import re

from models import RuleFinding, Treatment

from billing.messages import finding

_MINUTES = re.compile(r"\b(\d{1,3})(?:\s*(?:-|to)\s*(\d{1,3}))?\s*(?:minutes?|mins?)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[.;\n]")


def objective_findings(objective: str, treatments: list[Treatment], removed_labels: list[str] = ()) -> list[RuleFinding]:
    """NOTE_CLAIM_MISMATCH for each minute count in the Objective that the treatments contradict."""
    out: list[RuleFinding] = []
    current = {t.label.lower() for t in treatments if t.label}
    gone = [label for label in dict.fromkeys(removed_labels) if label and label.lower() not in current]
    for clause in _CLAUSE.split(objective or ""):
        low = clause.lower()
        counts = list(_MINUTES.finditer(clause))
        if not counts:
            continue
        named = [t for t in treatments if t.label and t.label.lower() in low]
        if named:
            allowed = {t.minutes for t in named}
            for m in counts:
                if int(m.group(1)) not in allowed:
                    t = named[0]
                    actual = " or ".join(str(x) for x in sorted(a for a in allowed if a is not None)) or "no"
                    out.append(finding("NOTE_CLAIM_MISMATCH", cpt=t.cpt, treatment_id=t.id,
                                       said=m.group(0), label=t.label, actual=actual))
            continue
        for label in gone:
            if label.lower() in low:
                out.append(finding("NOTE_CLAIM_MISMATCH.removed", said=counts[0].group(0), label=label))
    return out
