import sys

from scribe.cli import main

if __name__ == "__main__":  # not when a spawned helper process imports this module (scribe/analysis_process.py)
    sys.exit(main())
