"""The importer protocol and what an importer yields.

An importer is any object with a ``name``, a ``description``, ``detect(file)`` and
``read(file)``; third-party ones register in the ``ssi_index.importers``
entry-point group. ``read`` yields one :class:`Candidate` per row it can turn into
a snapshot and one :class:`~ssi_index.Refusal` per row it cannot; the caller
settles rows of the same day, compares with the store and writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from ssi_index._importing import Refusal
from ssi_index._snapshot import Snapshot

from ._source import SourceFile

__all__ = ["Candidate", "Importer"]


@attrs.frozen(kw_only=True)
class Candidate:
    """One row an importer read, and the snapshot it makes.

    Attributes:
        where: Which file and row (``"ssi_history.csv, line 14"``), for refusals.
        snapshot: The snapshot, under :attr:`SourceFile.profile`.
    """

    where: str
    snapshot: Snapshot


@runtime_checkable
class Importer(Protocol):
    """What a history format provides: a name, a detector and a reader.

    Attributes:
        name: The format's name for ``format=`` and ``--format`` (``"socialedge"``).
        description: One line saying which tool writes it and which file it is.
    """

    name: str
    description: str

    def detect(self, file: SourceFile) -> bool:
        """Whether *file* holds this format, judged from its content (not its name).

        Must not raise for files of other formats; reads as little as it can
        (:meth:`SourceFile.head`, :meth:`SourceFile.first_line`, :meth:`SourceFile.json`).
        """
        ...

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        """Yield a candidate or a refusal for every row, in the file's time order.

        Rows of one day without a capture time are settled in the order yielded:
        the last one wins, so a newest-first file must be yielded oldest first.

        Raises:
            ParseError: the file as a whole is not of this format or is unreadable.
        """
        ...
