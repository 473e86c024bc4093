"""`python -m bot`: the same as `hpcbot serve` (the Docker image's entry point)."""

import sys

from bot.serve import main

if __name__ == "__main__":
    sys.exit(main())
