"""The importer: the text or light Markdown of an issued resolution → a YAML source.

:mod:`.reading` finds blocks, page breaks, footnote calls and texts; :mod:`.structure`
reads the masthead and the paragraphs into the typed source itself (the loader's
:class:`~pipeline.model.source.Source`, placed at the input's lines), with :mod:`.words`
reading back the catalogue's words;
:mod:`.notes` keys the notes; :mod:`.runs` writes the inline markup; :mod:`pipeline.source.emit` the YAML;
:mod:`.convert` runs them in turn. The command is :mod:`pipeline.app.importcmd`.
"""
