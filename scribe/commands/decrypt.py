"""scribe decrypt: a plain copy of a recording or export that was stored encrypted."""

from __future__ import annotations

import argparse

DESCRIPTION = """\
With encryption at rest on (SCRIBE_PASSPHRASE set), recordings and exports in the data
folder are stored encrypted. This writes a plain copy of one of them where you say, for
example an 837P file to upload to your clearinghouse. The copy is owner-only; delete it
when you are done. (scribe export --out PATH writes a plain file there directly.)

Example:
  SCRIBE_PASSPHRASE=... scribe decrypt exports/20261123-ab12cd-837p.x12 --out ~/claims/claim.x12
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("decrypt", help="Write a plain copy of an encrypted recording or export.",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="an encrypted file from the data folder")
    p.add_argument("--out", "-o", required=True, metavar="PATH", help="where to write the plain copy")
    return p


def run(args) -> int:
    import sys
    from pathlib import Path

    from scribe import crypto
    from scribe.errors import BadInput, NotFound
    from scribe.fsutil import atomic_write_bytes

    src, out = Path(args.file), Path(args.out).expanduser()
    if not src.is_file():
        raise NotFound(f"{src} does not exist.")
    data = src.read_bytes()
    if not crypto.is_encrypted(data):
        raise BadInput(f"{src.name} is not encrypted; use it as it is.")
    plain = crypto.decrypt(data, src.name)
    if crypto.seal(out, plain) is not plain:
        raise BadInput("A plain copy cannot go inside the data folder's audio or exports folders.",
                       "Give a path outside the data folder.")
    atomic_write_bytes(out, plain)
    print(f"Wrote a plain copy to {out}.", file=sys.stderr)
    return 0
