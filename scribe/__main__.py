import sys

from scribe.cli import main

sys.exit(main())
