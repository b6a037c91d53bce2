"""Run the ``ssi-index`` command line as ``python -m ssi_index``."""

from __future__ import annotations

import sys

from ssi_index.cli import main

if __name__ == "__main__":
    sys.exit(main())
