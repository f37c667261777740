"""A wall-clock time budget for the work on one document.

No input may stop a batch: ``ingest`` and ``extract`` run each document's parsing inside
:func:`time_budget`, and a document that takes longer becomes an error row ("timed out after
10 s") while the run goes on. The budget uses a POSIX interval timer, so it interrupts pure
Python work in the main thread of a process (the command line, and every ingest worker
process). Elsewhere (another thread, Windows) the work runs without a budget: the stages
themselves are linear-time, so the budget is the second line of defence, not the first.

>>> import time
>>> from foicompare.budget import time_budget, DocumentTimeout
>>> try:
...     with time_budget(0.05):
...         while True:
...             time.sleep(0.001)
... except DocumentTimeout as exc:
...     print(exc)
timed out after 0.05 s
>>> with time_budget(None):  # no budget
...     pass
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

__all__ = ["DEFAULT_SECONDS", "DocumentTimeout", "time_budget"]

#: the default budget per document, in seconds (``--doc-timeout``)
DEFAULT_SECONDS = 10.0


class DocumentTimeout(Exception):
    """The work on one document took longer than its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"timed out after {seconds:g} s")
        self.seconds = seconds


def _can_use_timer() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the body once ``seconds`` of wall-clock time pass.

    ``None`` or ``0`` means no budget. Nested budgets are not supported (the inner one wins
    and the outer one is restored afterwards without its remaining time).
    """
    if not seconds or seconds <= 0 or not _can_use_timer():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
