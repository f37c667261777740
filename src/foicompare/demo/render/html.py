"""A council disclosure-log page around the answer: cookie banner, header, nav, footer.

>>> from foicompare.demo.model import Doc, para
>>> page = render(Doc("x", "Looked after children", "s", [para("Hi & bye")], {},
...               meta={"reference": "FOI 1", "date": "3 August 2020"}),
...               site="Coventry City Council", domain="www.coventry.gov.uk").decode()
>>> "<p>Hi &amp; bye</p>" in page and "cookie" in page
True
"""

from __future__ import annotations

from html import escape

from foicompare.demo.model import Block, Doc


def _block(b: Block) -> str:
    if b.kind == "table":
        head, *body = b.rows
        out = [
            "<table>",
            "<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr></thead>",
            "<tbody>",
        ]
        out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in body]
        return "\n".join([*out, "</tbody>", "</table>"])
    if b.kind == "lines":
        return "<p>" + "<br>".join(escape(i) for i in b.items) + "</p>"
    if b.kind == "bullets":
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in b.items) + "</ul>"
    if b.kind == "heading":
        return f"<p><strong>{escape(b.text)}</strong></p>"
    return f"<p>{escape(b.text)}</p>"


def render(doc: Doc, *, site: str | None, domain: str) -> bytes:
    """The page as UTF-8 HTML. ``site`` is None when the page never names the council."""
    brand = escape(site) if site else '<img src="/images/logo.svg" alt="">'
    meta = []
    if doc.meta.get("reference"):
        meta.append(f"<dt>Reference</dt><dd>{escape(doc.meta['reference'])}</dd>")
    if doc.meta.get("date"):
        meta.append(f"<dt>Date of response</dt><dd>{escape(doc.meta['date'])}</dd>")
    footer = f"&copy; {escape(site)}" if site else "All rights reserved"
    body = "\n".join(_block(b) for b in doc.blocks)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{escape(doc.title)} | Freedom of information disclosure log</title>
<link rel="stylesheet" href="https://{domain}/assets/site.css">
</head>
<body>
<div class="cookie-banner" role="region" aria-label="Cookies on this site">
<p>We use some essential cookies to make this website work. We'd like to set additional cookies to understand how you use the site.</p>
<button>Accept additional cookies</button> <button>Reject additional cookies</button>
</div>
<header><a class="brand" href="https://{domain}/">{brand}</a>
<nav><ul><li><a href="/services">Services</a></li><li><a href="/news">News</a></li><li><a href="/your-council">Your council</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
</header>
<main>
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/your-council">Your council</a> &gt; <a href="/foi">Freedom of information</a> &gt; <a href="/foi/disclosure-log">Disclosure log</a></nav>
<h1>{escape(doc.title)}</h1>
<dl class="foi-meta">{"".join(meta)}</dl>
<article class="foi-response">
{body}
</article>
</main>
<footer><ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy</a></li></ul><p>{footer}</p></footer>
</body>
</html>
""".encode()
