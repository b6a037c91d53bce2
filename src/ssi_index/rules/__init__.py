"""The rules engine: from a :class:`~ssi_index.Score` to what to do next.

- :func:`recommend` runs an ordered pipeline of plain callables (:data:`Rule`)
  over a :class:`RuleContext`, renders their :class:`Finding` values in the
  asked locale, ranks them (:data:`Ranker`, default :func:`by_situation`: by goal and
  situation, with a ``rank_reason`` on each item) and keeps one
  :class:`Recommendation` per key.
- :func:`roadmap` plans weekly milestones to a target at a replaceable :class:`Pace`;
  :func:`focus` turns the next milestone into this week's actions.
- :func:`plan` works out the points to add per pillar to reach a target.
- :func:`compare` sets the score against its industry and network.

The default pipeline's order (``data/pipeline.toml``), the per-goal defaults
(``data/goals.toml``) and the texts (``data/catalog.<locale>.toml``) are
package data, read once on first use, never at import.
"""

from __future__ import annotations

from ._catalog import Entry, Texts, available_locales, texts
from ._compare import Comparison, GroupComparison, compare
from ._default import BUILTIN_RULES, DEFAULT_RULES
from ._engine import by_gap, recommend
from ._focus import Focus, FocusAction, focus
from ._goals import Extra, Goal
from ._invitations import MANY_INVITATIONS, InvitationWeek
from ._pace import Pace, PaceModel, default_pace
from ._pace_basis import PaceBasis
from ._plan import Plan, PlanStep, plan
from ._rank import by_situation
from ._roadmap import DEFAULT_WEEKS, Milestone, Roadmap, roadmap
from ._types import Finding, Kind, Ranker, Recommendation, Rule, RuleContext

__all__ = [
    "BUILTIN_RULES",
    "DEFAULT_RULES",
    "DEFAULT_WEEKS",
    "MANY_INVITATIONS",
    "Comparison",
    "Entry",
    "Extra",
    "Finding",
    "Focus",
    "FocusAction",
    "Goal",
    "GroupComparison",
    "InvitationWeek",
    "Kind",
    "Milestone",
    "Pace",
    "PaceBasis",
    "PaceModel",
    "Plan",
    "PlanStep",
    "Ranker",
    "Recommendation",
    "Roadmap",
    "Rule",
    "RuleContext",
    "Texts",
    "available_locales",
    "by_gap",
    "by_situation",
    "compare",
    "default_pace",
    "focus",
    "plan",
    "recommend",
    "roadmap",
    "texts",
]
