"""Sub-commands of `scribe`; each module has add_parser(subparsers) and run(args)."""
