"""The list types that render as HTML in notebooks: recommendations and history.

:class:`RecommendationList` and :class:`History` are plain lists that also know how to
show themselves; :func:`ssi_index.recommend` and the stores' ``history()`` return them.
The HTML itself comes from the views layer (:mod:`ssi_index.views`) through the model's
view hook, so this module, which the rules and the stores import, imports no view.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._model import render_html
from ._snapshot import Snapshot

if TYPE_CHECKING:
    from .rules import Recommendation

__all__ = ["History", "RecommendationList"]


class RecommendationList(list["Recommendation"]):
    """The list :func:`ssi_index.recommend` returns: a plain list that renders as HTML.

    Attributes:
        locale: The language the items were rendered in (and the HTML labels use).

    It behaves exactly like a ``list`` of :class:`~ssi_index.Recommendation`;
    in Jupyter it shows as a numbered list with each item's kind, title,
    points, actions, reason and source.

    Example:
        >>> recs = RecommendationList([])
        >>> recs == [], "No recommendations" in recs._repr_html_()
        (True, True)
    """

    locale: str

    def __init__(self, items: Iterable[Recommendation] = (), *, locale: str = "en") -> None:
        super().__init__(items)
        self.locale = locale

    def _repr_html_(self) -> str:
        return render_html("recommendations", self)


class History(list[Snapshot]):
    """A list of :class:`~ssi_index.Snapshot` that renders as an HTML table.

    The stores' ``history()`` returns one. It behaves exactly like a ``list``;
    in Jupyter it shows one row a day with the total, the change since the
    previous snapshot, the pillars, the ranks and gap rows for missing days.

    Example:
        >>> History([])._repr_html_().count("No snapshots")
        1
    """

    def _repr_html_(self) -> str:
        return render_html("history", self)
