"""REST fuzz run against the live servers: 2,000 generated messages over 200 conversations, including
invisible characters inside numbers, lone surrogates, deep metadata and /intent{json} strings: 0 5xx,
0 changed doses (a weight read differently than written), 0 false "saved"."""

from __future__ import annotations

import pytest

from scripts.fuzz_rest import fuzz

pytestmark = pytest.mark.e2e


def test_rest_fuzz_run_has_no_5xx_no_silence_and_no_dose_without_facts(servers):
    result = fuzz(servers.url, servers.token, messages=2000, turns=10, workers=8, rest_key=servers.rest_key)
    print(f"\nREST fuzz: {result.messages} messages, {result.conversations} conversations, "
          f"{len(result.failures)} failures, {result.server_errors} 5xx, {result.seconds:.0f} s, "
          f"{result.invisible_weights} weights with an invisible character checked")
    assert result.messages == 2000 and result.conversations == 200
    assert result.server_errors == 0
    assert not result.failures, result.failures[:10]
    assert result.seconds < 600
    assert result.invisible_weights >= 20
