"""The names the Akoma Ntoso writer and reader share: namespaces, document names, the URI
scheme (AKN4UN naming convention), the TLC identifiers and the language codes."""

from __future__ import annotations

import datetime as dt
import re

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: unres' own attributes and proprietary metadata (the AKN schema admits any attribute and
#: any proprietary element of another namespace)
UNRES = "https://unres.example/ns/akn/1"

#: the statement's @name for each kind of source: AKN4UN suggests "resolution" and
#: "resolutionDraft" (part 2, "Deliberative documents"); the other stages follow that pattern
NAMES = {
    "resolution": "resolution",
    "draft": "resolutionDraft",
    "revised-draft": "resolutionDraftRevised",
    "draft-decision": "decisionDraft",
    "revised-draft-decision": "decisionDraftRevised",
    "addendum": "resolutionDraftAddendum",
    "corrigendum": "resolutionDraftCorrigendum",
    "amendment": "resolutionDraftAmendment",
}
KINDS = {v: k for k, v in NAMES.items()}

#: ISO 639-1 (the source's language:) → ISO 639-2/T (FRBRlanguage, expression URIs)
LANG3 = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "zh": "zho", "ar": "ara"}
LANG2 = {v: k for k, v in LANG3.items()}

#: the Main Committees' TLC identifiers and names (TLCOrganization showAs)
COMMITTEES = {
    1: ("firstCommittee", "First Committee"),
    2: ("secondCommittee", "Second Committee"),
    3: ("thirdCommittee", "Third Committee"),
    4: ("fourthCommittee", "Special Political and Decolonization Committee (Fourth Committee)"),
    5: ("fifthCommittee", "Fifth Committee"),
    6: ("sixthCommittee", "Sixth Committee"),
}
COMMITTEE_NUMBERS = {eid: n for n, (eid, _) in COMMITTEES.items()}

ACTOR = "un-ga"
ONTOLOGY = "/akn/un/ontology"


def number_slug(text: str) -> str:
    """A number or symbol as a URI component (AKN naming convention: "/" → "-", " " → "_")."""
    return text.replace("/", "-").replace(" ", "_")


def work_uri(date: dt.date, number: str) -> str:
    """``/akn/un/statement/deliberation/un-ga/1997-12-12/52-102`` (AKN4UN, part 1)."""
    return f"/akn/un/statement/deliberation/{ACTOR}/{date.isoformat()}/{number_slug(number)}"


def agenda_id(item: str) -> str:
    """``agendaItem-20b`` for "20 (b)" (an eId: no spaces or brackets)."""
    return "agendaItem-" + re.sub(r"[^0-9A-Za-z]", "", item)


def sponsor_id(i: int) -> str:
    return f"sponsor-{i + 1}"


def slug(name: str) -> str:
    """A name as an ontology URI component: "State of Palestine*" → "stateOfPalestine"."""
    words = re.findall(r"\w+", name)
    return (words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])) if words else "x"
