"""scribe show: one session, readable or as the session JSON."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("show", help="Show one session: SOAP note, claim lines, findings, evidence.",
                       description="Show one stored session. SESSION may be the id or its unique beginning.")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--json", action="store_true", help="print the whole session as JSON")
    return p


def run(args) -> int:
    from models import AuditAction
    from scribe.render import session_summary
    from scribe.store import SessionStore

    session = SessionStore.open().get(args.session)
    if args.json:
        json.dump(session.to_json_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(session_summary(session))
        if session.audit:
            print("\nHistory")
            for a in session.audit:
                what = f"{a.field}: {a.old!r} -> {a.new!r}" if a.field and a.action in {AuditAction.edit, AuditAction.undo} else a.field
                print(f"  {a.at:%Y-%m-%d %H:%M} {a.by:<10} {a.action.value:<8} {what} {a.note}".rstrip())
    return 0
