"""scribe export: write confirmed sessions as SOAP PDF, CMS-1500, 837P, FHIR or JSON."""

from __future__ import annotations

import argparse
import json
import sys

FORMATS = ("soap-pdf", "cms1500-pdf", "cms1500-csv", "837p", "fhir", "json")

DESCRIPTION = """\
Export confirmed sessions. Formats:
  soap-pdf      the SOAP note as a PDF to file or print
  cms1500-pdf   claim data to print onto a pre-printed red CMS-1500 form
  cms1500-csv   the same CMS-1500 fields as a spreadsheet
  837p          electronic claim (X12 837P) for your clearinghouse
  fhir          FHIR R4 bundle: the claim and the SOAP note
  json          the whole session

Files go to the exports folder of your data folder unless you give --out (a file for
one session, a folder for several); an existing file is replaced only with --force.
Each export is recorded on the session, per format; exporting again is allowed and
gives the claim exactly as you confirmed it, whatever changed in the settings since.

A claim you changed and confirmed again after it was sent goes out as a replacement
(frequency 7), which needs the payer's claim number of the original:
  scribe export 20260302-ab12cd --format 837p --original-reference 2026061234567
or cancel the claim that was sent (frequency 8):
  scribe export 20260302-ab12cd --format 837p --void --original-reference 2026061234567

Weekly billing, every confirmed session of a week not yet exported in that format:
  scribe export --from 2026-03-02 --to 2026-03-08 --format 837p
It says which sessions it included and why it skipped each other one.

If practice or client details are missing, nothing is written and you get the list of
what to fill in, with the command for each ('scribe settings', 'scribe client').
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("export", help="Export confirmed sessions (SOAP PDF, CMS-1500, 837P, FHIR, JSON).",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sessions", nargs="*", metavar="SESSION", help="session id(s); see 'scribe sessions'")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, metavar="FORMAT",
                   help="one of: " + ", ".join(FORMATS))
    p.add_argument("--out", "-o", metavar="PATH", help="file (one session) or folder (several)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                   help="export every confirmed session from this date of service...")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="...to this one (inclusive)")
    p.add_argument("--include-exported", action="store_true",
                   help="with --from/--to: also sessions that were already exported")
    p.add_argument("--original-reference", metavar="REF",
                   help="for a replacement or void: the payer's claim number of the claim sent before")
    p.add_argument("--void", action="store_true",
                   help="cancel the claim that was sent (frequency 8); needs --original-reference")
    p.add_argument("--force", action="store_true", help="replace a file that already exists at --out")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    return p


def _day(value: str, flag: str):
    from scribe.dates import parse_day

    return parse_day(value, f"{flag} ")


def run(args) -> int:
    from scribe.errors import BadInput
    from scribe.export import export_range, export_sessions, plan_range

    ranged = args.date_from or args.date_to
    if ranged:
        if args.sessions:
            raise BadInput("Give session ids or --from/--to, not both.")
        if not (args.date_from and args.date_to):
            raise BadInput("A date range needs both --from and --to.")
        if args.void or args.original_reference:
            raise BadInput("A replacement or void is sent one session at a time, not with --from/--to.")
        start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
        plan = plan_range(start, end, args.format, include_exported=args.include_exported)
        for skipped in plan.skipped:
            print(f"Skipped {skipped.session_id}: {skipped.reason}", file=sys.stderr)
        results = export_range(start, end, args.format, out=args.out, include_exported=args.include_exported,
                               force=args.force, plan=plan)
    else:
        if not args.sessions:
            raise BadInput("Name the session(s) to export, or give a date range with --from and --to.")
        results = export_sessions(args.sessions, args.format, out=args.out, force=args.force, void=args.void,
                                  original_reference=args.original_reference)
    for r in results:
        for f in r.findings:
            print(f"{r.session_id}: {f.id.value}: {f.message}", file=sys.stderr)
    if args.json:
        json.dump([r.model_dump(mode="json") for r in results], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            print(r.path)
    replaced = sum(r.frequency == "7" for r in results)
    voided = sum(r.frequency == "8" for r in results)
    note = f" ({replaced} as replacement claim{'s' if replaced != 1 else ''})" if replaced else ""
    note += f" (void of payer claim {results[0].original_reference})" if voided else ""
    print(f"Exported {len(results)} session{'s' if len(results) != 1 else ''} as {args.format}{note}.",
          file=sys.stderr)
    return 0
