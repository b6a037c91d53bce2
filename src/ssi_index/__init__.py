"""ssi-index: parse, explain, plan and track LinkedIn's Social Selling Index (SSI).

The public API lives here; every name in :data:`__all__` is documented.

Example:
    >>> import ssi_index
    >>> score = ssi_index.Score.from_pillars([13.4, 10.7, 11.1, 25])
    >>> score.overall, score.tier.name
    (60.2, 'base')
"""

from __future__ import annotations

import importlib.metadata as _metadata

from ._errors import (
    FetchError,
    InvalidScaleError,
    InvalidScoreError,
    MissingDependencyError,
    NotAuthenticatedError,
    ParseError,
    RateLimitError,
    SSIError,
    StorageError,
    TeamTooSmallError,
    UnknownLocaleError,
    UnreachableTargetError,
)
from ._model import GroupScore, Pillar, PillarScores, Score
from ._snapshot import Note, Snapshot
from ._tiers import DEFAULT_SCALE, HEBREW_GUIDE_SCALE, Tier, TierScale

try:
    __version__ = _metadata.version("ssi-index")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_SCALE",
    "HEBREW_GUIDE_SCALE",
    "FetchError",
    "GroupScore",
    "InvalidScaleError",
    "InvalidScoreError",
    "MissingDependencyError",
    "NotAuthenticatedError",
    "Note",
    "ParseError",
    "Pillar",
    "PillarScores",
    "RateLimitError",
    "SSIError",
    "Score",
    "Snapshot",
    "StorageError",
    "TeamTooSmallError",
    "Tier",
    "TierScale",
    "UnknownLocaleError",
    "UnreachableTargetError",
    "__version__",
]
