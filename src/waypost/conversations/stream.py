"""Server-sent events for open chats, answered by `waypost stream` (an ASGI server) behind the proxy (ADR 0039).

Each `waypost stream` process holds one PostgreSQL connection that LISTENs for new messages and hands each
notification to the browsers waiting on that conversation in the same process. A held connection costs a small
coroutine, not a thread, so hundreds of open chats do not tie up the app servers' workers. An event carries the
message itself when the notification did (ADR 0049), so the browser shows it without asking an app server;
otherwise it says "message N is there" and the browser reads it by number, as without push.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import translation

from waypost.conversations.access import latest_message_number
from waypost.conversations.presenters import person_line
from waypost.conversations.push import CHANNEL, Notice, read_notification, unseal

LOGGER = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
HEARTBEAT_SECONDS = 20.0  # a comment line now and then, so proxies and phones keep the connection open
LONGEST_STREAM_SECONDS = 600.0  # then the browser reconnects, from its last number, and the coroutine is freed
RECONNECT_SECONDS = (0.5, 1.0, 2.0, 5.0)
RETRY_MILLISECONDS = 2000
LISTEN_WAIT_SECONDS = 5.0
LISTENING = ": listening"
CHECK_AGAIN = 0  # not a message number: "ask for anything after your last one" (after the listener reconnects)


class Listener:
    """One LISTEN connection per process, fanning notifications out to the streams waiting in it."""

    def __init__(self) -> None:
        self.waiting: defaultdict[str, set[asyncio.Queue[Notice]]] = defaultdict(set)
        self.task: asyncio.Task[None] | None = None
        self.is_listening = asyncio.Event()

    def subscribe(self, public_id: str) -> asyncio.Queue[Notice]:
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self.listen_for_ever())
        queue: asyncio.Queue[Notice] = asyncio.Queue()
        self.waiting[public_id].add(queue)
        return queue

    def unsubscribe(self, public_id: str, queue: asyncio.Queue[Notice]) -> None:
        queues = self.waiting.get(public_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self.waiting[public_id]

    def deliver(self, payload: str) -> None:
        notice = read_notification(payload)
        if notice is None:
            return
        for queue in self.waiting.get(notice.public_id, ()):
            queue.put_nowait(notice)

    def wake_everyone(self) -> None:
        for public_id, queues in self.waiting.items():
            for queue in queues:
                queue.put_nowait(Notice(public_id, CHECK_AGAIN))

    async def listen_for_ever(self) -> None:
        failures = 0
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(**connection_parameters(), autocommit=True) as link:
                    await link.execute(f"LISTEN {CHANNEL}")
                    self.is_listening.set()
                    failures = 0
                    # Anything sent while this process was not listening is read by number on the next ask
                    self.wake_everyone()
                    async for notice in link.notifies():
                        self.deliver(notice.payload)
            except (psycopg.Error, OSError) as error:
                LOGGER.warning("chat push: lost the database connection (%s); browsers keep asking meanwhile", error)
            self.is_listening.clear()
            await asyncio.sleep(RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)])
            failures += 1


LISTENER = Listener()


def connection_parameters() -> dict[str, Any]:
    """The same database and credentials as Django's own connection, in psycopg's words."""
    database = connections["default"].settings_dict
    named = {"dbname": "NAME", "user": "USER", "password": "PASSWORD", "host": "HOST", "port": "PORT"}
    parameters = {key: database[name] for key, name in named.items() if database.get(name)}
    return {**parameters, **{key: value for key, value in database.get("OPTIONS", {}).items() if key == "sslmode"}}


DATABASE_THREADS = 4
# Every read of this process runs on these few threads, each keeping its one connection between reads as an app
# server's thread does: however many browsers open a stream at once (all of them, after this process restarts),
# they take at most DATABASE_THREADS of PostgreSQL's connections, never one each
DATABASE_READS = ThreadPoolExecutor(max_workers=DATABASE_THREADS, thread_name_prefix="waypost-stream-read")


def read_on_shared_threads(read: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(read)
    def read_as_in_a_request(*arguments: P.args, **options: P.kwargs) -> R:
        # What Django does around each request: a connection that broke or outlived CONN_MAX_AGE is replaced
        close_old_connections()
        try:
            return read(*arguments, **options)
        finally:
            close_old_connections()

    return sync_to_async(read_as_in_a_request, thread_sensitive=False, executor=DATABASE_READS)


@read_on_shared_threads
def latest_sequence(public_id: str) -> int:
    return latest_message_number(public_id)


def event(number: int, data: str = "") -> str:
    if number == CHECK_AGAIN:
        return "event: message\ndata: check\n\n"
    return f"id: {number}\nevent: message\ndata: {data or number}\n\n"


def event_for(notice: Notice, language: str) -> str:
    """The message itself as the person's transcript shows it, in their language, when the notice carried it."""
    carried = unseal(notice.sealed) if notice.sealed else None
    if carried is None:
        return event(notice.number)
    with translation.override(language):
        shown = person_line(notice.number, carried).as_json()
    # json.dumps escapes line breaks, so the message stays on the event's one data line
    return event(notice.number, json.dumps(shown))


async def event_stream(public_id: str, last_seen: int, language: str) -> AsyncIterator[str]:
    queue = LISTENER.subscribe(public_id)
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        # Listening first, then read: a message stored in between is announced, not lost
        await listening_or_not(LISTENER)
        latest = await latest_sequence(public_id)
        if latest > last_seen:
            yield event(latest)
        # A comment browsers ignore: from here on, every new message comes on this stream (tests wait for it)
        yield f"{LISTENING}\n\n"
        async for line in events_until_done(queue, language):
            yield line
    finally:
        LISTENER.unsubscribe(public_id, queue)


async def listening_or_not(listener: Listener) -> None:
    """Wait briefly for the LISTEN connection; without it, its "check again" on connecting covers the gap."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(listener.is_listening.wait(), LISTEN_WAIT_SECONDS)


async def events_until_done(queue: asyncio.Queue[Notice], language: str) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LONGEST_STREAM_SECONDS
    while loop.time() < deadline:
        try:
            notice = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
        except TimeoutError:
            yield ": still here\n\n"
            continue
        yield event_for(notice, language)


def is_push_configured() -> bool:
    return bool(settings.CHAT_PUSH)
