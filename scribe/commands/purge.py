"""scribe purge: delete recordings past the practice's retention period, keep the notes."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta, timezone

DESCRIPTION = """\
Delete the audio of confirmed or exported sessions whose date of service is more
than DAYS days ago. The confirmed SOAP note, the claim and the transcript are kept;
the deletion is recorded in each session's history. Drafts are never purged.

Example: scribe purge --older-than 90 --yes
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("purge", help="Delete old recordings after a retention period, keeping the notes.",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--older-than", type=int, required=True, metavar="DAYS",
                   help="retention period in days (date of service older than this)")
    p.add_argument("--yes", action="store_true", help="delete without asking")
    return p


def run(args) -> int:
    from models import AuditAction, AuditEntry, SessionStatus
    from scribe import paths
    from scribe.errors import BadInput
    from scribe.store import SessionStore

    if args.older_than < 0:
        raise BadInput("--older-than must be zero or more days.")
    cutoff = date.today() - timedelta(days=args.older_than)
    store = SessionStore.open()
    root = paths.data_dir().resolve()
    due = []
    for s in store.list():
        if s.status == SessionStatus.draft or s.date_of_service >= cutoff or not s.input_path:
            continue
        audio = (root / s.input_path).resolve()
        if audio.is_relative_to(root) and audio.exists():
            due.append((s, audio))
    if not due:
        print("No recordings are past the retention period.", file=sys.stderr)
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print("Purging needs --yes when not run at a terminal.", file=sys.stderr)
            return 1
        answer = input(f"Delete {len(due)} recording(s) from before {cutoff}? [y/N] ").strip().lower()
        if answer not in {"y", "yes"}:
            return 1
    now = datetime.now(timezone.utc)
    for s, audio in due:
        audio.unlink()
        entry = AuditEntry(at=now, by="scribe", action=AuditAction.purge, field="audio",
                           note=f"recording deleted after {args.older_than} days retention")
        store.save(s.model_copy(update={"audit": [*s.audit, entry]}))
    print(f"Deleted {len(due)} recording(s); their notes and claims are kept.", file=sys.stderr)
    return 0
