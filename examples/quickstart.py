"""Parse the bundled SSI sample and print the score, its tier and its pillars.

Run from the repository root::

    python examples/quickstart.py [FILE]

FILE defaults to ``examples/data/ssi-api.json``; any saved SSI page or SSI JSON works.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ssi_index

SAMPLE = Path(__file__).parent / "data" / "ssi-api.json"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else SAMPLE
    try:
        score = ssi_index.parse_file(path)
    except ssi_index.SSIError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1

    print(f"SSI {score.overall:.2f} / 100  (tier: {score.tier.name}: {score.tier.meaning})")
    for pillar, points in score.pillars.items():
        bar = "#" * round(points) + "." * (25 - round(points))
        print(f"  {pillar.label:<34} {points:6.2f} / {pillar.max:g}  {bar}")
    for group in (score.industry, score.network):
        if group is not None:
            rank = f"top {group.rank}%" if group.rank is not None else "rank unknown"
            avg = f"{group.average:g}" if group.average is not None else "unknown"
            label = (
                f"{group.kind.title()} ({group.name})" if group.name and group.kind else group.kind
            )
            print(f"  {label}: {rank}, group average {avg}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
