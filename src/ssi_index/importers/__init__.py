"""Importing score history from other SSI tools and from ssi-index's own exports.

:func:`import_history` reads a file, a folder or a list of them, tells each
file's format from its content, and stores one snapshot per day. One small
module per format family sits behind it:

* ``_socialedge``: SocialEdge's ``ssiHistory`` (``socialedge``);
* ``_linkedin_bot``: linkedin-bot's ``ssi_history.csv`` and SQLite table
  (``linkedin-bot-csv``, ``linkedin-bot-sqlite``);
* ``_ssi_data``: linkedin-ssi-data's daily long-format CSVs (``ssi-data``);
* ``_booster``: the two ``ssi_history.json`` files (``ssi-booster``, ``ssi-snapshots``);
* ``_tracker``: ssi-tracker's ``ssi_scores`` rows (``ssi-tracker``);
* ``_analyzer``: SSI Analyzer's snapshots (``ssi-analyzer``);
* ``_own``: ssi-index's CSV and JSON exports (``ssi-index-csv``, ``ssi-index-json``);
* ``_files``: saved pages, JSON, MHTML and HAR files, through :func:`ssi_index.parse` (``files``).

Third-party formats register an :class:`Importer` in the ``ssi_index.importers``
entry-point group (see :data:`ENTRY_POINT_GROUP`).
"""

from __future__ import annotations

from ._registry import ENTRY_POINT_GROUP, registered
from ._run import import_formats, import_history
from ._source import SourceFile
from ._types import Candidate, Importer

__all__ = [
    "ENTRY_POINT_GROUP",
    "Candidate",
    "Importer",
    "SourceFile",
    "import_formats",
    "import_history",
    "registered",
]
