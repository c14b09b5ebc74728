"""scribe vocab: the clinic's own words (list, add, remove, export, import)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DESCRIPTION = """\
Teach Scribe your clinic's words: shorthand for a technique ("TPR"), a nickname for a
body area ("the usual neck"), or words that bill nothing here. Taught words only add to
the shipped vocabulary: they never change a shipped term, code, unit or modifier rule, and
a phrase that is already a shipped term of another meaning is refused with the reason.
Every later note uses them; the review page teaches them too (select words in the note).

  scribe vocab list
  scribe vocab add technique TPR --cpt 97140 [--technique trigger_point_therapy]
  scribe vocab add area "L QL" --area quadratus_lumborum --side left
  scribe vocab add not-billable "home stretches"
  scribe vocab remove TPR
  scribe vocab export ~/clinic-words.jsonl     (share it with another computer)
  scribe vocab import ~/clinic-words.jsonl     (all of the file or nothing)

The words live in vocab/clinic.jsonl in the data folder.
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("vocab", help="The clinic's own words: list, add, remove, export, import.",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    acts = p.add_subparsers(dest="action", metavar="ACTION")
    ls = acts.add_parser("list", help="what the clinic has taught, where each came from, notes changed")
    ls.add_argument("--json", action="store_true", help="print the entries as one JSON list")
    add = acts.add_parser("add", help="teach a phrase")
    add.add_argument("kind", choices=["technique", "area", "not-billable"])
    add.add_argument("phrase", metavar="PHRASE")
    add.add_argument("--cpt", help="technique: the code family, e.g. 97140")
    add.add_argument("--technique", default="", help="technique: a shipped technique id instead of the family's general one")
    add.add_argument("--area", help="area: the area it names, e.g. quadratus_lumborum or 'upper trapezius'")
    add.add_argument("--side", choices=["left", "right", "bilateral"], help="area: the side the phrase implies")
    rm = acts.add_parser("remove", help="forget a phrase (or an entry id)")
    rm.add_argument("phrase", metavar="PHRASE")
    ex = acts.add_parser("export", help="write the clinic's words to FILE")
    ex.add_argument("file", metavar="FILE")
    im = acts.add_parser("import", help="add the words in FILE (all or nothing)")
    im.add_argument("file", metavar="FILE")
    return p


def run(args) -> int:
    from scribe import vocab
    from scribe.errors import BadInput

    if args.action == "list":
        return _list(args)
    if args.action == "add":
        kind = args.kind.replace("-", "_")
        if kind == "technique" and not (args.cpt or args.technique):
            raise BadInput("A technique needs its code family: --cpt CODE (e.g. --cpt 97140).")
        if kind == "area" and not args.area:
            raise BadInput("An area needs --area NAME (e.g. --area quadratus_lumborum).")
        if args.side and kind != "area":
            raise BadInput("--side is for an area.")
        word = vocab.make(kind, args.phrase, target=args.technique if kind == "technique" else (args.area or ""),
                          cpt=args.cpt, side=args.side, words=vocab.load())
        vocab.add(word)
        print(f"Taught '{word.heard[0]}' as {_describe(word)}; later notes use it.", file=sys.stderr)
        return 0
    if args.action == "remove":
        gone = vocab.remove(args.phrase)
        print(f"Forgot '{', '.join(gone.heard)}' ({_describe(gone)}).", file=sys.stderr)
        return 0
    if args.action == "export":
        n = vocab.export(Path(args.file))
        print(f"Wrote {n} entr{'y' if n == 1 else 'ies'} to {args.file}.", file=sys.stderr)
        return 0
    if args.action == "import":
        added, same = vocab.import_file(Path(args.file))
        print(f"Added {added} entr{'y' if added == 1 else 'ies'}" + (f"; {same} already here" if same else "") + ".",
              file=sys.stderr)
        return 0
    raise BadInput("Say what to do: list, add, remove, export or import. See 'scribe vocab --help'.")


def _describe(word) -> str:
    from extraction.clinic import describe

    return describe(word)


def _list(args) -> int:
    from scribe import vocab
    from scribe.store import SessionStore

    words = vocab.load()
    counts = vocab.changed_counts(SessionStore.open()) if words else {}
    rows = [{
        "id": w.id, "phrases": w.heard, "kind": w.kind, "target": w.target or None,
        "laterality": w.laterality.value if w.laterality else None, "means": _describe(w),
        "note": w.origin.note if w.origin else None, "at": w.origin.at.isoformat() if w.origin else None,
        "by": w.origin.by if w.origin else None, "notes_changed": counts.get(w.id, 0),
    } for w in words]
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print("The clinic has taught no words yet. See 'scribe vocab --help'.", file=sys.stderr)
        return 0
    for r in rows:
        origin = f"taught {r['at'][:10]} by {r['by']}" + (f" on {r['note']}" if r["note"] else "") if r["at"] else ""
        print(f"{', '.join(r['phrases'])}\t{r['means']}\t{origin}\t{r['notes_changed']} notes changed")
    return 0
