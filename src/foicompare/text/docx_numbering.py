"""Word's automatic list numbering, rendered the way Word displays it ("1.", "a)", "(ii)", "•").

A DOCX paragraph that Word shows as "2. Please provide ..." often holds only "Please
provide ..."; the "2." is computed from ``word/numbering.xml``. :class:`ListNumbering` reads
those definitions (through python-docx's numbering part, parsed with lxml), resolves each
paragraph's ``w:numPr`` (direct, or from its paragraph style and the style's ``basedOn``
chain), keeps Word's counters and returns the label to put in front of the paragraph text.

Counters belong to the abstract definition (``w:abstractNum``), so two ``w:num`` instances
of the same definition continue one list, as in Word; a ``w:num`` whose ``w:lvlOverride``
carries a ``w:startOverride`` restarts that level the first time the instance is used.
Using a level restarts the deeper levels (``w:lvlRestart`` can change or prevent that).

>>> import docx
>>> document = docx.Document()
>>> for text in ["First", "Second"]:
...     _ = document.add_paragraph(text, style="List Number")
>>> numbering = ListNumbering.from_document(document)
>>> [numbering.label(p._p) for p in document.paragraphs]
['1.', '2.']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

_W_VAL = qn("w:val")
_PPR, _NUMPR, _NUMID, _ILVL = qn("w:pPr"), qn("w:numPr"), qn("w:numId"), qn("w:ilvl")
_PSTYLE, _BASED_ON, _STYLE, _STYLE_ID = (
    qn("w:pStyle"),
    qn("w:basedOn"),
    qn("w:style"),
    qn("w:styleId"),
)
_ABSTRACT, _ABSTRACT_ID, _NUM = qn("w:abstractNum"), qn("w:abstractNumId"), qn("w:num")
_NUM_ID_ATTR, _LVL, _LVL_OVERRIDE = qn("w:numId"), qn("w:lvl"), qn("w:lvlOverride")
_START, _START_OVERRIDE, _NUMFMT = qn("w:start"), qn("w:startOverride"), qn("w:numFmt")
_LVL_TEXT, _LVL_RESTART, _IS_LGL = qn("w:lvlText"), qn("w:lvlRestart"), qn("w:isLgl")
_NUM_STYLE_LINK = qn("w:numStyleLink")
_TYPE, _DEFAULT = qn("w:type"), qn("w:default")

#: Word allows levels 0-8
LEVELS = 9
#: what every bullet level renders as (Word's own glyph is often a Symbol-font private-use char)
BULLET = "•"
#: beyond this, letter formats ("zzz...") are written as decimals
_MAX_LETTERS = 26 * 20
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@dataclass(slots=True)
class Level:
    """One level of a list definition: ``w:start``, ``w:numFmt``, ``w:lvlText`` ..."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    #: ``w:lvlRestart``: restart when a level with index < this is used (None: any shallower)
    restart: int | None = None
    #: ``w:isLgl``: show every level of the label as a decimal number
    legal: bool = False
    #: ``w:pStyle``: the paragraph style that uses this level
    style: str | None = None


@dataclass(slots=True)
class _Instance:
    """A ``w:num``: which abstract definition, its overridden levels and start overrides."""

    abstract: str
    #: the definition's levels with this instance's ``w:lvlOverride/w:lvl`` applied
    levels: dict[int, Level] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)


def format_number(value: int, fmt: str) -> str:
    """``value`` written in a ``w:numFmt`` format; unknown formats fall back to decimal.

    >>> [format_number(n, f) for n, f in [(3, "lowerLetter"), (28, "upperLetter"), (4, "lowerRoman")]]
    ['c', 'BB', 'iv']
    >>> format_number(7, "decimalZero"), format_number(2, "ordinal"), format_number(5, "none")
    ('07', '2nd', '')
    """
    if fmt in ("lowerLetter", "upperLetter"):
        if not 0 < value <= _MAX_LETTERS:  # hostile w:start values must not build huge strings
            return str(value)
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # z, aa, bb ...
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        if not 0 < value < 4000:
            return str(value)
        roman, rest = [], value
        for amount, digits in _ROMAN:
            count, rest = divmod(rest, amount)
            roman.append(digits * count)
        text = "".join(roman)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = (
            "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        )
        return f"{value}{suffix}"
    if fmt == "none":
        return ""
    return str(value)  # decimal, and the rest (cardinalText, ordinalText, hex, ...) as decimal


class ListNumbering:
    """Counters for one document: call :meth:`label` on every paragraph in document order.

    Build it with :meth:`from_document` (``None`` when the document has no numbering) or
    directly from the ``w:numbering`` and ``w:styles`` lxml elements.
    """

    __slots__ = (
        "_abstracts",
        "_instances",
        "_styles",
        "_default_style",
        "_counters",
        "_seen",
        "_resolved",
    )

    def __init__(self, numbering, styles=None) -> None:  # noqa: ANN001 - lxml elements
        self._abstracts: dict[str, dict[int, Level]] = {}
        abstract_links: dict[str, str] = {}
        for abstract in numbering.iterchildren(_ABSTRACT):
            key = abstract.get(_ABSTRACT_ID)
            if key is None:
                continue
            parsed = (_level(lvl) for lvl in abstract.iterchildren(_LVL))
            self._abstracts[key] = dict(item for item in parsed if item is not None)
            link = _child_val(abstract, _NUM_STYLE_LINK)
            if link:
                abstract_links[key] = link
        self._instances: dict[str, _Instance] = {}
        for num in numbering.iterchildren(_NUM):
            num_id, abstract_id = num.get(_NUM_ID_ATTR), _child_val(num, _ABSTRACT_ID)
            if num_id is None or abstract_id is None:
                continue
            instance = _Instance(abstract_id)
            for override in num.iterchildren(_LVL_OVERRIDE):
                index = _int(override.get(qn("w:ilvl")), -1)
                if not 0 <= index < LEVELS:
                    continue
                start = _child_val(override, _START_OVERRIDE)
                if start is not None:
                    instance.starts[index] = _int(start, 1)
                lvl = override.find(_LVL)
                parsed = _level(lvl, index) if lvl is not None else None
                if parsed is not None:
                    instance.levels[index] = parsed[1]
            self._instances[num_id] = instance

        # paragraph and list styles: styleId -> (numId, ilvl, basedOn)
        self._styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        self._default_style: str | None = None
        self._resolved: dict[str | None, tuple[str | None, int | None]] = {}
        if styles is not None:
            for style in styles.iterchildren(_STYLE):
                kind = style.get(_TYPE, "paragraph")
                if kind not in ("paragraph", "numbering"):  # numbering: list styles
                    continue
                style_id = style.get(_STYLE_ID)
                if style_id is None:
                    continue
                num_id, ilvl = _num_pr(style.find(_PPR))
                self._styles[style_id] = (num_id, ilvl, _child_val(style, _BASED_ON))
                default = style.get(_DEFAULT) in ("1", "true", "on")
                if kind == "paragraph" and default and self._default_style is None:
                    self._default_style = style_id

        # an abstractNum with w:numStyleLink takes its levels from the numbering style's list
        for key, link in abstract_links.items():
            num_id = self._style_numbering(link)[0]
            target = self._instances.get(num_id) if num_id else None
            if target is not None and target.abstract in self._abstracts and target.abstract != key:
                self._abstracts[key] = self._abstracts[target.abstract]
                # counters follow the list that really holds the levels
                for instance in self._instances.values():
                    if instance.abstract == key:
                        instance.abstract = target.abstract

        for instance in self._instances.values():
            instance.levels = {**self._abstracts.get(instance.abstract, {}), **instance.levels}

        self._counters: dict[str, list[int | None]] = {}
        self._seen: set[tuple[str, int]] = set()

    @classmethod
    def from_document(cls, document) -> ListNumbering | None:  # noqa: ANN001 - docx.Document
        """The numbering of a python-docx ``Document``; ``None`` if it defines no lists.

        >>> import docx
        >>> ListNumbering.from_document(docx.Document()) is not None  # default template has lists
        True
        """
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError):  # no numbering.xml (python-docx cannot create one)
            return None
        numbering = getattr(part, "element", None)
        if numbering is None or numbering.find(_NUM) is None:
            return None
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):  # pragma: no cover - no styles part
            styles = None
        return cls(numbering, styles)

    def label(self, p) -> str:  # noqa: ANN001 - lxml w:p element
        """The label Word shows before paragraph ``p`` ("1.", "a)", "(ii)", "•"), or ``""``.

        Advances the counters, so call it once per paragraph, in document order.
        """
        ppr = p.find(_PPR)
        num_id, ilvl = _num_pr(ppr)
        style_id = _child_val(ppr, _PSTYLE) if ppr is not None else None
        if num_id is None or ilvl is None:
            style_num, style_lvl = self._style_numbering(style_id or self._default_style)
            if num_id is None:
                num_id = style_num
            if ilvl is None and num_id is not None and num_id == style_num:
                ilvl = style_lvl
        if num_id is None or num_id == "0":
            return ""
        instance = self._instances.get(num_id)
        if instance is None:
            return ""
        levels = instance.levels
        if ilvl is None:  # numbering from a style without w:ilvl: the level linked to the style
            ilvl = next(
                (i for i, level in levels.items() if style_id and level.style == style_id), 0
            )
        if not 0 <= ilvl < LEVELS:
            return ""
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(instance.abstract, [None] * LEVELS)
        first_use = (num_id, ilvl) not in self._seen
        if first_use:
            self._seen.add((num_id, ilvl))
        if first_use and ilvl in instance.starts:
            counters[ilvl] = instance.starts[ilvl]
        elif counters[ilvl] is None:
            counters[ilvl] = level.start
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, LEVELS):
            if counters[deeper] is None:
                continue
            deeper_level = levels.get(deeper)
            restart = deeper_level.restart if deeper_level is not None else None
            if restart is None or ilvl < restart:
                counters[deeper] = None
        return self._render(level, counters, instance)

    def _render(
        self,
        level: Level,
        counters: list[int | None],
        instance: _Instance,
    ) -> str:
        if level.fmt == "bullet":
            return BULLET
        text = level.text
        if "%" not in text:
            return text.strip()
        out: list[str] = []
        i = 0
        while i < len(text):
            char = text[i]
            if char == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                index = int(text[i + 1]) - 1
                ref = instance.levels.get(index) or Level()
                value = counters[index]
                if value is None:  # a shallower level not used yet shows its start value
                    value = instance.starts.get(index, ref.start)
                out.append(format_number(value, "decimal" if level.legal else ref.fmt))
                i += 2
            else:
                out.append(char)
                i += 1
        return "".join(out).strip()

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following ``basedOn``; cached per style."""
        if style_id in self._resolved:
            return self._resolved[style_id]
        num_id: str | None = None
        ilvl: int | None = None
        current, visited = style_id, set()
        while current is not None and current not in visited and current in self._styles:
            visited.add(current)
            style_num, style_lvl, based_on = self._styles[current]
            if ilvl is None:
                ilvl = style_lvl
            if style_num is not None:
                num_id = style_num
                break
            current = based_on
        self._resolved[style_id] = (num_id, ilvl)
        return num_id, ilvl


def _level(lvl, index: int | None = None) -> tuple[int, Level] | None:  # noqa: ANN001
    """(ilvl, Level) from a ``w:lvl`` element; ``None`` for a level outside 0-8."""
    ilvl = _int(lvl.get(qn("w:ilvl")), -1) if index is None else index
    if not 0 <= ilvl < LEVELS:
        return None
    restart = _child_val(lvl, _LVL_RESTART)
    legal = lvl.find(_IS_LGL)
    return ilvl, Level(
        start=_int(_child_val(lvl, _START), 1),
        fmt=_child_val(lvl, _NUMFMT) or "decimal",
        text=_child_val(lvl, _LVL_TEXT) or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=legal is not None and legal.get(_W_VAL, "true") not in ("0", "false", "off"),
        style=_child_val(lvl, _PSTYLE),
    )


def _num_pr(ppr) -> tuple[str | None, int | None]:  # noqa: ANN001
    """(numId, ilvl) written in a ``w:pPr``; either may be ``None``."""
    if ppr is None:
        return None, None
    num_pr = ppr.find(_NUMPR)
    if num_pr is None:
        return None, None
    ilvl = _child_val(num_pr, _ILVL)
    return _child_val(num_pr, _NUMID), _int(ilvl, 0) if ilvl is not None else None


def _child_val(element, tag: str) -> str | None:  # noqa: ANN001
    child = element.find(tag)
    return None if child is None else child.get(_W_VAL)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
