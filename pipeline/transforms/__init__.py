"""Transforms: model → resolved model (:mod:`.resolve`: numbering, notes, italics and the
generated words of :mod:`.words`), and the version diff (:mod:`.diff`), model to model."""
