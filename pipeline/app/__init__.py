"""The application: the command line (:mod:`.cli`), builds of one source (:mod:`.build`) and of
many (:mod:`.batch`), watch mode, and the diff and import commands."""
