"""Analytics over score history: changes, drop alerts, streaks, forecasts, teams, export.

Pure functions over one profile's :class:`~ssi_index.Snapshot` sequence (and its
:class:`~ssi_index.Note` list), returning frozen result objects; nothing here
prints, reads a clock or touches a store except :func:`leaderboard`, which may
read one, and :func:`weekly_report`, which takes today's UTC date when given no
``today``. The public names are re-exported from :mod:`ssi_index`.
"""

from __future__ import annotations

from ssi_index.analytics._alerts import DEFAULT_MIN_DROP, DropAlert, drop_alerts
from ssi_index.analytics._changes import DEFAULT_THRESHOLD, Change, changes
from ssi_index.analytics._export import EXPORT_COLUMNS, export_csv, export_json, to_dataframe
from ssi_index.analytics._series import PillarDeltas
from ssi_index.analytics._team import TEAM_FLOOR, Leaderboard, LeaderboardRow, leaderboard
from ssi_index.analytics._trend import (
    DEFAULT_FORECAST_WEEKS,
    FORECAST_HORIZON_DAYS,
    MIN_FORECAST_POINTS,
    Forecast,
    ForecastStatus,
    Streak,
    forecast,
    streak,
)
from ssi_index.analytics._weekly import MeasuredAgainst, PillarMove, WeeklyReport, weekly_report

__all__ = [
    "DEFAULT_FORECAST_WEEKS",
    "DEFAULT_MIN_DROP",
    "DEFAULT_THRESHOLD",
    "EXPORT_COLUMNS",
    "FORECAST_HORIZON_DAYS",
    "MIN_FORECAST_POINTS",
    "TEAM_FLOOR",
    "Change",
    "DropAlert",
    "Forecast",
    "ForecastStatus",
    "Leaderboard",
    "LeaderboardRow",
    "MeasuredAgainst",
    "PillarDeltas",
    "PillarMove",
    "Streak",
    "WeeklyReport",
    "changes",
    "drop_alerts",
    "export_csv",
    "export_json",
    "forecast",
    "leaderboard",
    "streak",
    "to_dataframe",
    "weekly_report",
]
