"""Keep the loaded model out of the garbage collector's full passes.

After the agent is loaded the Rasa process holds hundreds of thousands of long-lived objects
(Rasa, spaCy, scikit-learn, TensorFlow's Python modules, the model). Every full (generation 2)
collection walks all of them again, and under load such a pass lands in the middle of a message
and shows up as a latency spike. ``gc.freeze()`` once the agent is loaded moves everything that
exists then into a permanent generation that collections skip; objects created afterwards are
collected as before (nothing is disabled, only the start-up heap is no longer re-scanned).
"""

from __future__ import annotations

import gc
import logging
from typing import Any

import rasa.core.run

from rasa_tuning import read_ahead
from rasa_tuning._replace import rasa_original, replace

logger = logging.getLogger(__name__)


async def load_agent_on_start(*args: Any, **kwargs: Any) -> Any:
    loaded = await rasa_original(rasa.core.run, "load_agent_on_start")(*args, **kwargs)
    await read_ahead.ready_at_start()  # the reading process begun with the model, before the first message
    gc.collect()
    gc.freeze()
    logger.debug("garbage collector: %d start-up objects frozen", gc.get_freeze_count())
    return loaded


def install() -> None:
    """Replace ``rasa.core.run.load_agent_on_start`` (idempotent); used when the server starts."""
    replace(rasa.core.run, "load_agent_on_start", load_agent_on_start)
