"""The reading process: reads the facts of messages for the Rasa server, one message per line.

Started by the server (`rasa_tuning/read_ahead.py`) so that reading, about a fifth of the server's CPU
per message, runs on the machine's other core. It loads no Rasa (about 2 s to be ready).

Protocol, over the pipes: it writes `READY` once the pipeline is built; then for every line it reads,
`[number, text]` in JSON, it writes one line `[number, entities]`, the entities a JSON list, or null when
the text was not a string or reading it failed (the server then reads it itself). Anything else that
would print goes to standard error, so its output holds only answers. It ends when its input ends, that
is when the server goes.
"""

from __future__ import annotations

import gc
import json
import logging
import sys
from typing import BinaryIO

from imnm.language.entities import entities_for
from imnm.language.extract import build_pipeline

READY = b"ready\n"
#: Read before it says it is ready, so that the first messages of a busy start do not pay for what is
#: built on first use (compiled patterns, cached word comparisons).
WARM_UP = (
    "58M anti-HMGCR +ve IMNM, moderate prox weakness, 82kg, was on atorva 40 until march",
    "SRP neg, never on a statin. started pred + MTX 3 months ago, CK still 9000 and no stronger",
    "can't swallow, FVC 1.1 L, troponin up, on pembrolizumab; 11 st 7 lb, 17 yo",
    "how do we monitor?",
)
logger = logging.getLogger(__name__)


def answer(line: bytes) -> bytes:
    """The reply line for one request line."""
    number, entities = None, None
    try:
        number, text = json.loads(line)
        entities = entities_for(text) if isinstance(text, str) else None
    except Exception:  # the server reads it itself and meets the same error there, with its own handling
        logger.exception("reading process: could not read a message")
    return json.dumps([number, entities]).encode() + b"\n"


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    build_pipeline()
    for text in WARM_UP:
        entities_for(text)
    gc.collect()
    gc.freeze()  # the start-up heap out of full collections, as in the servers (rasa_tuning/gc_freeze.py)
    replies.write(READY)
    replies.flush()
    for line in requests:
        replies.write(answer(line))
        replies.flush()


if __name__ == "__main__":
    replies, sys.stdout = sys.stdout.buffer, sys.stderr
    serve(sys.stdin.buffer, replies)
