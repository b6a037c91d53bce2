"""ssi-index: parse, explain, plan and track LinkedIn's Social Selling Index (SSI).

The public API lives here; every name in :data:`__all__` is documented.

Example:
    >>> import ssi_index
    >>> score = ssi_index.Score.from_pillars([13.4, 10.7, 11.1, 25])
    >>> score.overall, score.tier.name
    (60.2, 'base')
"""

from __future__ import annotations

from ._activity import Activity, ActivityKind
from ._errors import (
    AnalysisError,
    ConfigError,
    FetchError,
    InvalidScaleError,
    InvalidScoreError,
    MissingDependencyError,
    NotAuthenticatedError,
    ParseError,
    RateLimitError,
    RuleError,
    SSIError,
    StorageError,
    TeamTooSmallError,
    UnknownFormatError,
    UnknownLocaleError,
    UnreachableTargetError,
)
from ._html import History, RecommendationList
from ._importing import ImportReport, Refusal
from ._model import GroupScore, Pillar, PillarScores, PillarValues, Score
from ._parse import parse, parse_file, parse_html, parse_json
from ._snapshot import Note, Snapshot
from ._tiers import (
    DEFAULT_SCALE,
    HEBREW_GUIDE_SCALE,
    LINKEDIN_2014_SCALE,
    RUSSIAN_GUIDE_SCALE,
    Tier,
    TierScale,
)
from .activity import (
    Effect,
    Effects,
    Insights,
    PillarMap,
    effects,
    import_linkedin_export,
    insights,
    log_activity,
    personal_pace,
    pillar_map,
)
from .analytics import (
    EXPORT_COLUMNS,
    Change,
    DropAlert,
    Forecast,
    ForecastStatus,
    Leaderboard,
    LeaderboardRow,
    MeasuredAgainst,
    PillarDeltas,
    PillarMove,
    Streak,
    WeeklyReport,
    changes,
    drop_alerts,
    export_csv,
    export_json,
    forecast,
    leaderboard,
    streak,
    to_dataframe,
    weekly_report,
)
from .fetch import InsecureCookieFileWarning, Secret, SessionCookies, SSIClient, record
from .importers import import_formats, import_history
from .report import report_html, report_markdown
from .rules import (
    DEFAULT_RULES,
    DEFAULT_WEEKS,
    Comparison,
    Finding,
    Focus,
    FocusAction,
    Goal,
    GroupComparison,
    Kind,
    Milestone,
    Pace,
    PaceModel,
    Plan,
    PlanStep,
    Ranker,
    Recommendation,
    Roadmap,
    Rule,
    RuleContext,
    compare,
    default_pace,
    focus,
    plan,
    recommend,
    roadmap,
)
from .storage import MemoryStore, SnapshotStore, SQLiteStore, open_store
from .views import recommendations_text, score_text


def __getattr__(name: str) -> str:
    """Read ``__version__`` from the installed metadata on first use (not at import)."""
    if name == "__version__":
        import importlib.metadata

        try:
            value = importlib.metadata.version("ssi-index")
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover - source tree
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_RULES",
    "DEFAULT_SCALE",
    "DEFAULT_WEEKS",
    "EXPORT_COLUMNS",
    "HEBREW_GUIDE_SCALE",
    "LINKEDIN_2014_SCALE",
    "RUSSIAN_GUIDE_SCALE",
    "Activity",
    "ActivityKind",
    "AnalysisError",
    "Change",
    "Comparison",
    "ConfigError",
    "DropAlert",
    "Effect",
    "Effects",
    "FetchError",
    "Finding",
    "Focus",
    "FocusAction",
    "Forecast",
    "ForecastStatus",
    "Goal",
    "GroupComparison",
    "GroupScore",
    "History",
    "ImportReport",
    "InsecureCookieFileWarning",
    "Insights",
    "InvalidScaleError",
    "InvalidScoreError",
    "Kind",
    "Leaderboard",
    "LeaderboardRow",
    "MeasuredAgainst",
    "MemoryStore",
    "Milestone",
    "MissingDependencyError",
    "NotAuthenticatedError",
    "Note",
    "Pace",
    "PaceModel",
    "ParseError",
    "Pillar",
    "PillarDeltas",
    "PillarMap",
    "PillarMove",
    "PillarScores",
    "PillarValues",
    "Plan",
    "PlanStep",
    "Ranker",
    "RateLimitError",
    "Recommendation",
    "RecommendationList",
    "Refusal",
    "Roadmap",
    "Rule",
    "RuleContext",
    "RuleError",
    "SQLiteStore",
    "SSIClient",
    "SSIError",
    "Score",
    "Secret",
    "SessionCookies",
    "Snapshot",
    "SnapshotStore",
    "StorageError",
    "Streak",
    "TeamTooSmallError",
    "Tier",
    "TierScale",
    "UnknownFormatError",
    "UnknownLocaleError",
    "UnreachableTargetError",
    "WeeklyReport",
    "__version__",
    "changes",
    "compare",
    "default_pace",
    "drop_alerts",
    "effects",
    "export_csv",
    "export_json",
    "focus",
    "forecast",
    "import_formats",
    "import_history",
    "import_linkedin_export",
    "insights",
    "leaderboard",
    "log_activity",
    "open_store",
    "parse",
    "parse_file",
    "parse_html",
    "parse_json",
    "personal_pace",
    "pillar_map",
    "plan",
    "recommend",
    "recommendations_text",
    "record",
    "report_html",
    "report_markdown",
    "roadmap",
    "score_text",
    "streak",
    "to_dataframe",
    "weekly_report",
]
