"""scribe confirm: confirm a session under the same rules as the review page."""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Confirm a session's SOAP note and claim so it can be exported.

Refused while a blocking finding has no override. To override one, give its rule
id and your reason, for example:
  scribe confirm 20261123-ab12cd --override SAME_REGION_CONFLICT --reason "areas were separate"
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("confirm", help="Confirm a session (refused while blocking findings remain).",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--yes", action="store_true", help="do not ask; confirm if the rules allow")
    p.add_argument("--override", action="append", default=[], metavar="RULE_ID",
                   help="a blocking finding to accept (repeat for several; each needs a --reason)")
    p.add_argument("--reason", action="append", default=[], metavar="TEXT",
                   help="why the override is right (one per --override, in the same order)")
    return p


def run(args) -> int:
    from scribe.actions import confirm
    from scribe.errors import BadInput, Refused
    from scribe.render import session_summary
    from scribe.store import SessionStore

    if len(args.override) != len(args.reason):
        raise BadInput("Each --override needs its own --reason.")
    store = SessionStore.open()
    session = store.get(args.session)
    confirmed = confirm(session, list(zip(args.override, args.reason)), store=store)
    if not args.yes:
        if not sys.stdin.isatty():
            raise Refused("Confirmation needs --yes when not run at a terminal.")
        print(session_summary(session))
        answer = input("\nConfirm this note and claim? [y/N] ").strip().lower()
        if answer not in {"y", "yes"}:
            print("Not confirmed; nothing changed.", file=sys.stderr)
            return 1
    store.save(confirmed)
    print(f"Confirmed session {session.id}.", file=sys.stderr)
    return 0
