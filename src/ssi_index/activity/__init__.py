"""Did it work? The user's own LinkedIn activity beside the score, and what moved each pillar.

- :func:`import_linkedin_export` reads LinkedIn's "Get a copy of your data" archive
  into per-day counts (:class:`~ssi_index.Activity`); only counts are kept.
- :func:`log_activity` records by hand what the archive lacks.
- :func:`pillar_map` says which pillar each kind feeds (two cited readings).
- :func:`effects` estimates, per pillar, each kind's association with the weekly
  change; :class:`Insights` shows it as text, Markdown or HTML with a chart.

See :doc:`/what-moved` for the method and its limits.
"""

from __future__ import annotations

from ._effects import LAGS, MIN_WEEKS, Effect, Effects, effects
from ._import import EXPORT_SOURCE, import_linkedin_export
from ._insights import Insights, insights
from ._log import MANUAL_SOURCE, log_activity, log_message
from ._pace import ActivityPace, personal_pace
from ._pillars import (
    DEFAULT_PILLAR_MAP,
    PILLAR_MAPS,
    PillarLink,
    PillarMap,
    Source,
    pillar_map,
)
from ._report import import_summary

__all__ = [
    "DEFAULT_PILLAR_MAP",
    "EXPORT_SOURCE",
    "LAGS",
    "MANUAL_SOURCE",
    "MIN_WEEKS",
    "PILLAR_MAPS",
    "ActivityPace",
    "Effect",
    "Effects",
    "Insights",
    "PillarLink",
    "PillarMap",
    "Source",
    "effects",
    "import_linkedin_export",
    "import_summary",
    "insights",
    "log_activity",
    "log_message",
    "personal_pace",
    "pillar_map",
]
