"""What to do next with an SSI: ranked advice, a plan to a target and a comparison.

Run from the repository root: ``python examples/recommend.py``. No network, no files written.
"""

from __future__ import annotations

from ssi_index import GroupScore, Score, compare, plan, recommend

# The Hebrew guide's worked example: brand 13.4, people 10.7, engagement 11.1, relationships 25,
# with the industry and network groups LinkedIn shows next to it.
score = Score.from_pillars(
    [13.4, 10.7, 11.1, 25],
    groups=[
        GroupScore(kind="INDUSTRY", rank=30, average=48.5, name="Marketing Services"),
        GroupScore(kind="NETWORK", rank=20, average=52.0),
    ],
)

print(f"SSI {score.overall:g} - what to do next (goal: selling through LinkedIn)\n")
for number, item in enumerate(recommend(score), start=1):
    points = f"  [+{item.points:g}]" if item.points else ""
    print(f"{number}. ({item.kind.value}) {item.title}{points}")
    for action in item.actions:
        print(f"     - {action}")
    print(f"     why: {item.why}")
    print(f"     source: {item.source}")

print("\nThe first three, in Hebrew and Russian:")
for locale in ("he", "ru"):
    for item in recommend(score, locale=locale)[:3]:
        print(f"  [{locale}] {item.title}")

the_plan = plan(score, 75)
print(f"\nPlan from {the_plan.start:g} to {the_plan.target:g} (reached: {the_plan.reached}):")
for step in the_plan.steps:
    print(f"  {step.pillar.label}: +{step.add:g} ({step.start:g} -> {step.end:g})")

for group in compare(score).groups:
    print(f"\n{group.kind}: {group.delta:+g} points against an average of {group.average:g}")
