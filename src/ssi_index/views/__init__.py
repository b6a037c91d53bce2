"""The views layer: notebook HTML and terminal text in the user's language.

It sits above the model, the rules and the analytics and fills the core's view hook
(:func:`ssi_index._model.register_html_view`) when ``ssi_index`` is imported, so the
values' ``_repr_html_`` finds its rendering without any core module importing a view.

- :func:`score_html`, :func:`recommendations_html`, :func:`history_html`: the cards of
  a :class:`~ssi_index.Score`, a recommendation list and a history.
- :func:`weekly_html`, :func:`roadmap_html`, :func:`focus_html`: the coach's reports.
- :func:`score_text`, :func:`recommendations_text`, :func:`plan_text`,
  :func:`history_text`: what a terminal shows.
"""

from __future__ import annotations

from ssi_index._model import register_html_view

from ._cards import history_html, recommendations_html, score_html
from ._coach import focus_html, roadmap_html, weekly_html
from ._text import history_text, plan_text, recommendations_text, score_text

__all__ = [
    "focus_html",
    "history_html",
    "history_text",
    "plan_text",
    "recommendations_html",
    "recommendations_text",
    "roadmap_html",
    "score_html",
    "score_text",
    "weekly_html",
]


register_html_view("score", score_html)
register_html_view("recommendations", recommendations_html)
register_html_view("history", history_html)
register_html_view("weekly", weekly_html)
register_html_view("roadmap", roadmap_html)
register_html_view("focus", focus_html)
