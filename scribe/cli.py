"""The `scribe` command line. Each sub-command lives in scribe/commands/<name>.py.

Command modules import heavy libraries (spaCy, faster-whisper, ICD data) only inside ``run``,
so ``scribe --help`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from scribe import __version__

# Order is the order shown in --help.
COMMANDS = [
    "process",
    "dictate",
    "review",
    "sessions",
    "show",
    "edit",
    "confirm",
    "export",
    "eval",
    "models",
    "settings",
    "client",
    "vocab",
    "purge",
    "decrypt",
]

DESCRIPTION = (
    "Turn a dictated session note into a SOAP note and insurance claim lines, on this computer.\n"
    "Nothing is sent anywhere. Typical use: 'scribe' alone opens the app in your browser (dictate,\n"
    "upload or type a note there), or 'scribe process note.m4a', then 'scribe review'."
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` just that command's part: running one command
    imports its module alone (``scribe process FILE`` starts its analysis process sooner); the
    list of all of them is built for --help and for anything that is not a command name."""
    parser = argparse.ArgumentParser(
        prog="scribe", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"scribe {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f"scribe.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"scribe.commands.{name}":
                continue  # command not built yet in this checkout
            raise
        p = module.add_parser(sub)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    from scribe.errors import as_user_error

    words = sys.argv[1:] if argv is None else argv
    if not words:
        argv = words = ["review"]  # bare `scribe` opens the app, the way a therapist starts their day
    parser = build_parser(only=words[0])
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        code = int(args._run(args) or 0)
        if argv is None and getattr(args, "_exit_at_once", False):
            _exit_at_once(code)
        return code
    except KeyboardInterrupt:
        print("Stopped. Anything already saved is kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        err = as_user_error(exc)
        if err is None:
            if os.environ.get("SCRIBE_DEBUG"):
                raise
            from scribe.errors import bug_report

            print(f"error: scribe hit a bug ({type(exc).__name__}); what was saved before it is kept.\n"
                  "To report it, send these lines (they hold no note text; SCRIBE_DEBUG=1 shows the full error):\n"
                  + bug_report(exc), file=sys.stderr)
            return 1
        print(f"error: {err.message}" + (f" {err.hint}" if err.hint else ""), file=sys.stderr)
        return err.exit_code


def _exit_at_once(code: int) -> None:
    """End the program now, skipping the interpreter's teardown: for a command that has saved and
    printed everything and holds only what it loaded (``scribe process`` on one recording: the
    speech model, whose teardown is ~0.1 s the therapist would wait for). Only when run as the
    program (``main()`` with no arguments), never inside a caller such as the tests."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
