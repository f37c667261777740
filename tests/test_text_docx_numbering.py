"""Word's automatic list numbering comes out in the DOCX text as Word displays it.

The documents are built with python-docx: its default template has "List Number" and
"List Bullet" styles whose numbering comes from the style, and custom definitions are
added to ``word/numbering.xml`` through python-docx's numbering part.
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from foicompare.text import extract
from foicompare.text.docx_numbering import ListNumbering, format_number

W = nsdecls("w")

#: a multi-level list: "1.", "1.1", "a)", "(i)"
OUTLINE = f"""<w:abstractNum {W} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>"""

#: questions labelled "Q1", "Q2" ... and starting at a chosen number
QUESTIONS = f"""<w:abstractNum {W} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Q%1"/></w:lvl>
</w:abstractNum>"""

#: sub-questions "A)", "B)" with a bullet level under them
LETTERS = f"""<w:abstractNum {W} w:abstractNumId="92">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1)"/></w:lvl>
  <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>"""


def _num(num_id: int, abstract_id: int, start_override: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for level, start in (start_override or {}).items()
    )
    return (
        f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
    )


def _add_definitions(document, abstracts: list[str], nums: list[str]) -> None:  # noqa: ANN001
    """Add w:abstractNum (before the first w:num, as the schema orders them) and w:num."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in abstracts:
        first_num.addprevious(parse_xml(xml))
    for xml in nums:
        numbering.append(parse_xml(xml))


def _number(paragraph, num_id: int, ilvl: int = 0) -> None:  # noqa: ANN001
    """Give a paragraph direct numbering (w:pPr/w:numPr), as Word does for ad-hoc lists."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _bytes(document) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _lines(document) -> list[str]:  # noqa: ANN001
    return extract(_bytes(document), filename="reply.docx").text.split("\n")


def test_list_number_and_list_bullet_styles_render_their_labels():
    document = docx.Document()
    document.add_paragraph("Dear Ms Smith,")
    document.add_paragraph("You asked:")
    for text in [
        "Please provide the number of children placed out of area.",
        "Please provide the cost of those placements.",
        "Please confirm whether Ofsted was informed.",
    ]:
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Our response:")
    document.add_paragraph("Regulation 23 was used 4 times.", style="List Bullet")
    document.add_paragraph("Regulation 24 was not used.", style="List Bullet")

    assert _lines(document) == [
        "Dear Ms Smith,",
        "You asked:",
        "1. Please provide the number of children placed out of area.",
        "2. Please provide the cost of those placements.",
        "3. Please confirm whether Ofsted was informed.",
        "Our response:",
        "• Regulation 23 was used 4 times.",
        "• Regulation 24 was not used.",
    ]


def test_style_numbering_is_inherited_through_based_on_and_num_id_0_switches_it_off():
    document = docx.Document()
    question = document.styles.add_style("FOI Question", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    question.base_style = document.styles["List Number"]
    document.add_paragraph("Please provide the policy.", style="FOI Question")
    unnumbered = document.add_paragraph("A note between the questions.", style="List Number")
    _number(unnumbered, 0)  # direct numId 0 overrides the style's list
    document.add_paragraph("Please provide the budget.", style="FOI Question")

    assert _lines(document) == [
        "1. Please provide the policy.",
        "A note between the questions.",
        "2. Please provide the budget.",
    ]


def test_custom_definition_with_nested_levels_letters_romans_and_a_restart():
    document = docx.Document()
    _add_definitions(document, [OUTLINE], [_num(90, 90), _num(91, 90, start_override={0: 1})])
    for num_id, ilvl, text in [
        (90, 0, "Placements"),
        (90, 1, "Please provide the number of placements."),
        (90, 1, "Please provide the cost."),
        (90, 2, "for 2021/22"),
        (90, 2, "for 2022/23"),
        (90, 3, "residential"),
        (90, 3, "foster care"),
        (90, 0, "Staffing"),
        (90, 1, "Please provide the number of social workers."),
        (90, 2, "qualified"),
        (91, 0, "A second request, numbered afresh"),
        (91, 1, "Its first question"),
    ]:
        _number(document.add_paragraph(text), num_id, ilvl)

    assert _lines(document) == [
        "1. Placements",
        "1.1 Please provide the number of placements.",
        "1.2 Please provide the cost.",
        "a) for 2021/22",
        "b) for 2022/23",
        "(i) residential",
        "(ii) foster care",
        "2. Staffing",
        "2.1 Please provide the number of social workers.",
        "a) qualified",
        "1. A second request, numbered afresh",
        "1.1 Its first question",
    ]


def test_two_instances_of_one_definition_continue_the_same_list():
    document = docx.Document()
    _add_definitions(document, [QUESTIONS], [_num(93, 91), _num(94, 91)])
    _number(document.add_paragraph("How many?"), 93)
    document.add_paragraph("Interlude without numbering.")
    _number(document.add_paragraph("How much?"), 94)
    _number(document.add_paragraph("When?"), 93)

    assert _lines(document) == [
        "Q4 How many?",
        "Interlude without numbering.",
        "Q5 How much?",
        "Q6 When?",
    ]


def test_numbered_paragraphs_in_table_cells_headings_and_bullet_levels():
    document = docx.Document()
    _add_definitions(document, [LETTERS], [_num(95, 92)])
    heading = document.add_heading("Your questions", level=2)
    _number(heading, 95)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Question"
    table.cell(0, 1).text = "Answer"
    _number(table.cell(1, 0).paragraphs[0], 95)
    table.cell(1, 0).paragraphs[0].add_run("Number of breaches")
    table.cell(1, 1).text = "Twelve."
    bullet = table.cell(1, 1).add_paragraph("See annex A.")
    _number(bullet, 95, ilvl=1)
    _number(document.add_paragraph("Cost of breaches"), 95)

    ex = extract(_bytes(document), filename="reply.docx")
    assert ex.text.split("\n") == [
        "## A) Your questions",
        "Question | Answer",
        "B) Number of breaches | Twelve. • See annex A.",
        "C) Cost of breaches",
    ]
    assert ex.tables[0].rows == [
        ["Question", "Answer"],
        ["B) Number of breaches", "Twelve. • See annex A."],
    ]


def test_an_empty_numbered_paragraph_shows_and_counts_its_number_like_word():
    document = docx.Document()
    document.add_paragraph("First", style="List Number")
    document.add_paragraph("", style="List Number")
    document.add_paragraph("Third", style="List Number")
    assert _lines(document) == ["1. First", "2.", "3. Third"]


def test_document_without_lists_is_unchanged_and_version_is_bumped():
    document = docx.Document()
    document.add_paragraph("1. Typed by hand, not by Word")
    ex = extract(_bytes(document), filename="reply.docx")
    assert ex.text == "1. Typed by hand, not by Word"
    assert ex.extractor_version.endswith("+2")


def test_list_numbering_is_none_without_any_definitions():
    numbering = parse_xml(f"<w:numbering {W}/>")
    document = docx.Document()
    document.part.numbering_part._element = numbering
    assert ListNumbering.from_document(document) is None


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (1, "decimal", "1"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (53, "upperLetter", "AAA"),
        (9, "lowerRoman", "ix"),
        (1994, "upperRoman", "MCMXCIV"),
        (3, "decimalZero", "03"),
        (11, "ordinal", "11th"),
        (22, "ordinal", "22nd"),
        (3, "ordinalText", "3"),  # words not rendered: decimal instead
        (2_000_000_000, "lowerLetter", "2000000000"),  # hostile start: no 77-million-letter label
    ],
)
def test_format_number(value: int, fmt: str, expected: str):
    assert format_number(value, fmt) == expected


def test_lvl_restart_0_keeps_a_sub_level_counting_across_its_parents():
    never_restarts = f"""<w:abstractNum {W} w:abstractNumId="96">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>
        <w:lvlText w:val="(%2)"/></w:lvl>
    </w:abstractNum>"""
    document = docx.Document()
    _add_definitions(document, [never_restarts], [_num(96, 96)])
    for ilvl, text in [(0, "Part one"), (1, "first"), (1, "second"), (0, "Part two"), (1, "third")]:
        _number(document.add_paragraph(text), 96, ilvl)

    assert _lines(document) == [
        "I. Part one",
        "(1) first",
        "(2) second",
        "II. Part two",
        "(3) third",
    ]


def test_a_list_style_link_takes_its_levels_from_the_numbering_style():
    """Word's "list styles": the used definition only points (numStyleLink) at a style whose
    numbering holds the real levels (styleLink)."""
    holder = f"""<w:abstractNum {W} w:abstractNumId="97">
      <w:styleLink w:val="FOIQuestions"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl>
    </w:abstractNum>"""
    pointer = f"""<w:abstractNum {W} w:abstractNumId="98">
      <w:numStyleLink w:val="FOIQuestions"/>
    </w:abstractNum>"""
    list_style = parse_xml(
        f'<w:style {W} w:type="numbering" w:styleId="FOIQuestions"><w:name w:val="FOI Questions"/>'
        f'<w:pPr><w:numPr><w:numId w:val="97"/></w:numPr></w:pPr></w:style>'
    )
    document = docx.Document()
    document.styles.element.append(list_style)
    _add_definitions(document, [holder, pointer], [_num(97, 97), _num(98, 98)])
    for text in ["the policy", "the budget"]:
        _number(document.add_paragraph(text), 98)

    assert _lines(document) == ["(a) the policy", "(b) the budget"]
