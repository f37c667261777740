"""Find every compiled regular expression of the foicompare package and the super-linear ones.

Used by ``tests/test_redos.py`` (and handy by hand: ``python tests/redos_scan.py``). A pattern
is found when it is reachable from a module's globals (directly, or inside a tuple, list, dict,
set or frozenset, or as an attribute of a wrapper object), after importing every module of the
package. ``re`` patterns go to regexploit, which reports a backtracking blow-up of degree 3 or
more (cubic, exponential); RE2 patterns (``foicompare.linre``) are linear by construction.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
import re
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import foicompare
from foicompare import linre


@dataclass(frozen=True)
class Found:
    where: str  # module.NAME
    pattern: str
    flags: int
    engine: str  # "re" or "re2"


def modules() -> list[str]:
    names = [foicompare.__name__]
    for info in pkgutil.walk_packages(foicompare.__path__, foicompare.__name__ + "."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def _walk(value: object, where: str, seen: set[int], depth: int = 0) -> Iterator[Found]:
    if id(value) in seen or depth > 4:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield Found(where, value.pattern, value.flags, "re")
    elif isinstance(value, linre.Pattern):
        yield Found(where, value.pattern, value.flags, "re2")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{where}[{k!r}]", seen, depth + 1)
    elif isinstance(value, tuple | list | set | frozenset):
        for i, v in enumerate(value):
            yield from _walk(v, f"{where}[{i}]", seen, depth + 1)
    elif isinstance(value, linre.Guarded):  # the re side runs on bounded windows
        yield Found(where, value.pattern, value.pattern_object.flags, "re")
    elif hasattr(value, "pattern_object"):  # a wrapper holding its pattern
        yield from _walk(value.pattern_object, where, seen, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), f"{where}.{f.name}", seen, depth + 1)


def compiled_patterns() -> list[Found]:
    """Every compiled pattern reachable from the package's module globals (and the loaded
    flexibilities vocabulary, whose patterns come from a data file)."""
    from foicompare.topics import vocabulary

    out: list[Found] = []
    seen: set[int] = set()
    for name in modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, type) or callable(value) and not hasattr(value, "pattern"):
                continue
            out.extend(_walk(value, f"{name}.{attr}", seen))
    out.extend(_walk(vocabulary.load(), "foicompare.topics.vocabulary.load()", seen))
    return out


_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def literal_patterns() -> list[Found]:
    """Patterns written as a string literal in a ``re.*(...)`` or ``linre.compile(...)`` call
    anywhere in the package's source (those compiled inside functions are not globals)."""
    out: list[Found] = []
    root = Path(foicompare.__file__).parent
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id in ("re", "linre")):
                continue
            if node.func.attr not in _CALLS or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            engine = "re" if owner.id == "re" else "re2"
            if engine == "re2" and linre.strip_lookarounds(first.value) != first.value:
                engine = "re"  # a guarded pattern: its re side is scanned too
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            out.append(Found(where, first.value, 0, engine))
    return out


class _Timeout(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _Timeout


def scan(found: Found, seconds: int = 10) -> list[str]:
    """:func:`super_linear` with a time limit (regexploit itself can be slow on a big
    alternation); running out of time is reported as a finding."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        return super_linear(found)
    except _Timeout:
        return [f"regexploit did not finish in {seconds} s"]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def super_linear(found: Found) -> list[str]:
    """regexploit's findings (degree >= 3) for one ``re`` pattern, as short descriptions."""
    from regexploit.ast.sre import SreOpParser
    from regexploit.redos import find

    parsed = SreOpParser().parse_sre(found.pattern, found.flags)
    return [
        f"{'exponential' if r.starriness > 10 else f'degree {r.starriness}'}: {r.example()}"[:160]
        for r in find(parsed)
        if r.starriness > 2
    ]


if __name__ == "__main__":
    found = compiled_patterns() + literal_patterns()
    print(
        f"{len(found)} patterns: {sum(f.engine == 're2' for f in found)} RE2, "
        f"{sum(f.engine == 're' for f in found)} re",
        flush=True,
    )
    for f in found:
        if f.engine == "re":
            for finding in scan(f):
                print(f"{f.where}: {finding}\n    {f.pattern[:150]!r}", flush=True)
