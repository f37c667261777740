"""Segmentation: messages with their sender, quoting and blocks, spans into the text as given."""

from __future__ import annotations

from foicompare.segment import blocks, messages

WDTK = (
    "Care leavers\n\n"
    "Jo Bloggs made this Freedom of Information request to Leeds City Council\n\n"
    "The request was successful.\n\n"
    "Dear Leeds City Council,\n\nPlease provide the number of care leavers.\n\n"
    "Yours faithfully,\n\nJo Bloggs\n\n"
    "FOI Team, Leeds City Council\n\n"
    "Dear Jo\n\nThere were 42 care leavers in 2021.\n\nKind regards\n\nFOI Team\n"
)


def test_a_whatdotheyknow_thread_has_the_request_then_the_answer() -> None:
    msgs = [m for m in messages(WDTK) if m.kind != "page"]
    assert [(m.sender, m.kind) for m in msgs] == [("requester", "wdtk"), ("authority", "wdtk")]
    assert "42 care leavers" in WDTK[msgs[-1].start : msgs[-1].end]


def test_messages_cover_the_text_in_order_without_overlap() -> None:
    msgs = messages(WDTK)
    assert msgs[0].start == 0
    for a, b in zip(msgs, msgs[1:], strict=False):
        assert a.end <= b.start
    assert msgs[-1].end == len(WDTK)


def test_on_wrote_starts_quoted_mail() -> None:
    text = (
        "Dear Mr Smith\n\nWe do not hold this information.\n\nRegards\nFOI Officer\n\n"
        "On 3 May 2021, John Smith wrote:\n\nPlease tell me how many cars you own.\n"
    )
    msgs = messages(text)
    assert msgs[0].sender == "authority" and not msgs[0].quoted
    assert msgs[-1].quoted and msgs[-1].kind == "quoted"


def test_email_headers_give_the_date() -> None:
    text = (
        "-----Original Message-----\nFrom: foi@leeds.gov.uk\nSent: 04 June 2021 10:00\n"
        "To: jo@example.com\nSubject: FOI\n\nDear Jo\n\nThank you for your request. "
        "We do not hold the information.\n"
    )
    (msg,) = messages(text)
    assert (msg.kind, msg.sender, msg.date) == ("email", "authority", "2021-06-04")
    assert text[msg.date_span[0] : msg.date_span[1]] == "04 June 2021"


def test_log_page_question_and_answer() -> None:
    msgs = messages("Request\n1. How many?\nResponse\n1. 12\n")
    assert [(m.kind, m.sender) for m in msgs] == [
        ("log_question", "requester"),
        ("log_answer", "authority"),
    ]


def test_blocks_are_paragraphs_list_items_and_tables() -> None:
    text = "Intro line one\nline two\n\n1. First\n2. Second\n\n| a | b |\n| 1 | 2 |\n"
    got = [(b.kind, text[b.start : b.end]) for b in blocks(text)]
    assert got == [
        ("paragraph", "Intro line one\nline two"),
        ("list_item", "1. First"),
        ("list_item", "2. Second"),
        ("table", "| a | b |\n| 1 | 2 |"),
    ]


def test_segmentation_is_linear_on_hostile_text() -> None:
    import time

    text = ("> " * 50_000) + "\n" + ("Dear " * 20_000) + ("-" * 50_000)
    t0 = time.perf_counter()
    messages(text)
    assert time.perf_counter() - t0 < 5
