"""The SSI's fixed bounds, shared by the model and the tier scales (no imports, no cycle)."""

from __future__ import annotations

from typing import Final

__all__ = ["PILLAR_MAX", "TOTAL_MAX", "TOTAL_TOLERANCE"]

PILLAR_MAX: Final = 25.0
"""The most points one pillar can give."""
TOTAL_MAX: Final = 100.0
"""The most points the whole score can give."""
TOTAL_TOLERANCE: Final = 1.0
"""How far a stated total may differ from the sum of its pillars (rounding)."""
