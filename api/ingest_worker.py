"""Run `ingestDocument` in a worker process with a time budget; kill it when over budget.

Why a process: extraction is CPU-bound Python, so a 5 MB document occupied the API process
for minutes, with no way to stop it. In a child process it can be killed: when the budget
(KG_INGEST_TIMEOUT_SECONDS) is spent or the client disconnects, the worker is killed and
the next ingest starts a fresh one. A document is written in one transaction, so a killed
worker leaves nothing half-written. One warm worker serves one ingest at a time; the wait
for it counts toward the budget.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from config.settings import Settings
from loaders.pipeline import DocumentResult

#: How often the waiting request checks for the worker's answer and the client's presence.
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class IngestJob:
    """One document to ingest, as the mutation received it."""

    text: str
    source: str
    title: str | None = None
    published_at: str | None = None


class IngestTimeout(Exception):
    """The ingest used up its time budget (or the client left) and its worker was killed."""


class IngestDatabaseUnavailable(Exception):
    """The worker could not reach Neo4j; nothing was extracted or written."""


#: What the worker sends back instead of a result when Neo4j does not answer.
_UNAVAILABLE = "database-unavailable"


def _worker_main(settings: Settings, jobs: Connection) -> None:
    """The worker: ingest jobs one by one until the parent closes the pipe (or dies)."""
    from neo4j.exceptions import ServiceUnavailable

    from api.database import open_api_driver
    from loaders.pipeline import ingest_text

    driver = open_api_driver(settings)  # fail fast during an outage, like the API's reads
    try:
        while True:
            try:
                job: IngestJob = jobs.recv()
            except EOFError:  # the API process closed the pipe or died: stop with it
                return
            try:
                driver.verify_connectivity()
            except ServiceUnavailable:
                jobs.send(_UNAVAILABLE)
                continue
            try:
                result = ingest_text(
                    driver,
                    settings,
                    job.text,
                    job.source,
                    title=job.title,
                    published_at=job.published_at,
                )
            except Exception as error:  # the reason goes back to be logged, never shown
                result = DocumentResult(
                    job.source, "failed", error=f"{type(error).__name__}: {error}"
                )
            jobs.send(result)
    finally:
        driver.close()


class IngestWorker:
    """A warm worker process for the API's ingests, replaced after a kill."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._process: BaseProcess | None = None
        self._pipe: Connection | None = None
        self._busy = asyncio.Lock()

    def _ensure_started(self) -> Connection:
        if self._process is None or not self._process.is_alive() or self._pipe is None:
            self.close()
            context = multiprocessing.get_context("spawn")  # no fork of a process with sockets
            parent_end, child_end = context.Pipe()
            process = context.Process(
                target=_worker_main, args=(self.settings, child_end), daemon=True
            )
            process.start()
            child_end.close()
            self._process, self._pipe = process, parent_end
        return self._pipe

    async def run(
        self,
        job: IngestJob,
        budget_seconds: float,
        client_gone: Callable[[], Awaitable[bool]],
    ) -> DocumentResult:
        """The job's result; IngestTimeout once `budget_seconds` pass or `client_gone()`."""
        deadline = time.monotonic() + budget_seconds
        try:
            await asyncio.wait_for(self._busy.acquire(), timeout=budget_seconds)
        except TimeoutError:
            raise IngestTimeout() from None
        try:
            pipe = await asyncio.to_thread(self._ensure_started)
            # Sending blocks until the worker reads (a large text, a worker still starting):
            # it runs beside the deadline checks, not before them.
            sending = asyncio.ensure_future(asyncio.to_thread(pipe.send, job))
            while not (sending.done() and await asyncio.to_thread(pipe.poll, POLL_SECONDS)):
                if not sending.done():
                    await asyncio.wait({sending}, timeout=POLL_SECONDS)
                if time.monotonic() > deadline or await client_gone():
                    self._kill()  # a send still blocked now fails: no reader any more
                    await asyncio.wait({sending}, timeout=5)
                    if sending.done():
                        sending.exception()  # a broken pipe is expected here, not news
                    self.close()
                    raise IngestTimeout()
            try:
                sending.result()
                result = pipe.recv()
            except (EOFError, OSError):  # the worker died (out of memory, killed from outside)
                self.close()
                return DocumentResult(job.source, "failed", error="ingest worker died")
            if result == _UNAVAILABLE:
                raise IngestDatabaseUnavailable()
            return result
        finally:
            self._busy.release()

    def _kill(self) -> None:
        process = self._process
        if process is not None and process.is_alive():
            process.kill()

    def close(self) -> None:
        """Kill the worker (if any) and close its pipe; the next job starts a new one."""
        self._kill()
        process, pipe = self._process, self._pipe
        self._process = self._pipe = None
        if process is not None:
            process.join(timeout=5)
        if pipe is not None:
            pipe.close()
