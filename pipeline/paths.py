"""Where the project's own files are: the templates, stylesheets, word catalogues and house
styles (``templates/``), found through :mod:`importlib.resources`.

An installed unres (``pip install .``, a wheel, pipx) carries them as package data in
``pipeline/templates``; a checkout (``make``, an editable install) reads the top-level
``templates/`` beside the package.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _templates() -> Path:
    packaged = Path(str(files("pipeline").joinpath("templates")))
    return packaged if packaged.is_dir() else PACKAGE.parent / "templates"


TEMPLATES = _templates()
