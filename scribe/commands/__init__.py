"""Sub-commands of `scribe`; each module has add_parser(subparsers) and run(args).

The options and the closing sentence that ``process`` and ``dictate`` share are written here once.
"""

from __future__ import annotations


def add_payer_option(p) -> None:
    p.add_argument("--payer", default="commercial", help="payer profile to bill under (default: commercial)")


def add_model_option(p) -> None:
    p.add_argument("--model", default=None, help="speech model: tiny.en (default), base, or a model folder")


def add_client_option(p) -> None:
    p.add_argument("--client", default=None, metavar="ID", help="client reference for the claim")


def saved_as_draft(session_id: str) -> str:
    return f"\nSaved as draft session {session_id}. Review it with: scribe review {session_id}"
