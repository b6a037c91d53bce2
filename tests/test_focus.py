"""focus(): this week's one to three actions, each with a number, a cadence and a source."""

from __future__ import annotations

import datetime as dt

import pytest

from ssi_index import Focus, InvalidScoreError, Pillar, Score, Snapshot, focus, roadmap
from ssi_index._i18n import plural

START = dt.date(2026, 1, 5)
WORKED = Score.from_pillars([13.4, 10.7, 11.1, 25])


def test_worked_example_focus_has_numbers_and_cadences() -> None:
    f = focus(WORKED, start=START)
    assert isinstance(f, Focus)
    assert 1 <= len(f.actions) <= 3
    kinds = {a.kind: a for a in f.actions}
    assert set(kinds) == {"invites", "comments", "posts"}
    invites = kinds["invites"]
    assert invites.per == "week"
    assert invites.quantity % 5 == 0
    assert f"Send {invites.quantity} personal invitations this week" in invites.text
    comments = kinds["comments"]
    assert comments.per == "day"
    assert comments.days == 4
    assert f"Comment on {comments.quantity} posts a day, 4 days" in comments.text
    for action in f.actions:
        assert "ssi-index's own estimate" in action.source  # the number is ours
        assert "guide" in action.source  # the action is the sources'
    # Drawn from the roadmap's next milestone.
    r = roadmap(WORKED, start=START)
    assert f.milestone == r.next_milestone
    assert {a.pillar for a in f.actions} <= {p for p, g in r.gains(1).items() if g > 0}
    assert Pillar.STRONG_RELATIONSHIP not in {a.pillar for a in f.actions}


def test_an_incomplete_profile_comes_first_as_profile_sections() -> None:
    f = focus(Score.from_pillars([3, 2, 1, 4]), start=START)
    assert f.actions[0].kind == "profile"
    assert "profile section" in f.actions[0].text


def test_brand_goal_leads_with_brand() -> None:
    f = focus(Score.from_pillars([20, 15, 15, 20]), goal="brand", start=START)
    assert f.actions[0].pillar is Pillar.PROFESSIONAL_BRAND
    assert f.actions[0].kind == "posts"


def test_nothing_to_push_when_the_target_is_reached() -> None:
    f = focus(Score.from_pillars([25, 25, 25, 25]), start=START)
    assert f.actions == ()
    assert f.milestone is None
    assert "Nothing to push" in str(f)


def test_after_a_sharp_rise_in_finding_people_invitations_drop_to_the_least() -> None:
    before = Snapshot(
        profile="me",
        day=START - dt.timedelta(days=6),
        score=Score.from_pillars([13.4, 6.7, 11.1, 25]),
    )
    calm = focus(WORKED, start=START, history=[before])
    invites = next(a for a in calm.actions if a.kind == "invites")
    assert invites.quantity == 5


@pytest.mark.parametrize(("locale", "word"), [("he", "שלחו"), ("ru", "Отправьте")])
def test_focus_in_every_locale(locale: str, word: str) -> None:
    f = focus(WORKED, start=START, locale=locale)
    assert any(word in a.text for a in f.actions)
    assert f.to_text("en") != f.to_text()


@pytest.mark.parametrize(
    ("locale", "n", "expected"),
    [
        ("en", 1, "Publish 1 post this week"),
        ("en", 2, "Publish 2 posts this week"),
        ("he", 1, "פרסמו השבוע פוסט אחד"),
        ("he", 2, "פרסמו השבוע שני פוסטים"),
        ("he", 3, "פרסמו השבוע 3 פוסטים"),
        ("ru", 1, "Опубликуйте на этой неделе 1 пост"),
        ("ru", 3, "Опубликуйте на этой неделе 3 поста"),
        ("ru", 5, "Опубликуйте на этой неделе 5 постов"),
    ],
)
def test_plural_forms(locale: str, n: int, expected: str) -> None:
    assert plural(locale, "coach.focus.action.posts", n, 0) == expected


def test_not_a_score() -> None:
    with pytest.raises(InvalidScoreError):
        focus([1, 2, 3, 4])  # type: ignore[arg-type]


def test_to_dict() -> None:
    data = focus(WORKED, start=START).to_dict()
    assert data["milestone"]["week"] == 1
    assert {a["kind"] for a in data["actions"]} == {"invites", "comments", "posts"}


def test_under_the_ads_floor_invitations_stay_few() -> None:
    f = focus(Score.from_pillars([12, 12, 12, 12]), goal="ads", start=START)
    invites = next(a for a in f.actions if a.kind == "invites")
    assert invites.quantity == 5
    over = focus(Score.from_pillars([13, 13, 13, 13]), goal="ads", start=START)
    assert next(a for a in over.actions if a.kind == "invites").quantity > 5
