"""scribe sessions: list stored sessions."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("sessions", help="List stored sessions (newest first).",
                       description="List stored sessions with their date, client, payer, status and findings.")
    p.add_argument("--status", choices=["draft", "confirmed", "exported"], help="only sessions with this status")
    p.add_argument("--json", action="store_true", help="print a JSON list on standard output")
    return p


def run(args) -> int:
    from scribe.render import finding_counts, sessions_table
    from scribe.store import SessionStore

    from scribe.progress import say
    from scribe.recovery import notice

    store = SessionStore.open()
    sessions = store.list(status=args.status)
    message = notice(store)
    if message:
        say(message)
    if args.json:
        rows = [
            {
                "id": s.id,
                "date_of_service": s.date_of_service.isoformat(),
                "client": s.client,
                "payer": s.payer,
                "status": s.status.value,
                "findings": len(s.rule_findings),
                "blocking": finding_counts(s)[0],
                "overridden": finding_counts(s)[1],
            }
            for s in sessions
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(sessions_table(sessions))
    return 0
