"""Where the project's own files are: the templates, stylesheets, word catalogues and house
styles (``templates/``).

An installed unres (``pip install .``, a wheel, pipx) carries them as package data in
``pipeline/templates``; a checkout (``make``, an editable install) reads the top-level
``templates/`` beside the package. The package is always a folder of files (the templates
are read by path), so its data is found beside ``__file__``, where
``importlib.resources.files("pipeline")`` finds it too, without importing importlib.resources
(with zipfile and tempfile: a twentieth of a cold HTML+DOCX build).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _templates() -> Path:
    packaged = PACKAGE / "templates"
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


def jinja_bytecode_cache(prefix: str = "unres"):
    """Compiled Jinja templates kept in the user's cache folder (``$XDG_CACHE_HOME/unres/jinja``).

    Jinja checks each entry against its template's source text, so an edited template is
    compiled again; an unwritable cache folder only means compiling every time (``None``).
    """
    from jinja2 import FileSystemBytecodeCache

    folder = cache_folder() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder), prefix + "-%s.cache")
