"""WhatDoTheyKnow → dataset: requests, their messages and attachments, and batches.

:class:`WdtkIngest` fetches through :class:`~.client.Wdtk` and writes the ``requests``,
``batches``, ``request_messages`` and ``request_documents`` tables; message texts and
attachments go through :meth:`foicompare.Dataset.ingest_items` (stored, extracted,
parsed) with ``request_id`` set. Every failure becomes a row of ``errors`` (stage
``fetch``) and, for a request, a ``fetch_error``; nothing stops the run.

Incremental: a request whose ``updated_at`` has not moved since the last run is not
fetched again beyond its JSON (which the HTTP cache revalidates), and an attachment
already stored for its URL is never downloaded again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foicompare import roundrobin as rr
from foicompare.sources.base import SourceItem
from foicompare.sources.http import FetchError, redact
from foicompare.sources.whatdotheyknow import parse as p
from foicompare.sources.whatdotheyknow.client import Wdtk
from foicompare.store import utcnow

if TYPE_CHECKING:
    from foicompare.dataset import Dataset

SOURCE = "whatdotheyknow"


@dataclass
class WdtkReport:
    """What one ingest run did. ``str(report)`` is a one-line summary."""

    requests: int = 0  # fetched and (re)written
    unchanged: int = 0  # updated_at unchanged: nothing else fetched
    hidden: int = 0
    missing: int = 0
    messages: int = 0
    hidden_messages: int = 0  # messages hidden by an administrator: recorded, no text
    hidden_attachments: int = 0
    attachments: int = 0  # downloaded this run
    attachments_known: int = 0  # already stored: not downloaded again
    documents_new: int = 0
    batch_id: str | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.requests} requests fetched, {self.unchanged} unchanged, "
            f"{self.hidden} hidden, {self.missing} missing; {self.messages} messages "
            f"({self.hidden_messages} hidden), "
            f"{self.attachments} attachments downloaded ({self.attachments_known} already "
            f"stored); {self.documents_new} new documents; {len(self.errors)} errors"
        )


def message_kind(direction: str, event_type: str, state: str | None, previous: str | None) -> str:
    """What a message is, from its event and the request state around it.

    >>> message_kind("incoming", "response", "waiting_clarification", "waiting_response")
    'clarification'
    >>> message_kind("outgoing", "followup_sent", "waiting_response", "waiting_clarification")
    'clarification'
    """
    if direction == "outgoing":
        if event_type in {"sent", "resent"}:
            return "request"
        if state == "internal_review":
            return "internal_review"
        if previous == "waiting_clarification":
            return "clarification"
        return "followup"
    if state == "waiting_clarification":
        return "clarification"
    if state in {"waiting_response", "internal_review"}:
        return "acknowledgement"
    if state is None or state in rr.STATE_OUTCOME:
        return "response"
    return "other"


class WdtkIngest:
    """Fetch requests from an Alaveteli site into a dataset.

    >>> # ds = foicompare.open("foi.duckdb"); run = WdtkIngest(ds, Wdtk(cache_dir=".cache"))
    >>> # print(run.batch(12345)); ds.coverage("wdtk-batch:12345")
    """

    def __init__(self, ds: Dataset, wdtk: Wdtk, *, attachments: bool = True) -> None:
        self.ds = ds
        self.wdtk = wdtk
        self.attachments = attachments

    # -- entry points ---------------------------------------------------------------

    def batch(self, number: int) -> WdtkReport:
        """Every request of ``/info_request_batch/<number>``."""
        report = WdtkReport(batch_id=f"wdtk-batch:{int(number)}")
        url = self.wdtk.url(f"/info_request_batch/{int(number)}")
        try:
            page = self.wdtk.batch(number)
        except (FetchError, p.WdtkParseError) as exc:
            self._error(url, str(exc), report)
            return report
        rr.write_batches(
            self.ds.con,
            [
                {
                    "batch_id": report.batch_id,
                    "kind": "batch",
                    "source": SOURCE,
                    "wdtk_batch_id": int(number),
                    "title": page.title,
                    "n_requests": len(page.slugs),
                    "n_stated": page.n_authorities,
                }
            ],
        )
        for slug in page.slugs:
            self._request(slug, report, batch_id=report.batch_id, body=page.bodies.get(slug))
        self._finish(report, [report.batch_id])
        return report

    def request(self, slug: str | int) -> WdtkReport:
        """One request by url_title (or numeric id), or by a ``/request_event/<id>`` URL."""
        report = WdtkReport()
        event = p.EVENT_LINK_RE.search(str(slug))
        if event:
            try:
                slug, _ = self.wdtk.event(int(event["id"]))
            except (FetchError, p.WdtkParseError) as exc:
                self._error(self.wdtk.url(f"/request_event/{event['id']}"), str(exc), report)
                return report
        else:
            slug = p.request_slug(str(slug)) or str(slug)
        self._request(str(slug), report)
        self._finish(report, [])
        return report

    def body(self, url_name: str, *, since: dt.date | None = None) -> WdtkReport:
        """Requests to one body with events since ``since`` (default: since the last run)."""
        if since is None:
            last = self.ds.con.execute(
                "SELECT max(fetched_at) FROM requests WHERE body_url_name = ?", [url_name]
            ).fetchall()[0][0]
            since = (last - dt.timedelta(days=7)).date() if last else None
        return self.search(f"requested_from:{url_name}", since=since)

    def search(self, query: str, *, since: dt.date | None = None) -> WdtkReport:
        """Requests with events matching a search query (date-sliced feeds)."""
        report = WdtkReport()
        slugs: list[str] = []
        try:
            for entry in self.wdtk.search_events(query, since=since):
                if entry.url_title and entry.url_title not in slugs:
                    slugs.append(entry.url_title)
        except (FetchError, p.WdtkParseError) as exc:
            self._error(self.wdtk.url(f"/feed/search/{query}"), str(exc), report)
        for slug in slugs:
            self._request(slug, report)
        self._finish(report, [])
        return report

    # -- one request ----------------------------------------------------------------

    def _request(
        self,
        slug: str,
        report: WdtkReport,
        *,
        batch_id: str | None = None,
        body: tuple[str, str] | None = None,
    ) -> None:
        json_url = self.wdtk.url(f"/request/{slug}.json")
        try:
            info = self.wdtk.request(slug)
        except FetchError as exc:
            status = None if exc.challenge else exc.status
            prominence = {403: "hidden", 404: "missing"}.get(status or 0, "error")
            if prominence == "hidden":
                report.hidden += 1
            elif prominence == "missing":
                report.missing += 1
            self._error(json_url, str(exc), report, count=prominence == "error")
            self._unreachable(slug, prominence, str(exc), batch_id, body)
            return
        except p.WdtkParseError as exc:
            self._error(json_url, str(exc), report)
            self._unreachable(slug, "error", str(exc), batch_id, body)
            return
        rid = rr.request_id(info.url_title)
        if slug != info.url_title:  # fetched by number or an old slug
            self.ds.con.execute("DELETE FROM requests WHERE request_id = ?", [rr.request_id(slug)])
        old = self.ds.con.execute(
            "SELECT updated_at, (SELECT count(*) FROM request_messages m"
            " WHERE m.request_id = r.request_id) FROM requests r WHERE request_id = ?",
            [rid],
        ).fetchall()
        old = old[0] if old else None
        row = self._row(info, batch_id)
        if old and old[0] == info.updated_at and old[1] > 0:
            report.unchanged += 1
            rr.write_requests(self.ds.con, [row])
            return
        report.requests += 1
        page_url = self.wdtk.url(f"/request/{info.url_title}")
        try:
            page, fetched = self.wdtk.request_page(info.url_title)
            page_url = fetched.url
        except FetchError as exc:
            self._error(page_url, str(exc), report)
            row["fetch_error"] = f"page: {exc}"
            rr.write_requests(self.ds.con, [row])
            return
        if batch_id is None and page.batch_id is not None:
            row["batch_id"] = self._ensure_batch(page.batch_id, info.title)
        problem = self._check_page(info, page, page_url, report)
        if problem is not None:  # nothing recognisable: keep what earlier runs stored
            row["fetch_error"] = f"page: {problem}"
            rr.write_requests(self.ds.con, [row])
            return
        self._messages(info, page, page_url, rid, row, report)
        rr.write_requests(self.ds.con, [row])

    def _check_page(
        self, info: p.RequestInfo, page: p.RequestPage, page_url: str, report: WdtkReport
    ) -> str | None:
        """Compare the page's messages with the messages the JSON lists.

        Every message the JSON lists is on the page, even one an administrator hid (it
        is shown as a notice). A message missing from the page is an error row naming it;
        a page with none of them (markup not recognised) is an error for the request,
        returned so the request is not stored as if it had no correspondence.
        """
        listed = []
        for e in info.events:
            if e.incoming_message_id is not None:
                listed.append(("incoming", int(e.incoming_message_id)))
            elif e.outgoing_message_id is not None:
                listed.append(("outgoing", int(e.outgoing_message_id)))
        found = {(m.direction, m.message_id) for m in page.messages}
        missing = [k for k in dict.fromkeys(listed) if k not in found]
        if not missing:
            return None
        incoming = [i for d, i in missing if d == "incoming"]
        what = ", ".join(f"div.correspondence#{d}-{i}" for d, i in missing[:6])
        if len(missing) > 6:
            what += f" and {len(missing) - 6} more"
        if not page.messages:
            reason = (
                f"page markup not recognised: no correspondence found, but the request JSON "
                f"lists {len(listed)} message(s) ({len(incoming)} incoming); missing {what}"
            )
            self._error(page_url, reason, report)
            return reason
        self._error(
            page_url, f"message(s) listed by the request JSON not on the page: {what}", report
        )
        return None

    def _row(self, info: p.RequestInfo, batch_id: str | None) -> dict[str, Any]:
        body = info.body
        on = info.created_at.date() if info.created_at else None
        code, name, confidence = rr.resolve_body(
            body.name if body else None, body.id if body else None, on
        )
        existing = self.ds.con.execute(
            "SELECT batch_id FROM requests WHERE request_id = ?", [rr.request_id(info.url_title)]
        ).fetchall()
        existing = existing[0] if existing else None
        keep = existing[0] if existing and existing[0] and existing[0].startswith("wdtk") else None
        return {
            "request_id": rr.request_id(info.url_title),
            "source": SOURCE,
            "site": self.wdtk.base_url,
            "wdtk_id": info.id,
            "url_title": info.url_title,
            "url": self.wdtk.url(f"/request/{info.url_title}"),
            "title": info.title,
            "created_at": info.created_at,
            "updated_at": info.updated_at,
            "described_state": info.described_state,
            "status_label": info.display_status,
            "awaiting_description": info.awaiting_description,
            "state_outcome": rr.STATE_OUTCOME.get(info.described_state or ""),
            "prominence": info.prominence,
            "law_used": info.law_used,
            "user_name": info.user_name,
            "body_url_name": body.url_name if body else None,
            "body_name": body.name if body else None,
            "authority_code": code,
            "authority_name": name,
            "authority_confidence": confidence,
            "batch_id": batch_id or keep,
            "tags": info.tags,
            "fetched_at": utcnow(),
            "fetch_error": None,
        }

    def _unreachable(
        self,
        slug: str,
        prominence: str,
        reason: str,
        batch_id: str | None,
        body: tuple[str, str] | None,
    ) -> None:
        """Record a request we could not read (hidden, missing, failing) without losing
        what an earlier run or an import knew about it."""
        rid = rr.request_id(slug)
        old = rr.frame(self.ds.con, "SELECT * FROM requests WHERE request_id = ?", [rid])
        row: dict[str, Any] = old.row(0, named=True) if old.height else {}
        if not row:
            code, name, confidence = rr.resolve_body(body[1] if body else None)
            row = {
                "request_id": rid,
                "source": SOURCE,
                "site": self.wdtk.base_url,
                "url_title": slug,
                "url": self.wdtk.url(f"/request/{slug}"),
                "body_url_name": body[0] if body else None,
                "body_name": body[1] if body else None,
                "authority_code": code,
                "authority_name": name,
                "authority_confidence": confidence,
            }
        if prominence != "error" or not row.get("prominence"):
            row["prominence"] = prominence
        row["batch_id"] = batch_id or row.get("batch_id")
        row["fetch_error"] = reason
        rr.write_requests(self.ds.con, [row])

    def _ensure_batch(self, number: int, title: str) -> str:
        batch_id = f"wdtk-batch:{number}"
        self.ds.con.execute(
            "INSERT INTO batches (batch_id, kind, source, wdtk_batch_id, title, n_requests)"
            " VALUES (?, 'batch', ?, ?, ?, 0) ON CONFLICT DO NOTHING",
            [batch_id, SOURCE, number, title],
        )
        return batch_id

    # -- messages and attachments -------------------------------------------------------

    def _messages(
        self,
        info: p.RequestInfo,
        page: p.RequestPage,
        page_url: str,
        rid: str,
        row: dict[str, Any],
        report: WdtkReport,
    ) -> None:
        events: dict[tuple[str, int], p.Event] = {}
        previous: dict[tuple[str, int], str | None] = {}
        state: str | None = None
        for e in info.events:
            key = None
            if e.incoming_message_id is not None:
                key = ("incoming", int(e.incoming_message_id))
            elif e.outgoing_message_id is not None:
                key = ("outgoing", int(e.outgoing_message_id))
            if key and key not in events:
                events[key] = e
                previous[key] = state
            if e.calculated_state:
                state = e.calculated_state
        known = {
            r[0]
            for r in self.ds.con.execute(
                "SELECT url FROM request_documents WHERE request_id = ? AND doc_id IS NOT NULL",
                [rid],
            ).fetchall()
        }
        items: list[SourceItem] = []
        messages: list[dict[str, Any]] = []
        documents: list[dict[str, Any]] = []
        hint = row["body_name"]
        for msg in page.messages:
            key = (msg.direction, msg.message_id)
            event = events.get(key)
            mkey = f"{msg.direction}:{msg.message_id}"
            at = event.created_at if event else msg.sent_at
            data = msg.text.encode("utf-8")
            parent = hashlib.sha256(data).hexdigest() if msg.text else None
            if msg.text:
                location = f"{page_url.split('?', 1)[0]}#{msg.direction}-{msg.message_id}"
                items.append(
                    SourceItem(
                        data=data,
                        location=location,
                        source=SOURCE,
                        filename=f"{msg.direction}-{msg.message_id}.txt",
                        url=page_url,
                        request_id=rid,
                        authority_hint=hint,
                        published_at=at,
                        media_type="text/plain",
                    )
                )
                documents.append(
                    {
                        "request_id": rid,
                        "message_key": mkey,
                        "url": location,
                        "role": "message",
                        "filename": f"{msg.direction}-{msg.message_id}.txt",
                        "doc_id": parent,
                    }
                )
            messages.append(
                {
                    "request_id": rid,
                    "message_key": mkey,
                    "direction": msg.direction,
                    "kind": message_kind(
                        msg.direction,
                        event.event_type if event else "",
                        event.calculated_state if event else None,
                        previous.get(key),
                    ),
                    "event_id": event.id if event else None,
                    "event_type": event.event_type if event else None,
                    "sent_at": at,
                    "calculated_state": event.calculated_state if event else None,
                    "doc_id": parent,
                    "n_attachments": len(msg.attachments),
                    "prominence": msg.prominence,
                    "hidden": msg.hidden,
                    "hidden_note": msg.note or None,
                    "author": msg.author or None,
                    "page_sent_at": msg.sent_at,
                    "quoted": json.dumps(msg.quoted),
                    "folded": msg.folded,
                }
            )
            report.messages += 1
            if msg.hidden:
                report.hidden_messages += 1
            for link in msg.attachments:
                if link.hidden:  # hidden or erased: recorded, never fetched
                    report.hidden_attachments += 1
                    documents.append(
                        {
                            "request_id": rid,
                            "message_key": mkey,
                            "url": f"{page_url.split('?', 1)[0]}#attachment-{link.attachment_id}",
                            "role": "attachment_hidden",
                            "part": None,
                            "filename": link.filename or None,
                            "doc_id": None,
                        }
                    )
            if not self.attachments:
                continue
            for link in msg.attachments:
                if link.hidden:
                    continue
                doc = {
                    "request_id": rid,
                    "message_key": mkey,
                    "url": link.url,
                    "role": "attachment",
                    "part": link.part,
                    "filename": link.filename,
                    "doc_id": None,
                }
                if link.url in known:
                    report.attachments_known += 1
                    continue
                fetched = self._attachment(link, report)
                if fetched is None:
                    documents.append(doc)
                    continue
                role, result = fetched
                doc["role"] = role
                doc["doc_id"] = hashlib.sha256(result.content).hexdigest()
                documents.append(doc)
                items.append(
                    SourceItem(
                        data=result.content,
                        location=result.url,  # where it came from, after any redirect
                        source=SOURCE,
                        filename=link.filename if role == "attachment" else f"{link.filename}.html",
                        url=result.url,
                        requested_url=result.requested_url
                        if result.requested_url != result.url
                        else None,
                        parent_id=parent,
                        request_id=rid,
                        authority_hint=hint,
                        published_at=at,
                        retrieved_at=result.fetched_at.replace(tzinfo=None),
                        media_type=result.media_type or None,
                    )
                )
        if items:
            ingested = self.ds.ingest_items(items)
            report.documents_new += ingested.new
            for location, reason in ingested.errors:
                report.errors.append((location, reason))
        con = self.ds.con
        con.execute("DELETE FROM request_messages WHERE request_id = ?", [rid])
        rr.insert_rows(con, "request_messages", messages, on_conflict="replace")
        rr.insert_rows(con, "request_documents", documents, on_conflict="replace")

    def _attachment(self, link: p.AttachmentLink, report: WdtkReport) -> tuple[str, Any] | None:
        """The original file, or its HTML rendering when the original cannot be had."""
        try:
            result = self.wdtk.attachment(link.url)
            report.attachments += 1
            return "attachment", result
        except FetchError as exc:
            first = exc
        if link.html_url:
            try:
                result = self.wdtk.attachment(link.html_url)
                report.attachments += 1
                return "attachment_html", result
            except FetchError as exc:
                first = FetchError(link.url, f"{first.reason}; HTML view: {exc.reason}", exc.status)
        self._error(link.url, str(first), report)
        return None

    # -- bookkeeping -----------------------------------------------------------------

    def _error(self, location: str, reason: str, report: WdtkReport, *, count: bool = True) -> None:
        location = redact(location)  # never store a URL's user:password@
        report.errors.append((location, reason))
        self.ds.record_error(location, "fetch", reason, source=SOURCE)

    def _finish(self, report: WdtkReport, batch_ids: Iterable[str]) -> None:
        ids = {
            r[0]
            for r in self.ds.con.execute(
                "SELECT DISTINCT batch_id FROM requests WHERE batch_id LIKE 'wdtk-batch:%'"
            ).fetchall()
        }
        rr.refresh_batch_counts(self.ds.con, ids | set(batch_ids))
        rr.regroup_titles(self.ds.con)
