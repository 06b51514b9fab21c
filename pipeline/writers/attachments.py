"""Files a PDF/A-3 carries with it (associated files), and the PDF variants unres writes.

Light on purpose (no WeasyPrint): the command line reads the variant names from here.
The PDF writer embeds each :class:`Attachment` as an associated file (``/AF`` on the
catalogue, ``/AFRelationship``, MIME type, file name, dates, checksum) when the variant is
archival; ``unres import X.pdf`` (:mod:`pipeline.importer.pdfsource`) reads the source back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Tagged PDF/UA-1 (the default), or PDF/A-3 — level a or b — that also stays tagged PDF/UA-1.
UA = "pdf/ua-1"
ARCHIVAL = ("pdf/a-3a", "pdf/a-3b")
VARIANTS = (UA, *ARCHIVAL)

#: The ``/Desc`` of an embedded unres source: what tells ``unres import`` the file is ours.
SOURCE_DESCRIPTION = "unres source"
SOURCE_MIME = "application/yaml"
AKN_DESCRIPTION = "Akoma Ntoso (AKN4UN) XML"
AKN_MIME = "application/akn+xml"


@dataclass(frozen=True)
class Attachment:
    """One embedded file; ``relationship`` is PDF 2.0's ``/AFRelationship`` (Source, Alternative…).

    ``modified`` dates the embedded file (the document's date of issue, never the clock, so the
    same inputs give the same bytes).
    """

    name: str
    data: bytes
    mime: str
    relationship: str
    description: str
    modified: date
