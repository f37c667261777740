"""Numbered questions and their answers, each answer with its own outcome.

Handles the usual layouts: an answer under each echoed question ("1. How many…?" then
the reply, or "Response:"/"Answer:" after the question; bold questions), and log pages
that list the questions once and the answers again by number ("1. 22", "2. 14").
Numbering may be "1.", "1)", "1 -", "Q1", "Question 1:" or "(1)"; lettered sub-parts
("a)", "(b)") stay inside their question.

>>> [(a.number, a.answer) for a in find_answers("1. How many?\\n12\\n2. Who?\\nNobody")]
[('1', '12'), ('2', 'Nobody')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from foicompare import linre
from foicompare.parse.outcome import classify_answer

#: a numbered item's label at a line start. ``re`` needed a look-ahead here and backtracked
#: exponentially on a line starting with a run of "-*•>#"; with RE2 the look-ahead "not a
#: digit after '1.'" is checked on the match (see :func:`_item_matches`).
_ITEM = linre.compile(
    r"^[ \t]*(?:[-*•>#]+[ \t]*)*(?:\*\*|<b>|__)?[ \t]*"
    r"(?:(?:(?:In )?(?:answer|response|reply) to )?(?:Q(?:uestion)?|Request|Item|Part)[ \t]*(?P<qnum>\d{1,2})[ \t]*[.):\-–]?|"
    r"\((?P<pnum>\d{1,2})\)|(?P<num>\d{1,2})(?:[.)]|[ \t]+[-–][ \t]))"
    r"[ \t]*(?:\*\*|</b>|__)?[ \t]*",
    re.M | re.I,
)
_MARKER = linre.compile(
    r"(?:^|\n)[ \t]*(?:\*\*|<b>)?[ \t]*(?:[A-Z][\w’'&/ ]{0,40}[ \t])?(?:response|answer|reply)s?[ \t]*(?:\*\*|</b>)?[ \t]*[:\-–][ \t]*(?:\*\*|</b>)?",
    re.I,
)
#: "please <word>" at the start, unless the word is see/find/note (checked in Python)
_PLEASE_START = linre.compile(r"^\s*please (\w+)", re.I)
_REQUESTER_VOICE = linre.compile(
    r"\b(?:refers to|is defined as|we mean)\b|\bplease (?:provide|include|detail|confirm|supply|state|give|break|list|send|tell|present)|"
    r"\bI (?:would like|am|also|request)\b|\bI[’']d (?:like|prefer|be grateful)\b|\bcould you\b|\bcan you\b|\bif possible\b|\bper the following table|"
    r"\bin your answer\b|\bfor example\b|\be\.g\.",
    re.I,
)
_ANSWER_START = linre.compile(
    r"^(?:\d|£|yes\b|no\b|n/a\b|none\b|nil\b|zero\b|we\b|our\b|the council\b|the authority\b|this information\b|"
    r"the information\b|please (?:see|find|note)\b|there (?:is|are|was|were|have|has)\b|not\b|fewer than\b|"
    r"less than\b|all\b|[A-Z][\w ]{0,20}:\s*\d|\w+ (?:is|are|was|were) (?:not )?(?:held|recorded|available))",
    re.I,
)


_CLOSING = linre.compile(
    r"^[ \t*]*(?:Yours (?:sincerely|faithfully)|(?:Kind |Best |Warm )?regards|Many thanks|"
    r"If you are (?:unhappy|dissatisfied|not satisfied)|The supply of information|Your right(?:s)? to|"
    r"You (?:can|may) (?:re-?use|ask for an internal review)|Reference number\b|Date (?:request )?received\b|"
    r"Date of decision\b|Rate this page)",
    re.M | re.I,
)
_BOLD_TAGS = linre.compile(r"</?b>|\*\*|__")
_BLANK_LINES = linre.compile(r"\n\s*\n+")
_SPACES = linre.compile(r"[ \t]+")
_BOLD_QUESTION = linre.compile(r"\s*(?:\*\*|<b>)(?P<q>.+?)(?:\*\*|</b>)", re.S)
_SUB_PART = linre.compile(r"^\(?[a-z]{1,3}[.)]")
_OPEN_END = linre.compile(r"[:;,]$")
#: "?" then spaces then a non-space (the answer on the question's line); the match ends one
#: character after the spaces (``re`` had a look-ahead there)
_QUESTION_THEN_TEXT = linre.compile(r"\?[ \t]+\S")
_PARAGRAPH = linre.compile(r"\n\s*\n")


def _item_matches(text: str, lo: int = 0, hi: int | None = None) -> Iterator[linre.Match]:
    """``_ITEM`` matches in ``text[lo:hi]``; "1." followed by a digit ("1.5") is no label."""
    hi = len(text) if hi is None else min(hi, len(text))
    for m in _ITEM.finditer(text, lo, hi):
        if not _digit_follows(text, m, hi):
            yield m


def _digit_follows(text: str, m: linre.Match, hi: int) -> bool:
    end = m.end("num")
    return end >= 0 and end + 1 < hi and text[end] in ".)" and text[end + 1].isdecimal()


def _requester_voice(line: str) -> bool:
    """Whether ``line`` reads as the requester's words ("please provide", "I would like")."""
    m = _PLEASE_START.search(line)
    if m and not m.group(1)[:4].lower().startswith(("see", "find", "note")):
        return True
    return _REQUESTER_VOICE.search(line) is not None


@dataclass(slots=True)
class Answer:
    """A question as numbered, its answer (None when none is given) and its outcome."""

    number: str
    question: str
    answer: str | None
    outcome: str | None
    start: int
    end: int

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "question": self.question,
            "answer": self.answer,
            "outcome": self.outcome,
            "span": [self.start, self.end],
        }


@dataclass(slots=True)
class _Item:
    number: str
    start: int  # where the label starts
    body: int  # where the text after the label starts
    end: int


def _items(text: str, lo: int, hi: int) -> list[_Item]:
    found: list[_Item] = []
    for m in _item_matches(text, lo, hi):
        n = m.group("qnum") or m.group("pnum") or m.group("num")
        if n is None or int(n) == 0 or int(n) > 60:
            continue
        if found and found[-1].start == m.start():
            continue
        rest = text[m.end() : m.end() + 3]
        if not rest.strip() and m.end() >= hi:
            continue
        found.append(_Item(str(int(n)), m.start(), m.end(), hi))
    for a, b in zip(found, found[1:], strict=False):
        a.end = b.start
    if found:
        # the last answer stops where the letter's closing boilerplate begins
        tail = _CLOSING.search(text, found[-1].body, hi)
        if tail:
            found[-1].end = tail.start()
    return found


def _sequences(items: list[_Item]) -> list[list[_Item]]:
    """Runs of items numbered upwards; a new run starts when numbering goes back to 1."""
    runs: list[list[_Item]] = []
    for it in items:
        if (
            runs
            and int(it.number) > int(runs[-1][-1].number)
            and int(it.number) - int(runs[-1][-1].number) <= 3
        ):
            runs[-1].append(it)
        elif runs and int(it.number) == int(runs[-1][-1].number):
            runs[-1].append(it)  # "5.a" after "5." and similar repeats
        else:
            runs.append([it])
    return [r for r in runs if len(r) >= 2 or r[0].number == "1"]


def _clean(s: str) -> str:
    # each substitution only where it can match (the same result, fewer scans)
    if "<b>" in s or "</b>" in s or "**" in s or "__" in s:
        s = _BOLD_TAGS.sub("", s)
    if "\n" in s:
        s = _BLANK_LINES.sub("\n", s)
    if "\t" in s or "  " in s:  # otherwise each run is one space, replaced by itself
        s = _SPACES.sub(" ", s)
    return s.strip(" \n-•*")


def _split_item(text: str, item: _Item, strict: bool = False) -> tuple[str, str | None, int | None]:
    """(question, answer, answer_start) for an item that may hold both.

    ``strict`` (text with no authority part found) accepts only answers that read like one.
    """
    q, a, at = _split_item_loose(text, item)
    if a and at is not None:
        # lines in the requester's voice right after the question still belong to it
        lines = a.split("\n")
        moved: str | None = None
        while lines:
            first = lines[0].strip()
            if not first:
                if moved is None:
                    break
                lines.pop(0)
                continue
            # a requester's line, or the rest of one cut off (e.g. "…as per the following table:")
            carries_on = moved is not None and not moved.endswith((".", "?", "!"))
            if (_requester_voice(first) or carries_on) and not _ANSWER_START.match(first):
                moved = first
                q = q + "\n" + lines.pop(0)
            else:
                break
        a = _clean("\n".join(lines)) or None
    if a and all(x.strip().endswith("?") for x in a.split("\n") if x.strip()):
        return _clean(q + "\n" + a), None, None  # follow-up questions ("If so, which ones?")
    # the question quoted again (a reply); questions of one list may share their opening words
    echoed = len(q) > 30 and text.find(q[:120], 0, item.start) >= 0
    first = a.split("\n")[0] if a else ""
    if (
        strict
        and a
        and not echoed
        and (
            not _ANSWER_START.match(a)
            or _requester_voice(first)
            or first.rstrip().endswith("?")  # a further question, not an answer
        )
    ):
        return _clean(text[item.body : item.end]), None, None
    return q, a, at


def _split_item_loose(text: str, item: _Item) -> tuple[str, str | None, int | None]:
    body = text[item.body : item.end]
    m = _MARKER.search(body)
    if m and m.start() > 0:
        ans = body[m.end() :]
        if ans.strip():
            return _clean(body[: m.start()]), _clean(ans), item.body + m.end()
    bold = _BOLD_QUESTION.match(body)
    if bold or text[item.start : item.body].rstrip().endswith(("**", "<b>")):
        q_end = bold.end() if bold else body.find("**") + 2
        if q_end > 1:
            ans = body[q_end:]
            return _clean(body[:q_end]), (_clean(ans) or None), item.body + q_end
    # question = lines up to the first ending in "?" (or the first paragraph); the rest answers it
    lines = body.split("\n")
    q_lines: list[str] = []
    offset = 0
    for i, line in enumerate(lines):
        q_lines.append(line)
        offset += len(line) + 1
        stripped = line.strip()
        nxt = next((x.strip() for x in lines[i + 1 :] if x.strip()), "")
        if stripped.endswith("?") and not _SUB_PART.match(nxt):
            break
        if not stripped and i > 0 and not _SUB_PART.match(nxt):
            break
        if (
            stripped
            and nxt
            and _ANSWER_START.match(nxt)
            and not _OPEN_END.search(stripped)
            and i == 0
            and len(stripped) > 60
        ):
            break
    question = "\n".join(q_lines)
    answer = body[offset:] if offset < len(body) else ""
    # a "?" inside the first line with the answer on the same line: "…last five years? No"
    if not answer.strip():
        qm = _QUESTION_THEN_TEXT.search(body)
        q_end = qm.end() - 1 if qm else 0
        if qm and "\n" not in body[:q_end].strip() and q_end < len(body.rstrip()):
            return _clean(body[:q_end]), _clean(body[q_end:]) or None, item.body + q_end
    return _clean(question), (_clean(answer) or None), item.body + offset


def find_answers(
    text: str,
    lo: int = 0,
    hi: int | None = None,
    *,
    answer_from: int | None = None,
    strict: bool = False,
) -> list[Answer]:
    """Question/answer pairs in ``text[lo:hi]``.

    ``answer_from`` is where the authority's part begins on a log page that lists the
    questions before it: a second run of numbers after that point answers the first.
    """
    hi = len(text) if hi is None else hi
    items = _items(text, lo, hi)
    if answer_from is not None:
        for it in items:
            if it.start < answer_from < it.end:
                it.end = answer_from  # a question stops at the answer section's heading
    runs = _sequences(items)
    if not runs:
        return []
    # log page: questions listed, then answered again by number
    if len(runs) >= 2:
        q_run, a_run = _pick_pair(runs, answer_from)
        if q_run and a_run:
            return _paired(text, q_run, a_run)
    run = max(runs, key=len)
    out: list[Answer] = []
    if answer_from is not None and run[0].start >= answer_from:
        # answers listed by number under a "Response" heading, questions not repeated
        for it in run:
            ans = _clean(text[it.body : it.end]) or None
            out.append(Answer(it.number, "", ans, classify_answer(ans), it.start, it.end))
        return _merge_same_number(out)
    for it in run:
        q, a, at = _split_item(text, it, strict)
        if answer_from is not None and at is not None and at < answer_from:
            a = None  # text above the authority's part is the request's, not an answer
        out.append(Answer(it.number, q, a, classify_answer(a), it.start, it.end))
    # a numbered question list followed by one overall reply: the tail is not the last answer
    answered = [x for x in out if x.answer]
    if len(out) >= 2 and len(answered) == 1 and out[-1].answer:
        last = out[-1]
        last.answer, last.outcome = None, None
        body = text[run[-1].body : run[-1].end]
        para = _PARAGRAPH.search(body)
        last.end = run[-1].body + (para.start() if para else len(body))
        last.question = _clean(text[run[-1].body : last.end])
    return _merge_same_number(out)


def _pick_pair(
    runs: list[list[_Item]], answer_from: int | None
) -> tuple[list[_Item] | None, list[_Item] | None]:
    for i, a_run in enumerate(runs):
        if answer_from is not None and a_run[0].start < answer_from:
            continue
        for q_run in reversed(runs[:i]):
            qs = {x.number for x in q_run}
            if len(qs & {x.number for x in a_run}) >= max(1, min(len(qs), 2)):
                return q_run, a_run
    if answer_from is None:
        return None, None
    return None, None


def _paired(text: str, q_run: list[_Item], a_run: list[_Item]) -> list[Answer]:
    questions: dict[str, str] = {}
    for it in q_run:
        questions.setdefault(it.number, _clean(text[it.body : it.end]))
    bodies: dict[str, tuple[int, int]] = {}
    order: list[str] = []
    for it in a_run:
        if it.number in bodies:
            bodies[it.number] = (bodies[it.number][0], it.end)
        else:
            bodies[it.number] = (it.start, it.end)
            order.append(it.number)
    out = []
    for n in order:
        s, e = bodies[n]
        raw = text[s:e]
        label = _ITEM.match(raw)
        if label and _digit_follows(raw, label, len(raw)):
            label = None
        ans = _clean(raw[label.end() :] if label else raw)
        q = questions.get(n, "")
        # the answer may echo the question first ("3. What was … ? In issuing our response …")
        if q and ans.startswith(q[: min(len(q), 40)]):
            ans = ans[len(q) :].strip() or ans
        out.append(Answer(n, q, ans or None, classify_answer(ans or None), s, e))
    return out


def _merge_same_number(answers: list[Answer]) -> list[Answer]:
    out: list[Answer] = []
    for a in answers:
        if out and out[-1].number == a.number:
            prev = out[-1]
            prev.question = (prev.question + "\n" + a.question).strip()
            if a.answer:
                prev.answer = ((prev.answer or "") + "\n" + a.answer).strip()
                prev.outcome = classify_answer(prev.answer)
            prev.end = a.end
            continue
        out.append(a)
    return out
