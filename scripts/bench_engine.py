"""Engine benchmark: knowledge load time and one recommendation computed and rendered (median)."""

from __future__ import annotations

import statistics
import time
import timeit

from imnm import build_facts, load_knowledge, recommend
from imnm.render import render


def main() -> None:
    loads = []
    for _ in range(20):
        start = time.perf_counter()
        kb = load_knowledge()
        loads.append(time.perf_counter() - start)
    facts = build_facts(antibody="HMGCR", severity="moderate", weight_kg=70, statin="current")
    runs = timeit.repeat(lambda: render(recommend(facts, kb)), number=200, repeat=15)
    per_call = [r / 200 for r in runs]
    print(f"knowledge load: median {statistics.median(loads) * 1e3:.1f} ms over {len(loads)} loads")
    print(f"recommend+render: median {statistics.median(per_call) * 1e6:.0f} us, "
          f"min {min(per_call) * 1e6:.0f} us (200 calls x 15 repeats)")
    only = timeit.repeat(lambda: recommend(facts, kb), number=200, repeat=15)
    print(f"recommend only: median {statistics.median(only) / 200 * 1e6:.0f} us")


if __name__ == "__main__":
    main()
