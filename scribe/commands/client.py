"""scribe client: a client's name, birth date, address and insurance, for claims."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
Client details for claims, kept with your sessions. CLIENT is the id you give with
'scribe process --client ID'. Examples:
  scribe client set jdoe first_name Jane
  scribe client set jdoe last_name=Doe date_of_birth=1984-07-21 sex=F
  scribe client set jdoe member_id XYZ123456789
  scribe client set jdoe relationship spouse        (then the subscriber_* details too)
  scribe client show jdoe
  scribe client list
Run 'scribe client keys' for every detail and what it means.
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("client", help="Show or change a client's details (name, birth date, insurance).",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    lst = actions.add_parser("list", help="list clients")
    lst.add_argument("--json", action="store_true")
    actions.add_parser("keys", help="list every client detail with what it means")
    show = actions.add_parser("show", help="show one client's details")
    show.add_argument("client", metavar="CLIENT")
    show.add_argument("--json", action="store_true")
    s = actions.add_parser("set", help="set details: CLIENT KEY VALUE, or CLIENT KEY=VALUE ...")
    s.add_argument("client", metavar="CLIENT")
    s.add_argument("pairs", nargs="+", metavar="KEY VALUE | KEY=VALUE")
    u = actions.add_parser("unset", help="clear one detail: CLIENT KEY")
    u.add_argument("client", metavar="CLIENT")
    u.add_argument("key", metavar="KEY")
    return p


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """'KEY VALUE' (two words) or any number of 'KEY=VALUE'."""
    from scribe.errors import BadInput

    if len(pairs) == 2 and "=" not in pairs[0]:
        return {pairs[0]: pairs[1]}
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadInput(f"'{pair}' is not KEY=VALUE; give either KEY VALUE or KEY=VALUE pairs.")
        out[key.strip()] = value
    return out


def run(args) -> int:
    from scribe.clients import client_keys, list_clients, require_client, update_client
    from scribe.store import SessionStore

    action = args.action or "list"
    if action == "keys":
        for key, what in client_keys():
            print(f"{key:<26} {what}")
        return 0
    store = SessionStore.open()
    if action == "list":
        clients = list_clients(store)
        if getattr(args, "json", False):
            json.dump({cid: c.model_dump(mode="json", exclude_unset=True) for cid, c in clients.items()},
                      sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            for cid, client in sorted(clients.items()):
                print(f"{cid:<20} {client.full_name:<30} {client.payer_name or ''}")
            if not clients:
                print("No clients yet. Add one: scribe client set ID first_name NAME", file=sys.stderr)
        return 0
    if action == "set":
        update_client(store, args.client, parse_pairs(args.pairs))
        print(f"Saved client {args.client}.", file=sys.stderr)
        return 0
    if action == "unset":
        update_client(store, args.client, {args.key: None})
        print(f"Cleared {args.key} of client {args.client}.", file=sys.stderr)
        return 0
    details = require_client(store, args.client)
    if args.json:
        json.dump(details.model_dump(mode="json"), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"Client {args.client}")
    for key, what in client_keys():
        value = getattr(details, key)
        print(f"  {key:<24} {'(not set)' if value in (None, '') else value!s:<28} {what}")
    return 0
