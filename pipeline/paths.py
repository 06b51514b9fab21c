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


def read_yaml(path: str | Path):
    """One of our own data files (catalogue, house style) with libyaml's C parser when it is
    there (PyYAML's own parser costs a tenth of a cold build); same data either way."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def cache_folder() -> Path:
    """The user's cache folder for unres (``$XDG_CACHE_HOME/unres``, else ``~/.cache/unres``)."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "unres"
