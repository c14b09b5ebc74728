"""scribe eval: measure accuracy over a folder of evaluation cases."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DESCRIPTION = """\
Run every case in PATH (a dictation plus a .json of what a careful biller would
produce; see the evaluation format) and report what matched. Prints one line per
case and a summary: cases passed, line precision and recall, pain accuracy, and
word error rate for audio cases with a NAME.ref.txt. Never writes to the session store.
When the clinic has taught words (scribe vocab), cases are read with them and the summary
also says how many pass on the shipped words alone; --no-clinic-vocab leaves them out.
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("eval", help="Measure accuracy over a folder of evaluation cases.",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("path", metavar="PATH", help="folder of cases, or one case file")
    p.add_argument("--payer", default=None, help="payer profile for cases that do not name one")
    p.add_argument("--model", default=None, help="speech model for audio cases: tiny.en, base, or a folder")
    p.add_argument("--no-clinic-vocab", action="store_true",
                   help="read the cases with the shipped words only, without the clinic's taught words")
    p.add_argument("--json", action="store_true", help="print the results as one JSON object")
    return p


def run(args) -> int:
    from scribe.errors import BadInput
    from scribe.evaluate import discover, run_case, summarise
    from scribe.analysis import clinic_words, get_profile
    from scribe.progress import Progress

    if args.payer:
        get_profile(args.payer)
    cases = discover(Path(args.path))
    if not cases:
        raise BadInput(f"{args.path} holds no evaluation cases (NAME.txt or audio beside NAME.json).")
    bar = Progress("Evaluating", total=len(cases))
    use_clinic = not args.no_clinic_vocab
    taught = use_clinic and bool(clinic_words())
    results = []
    for i, case in enumerate(cases):
        results.append(run_case(case, payer=args.payer, model=args.model, clinic_vocab=use_clinic,
                                compare_without=taught))
        bar.update(i + 1, case.name)
    bar.done()
    summary = summarise(results)
    if args.json:
        json.dump({"cases": [r.model_dump(exclude_none=True) for r in results], "summary": summary},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for r in results:
        status = "PASS" if r.passed else "FAIL"
        print(f"{status}  {r.name}" + ("" if r.passed else "  " + "; ".join(r.differences)))
    print()
    print(f"cases passed    {summary['passed']}/{summary['total']} ({summary['pass_rate']:.0%})"
          + (" with the clinic's words" if taught else " (shipped words only)" if not use_clinic else ""))
    if "passed_without_clinic" in summary:
        print(f"without them    {summary['passed_without_clinic']}/{summary['total']}")
    print(f"line precision  {summary['line_precision']:.3f}")
    print(f"line recall     {summary['line_recall']:.3f}")
    print(f"pain accuracy   {summary['pain_accuracy']:.3f}")
    if "wer" in summary:
        print(f"word error rate {summary['wer']:.3f}")
    return 0
