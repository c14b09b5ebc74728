"""Dates a user types (YYYY-MM-DD) and date ranges: one sentence for each mistake, wherever it is typed."""

from __future__ import annotations

from datetime import date

from scribe.errors import BadInput


def parse_day(value: str, prefix: str = "") -> date:
    """``value`` as a date; ``prefix`` names the field in the refusal ("--from ", "The to date ")."""
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"{prefix}'{value}' is not a date; use YYYY-MM-DD.") from None


def check_range(start: date, end: date) -> None:
    if end < start:
        raise BadInput(f"The range ends ({end}) before it starts ({start}).")
