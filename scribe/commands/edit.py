"""scribe edit: change one thing in a session from the command line, as the review page does."""

from __future__ import annotations

import argparse
import json

DESCRIPTION = """\
Change one thing in a stored session; the claim is re-billed at once and the change is
recorded in the session's history (who, what, old value, new value, when). A confirmed or
exported session goes back to draft and must be confirmed again.

FIELD is one of:
  soap.subjective | soap.objective | soap.assessment | soap.plan   (text)
  treatment.ID.minutes | treatment.ID.cpt                          (see ids with 'scribe show')
  treatment.ID.modifiers                                           (comma-separated, e.g. 59,GP)
  treatment.ID.removed                                             (yes)
  diagnoses                                                        (comma-separated ICD-10-CM codes)
  payer | client | date_of_service
Or use --undo to take back the last change.

Examples:
  scribe edit 20261123-ab12cd treatment.t2.minutes 20
  scribe edit 20261123-ab12cd diagnoses M54.50,M62.830
  scribe edit 20261123-ab12cd --undo
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("edit", help="Change a minute, code, diagnosis or SOAP field; re-bills at once.",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("field", nargs="?", metavar="FIELD")
    p.add_argument("value", nargs="?", metavar="VALUE")
    p.add_argument("--undo", action="store_true", help="undo the most recent change")
    p.add_argument("--json", action="store_true", help="print the changed session as JSON")
    return p


def run(args) -> int:
    import sys

    from scribe.actions import edit, undo
    from scribe.edit_targets import EditTarget
    from scribe.errors import BadInput
    from scribe.render import session_summary
    from scribe.store import SessionStore

    store = SessionStore.open()
    session = store.get(args.session)
    if args.undo:
        changed = undo(session)
    else:
        if not args.field or args.value is None:
            raise BadInput("Give a FIELD and a VALUE, or --undo. See 'scribe edit --help'.")
        target = EditTarget.parse(args.field)
        changed = edit(session, target, target.field.from_text(args.value))
    saved = store.save(changed)
    if args.json:
        json.dump(saved.to_json_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(session_summary(saved))
    last = saved.audit[-1]
    print(f"\n{last.action.value}: {last.field} {last.old!r} -> {last.new!r}", file=sys.stderr)
    return 0
