"""`python -m tonewell` does what the `tonewell` command does."""

import sys

from tonewell.cli import main

sys.exit(main())
