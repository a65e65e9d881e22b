"""NLU benchmark: median time to parse one message with the trained Rasa model (all components).

The server installs `rasa_tuning` (its channels import it) before it loads the model, so its parse
runs the graph without dask; the benchmark installs it first too and measures that path. Until
2026-12-03 it loaded the model before anything installed the fixes and so measured dask's
scheduler (about 1 ms a parse) that the server does not run.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

MESSAGES = [
    "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin",
    "58F SRP+ severe dysphagia 132 lbs never on a statin",
    "what is the preferred steroid-sparing agent?",
    "HMGCR neg, SRP pos, relapsed on taper, wt 82",
]


async def measure() -> None:
    import logging

    from rasa.core.agent import load_agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    import rasa_tuning
    from imnm.language.extract import extract

    rasa_tuning.install()

    agent = await load_agent(model_path="models/imnm.tar.gz")
    for message in MESSAGES:
        await agent.parse_message(message)
    times = []
    for _ in range(50):
        for message in MESSAGES:
            start = time.perf_counter()
            await agent.parse_message(message)
            times.append(time.perf_counter() - start)
    extractor = []
    for _ in range(200):
        for message in MESSAGES:
            start = time.perf_counter()
            extract(message)
            extractor.append(time.perf_counter() - start)
    print(f"Rasa NLU parse: median {statistics.median(times) * 1e3:.2f} ms, "
          f"p95 {sorted(times)[int(len(times) * 0.95)] * 1e3:.2f} ms over {len(times)} parses")
    print(f"extractor alone: median {statistics.median(extractor) * 1e3:.2f} ms")


if __name__ == "__main__":
    asyncio.run(measure())
