"""Start the real action server and Rasa server on free ports for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "imnm.tar.gz"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Servers:
    url: str
    token: str
    processes: list[subprocess.Popen]
    workdir: Path

    def send(self, sender: str, message: str, timeout: float = 30) -> str:
        response = requests.post(f"{self.url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": message}, timeout=timeout)
        response.raise_for_status()
        return "\n\n".join(part.get("text", "") for part in response.json())

    def tracker(self, sender: str) -> dict:
        response = requests.get(f"{self.url}/conversations/{sender}/tracker",
                                params={"token": self.token}, timeout=30)
        response.raise_for_status()
        return response.json()

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def start_servers(
    workdir: Path,
    token: str = "test-token",
    startup_timeout: float = 240,
    credentials: Path | None = None,
    extra_env: dict[str, str] | None = None,
    model: Path = MODEL,
) -> Servers:
    """Both servers on free loopback ports, with a private SQLite tracker store in `workdir`."""
    if not model.exists():
        raise RuntimeError("no trained model: run 'make train' (make test does it for you)")
    action_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {workdir / 'tracker.db'}\n"
    )
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "IMNM_AUDIT_DB": str(workdir / "audit.db"),
           **(extra_env or {})}
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    common = {"cwd": ROOT, "env": env, "start_new_session": True, "stderr": subprocess.STDOUT}
    actions = subprocess.Popen(
        [str(BIN / "rasa"), "run", "actions", "--port", str(action_port), "--actions", "actions"],
        stdout=(logs / "actions.log").open("w"), **common,
    )
    rasa = subprocess.Popen(
        [str(BIN / "rasa"), "run", "-m", str(model), "--port", str(rasa_port), "--enable-api",
         "--auth-token", token, "--endpoints", str(endpoints), "--credentials",
         str(credentials or ROOT / "credentials.yml"), "-i", "127.0.0.1"],
        stdout=(logs / "rasa.log").open("w"), **common,
    )
    servers = Servers(f"http://127.0.0.1:{rasa_port}", token, [actions, rasa], workdir)
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if rasa.poll() is not None or actions.poll() is not None:
            servers.stop()
            raise RuntimeError(f"a server exited during start; see {logs}")
        try:
            if servers.send("__warmup__", "hello", timeout=5) and _actions_up(action_port):
                return servers
        except requests.RequestException:
            pass
        time.sleep(0.5)
    servers.stop()
    raise RuntimeError(f"servers did not answer within {startup_timeout} s; see {logs}")


def _actions_up(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok
    except requests.RequestException:
        return False
