"""``python -m ssi_index.mcp``: run the MCP server over standard input and output."""

from __future__ import annotations

import sys

from ssi_index._errors import SSIError


def main() -> int:
    """Serve until the client disconnects; report a start-up error on standard error."""
    from ssi_index.mcp import serve

    try:
        serve()
    except SSIError as err:
        print(f"ssi-index mcp: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
