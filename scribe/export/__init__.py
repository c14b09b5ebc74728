"""Exports of a confirmed session: SOAP PDF, CMS-1500 (PDF and CSV), X12 837P, FHIR R4 and JSON.

The CLI and the review page call the same functions:
    export_sessions(ids, fmt, out=None, store=None) -> list[ExportResult]
    export_range(start, end, fmt, out=None, store=None) -> list[ExportResult]
    formats() -> list[str]; get_exporter(name); missing_details(session_id, fmt) -> list[Missing]

The registry (scribe.export.base) knows no format by name: scribe.export.builtin registers the
built-in ones with ``register``, as a clinic's own module would, and importing this package (which
Python does before any of its modules) imports it, so every format is registered before use.
"""

from __future__ import annotations

from scribe.export.runner import (
    BatchPlan,
    ClaimChoices,
    ExportResult,
    claim_choices,
    claim_identity,
    export_range,
    export_sessions,
    missing_details,
    plan_range,
    sessions_in_range,
)
from scribe.export.base import ExportContext, Exporter, Missing, formats, get_exporter, register
from scribe.export import builtin  # noqa: E402,F401 - registers the built-in formats

__all__ = [
    "BatchPlan", "ClaimChoices", "claim_choices", "plan_range", "ExportContext", "ExportResult", "Exporter", "Missing", "claim_identity", "export_range",
    "export_sessions", "formats", "get_exporter", "missing_details", "register", "sessions_in_range",
]
