"""Benchmark this assistant against a stock `rasa init --no-prompt` bot, same machine, same run.

Both bots get the same load through Rasa's REST webhook: cold start (process start to first
answered message), one-message latency on an idle server, and rounds of concurrent users each
sending a five-turn clinical conversation (one unmeasured warm-up round, then six measured
rounds with new conversations; the same for both bots). Each user tells facts of its own (weight,
antibody, statin, greeting), so that a cache keyed on a message's text is measured as real traffic would meet it,
not by answering every user from the first one's work. Every message opens a new HTTP connection;
with ``--keep-alive`` each user keeps one open for its conversation, as a browser's chat widget does
(the stock bot then serves its connections unevenly: its p50 falls and its p95 rises, so the latency
ratios of the two modes are not comparable; the README's benchmark paragraph has both). Both bots
run side by side and take the measured rounds in turn, the order alternating, so that a slow or
fast spell of this shared machine falls on both alike. Every reply is checked, and after each round every sent message
must be in its conversation's tracker (fetched over the HTTP API): anything missing counts as
lost. Training is timed with an empty training cache.

    python -m scripts.bench_compare [--users 20] [--turns 5] [--rounds 6] [--warmup 1] [--keep-alive]
                                    [--client async|threads] [--json FILE]

The load generator runs on the same two cores as the bots. Its users are tasks of one event loop (aiohttp) by
default; ``--client threads`` runs them as threads with ``requests``, as before the eighteenth session, which costs
about twice the client CPU per message and so takes more of the machine from the faster bot.

Not part of `make test`: it trains a starter bot (about 80 s here) and takes a few minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiohttp
import requests
import yaml

from scripts.rest_token import bearer

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOKEN = "bench-token"
#: One user's conversation; the fields in braces are that user's own facts (see `user_conversation`).
CONVERSATION = [
    "{greeting}",
    "anti-{antibody} positive",
    "moderate weakness, can't climb stairs",
    "she weighs {weight} kg",
    "currently on {statin}",
    "why?",
    "how do we monitor?",
    "thanks",
]
GREETINGS = ("hello", "hi", "good morning", "hey there", "hello, a question about a patient")
STATINS = ("atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "atorva 40 mg")
#: Users numbered across the whole run, so that every round's users tell new facts.
USER_NUMBERS = itertools.count()


def user_conversation(turns: list[str], number: int) -> list[str]:
    """User `number`'s own texts: their weight (750 values), antibody, statin and greeting differ, as real users'
    would, so that nothing keyed on a message's text can answer one user from the work done for another."""
    weight = 45 + (number * 37 % 750) / 10
    return [turn.format(greeting=GREETINGS[number % len(GREETINGS)], antibody=("HMGCR", "SRP")[number % 2],
                        weight=f"{weight:g}", statin=STATINS[number % len(STATINS)]) for turn in turns]
IDLE_SAMPLES = 20
NOTICE_PREFIX = "I cannot compute the recommendation right now"


@dataclass(frozen=True)
class Load:
    """The same load for both bots."""

    users: int
    turns: int
    rounds: int
    warmup: int


@dataclass
class BotResult:
    """What one bot did under the benchmark."""

    name: str
    train_s: float | None = None
    cold_start_s: float = 0.0
    idle_latency_ms: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    #: The first load round straight after start (no warm-up before it): where a cold tail shows.
    first_p50_ms: float = 0.0
    first_p95_ms: float = 0.0
    messages_per_s: float = 0.0
    sent: int = 0
    lost: int = 0
    empty_replies: int = 0
    degraded: int = 0
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment() -> dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"}


def timed_run(command: list[str], cwd: Path, log: Path) -> float:
    """Wall time of a training command, with an empty training cache (a cold, full train)."""
    env = {**environment(), "RASA_CACHE_DIRECTORY": str(log.parent / f"cache-{log.stem}")}
    start = time.perf_counter()
    with log.open("w") as out:
        subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=True)
    return time.perf_counter() - start


def start(command: list[str], cwd: Path, log: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


#: Whether a user keeps one HTTP connection for its conversation (``--keep-alive``) or opens one per message.
KEEP_ALIVE = False
#: How the concurrent users are run: "async" (tasks of one event loop) or "threads" (a thread per user, ``requests``;
#: the load generator of sessions before the eighteenth, kept for comparison: ``--client threads``).
CLIENT = "async"

#: This project's REST channel takes a bearer token per conversation (the stock bot ignores the header).
REST_KEY = secrets.token_urlsafe(32)


def send(url: str, sender: str, text: str, timeout: float = 60,
         connection: requests.Session | None = None) -> tuple[float, list[dict]]:
    """One message; `connection` is the user's kept-alive connection (a browser's chat widget keeps one open
    between messages), or a new connection for this message alone."""
    started = time.perf_counter()  # the token is made inside the timing: a caller pays for it too
    response = (connection or requests).post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                             headers=bearer(sender, REST_KEY), timeout=timeout)
    response.raise_for_status()
    return time.perf_counter() - started, response.json()


def wait_for_first_answer(url: str, began: float, processes: list[subprocess.Popen], limit: float = 300) -> float:
    """Seconds from process start until a message gets a non-empty reply."""
    while time.perf_counter() - began < limit:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError("a server exited during start-up (see the logs in the work folder)")
        try:
            _, reply = send(url, f"coldstart-{uuid.uuid4().hex[:6]}", "hello", timeout=5)
            if reply:
                return time.perf_counter() - began
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"no answer within {limit} s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def one_round(url: str, users: int, conversation: list[str]) -> tuple[dict[str, list[str]], list, float]:
    """Every user sends the conversation (with their own facts), one message after the other; users run
    concurrently. Returns each sender's texts, the outcomes and the round's wall time."""
    said = {f"bench-{uuid.uuid4().hex[:8]}": user_conversation(conversation, next(USER_NUMBERS))
            for _ in range(users)}
    if CLIENT == "async":
        return said, *asyncio.run(_async_users(url, said))

    def user(sender: str) -> list[tuple[float, list[dict] | None, str | None]]:
        outcomes = []
        with (requests.Session() if KEEP_ALIVE else contextlib.nullcontext()) as connection:
            for text in said[sender]:
                try:
                    elapsed, reply = send(url, sender, text, connection=connection)
                    outcomes.append((elapsed, reply, None))
                except Exception as error:  # counted as lost, reported by type
                    outcomes.append((0.0, None, type(error).__name__))
        return outcomes

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        every = list(pool.map(user, said))
    return said, [outcome for outcomes in every for outcome in outcomes], time.perf_counter() - began


async def _async_users(url: str, said: dict[str, list[str]]) -> tuple[list, float]:
    """The users of `one_round` as tasks of one event loop (aiohttp): the same requests as the threads (a new
    connection per message, or one kept per user with --keep-alive), at about half the client's CPU per message
    (measured 0.9 vs 1.8 ms), which this machine's two cores otherwise take from the server being measured."""
    timeout = aiohttp.ClientTimeout(total=60)

    async def user(sender: str) -> list[tuple[float, list[dict] | None, str | None]]:
        outcomes = []
        connector = aiohttp.TCPConnector(force_close=not KEEP_ALIVE, limit=1)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            for text in said[sender]:
                started = time.perf_counter()  # the token is made inside the timing, as in `send`
                try:
                    async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                            headers=bearer(sender, REST_KEY)) as response:
                        response.raise_for_status()
                        reply = await response.json()
                    outcomes.append((time.perf_counter() - started, reply, None))
                except Exception as error:  # counted as lost, reported by type
                    outcomes.append((0.0, None, type(error).__name__))
        return outcomes

    began = time.perf_counter()
    every = await asyncio.gather(*(user(sender) for sender in said))
    return [outcome for outcomes in every for outcome in outcomes], time.perf_counter() - began


@dataclass
class Tally:
    """Measured rounds of one bot, added up as the interleaved rounds come in."""

    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0

    def add(self, url: str, result: BotResult, said: dict[str, list[str]], outcomes: list,
            elapsed_round: float) -> None:
        self.wall += elapsed_round
        errors = 0
        for elapsed, reply, error in outcomes:
            result.sent += 1
            if error:
                errors += 1
                result.errors.append(error)
                continue
            if not reply:  # answered with nothing to say: the bot's behaviour, not a lost message
                result.empty_replies += 1
            self.latencies.append(elapsed)
            if any(str(part.get("text", "")).startswith(NOTICE_PREFIX) for part in reply):
                result.degraded += 1
        result.lost += max(errors, missing_from_trackers(url, said))

    def finish(self, result: BotResult) -> None:
        if self.latencies:
            result.p50_ms = statistics.median(self.latencies) * 1000
            result.p95_ms = percentile(self.latencies, 95) * 1000
            result.p99_ms = percentile(self.latencies, 99) * 1000
        result.messages_per_s = len(self.latencies) / self.wall if self.wall else 0.0


def run_load(bots: list[tuple[str, BotResult]], load: Load) -> None:
    """Warm-up rounds, then measured rounds taken in turn by each bot (the order alternating from
    round to round), so that a slow or fast spell of this shared machine falls on both bots alike
    instead of on whichever happened to run then. Each round uses new conversations."""
    conversation = CONVERSATION[:load.turns]
    for _ in range(load.warmup):
        for url, _result in bots:
            one_round(url, load.users, conversation)
    tallies = [Tally() for _ in bots]
    for index in range(load.rounds):
        order = list(range(len(bots)))
        if index % 2:
            order.reverse()
        for which in order:
            url, result = bots[which]
            said, outcomes, elapsed_round = one_round(url, load.users, conversation)
            tallies[which].add(url, result, said, outcomes, elapsed_round)
    for tally, (_url, result) in zip(tallies, bots, strict=True):
        tally.finish(result)


def missing_from_trackers(url: str, said: dict[str, list[str]]) -> int:
    """Messages that are not in their conversation's tracker, found over the HTTP API."""
    missing = 0
    for sender, conversation in said.items():
        response = requests.get(f"{url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=30)
        response.raise_for_status()
        tracked = [e.get("text") for e in response.json()["events"] if e["event"] == "user"]
        missing += sum(1 for text in conversation if text not in tracked)
    return missing


def idle_latency(url: str) -> float:
    sender = f"idle-{uuid.uuid4().hex[:6]}"
    with (requests.Session() if KEEP_ALIVE else contextlib.nullcontext()) as connection:
        samples = [send(url, sender, text, connection=connection)[0] for text in
                   user_conversation((CONVERSATION * 3)[:IDLE_SAMPLES], next(USER_NUMBERS))]
    return statistics.median(samples) * 1000


@dataclass
class RunningBot:
    """A bot that answered its first message: its figures so far and its processes."""

    url: str
    result: BotResult
    processes: list[subprocess.Popen]


#: The first round after start has the load of a measured round (20 users x [message, follow-up, "sources"]).
FIRST_ROUND_USERS, FIRST_ROUND_TURNS = 20, 3


def start_bot(name: str, url: str, commands: list[tuple[list[str], Path, Path]], env: dict[str, str]) -> RunningBot:
    """Start the processes, time the cold start, then the one-message latency while idle."""
    result = BotResult(name)
    began = time.perf_counter()
    processes = [start(command, cwd, log, env) for command, cwd, log in commands]
    try:
        result.cold_start_s = wait_for_first_answer(url, began, processes)
        _senders, outcomes, _elapsed = one_round(url, FIRST_ROUND_USERS, CONVERSATION[:FIRST_ROUND_TURNS])
        answered = [elapsed for elapsed, reply, error in outcomes if error is None]
        if answered:
            result.first_p50_ms = percentile(answered, 50) * 1000
            result.first_p95_ms = percentile(answered, 95) * 1000
        result.idle_latency_ms = idle_latency(url)
    except BaseException:
        for process in processes:
            stop(process)
        raise
    return RunningBot(url, result, processes)


def rasa_server(model: Path, port: int, cwd: Path, log: Path, endpoints: Path | None = None) -> tuple:
    command = [str(BIN / "rasa"), "run", "-m", str(model), "--port", str(port), "-i", "127.0.0.1",
               "--enable-api", "--auth-token", TOKEN]
    if endpoints:
        command += ["--endpoints", str(endpoints)]
    return command, cwd, log


def train_this_project(work: Path) -> tuple[Path, float]:
    model_dir = work / "imnm-model"
    train_s = timed_run([str(BIN / "rasa"), "train", "--out", str(model_dir), "--fixed-model-name", "imnm"],
                        ROOT, work / "imnm-train.log")
    return model_dir / "imnm.tar.gz", train_s


def start_this_project(work: Path, model: Path) -> RunningBot:
    action_port, port = free_port(), free_port()
    endpoints = work / "imnm-endpoints.yml"
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text())  # as shipped, own port and file
    config["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    config["tracker_store"]["db"] = str(work / "tracker.db")
    endpoints.write_text(yaml.safe_dump(config))
    env = {**environment(), "IMNM_AUDIT_DB": str(work / "audit.db"), "SANIC_HOST": "127.0.0.1",
           "IMNM_ACTIONS_TOKEN": secrets.token_urlsafe(24), "IMNM_REST_JWT_KEY": REST_KEY}
    actions = ([str(BIN / "rasa"), "run", "actions", "--port", str(action_port), "--actions", "actions"],
               ROOT, work / "imnm-actions.log")
    server = rasa_server(model, port, ROOT, work / "imnm-rasa.log", endpoints)
    return start_bot("IMNM assistant", f"http://127.0.0.1:{port}", [actions, server], env)


def train_stock_bot(work: Path) -> tuple[Path, float]:
    stock = work / "stock"
    stock.mkdir()
    train_s = timed_run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(stock)], work,
                        work / "stock-init.log")
    return stock, train_s


def start_stock_bot(work: Path, stock: Path) -> RunningBot:
    port = free_port()
    server = rasa_server(stock / "models", port, stock, work / "stock-rasa.log")
    return start_bot("stock rasa init", f"http://127.0.0.1:{port}", [server], environment())


def ratio(mine: float, theirs: float) -> str:
    return f"{mine / theirs:.2f}x" if theirs else "n/a"


def table(mine: BotResult, stock: BotResult) -> str:
    rows = [
        ("train (s)", mine.train_s, stock.train_s, "<= 30 s"),
        ("cold start to first answer (s)", mine.cold_start_s, stock.cold_start_s, "<= 10 s"),
        ("one message, idle (ms, median)", mine.idle_latency_ms, stock.idle_latency_ms, ""),
        ("first round after start: p50 (ms)", mine.first_p50_ms, stock.first_p50_ms, ""),
        ("first round after start: p95 (ms)", mine.first_p95_ms, stock.first_p95_ms, "ratio <= 0.25x"),
        ("p50 under load, warm (ms)", mine.p50_ms, stock.p50_ms, ""),
        ("p95 under load, warm (ms)", mine.p95_ms, stock.p95_ms, "ratio <= 0.15x"),
        ("p99 under load (ms)", mine.p99_ms, stock.p99_ms, ""),
        ("messages/s under load", mine.messages_per_s, stock.messages_per_s, "ratio >= 6x"),
        ("messages sent", mine.sent, stock.sent, ""),
        ("lost messages", mine.lost, stock.lost, "0"),
        ("empty replies", mine.empty_replies, stock.empty_replies, ""),
        ("'cannot compute' notices", mine.degraded, stock.degraded, ""),
    ]
    lines = [f"{'metric':<34}{mine.name:>16}{stock.name:>18}{'ratio':>9}  target",
             "-" * 90]
    for label, a, b, target in rows:
        shown = [f"{v:.1f}" if isinstance(v, float) else str(v) for v in (a, b)]
        r = ratio(a, b) if isinstance(a, float) and isinstance(b, float) else ""
        lines.append(f"{label:<34}{shown[0]:>16}{shown[1]:>18}{r:>9}  {target}")
    return "\n".join(lines)


def verdict(mine: BotResult, stock: BotResult) -> list[str]:
    checks = {
        "first round after start p95 <= 0.25x stock": stock.first_p95_ms > 0
        and mine.first_p95_ms <= 0.25 * stock.first_p95_ms,
        "warm p95 <= 0.15x stock": stock.p95_ms > 0 and mine.p95_ms <= 0.15 * stock.p95_ms,
        "throughput >= 6x stock": stock.messages_per_s > 0 and mine.messages_per_s >= 6 * stock.messages_per_s,
        "cold start <= 10 s": mine.cold_start_s <= 10,
        "train <= 30 s": (mine.train_s or 0) <= 30,
        "0 lost messages": mine.lost == 0,
    }
    return [f"{'met' if ok else 'MISSED'}: {name}" for name, ok in checks.items()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=6, help="measured rounds per bot, each with new conversations")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first, for both bots")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, stock bot)")
    parser.add_argument("--keep-alive", action="store_true",
                        help="each user keeps one HTTP connection for its conversation (default: one per message)")
    parser.add_argument("--client", choices=("async", "threads"), default="async",
                        help="run the users as tasks of one event loop (default) or as threads (the earlier load "
                             "generator, about twice the client CPU per message on this machine)")
    args = parser.parse_args()
    global KEEP_ALIVE, CLIENT
    KEEP_ALIVE, CLIENT = args.keep_alive, args.client
    load = Load(args.users, min(args.turns, len(CONVERSATION)), args.rounds, args.warmup)
    work = Path(tempfile.mkdtemp(prefix="imnm-bench-"))
    print(f"bench: work folder {work}; per bot: {load.warmup} warm-up round(s), then {load.rounds} measured "
          f"round(s) of {load.users} concurrent users x {load.turns} turns ({CLIENT} client, "
          f"{'one connection per user' if KEEP_ALIVE else 'a new connection per message'})", flush=True)
    running: list[RunningBot] = []
    try:
        model, mine_train_s = train_this_project(work)
        stock_dir, stock_train_s = train_stock_bot(work)
        print(f"bench: trained (this project {mine_train_s:.1f} s, stock bot {stock_train_s:.1f} s)", flush=True)
        # One bot starts at a time, so each cold start has the machine to itself.
        running.append(start_this_project(work, model))
        running.append(start_stock_bot(work, stock_dir))
        print(f"bench: both answering (cold starts {running[0].result.cold_start_s:.1f} s and "
              f"{running[1].result.cold_start_s:.1f} s); load rounds now alternate between them", flush=True)
        run_load([(bot.url, bot.result) for bot in running], load)
    finally:
        for bot in running:
            for process in bot.processes:
                stop(process)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    mine, stock = running[0].result, running[1].result
    mine.train_s, stock.train_s = mine_train_s, stock_train_s
    print(table(mine, stock))
    print()
    print("\n".join(verdict(mine, stock)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"load": asdict(load), "this": asdict(mine), "stock": asdict(stock)},
                                        indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
