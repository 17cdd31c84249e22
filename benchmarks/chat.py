"""`python -m benchmarks.chat`: open chats exchanging messages at human pace against two app servers (ADR 0039).

Each chat is started on one server (every other chat on the other, as a proxy would spread them); its person
posts there every few seconds, while its reader asks the other server for messages after the last number it has,
as chat.js does: every 2 s, or with `--push` from its event stream on `waypost stream` (PostgreSQL
LISTEN/NOTIFY), which carries the message itself (ADR 0049) or says one is there (then the reader asks). Delivery
latency is from the moment a post is acknowledged to the moment the reader has it (0 when the event came first),
and from the moment the post was sent; the servers' own time for a post (their metrics) shows how much of the
second is the server's work. Memory per open chat is the growth of all the servers' resident memory (all their
processes) divided by the chats.

    python -m benchmarks.chat --chats 500 --seconds 60 [--database-url postgres://…/postgres] [--push]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from cryptography.fernet import Fernet
from tests.servers import RunningServer, clean_environment, running_waypost

from benchmarks.faults.visitor import Visitor, csrf_token
from benchmarks.harness import temporary_postgres_database

REPOSITORY = Path(__file__).resolve().parent.parent
POLL_SECONDS = 2.0
PUSHED_POLL_SECONDS = 15.0
POST_EVERY_SECONDS = (4.0, 8.0)  # a person typing a short message
METRICS_TOKEN = secrets.token_urlsafe(32)  # the servers record their own time per post; only this run reads it
POST_DURATION = re.compile(
    r'^waypost_http_request_duration_seconds_bucket\{le="([^"]+)",method="POST",route="conversations:send"\} (\S+)$',
    re.MULTILINE,
)


@contextmanager
def database(folder: Path, server_url: str | None) -> Iterator[str]:
    if not server_url:
        yield f"sqlite:///{folder / 'chat.sqlite3'}"
        return
    with temporary_postgres_database(f"benchmark_chat_{int(time.time())}", server_url) as url:
        yield url


@contextmanager
def two_servers(database_server: str | None, *, push: bool = False) -> Iterator[list[RunningServer]]:
    """Two app servers, and with `push` a `waypost stream` process as the third."""
    with tempfile.TemporaryDirectory(prefix="waypost-chat-bench-") as name, ExitStack() as stack:
        folder = Path(name)
        shared = {
            "DATABASE_URL": stack.enter_context(database(folder, database_server)),
            "WAYPOST_SECRET_KEY": Fernet.generate_key().decode(),
            "WAYPOST_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "WAYPOST_BLIND_INDEX_KEY": Fernet.generate_key().decode(),
            "WAYPOST_HTTPS": "false",
            "WAYPOST_LOG_LEVEL": "warning",
            "WAYPOST_CHAT_HOURS": "always",
            "WAYPOST_CHAT_PUSH": "true" if push else "false",
            "WAYPOST_METRICS_TOKEN": METRICS_TOKEN,
        }
        first = clean_environment({**shared, "WAYPOST_DATA_DIR": str(folder / "first")})
        manage = [sys.executable, "-m", "waypost", "manage"]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=first, cwd=REPOSITORY, check=True)
        subprocess.run([*manage, "load_demo_data"], env=first, cwd=REPOSITORY, check=True, capture_output=True)
        commands = [("serve", "first"), ("serve", "second"), *([("stream", "first")] if push else [])]
        yield [
            stack.enter_context(
                running_waypost(
                    [command], environment={**shared, "WAYPOST_DATA_DIR": str(folder / data)}, cwd=REPOSITORY
                )
            )
            for command, data in commands
        ]


class OutputReader(threading.Thread):
    """Reads a server's output as it comes: a pipe nobody reads fills up, and a server logging errors into it
    would stop at its next write, which the figures would show as a slow server."""

    def __init__(self, server: RunningServer) -> None:
        super().__init__(daemon=True)
        self.output = server.process.stdout
        self.errors: list[str] = []

    def run(self) -> None:
        for line in self.output or ():
            if line.startswith(("ERROR", "Internal Server Error")) or "Error:" in line:
                self.errors.append(line.rstrip())


def resident_bytes(pid: int) -> int:
    """The process and all its descendants (gunicorn's master and workers)."""
    total = 0
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        total += next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, StopIteration):
        return total
    return total + sum(resident_bytes(int(child)) for child in children)


class Chat:
    def __init__(self, writer_url: str, reader_url: str) -> None:
        self.visitor = Visitor(timeout=60)
        start = self.visitor.get(writer_url + "/chat/")
        answer = self.visitor.post_form(writer_url + "/chat/", {"csrfmiddlewaretoken": csrf_token(start.body)})
        self.path = answer.location
        self.token = csrf_token(self.visitor.get(writer_url + self.path).body)
        self.writer_url, self.reader_url = writer_url, reader_url
        self.last_seen = 1
        self.sent_at: dict[int, float] = {}
        self.posted_at: dict[int, float] = {}
        self.seen_at: dict[int, float] = {}
        self.lock = threading.Lock()
        self.is_listening = threading.Event()

    def post(self, number: int) -> None:
        fields = {"csrfmiddlewaretoken": self.token, "body": f"Message {number}"}
        sent = time.monotonic()
        answer = self.visitor.post_form(self.writer_url + self.path + "messages", fields)
        sequence = int(answer.location.rsplit("-", 1)[1]) if "#message-" in answer.location else 0
        with self.lock:
            self.sent_at[sequence] = sent
            self.posted_at[sequence] = time.monotonic()

    def seen(self, sequence: int) -> None:
        with self.lock:
            self.seen_at.setdefault(sequence, time.monotonic())
            self.last_seen = max(self.last_seen, sequence)

    def latencies(self, *, since: dict[int, float]) -> list[float]:
        return [max(self.seen_at[number] - moment, 0.0) for number, moment in since.items() if number in self.seen_at]

    def poll(self) -> None:
        answer = self.visitor.get(f"{self.reader_url}{self.path}messages.json?after={self.last_seen}")
        if answer.status != 200:
            return
        for message in json.loads(answer.body)["messages"]:
            self.seen(message["sequence"])

    def listen(self, stream_url: str, stop: threading.Event) -> None:
        """Hold the chat's event stream, as chat.js's EventSource does: take the message it carries, or read."""
        address = urllib.parse.urlsplit(stream_url)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=60)
        cookie = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.visitor.cookies)
        connection.request("GET", f"{self.path}events", headers={"Cookie": cookie, "Last-Event-ID": "1"})
        response = connection.getresponse()
        try:
            while not stop.is_set():
                line = response.readline()
                self.is_listening.set()
                if not line:
                    return
                if line.startswith(b"data:"):
                    self.take_or_read(line.removeprefix(b"data:").strip())
        except OSError:
            return
        finally:
            connection.close()

    def take_or_read(self, data: bytes) -> None:
        try:
            carried = json.loads(data)
        except ValueError:
            carried = None
        # As chat.js: one already read is ignored, only the very next number is taken from the event, and after a
        # gap asking fills it in order
        sequence = carried.get("sequence") if isinstance(carried, dict) else None
        if isinstance(sequence, int) and sequence <= self.last_seen:
            return
        if sequence == self.last_seen + 1:
            self.seen(sequence)
        else:
            self.poll()


def run_chat(chat: Chat, stop: threading.Event, *, poll_seconds: float = POLL_SECONDS) -> None:
    # Pages opened at different moments: each chat's timers start at a random point, not all in one wave
    number, next_post = 0, time.monotonic() + random.uniform(*POST_EVERY_SECONDS)
    next_poll = time.monotonic() + random.uniform(0, poll_seconds)
    while not stop.is_set():
        now = time.monotonic()
        if now >= next_post:
            number += 1
            chat.post(number)
            next_post = now + random.uniform(*POST_EVERY_SECONDS)
        if now >= next_poll:
            chat.poll()
            next_poll = now + poll_seconds
        stop.wait(max(min(next_post, next_poll) - time.monotonic(), 0.01))


def wait_for_streams(listeners: list[threading.Thread], chats: list[Chat], *, seconds: float = 180) -> float:
    started = time.monotonic()
    for thread in listeners:
        thread.start()
    for chat in chats:
        chat.is_listening.wait(max(seconds - (time.monotonic() - started), 0))
    return time.monotonic() - started


def percentiles(values: list[float]) -> str:
    shares = {"p50": 0.5, "p90": 0.9, "p95": 0.95, "p99": 0.99}
    return ", ".join(f"{name} {percentile(values, share) * 1000:.0f} ms" for name, share in shares.items())


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)] if ordered else float("nan")


def servers_post_durations(servers: list[RunningServer]) -> dict[float, float]:
    """Posts answered within each of the metrics' bounds (seconds), added up over the app servers."""
    within: dict[float, float] = {}
    for server in servers:
        connection = http.client.HTTPConnection(urllib.parse.urlsplit(server.base_url).netloc, timeout=30)
        connection.request("GET", "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        text = connection.getresponse().read().decode()
        connection.close()
        for bound, count in POST_DURATION.findall(text):
            within[float(bound)] = within.get(float(bound), 0.0) + float(count)
    return within


def bucket_percentiles(within: dict[float, float]) -> str:
    """From cumulative histogram buckets: the smallest bound each share of the posts was answered within."""
    total = within.get(float("inf"), 0.0)
    if not total:
        return "no posts recorded"
    shares = {"p50": 0.5, "p90": 0.9, "p95": 0.95, "p99": 0.99}
    bounds = sorted(within)
    found = {name: next(bound for bound in bounds if within[bound] >= share * total) for name, share in shares.items()}
    return ", ".join(f"{name} ≤ {bound * 1000:.0f} ms" for name, bound in found.items()) + f" ({total:.0f} posts)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", help="a PostgreSQL maintenance database (…/postgres); SQLite if unset")
    parser.add_argument("--push", action="store_true", help="event streams from `waypost stream` (PostgreSQL only)")
    options = parser.parse_args(argv)
    if options.push and not options.database_url:
        parser.error("--push needs --database-url (PostgreSQL LISTEN/NOTIFY)")
    # With push, reading on a timer is only chat.js's safety net
    poll_seconds = PUSHED_POLL_SECONDS if options.push else POLL_SECONDS
    with two_servers(options.database_url, push=options.push) as servers:
        readers = [OutputReader(server) for server in servers]
        for reader in readers:
            reader.start()
        before = sum(resident_bytes(server.process.pid) for server in servers)
        chats = [Chat(servers[index % 2].base_url, servers[1 - index % 2].base_url) for index in range(options.chats)]
        stop = threading.Event()
        threads = []
        if options.push:
            # As in a browser, each chat's stream is open before its person types
            threads += [
                threading.Thread(target=chat.listen, args=(servers[2].base_url, stop), daemon=True) for chat in chats
            ]
            opened = wait_for_streams(threads, chats)
            print(f"{sum(chat.is_listening.is_set() for chat in chats)} event streams open after {opened:.1f} s")
        writers = [
            threading.Thread(target=run_chat, args=(chat, stop), kwargs={"poll_seconds": poll_seconds}, daemon=True)
            for chat in chats
        ]
        for thread in writers:
            thread.start()
        threads += writers
        time.sleep(options.seconds)
        after = sum(resident_bytes(server.process.pid) for server in servers)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        posts_within = servers_post_durations(servers[:2])
    acknowledged = [latency for chat in chats for latency in chat.latencies(since=chat.posted_at)]
    sent = [latency for chat in chats for latency in chat.latencies(since=chat.sent_at)]
    print(f"open chats: {options.chats}, for {options.seconds:.0f} s, {len(acknowledged)} messages delivered")
    how = "event stream carrying the message, or a read" if options.push else f"poll every {POLL_SECONDS:.0f} s"
    print(f"delivery latency ({how}):")
    print("  post acknowledged → seen on the other server: " + percentiles(acknowledged))
    print("  post sent → seen on the other server:         " + percentiles(sent))
    print("  the app servers' own time for a post: " + bucket_percentiles(posts_within))
    errors = [line for reader in readers for line in reader.errors]
    print(f"errors the servers logged: {len(errors)}" + "".join(f"\n  {line}" for line in errors[:5]))
    print(
        f"server memory: {before / 2**20:.0f} MiB before, {after / 2**20:.0f} MiB after, "
        f"{(after - before) / max(options.chats, 1) / 1024:.1f} KiB per open chat"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
