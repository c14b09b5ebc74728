"""Numbers of minutes every stage agrees on: the 8-minute unit arithmetic, the longest session, and
the -teen/-ty twins a speech model confuses.

They live here, below extraction/ and billing/, because both need them and neither may import
the other. billing/units.py builds the unit methods (per code, total time) on ``units``; the
review page and ``scribe edit`` refuse minutes above ``MAX_SESSION_MINUTES``, as the duration
reader does; the second listen (scribe/relisten.py) and the minute checks read ``TY_TO_TEEN``.
"""

from __future__ import annotations

UNIT_MINUTES = 15
HALF_UNIT = 7  # a unit needs more than 7 minutes: units(T) = floor((T + 7) / 15)
MAX_SESSION_MINUTES = 8 * 60  # no treatment or dictated duration is longer than a working day

#: the -ty number a speech model may write for a -teen one ("fifteen" heard as "50"), and back
TY_TO_TEEN = {30: 13, 40: 14, 50: 15, 60: 16, 70: 17, 80: 18, 90: 19}
TEEN_TO_TY = {teen: ty for ty, teen in TY_TO_TEEN.items()}


def units(minutes: int) -> int:
    """Units for ``minutes`` of timed service: 8-22 min = 1, 23-37 = 2, under 8 = 0."""
    if minutes < 0:
        raise ValueError("minutes cannot be negative")
    return (minutes + HALF_UNIT) // UNIT_MINUTES


def twin(minutes: int) -> int | None:
    """The -teen/-ty reading of a number the speech model may have confused (15 <-> 50), or None."""
    return TEEN_TO_TY.get(minutes, TY_TO_TEEN.get(minutes))
