from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from servers import start_servers  # noqa: E402


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    running = start_servers(tmp_path_factory.mktemp("servers"))
    yield running
    running.stop()
