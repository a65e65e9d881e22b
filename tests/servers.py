"""Start the real action server and Rasa server on free ports for end-to-end tests."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml

from scripts.rest_token import bearer

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "imnm.tar.gz"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def serve_webhook(port: int, handler):
    """A local `POST /webhook` answered by `handler`: a stand-in action server for tests of Rasa's calls to it.
    Returns the aiohttp runner (``await runner.cleanup()`` stops it)."""
    from aiohttp import web

    app = web.Application()
    app.router.add_post("/webhook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


@dataclass
class Service:
    """One server process that a test can kill and start again on the same port."""

    name: str
    command: list[str]
    log: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, start_new_session=True,
            stdout=self.log.open("a"), stderr=subprocess.STDOUT,
        )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if not self.running():
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Servers:
    url: str
    token: str
    workdir: Path
    actions: Service
    rasa: Service
    action_port: int
    extra: list[Service] = field(default_factory=list)
    #: The private key of the test EHR trusted by the CDS Hooks service (issuer `CDS_TEST_ISSUER`).
    cds_key: object | None = None
    #: IMNM_REST_JWT_KEY when the servers were started with one.
    rest_key: str | None = None

    @property
    def processes(self) -> list[subprocess.Popen]:
        return [s.process for s in (self.actions, self.rasa, *self.extra) if s.process is not None]

    def rest_headers(self, sender: str) -> dict[str, str]:
        """The bearer token a REST call for `sender` needs: the channel speaks for the conversation it names."""
        return bearer(sender, self.rest_key)

    def send(self, sender: str, message: str, timeout: float = 30, url: str | None = None) -> str:
        response = requests.post(f"{url or self.url}/webhooks/rest/webhook", headers=self.rest_headers(sender),
                                 json={"sender": sender, "message": message}, timeout=timeout)
        response.raise_for_status()
        return "\n\n".join(part.get("text", "") for part in response.json())

    def tracker(self, sender: str, url: str | None = None) -> dict:
        response = requests.get(f"{url or self.url}/conversations/{sender}/tracker",
                                params={"token": self.token}, timeout=30)
        response.raise_for_status()
        return response.json()

    def wait_until_answering(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.rasa.running() or not self.actions.running():
                raise RuntimeError(f"a server exited during start; see {self.workdir / 'logs'}")
            try:
                if not _actions_up(self.action_port):
                    pass
                elif self.rest_key is None:  # a server without a REST key answers no message: its health only
                    if requests.get(f"{self.url}/webhooks/rest/", timeout=5).status_code == 200:
                        return
                elif self.send("__warmup__", "hello", timeout=5):
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"servers did not answer within {timeout} s; see {self.workdir / 'logs'}")

    def stop(self) -> None:
        for service in (*self.extra, self.rasa, self.actions):
            service.stop()


def start_servers(
    workdir: Path,
    token: str = "test-token",
    startup_timeout: float = 240,
    credentials: Path | None = None,
    extra_env: dict[str, str] | None = None,
    model: Path = MODEL,
    endpoints: Path | None = None,
    action_port: int | None = None,
) -> Servers:
    """Both servers on free loopback ports, with a private SQLite tracker store in `workdir`."""
    if not model.exists():
        raise RuntimeError("no trained model: run 'make train' (make test does it for you)")
    action_port, rasa_port = action_port or free_port(), free_port()
    if endpoints is None:
        endpoints = workdir / "endpoints.yml"
        endpoints.write_text(shipped_endpoints(action_port, workdir / "tracker.db"))
    cds_key, clients = make_test_ehr_key(workdir)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "IMNM_AUDIT_DB": str(workdir / "audit.db"),
           "ACTION_PORT": str(action_port), "IMNM_CDS_CLIENTS": str(clients), "SANIC_HOST": "127.0.0.1",
           "IMNM_ACTIONS_TOKEN": ACTIONS_TOKEN, "IMNM_REST_JWT_KEY": REST_JWT_KEY, **(extra_env or {})}
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    actions = Service("actions", [str(BIN / "rasa"), "run", "actions", "--port", str(action_port),
                                  "--actions", "actions"], logs / "actions.log", env)
    rasa = Service("rasa", rasa_command(model, rasa_port, token, endpoints, credentials),
                   logs / "rasa.log", env)
    servers = Servers(f"http://127.0.0.1:{rasa_port}", token, workdir, actions, rasa, action_port, cds_key=cds_key,
                      rest_key=env.get("IMNM_REST_JWT_KEY") or None)
    actions.start()
    rasa.start()
    try:
        servers.wait_until_answering(startup_timeout)
    except Exception:
        servers.stop()
        raise
    return servers


CDS_TEST_ISSUER = "https://ehr.test.example"
#: The shared secret between the test Rasa server and its action server (endpoints.yml headers).
ACTIONS_TOKEN = secrets.token_urlsafe(24)
#: The REST channel refuses messages without a bearer token made with this key (channels/identity.py).
REST_JWT_KEY = secrets.token_urlsafe(32)


def make_test_ehr_key(workdir: Path) -> tuple[object, Path]:
    """A fresh ES384 key for a test EHR, its public JWK Set written where the CDS service reads it."""
    import json

    from cryptography.hazmat.primitives.asymmetric import ec
    from jwt.algorithms import ECAlgorithm

    key = ec.generate_private_key(ec.SECP384R1())
    public = {**json.loads(ECAlgorithm.to_jwk(key.public_key())), "kid": "test-ehr-1", "alg": "ES384"}
    path = workdir / "cds_clients.json"
    path.write_text(json.dumps({CDS_TEST_ISSUER: {"keys": [public]}}))
    return key, path


def shipped_endpoints(action_port: int, tracker_db: Path) -> str:
    """The repository's endpoints.yml with only the action port and the SQLite file changed."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    config["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    config["tracker_store"]["db"] = str(tracker_db)
    return yaml.safe_dump(config)


def rasa_command(model: Path, port: int, token: str, endpoints: Path, credentials: Path | None) -> list[str]:
    return [str(BIN / "rasa"), "run", "-m", str(model), "--port", str(port), "--enable-api",
            "--auth-token", token, "--endpoints", str(endpoints), "--credentials",
            str(credentials or ROOT / "credentials.yml"), "-i", "127.0.0.1"]


def wait_for_http(url: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def _actions_up(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok
    except requests.RequestException:
        return False
