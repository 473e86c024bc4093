"""`python -m bot`: run the Slack app (same as `hpcbot serve`)."""

from __future__ import annotations

import sys

from bot.config import ConfigError, Settings


def main() -> int:
    from bot.app import serve

    try:
        serve(Settings.from_env())
    except ConfigError as exc:
        print(f"hpcbot: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
