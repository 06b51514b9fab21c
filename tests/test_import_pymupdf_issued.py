"""Issued resolutions as a user copies them out of the official PDF (PyMuPDF's text layer, as
stored by wannli/un-docs-downloader; tests/import/README.md gives each file's commit and path):
the shapes they showed that the importer did not read.
"""

from __future__ import annotations

from pipeline.importer.convert import convert


def test_a_dated_heading_broken_before_its_date_is_the_heading():
    """A/RES/78/200's masthead (lines as stored): the heading breaks after "on", its date alone on
    the next line. "Resolution adopted by the General Assembly on" was read as the agenda item's
    title running on (its last words), and "19 December 2023" was left out with a warning."""
    text = ("United Nations \nA/RES/78/200\n \n \nGeneral Assembly \nDistr.: General \n22 December 2023 \n \n"
            "23-26036 (E)    090124 \n*2326036* \n \n \nSeventy-eighth session \nAgenda item 71 (b) \n"
            "Promotion and protection of human rights: human rights \nquestions, including alternative "
            "approaches for improving \nthe effective enjoyment of human rights and \nfundamental freedoms \n"
            " \n \n \n \n Resolution adopted by the General Assembly on \n19 December 2023 \n \n \n \n \n"
            "[on the report of the Third Committee (A/78/481/Add.2, para. 139)] \n \n \n"
            " 78/200. Promotion of equitable geographical distribution in the \n"
            "membership of the human rights treaty bodies \n \n \n \nThe General Assembly,  \n \n"
            "Recalling its previous resolutions on this question,  \n \n1. \nDecides to continue its "
            "consideration of the question at its eightieth session. \n \n50th plenary meeting \n"
            "19 December 2023 \n \n")
    imported = convert(text, "A_RES_78_200.txt")
    assert [d.message for d in imported.warnings] == []
    data = imported.source.data
    assert data["agenda_title"] == ("Promotion and protection of human rights: human rights questions, including "
                                    "alternative approaches for improving the effective enjoyment of human rights "
                                    "and fundamental freedoms")
    assert str(data["adopted"]["date"]) == "2023-12-19"
