"""Plug your own rule and your own tier scale into the rules engine.

Run from the repository root: ``python examples/custom_rule.py``. No network, no files written.
"""

from __future__ import annotations

from collections.abc import Iterator

from ssi_index import (
    DEFAULT_RULES,
    Kind,
    Pillar,
    Recommendation,
    RuleContext,
    Score,
    Tier,
    TierScale,
    recommend,
)

# A team's own bar: below 65 is "not yet", 65 and up is "on track". The scale is validated:
# bands must cover 0-100 with no gaps or overlaps.
TEAM_SCALE = TierScale(
    name="acme-sales",
    source="ACME sales playbook, 2026",
    tiers=(
        Tier(name="not yet", lower=0, upper=65, meaning="Below the team's bar of 65."),
        Tier(name="on track", lower=65, upper=100, meaning="At or above the team's bar."),
    ),
)


def account_review(ctx: RuleContext) -> Iterator[Recommendation]:
    """A rule is a plain callable: it reads the context and yields findings or ready advice."""
    if ctx.gaps[Pillar.FIND_RIGHT_PEOPLE] >= 10:
        yield Recommendation(
            key="acme.account-review",
            pillar=Pillar.FIND_RIGHT_PEOPLE,
            kind=Kind.GROW,
            title="Review ten target accounts with your manager this week",
            actions=("Pick ten accounts from the CRM", "Find two decision makers in each"),
            why="Our playbook: prospecting starts from named accounts.",
            source="ACME sales playbook, 2026",
        )


score = Score.from_pillars([13.4, 10.7, 11.1, 25])
advice = recommend(score, scale=TEAM_SCALE, rules=[*DEFAULT_RULES, account_review])
for item in advice:
    print(f"- ({item.kind.value}) {item.title}  <- {item.source}")

assert any(item.key == "acme.account-review" for item in advice)
assert next(item for item in advice if item.key == "tier").source == "ACME sales playbook, 2026"
