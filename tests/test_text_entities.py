"""Entity references in DOCX and XLSX: the text is kept whole, or the file is an error.

Word never writes a DTD, but other tools and hostile files do. A paragraph used to be cut
silently at the first entity reference; now a declared plain-text entity is expanded, and
anything that cannot be expanded safely (external, undeclared, nested, a bomb) is an
``ExtractionError`` naming the entity.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from fixtures_make import make_docx, make_xlsx
from foicompare.text import docx as docx_text
from foicompare.text import xlsx as xlsx_text
from foicompare.text.base import ExtractionError

PLACEHOLDER = "PLACEHOLDER"


def with_dtd(office_file: bytes, dtd: str, text: str) -> bytes:
    """The same file with ``dtd`` declared in the part holding PLACEHOLDER, now ``text``."""
    src = zipfile.ZipFile(io.BytesIO(office_file))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if PLACEHOLDER.encode() in data:
                xml = data.decode("utf-8")
                root = re.search(r"<[A-Za-z]", xml).start()  # the first element
                xml = xml[:root] + f"<!DOCTYPE root [{dtd}]>" + xml[root:]
                data = xml.replace(PLACEHOLDER, text).encode("utf-8")
            dst.writestr(name, data)
    return out.getvalue()


def test_a_docx_paragraph_with_a_declared_entity_is_kept_whole():
    original = make_docx([PLACEHOLDER, "Yours sincerely"])
    hostile = with_dtd(original, '<!ENTITY co "Barnet Council">', "The &co; holds this &amp; more.")
    text = docx_text.extract(hostile).text
    assert "The Barnet Council holds this & more." in text
    assert "Yours sincerely" in text


@pytest.mark.parametrize(
    ("dtd", "why"),
    [
        ('<!ENTITY ext SYSTEM "file:///etc/passwd">', "entity &ext;"),
        ('<!ENTITY a "x"><!ENTITY ext "&a;&a;">', "entity &ext;"),
        # libxml2 refuses the amplification itself; our own cap is the second line
        ('<!ENTITY ext "' + "x" * 5000 + '">', "amplification|beyond"),
    ],
    ids=["external", "nested", "bomb"],
)
def test_a_docx_entity_that_cannot_be_expanded_safely_is_an_error_not_a_cut(dtd, why):
    refs = "&ext;" * (300 if "beyond" in why else 1)
    hostile = with_dtd(make_docx([PLACEHOLDER]), dtd, f"Before {refs} after")
    with pytest.raises(ExtractionError, match=why):
        docx_text.extract(hostile)


def test_a_comment_inside_a_docx_text_run_does_not_cut_the_run():
    hostile = with_dtd(make_docx([PLACEHOLDER]), "", "Refused under <!-- x --> section 40(2).")
    assert "Refused under  section 40(2)." in docx_text.extract(hostile).text


def test_an_xlsx_cell_with_a_declared_entity_is_kept_whole():
    original = make_xlsx({"Log": [["Reference", "Outcome"], ["FOI-1", PLACEHOLDER]]})
    hostile = with_dtd(original, '<!ENTITY r "Refused">', "&r; in part &amp; withheld")
    text = xlsx_text.extract(hostile).text
    assert "FOI-1 | Refused in part & withheld" in text


def test_an_xlsx_cell_with_an_external_entity_is_an_error():
    original = make_xlsx({"Log": [["Reference", "Outcome"], ["FOI-1", PLACEHOLDER]]})
    hostile = with_dtd(original, '<!ENTITY r SYSTEM "file:///etc/passwd">', "&r; x")
    with pytest.raises(ExtractionError, match="XLSX"):
        xlsx_text.extract(hostile)
