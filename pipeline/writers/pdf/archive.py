"""PDF/A-3 that carries its source: WeasyPrint's PDF/A variant, its attachments, and two fixes.

WeasyPrint writes the associated files (``/EmbeddedFiles``, ``/AF`` on the catalogue with
each file's ``/AFRelationship``, the MD5 ``/CheckSum``, ``/ModDate``) and the PDF/A XMP
claim. A ``finisher`` (WeasyPrint's public hook, run before the file is serialised) then

- sets each embedded file's MIME type (``/Subtype``), which WeasyPrint guesses from the
  name and does not know for ``.yaml``;
- adds the PDF/UA-1 claim (``pdfuaid:part``) to the XMP, with the PDF/A extension schema
  that PDF/A requires for a namespace it does not predefine, since the tagging of
  :mod:`.tagging` stays on: the file is PDF/A-3 and PDF/UA-1 at once.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime, time

from weasyprint import Attachment as WeasyAttachment

from pipeline.writers.attachments import Attachment

_UA_CLAIM = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" \
pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""
_RDF_END = b"</rdf:RDF>"


def weasy_attachments(files: Sequence[Attachment]) -> list[WeasyAttachment]:
    """WeasyPrint's attachments for ours, dated from the document (never the clock)."""
    out = []
    for f in files:
        when = datetime.combine(f.modified, time())
        out.append(WeasyAttachment(file_obj=io.BytesIO(f.data), name=f.name, description=f.description,
                                   created=when, modified=when, relationship=f.relationship))
    return out


def finisher(files: Sequence[Attachment]) -> Callable[[object, object], None]:
    """The hook run on the finished pydyf PDF: MIME types and the PDF/UA claim."""
    mimes = {f.name: f.mime for f in files}

    def finish(document: object, pdf) -> None:
        for obj in pdf.objects:
            if isinstance(obj, dict) and obj.get("Type") == "/Filespec":
                name = obj["UF"].string
                if name in mimes:
                    _resolve(pdf, obj["EF"]["F"]).extra["Subtype"] = "/" + mimes[name].replace("/", "#2F")
        if "AF" in pdf.catalog:  # WeasyPrint lists each file twice (name tree and filespec)
            pdf.catalog["AF"][:] = list(dict.fromkeys(bytes(r) for r in pdf.catalog["AF"]))
        metadata = _resolve(pdf, pdf.catalog["Metadata"])
        xmp = b"".join(metadata.stream)
        if _RDF_END not in xmp:
            raise AssertionError("WeasyPrint's XMP has no rdf:RDF to add the PDF/UA claim to")
        metadata.stream[:] = [xmp.replace(_RDF_END, _UA_CLAIM + _RDF_END, 1)]

    return finish


def _resolve(pdf, reference):
    """The object behind a pydyf reference (``b"12 0 R"``)."""
    return pdf.objects[int(bytes(reference).split()[0])]
