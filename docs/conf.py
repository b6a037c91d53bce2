"""Sphinx configuration for the ssi-index documentation."""

from __future__ import annotations

from importlib.metadata import version as _version

project = "ssi-index"
author = "The ssi-index developers"
copyright = "2026, The ssi-index developers"
release = _version("ssi-index")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {
    "members": True,
    "show-inheritance": True,
    # Show to_dict/from_dict and other inherited API, but not the builtins' own methods.
    "inherited-members": ",".join(
        (
            *("list", "Mapping", "Protocol", "object", "Enum"),
            *("Exception", "BaseException", "ValueError", "LookupError", "ImportError"),
        )
    ),
}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
nitpicky = False


html_theme = "furo"
html_title = f"ssi-index {release}"
