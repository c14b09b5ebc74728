"""scribe settings: the practice, provider, fee and 837P details a claim needs."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
Practice settings: what a claim needs that a dictation never says. Examples:
  scribe settings show
  scribe settings set practice.name "Harbor Massage"
  scribe settings set practice.billing_npi 1234567893
  scribe settings set provider.type LMT
  scribe settings set fees.commercial.97124 30        (charge per unit, per payer and code)
  scribe settings set submitter.id HARBOR01           (from your clearinghouse)
  scribe settings unset practice.phone
Run 'scribe settings keys' for every key and what it means.
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("settings", help="Show or change practice, provider, fee and 837P settings.",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    show = actions.add_parser("show", help="show every setting and what is not filled in")
    show.add_argument("--json", action="store_true", help="print the settings as JSON")
    actions.add_parser("keys", help="list every key with what it means")
    s = actions.add_parser("set", help="set one value: scribe settings set KEY VALUE")
    s.add_argument("key", metavar="KEY")
    s.add_argument("value", metavar="VALUE")
    u = actions.add_parser("unset", help="clear one value: scribe settings unset KEY")
    u.add_argument("key", metavar="KEY")
    return p


def run(args) -> int:
    from scribe.paths import settings_path
    from scribe.settings import get_setting, load_settings, set_setting, setting_keys

    action = args.action or "show"
    if action == "keys":
        for key, what in setting_keys():
            print(f"{key:<28} {what}")
        return 0
    if action == "set":
        set_setting(args.key, args.value)
        print(f"Set {args.key}.", file=sys.stderr)
        return 0
    if action == "unset":
        set_setting(args.key, None)
        print(f"Cleared {args.key}.", file=sys.stderr)
        return 0
    settings = load_settings()
    if getattr(args, "json", False):
        json.dump(settings.model_dump(mode="json"), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"Settings file: {settings_path()}")
    for key, what in setting_keys():
        if key.startswith("fees."):
            continue
        value = get_setting(settings, key)
        shown = "(not set)" if value in (None, "") else getattr(value, "value", value)
        print(f"  {key:<26} {shown!s:<28} {what}")
    print("  fees (charge per unit):" + ("" if settings.fees else " none yet; scribe settings set fees.PAYER.CPT AMOUNT"))
    for payer, table in sorted(settings.fees.items()):
        for cpt, amount in sorted(table.items()):
            print(f"    fees.{payer}.{cpt} = {amount}")
    return 0
