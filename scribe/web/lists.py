"""The home page's and the week's lists, and a client's pain chart: arrangement only, no rules.

Counts come from views.counts (the session page's own), so a row never disagrees with the page it
opens. The chart is drawn on the server as plain SVG: no script, no external asset, nothing the
strict Content-Security-Policy would have to allow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from models import FactKind, Session, SessionStatus
from scribe.dates import check_range, parse_day
from scribe.errors import BadInput
from scribe.web import views

COMPLAINT_CHARS = 60


@dataclass
class Row:
    session: Session
    when: str  # date of service and the time it was made, in this computer's time zone
    complaint: str
    warnings: int
    blocking: int
    pain: tuple[int | None, int | None]


def first_complaint(session: Session) -> str:
    """The first complaint dictated, in the therapist's words ("low back pain"), else "—"."""
    conditions = sorted(session.extraction.facts_of(FactKind.condition), key=lambda f: f.evidence.char_start)
    before = session.extraction.pain_before
    for fact in conditions:
        words = fact.evidence.text.strip() or fact.label
        if fact.area is None and before is not None and before.location and before.location.lower() not in words.lower():
            words = f"{words} ({before.location})"  # "Pain eight out of ten in the neck": where, from the score
        return words if len(words) <= COMPLAINT_CHARS else words[: COMPLAINT_CHARS - 1] + "…"
    if before is not None and before.location:
        return f"pain ({before.location})"
    return "—"


def local_time(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo else moment


def row(session: Session) -> Row:
    warnings, blocking = views.counts(session)
    made = local_time(session.created_at)
    ex = session.extraction
    return Row(session=session, when=f"{session.date_of_service.isoformat()} {made:%H:%M}",
               complaint=first_complaint(session), warnings=warnings, blocking=blocking,
               pain=(ex.pain_before.score if ex.pain_before else None, ex.pain_after.score if ex.pain_after else None))


def newest_first(sessions: list[Session]) -> list[Session]:
    return sorted(sessions, key=lambda s: (s.date_of_service, s.created_at), reverse=True)


def today_rows(sessions: list[Session], today: date | None = None) -> list[Row]:
    """Sessions with today's date of service (a recording's own date, else the day it was made)."""
    today = today or date.today()
    return [row(s) for s in newest_first(sessions) if s.date_of_service == today]


# the week's filters ----------------------------------------------------------------
@dataclass
class Filters:
    status: str | None = None
    start: date | None = None
    end: date | None = None
    client: str | None = None
    shown: list[str] = field(default_factory=list)  # what the page says it is showing

    def keep(self, s: Session) -> bool:
        return ((self.status is None or s.status.value == self.status)
                and (self.start is None or s.date_of_service >= self.start)
                and (self.end is None or s.date_of_service <= self.end)
                and (self.client is None or s.client == self.client))


def _day(value: str | None, what: str) -> date | None:
    if not value:
        return None
    return parse_day(value, f"The {what} date ")


def filters(status: str | None, start: str | None, end: str | None, client: str | None) -> Filters:
    """The filter form's values, checked; an unknown status is ignored as the old list did."""
    f = Filters(status=status if status in {s.value for s in SessionStatus} else None,
                start=_day(start, "from"), end=_day(end, "to"), client=(client or "").strip() or None)
    if f.start and f.end:
        check_range(f.start, f.end)
    return f


def week_bounds(value: str | None, today: date | None = None) -> tuple[date, date]:
    """An ISO week ("2026-W49", as a week input sends it) to its Monday and Sunday."""
    today = today or date.today()
    if not value:
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    try:
        year, week = value.split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise BadInput(f"'{value}' is not a week; choose one like {today:%G-W%V}.") from None
    return monday, monday + timedelta(days=6)


def iso_week(day: date) -> str:
    return f"{day:%G-W%V}"


# a client's pain chart -----------------------------------------------------------------
@dataclass
class Point:
    x: float
    y: float
    score: int


@dataclass
class Chart:
    width: int
    height: int
    top: int
    bottom: int
    left: int
    ticks: list[tuple[float, int]]  # (y, pain score) gridlines
    labels: list[tuple[float, str]]  # (x, date) under each visit
    before: list[Point]
    after: list[Point]
    pairs: list[tuple[Point, Point]]  # before and after of one visit, joined by a thin line

    @property
    def before_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.before)

    @property
    def after_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.after)


def pain_chart(rows: list[Row], width: int = 640, height: int = 240) -> Chart | None:
    """Pain before and after each visit (oldest on the left), or None when no visit has a score."""
    visits = [r for r in sorted(rows, key=lambda r: (r.session.date_of_service, r.session.created_at))
              if r.pain != (None, None)]
    if not visits:
        return None
    left, right, top, bottom = 40, 36, 16, height - 36
    span = width - left - right

    def x(i: int) -> float:
        return left + (span / 2 if len(visits) == 1 else span * i / (len(visits) - 1))

    def y(score: int) -> float:
        return bottom - (bottom - top) * score / 10

    before, after, pairs = [], [], []
    for i, r in enumerate(visits):
        b = Point(x(i), y(r.pain[0]), r.pain[0]) if r.pain[0] is not None else None
        a = Point(x(i), y(r.pain[1]), r.pain[1]) if r.pain[1] is not None else None
        before += [b] if b else []
        after += [a] if a else []
        if a and b:
            pairs.append((b, a))
    step = max(1, len(visits) // 6)  # at most about six date labels, so they never overlap
    labels = [(x(i), r.session.date_of_service.strftime("%b %d")) for i, r in enumerate(visits) if i % step == 0]
    return Chart(width=width, height=height, top=top, bottom=bottom, left=left,
                 ticks=[(y(s), s) for s in (0, 2, 4, 6, 8, 10)], labels=labels,
                 before=before, after=after, pairs=pairs)
