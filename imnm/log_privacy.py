"""No message text in any log, at any level.

Rasa and rasa_sdk log what users wrote in places this project does not own: the DEBUG line for every
message received and, on an action error, the whole tracker (the action server echoes the request in
its error body and Rasa logs that error). Rather than chase each log call, the texts users sent are
remembered (the most recent few thousand, in memory only) and removed from every log record as it is
formatted, whatever logger or handler writes it: its message, its arguments and its traceback. The
record factory does it, so handlers that logging configuration adds later are covered too.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict

REMOVED = "[message text removed]"
#: Texts shorter than this are words that appear in ordinary log lines ("hi", "yes", "70").
MIN_LENGTH = 4
KEEP = 500

_recent: OrderedDict[str, tuple[str, ...]] = OrderedDict()
_lock = threading.Lock()


def _written_forms(text: str) -> set[str]:
    """The text as it appears in a log line: as is, inside a repr, inside JSON (escaped or not)."""
    return {text, repr(text)[1:-1], json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}


def remember(text: object) -> None:
    """A text a user sent: it must not appear in any log line from now on."""
    if not isinstance(text, str) or len(text.strip()) < MIN_LENGTH:
        return
    with _lock:
        if text in _recent:
            _recent.move_to_end(text)
            return
        _recent[text] = tuple(sorted(_written_forms(text), key=len, reverse=True))
        while len(_recent) > KEEP:
            _recent.popitem(last=False)


def scrub(line: str) -> str:
    """The line with every remembered text (in any of its written forms) replaced."""
    with _lock:
        forms = [form for written in _recent.values() for form in written]
    for form in forms:  # plain substring tests: ~0.3 ms for 500 texts, no pattern to rebuild
        if form in line:
            line = line.replace(form, REMOVED)
    return line


class _TextFreeRecord(logging.LogRecord):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.exc_info:  # formatted now, scrubbed; a Formatter uses exc_text when it is set
            self.exc_text = scrub(logging.Formatter().formatException(self.exc_info))

    def getMessage(self) -> str:  # noqa: N802 - logging's name
        return scrub(super().getMessage())


def install() -> None:
    """Every log record made from now on in this process is free of remembered message text."""
    if logging.getLogRecordFactory() is not _TextFreeRecord:
        logging.setLogRecordFactory(_TextFreeRecord)
