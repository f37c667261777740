"""Warm-up imported once by the ingest pool's fork server, before any worker is forked.

:func:`foicompare.ingest._map` names this module in ``set_forkserver_preload``: the fork
server imports it once, which imports the whole ingest path (extractors, parser, topics,
authority resolver) and runs one small letter and one small web page through
:func:`foicompare.ingest.process`, so that lazily compiled patterns and lazily loaded
tables are built. Every worker is then forked from that warm process and shares those
pages copy-on-write, instead of paying the imports and the warm-up again; this is what
makes N workers about N times as fast as one.

It never raises: a failure here only means the workers warm up on their own.

>>> import foicompare._preload as p
>>> p.WARM
True
"""

from __future__ import annotations

#: a short FOI response and a web page that touch every rule family once
_LETTER = """Kent County Council
Freedom of Information request FOI-2020-1234
Date: 15 June 2020

Dear Ms Smith,

Thank you for your request for information received on 20 May 2020 under the Freedom of
Information Act 2000. We hold some of the information you asked for.

1. Has the council used the Adoption and Children (Coronavirus) (Amendment) Regulations 2020?
Yes. Regulation 8 (visits to children in care) was used 12 times in May 2020.

2. How many social workers left? Fewer than 5; this figure is withheld under section 40(2).
Retrieving the rest would exceed the appropriate limit of £450 (section 12).

If you are unhappy with this response you may ask for an internal review.

Yours sincerely,
Information Governance Team
"""

_PAGE = (
    "<html><head><title>FOI response 2020/77 - Leeds City Council</title></head><body>"
    "<h1>Disclosure log</h1><dl><dt>Reference</dt><dd>2020/77</dd><dt>Date</dt>"
    "<dd>3 July 2020</dd></dl><p>Information not held. Section 21 applies: the figures are "
    "published on our website.</p></body></html>"
)


def _warm() -> bool:
    try:
        from foicompare import ingest
        from foicompare.sources.base import SourceItem

        for name, body in (("letter.txt", _LETTER), ("page.html", _PAGE)):
            item = SourceItem(data=body.encode(), location=name, source="files", filename=name)
            ingest.process(item, doc_timeout=None)
        return True
    except Exception:  # a warm-up must never stop the fork server
        return False


WARM = _warm()
