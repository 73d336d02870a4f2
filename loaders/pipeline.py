"""Documents in, graph out: read sources, extract, validate, write, in batches.

Why it is shaped like this:
- Documents go through in batches (`batch_size`, default 100): one query asks
  which of a batch's documents are already in the graph (same content hash);
  those are skipped before the extractor runs, so reloading a folder costs one
  index lookup per batch.
- Extraction is CPU work and runs in worker processes with `workers > 1`, ahead
  of the writer, so extracting the next documents overlaps writing the last.
  By default (`workers=None`) a load extracts in its own process and starts one
  worker per available core only once it has more than `POOL_AFTER_DOCUMENTS`
  documents: a few files never pay for starting processes, a large folder uses
  the whole machine. Workers die with the loader (Linux parent-death signal),
  even on SIGKILL.
- Writes stay in this process, one transaction per batch of documents. A batch
  Neo4j refuses is retried document by document, so one bad document fails
  alone and never leaves half a document behind. When the database stays
  unreachable beyond the driver's bounded retry time, the load stops with
  what it committed so far counted correctly (`LoadSummary.stopped`).
- Several loaders may run at once on overlapping folders: the writer's MERGE on
  constrained ids and its per-document token keep the graph free of duplicates.
- `load_extractions` writes precomputed `kg extract` output (JSON lines) with the
  same validation, batching and idempotency, so extraction can run elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import Any, Literal

import neo4j

from config.settings import Settings
from graph.extraction_model import ExtractionError, parse_extraction
from graph.writer import (
    BatchCounts,
    DocumentRows,
    build_rows,
    loaded_ids,
    loaded_versions,
    warm_up,
    write_batch,
    write_extraction,
)
from loaders.extract import extractor_version
from loaders.source_extraction import extract_source
from loaders.sources import SourceError, SourceText, iter_sources

#: Documents per write transaction (and per "already loaded?" query).
DEFAULT_BATCH_SIZE = 100
#: Full batches that may wait for the background writer (bounded memory); enough that a
#: fresh server's first plans (seconds) overlap extraction instead of stalling it.
WRITE_QUEUE_BATCHES = 8
#: With `workers=None`, documents extracted in this process before worker processes start
#: (each costs about a second to start and load the lexicons; a small load never needs them).
POOL_AFTER_DOCUMENTS = 2 * DEFAULT_BATCH_SIZE

DocumentStatus = Literal["loaded", "unchanged", "replaced", "failed", "skipped"]
Progress = Callable[["DocumentResult"], None]


@dataclass
class DocumentResult:
    """What happened to one document."""

    source: str
    status: DocumentStatus
    document_id: str | None = None
    nodes_created: int = 0
    relationships_created: int = 0
    error: str | None = None
    bytes: int = 0


@dataclass
class LoadSummary:
    """Totals of a load, plus every failure with its reason."""

    loaded: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    #: Files in a folder that are not documents (reported with the reason, not failures).
    skipped: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failures: list[DocumentResult] = field(default_factory=list)
    skips: list[DocumentResult] = field(default_factory=list)
    #: Why the load stopped before the end (database unreachable), else None.
    stopped: str | None = None
    #: Extraction processes used at most (1: extraction ran in the loader's own process).
    workers: int = 1

    @property
    def documents(self) -> int:
        return self.loaded + self.unchanged + self.replaced + self.failed

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.stopped is None

    def add(self, result: DocumentResult, counted: bool = True) -> None:
        """Count one document; `counted` False when its graph counters were already added."""
        setattr(self, result.status, getattr(self, result.status) + 1)
        if counted:
            self.nodes_created += result.nodes_created
            self.relationships_created += result.relationships_created
        self.bytes += result.bytes
        if result.status == "failed":
            self.failures.append(result)
        if result.status == "skipped":
            self.skips.append(result)


def content_id(text: str) -> str:
    """A document's id: the sha256 of its text, so the same content is the same document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extract_document(text: str, source: str) -> dict[str, Any]:
    """Run the extractor and stamp the document with its text and extractor version.

    Module-level so worker processes can run it.
    """
    from loaders.extract import extract_text  # CPU-side only

    extraction = extract_text(text, source)
    document = extraction.setdefault("document", {})
    document.setdefault("id", content_id(text))
    document["source"] = source
    document["text"] = text
    document["format"] = "text"  # as a text file read by `kg load`: the same Document either way
    document["extractorVersion"] = extractor_version()
    return extraction


def write_document(
    driver: neo4j.Driver, database: str, extraction: dict[str, Any], size: int = 0
) -> DocumentResult:
    """Validate and write one extraction; any failure becomes a 'failed' result with its reason."""
    document = extraction.get("document") or {}
    source = str(document.get("source", "<unknown>"))
    try:
        counts = write_extraction(driver, database, extraction)
    except ExtractionError as error:
        return DocumentResult(source, "failed", document.get("id"), error=str(error), bytes=size)
    except neo4j.exceptions.Neo4jError as error:
        message = f"document {source}: Neo4j refused the write: {error.message}"
        return DocumentResult(source, "failed", document.get("id"), error=message, bytes=size)
    except neo4j.exceptions.DriverError as error:  # connection lost, timeouts
        message = f"document {source}: could not write to Neo4j: {error}"
        return DocumentResult(source, "failed", document.get("id"), error=message, bytes=size)
    return DocumentResult(
        source,
        counts.status,
        counts.document_id,
        counts.nodes_created,
        counts.relationships_created,
        bytes=size,
    )


def ingest_text(
    driver: neo4j.Driver,
    settings: Settings,
    text: str,
    source: str,
    title: str | None = None,
    published_at: str | None = None,
) -> DocumentResult:
    """Extract and load one text (the GraphQL mutation's entry point).

    `title` / `published_at` override what the extractor read from the text.
    """
    size = len(text.encode("utf-8"))
    try:
        extraction = extract_document(text, source)
    except Exception as error:  # an extractor bug must not take the caller down
        message = f"document {source}: extraction failed: {type(error).__name__}: {error}"
        return DocumentResult(source, "failed", content_id(text), error=message, bytes=size)
    if title is not None:
        extraction["document"]["title"] = title
    if published_at is not None:
        extraction["document"]["publishedAt"] = published_at
    return write_document(driver, settings.neo4j_database, extraction, size)


def _source_name(source: str) -> str:
    """Files are recorded by absolute path, so a reload from another folder finds them again.

    A record inside a file ("feed.xml#item-...") keeps its fragment after the absolute path.
    """
    if os.path.isfile(source):
        return os.path.abspath(source)
    path, hash_sign, fragment = source.partition("#")
    return os.path.abspath(path) + hash_sign + fragment if os.path.isfile(path) else source


class DatabaseUnavailable(RuntimeError):
    """Neo4j stayed unreachable beyond the driver's bounded retry time."""


def _worker_init(loader_pid: int) -> None:
    """In each extraction worker: die when the loader dies, even by SIGKILL (Linux).

    `loader_pid` is passed in, not read here: a worker still starting up when the loader
    died has already been re-parented, and must notice that and exit.
    """
    parent = loader_pid
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still applies
        return
    if os.getppid() != parent:  # the loader died before the signal was armed
        os._exit(1)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


Extracted = tuple[SourceText, dict[str, Any] | None, str | None]  # item, extraction, error


def _extract_safely(item: SourceText) -> Extracted:
    try:
        return item, extract_source(item), None
    except Exception as error:  # one bad document must not stop the load
        message = f"document {item.source}: extraction failed: {type(error).__name__}: {error}"
        return item, None, message


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _extracted(
    sources: Iterator[SourceText],
    workers: int | None,
    batch_size: int,
    pool_after: int,
    on_pool: Callable[[int], None],
) -> Iterator[Extracted]:
    """Extractions in input order.

    `workers` > 1: that many worker processes from the start; 1: in this process; None:
    in this process for the first `pool_after` documents, then, if more follow and the
    machine has more than one core, one worker process per core. `on_pool` hears how
    many workers started.
    """
    if workers is None:
        for item in islice(sources, pool_after):
            yield _extract_safely(item)
        following = next(sources, None)
        if following is None:
            return
        sources = chain([following], sources)
        workers = available_cores()
    if workers <= 1:
        for item in sources:
            yield _extract_safely(item)
        return
    on_pool(workers)
    yield from _pool_extracted(sources, workers, ahead=2 * workers + batch_size)


def _pool_extracted(sources: Iterator[SourceText], workers: int, ahead: int) -> Iterator[Extracted]:
    """Extractions by `workers` processes, in input order, up to `ahead` documents in advance."""
    context = multiprocessing.get_context("spawn")  # no fork of a process holding sockets
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_init,
        initargs=(os.getpid(),),
    ) as pool:
        window: deque[tuple[SourceText, Future]] = deque()

        def take() -> Extracted:
            item, future = window.popleft()
            try:
                return item, future.result(), None
            except Exception as error:
                message = (
                    f"document {item.source}: extraction failed: {type(error).__name__}: {error}"
                )
                return item, None, message

        for item in sources:
            window.append((item, pool.submit(extract_source, item)))
            if len(window) >= ahead:
                yield take()
        while window:
            yield take()


@dataclass
class _Pending:
    """A validated document waiting for its batch to be written."""

    source: str
    document_id: str
    size: int
    rows: DocumentRows


class BatchWriter:
    """Collects validated documents and writes them `batch_size` at a time.

    A full batch is written by a background thread while the caller goes on
    extracting and validating the next ones (the thread mostly waits on Neo4j, so
    it barely competes with extraction for the interpreter): a load takes about
    the longer of extracting and writing, not their sum. Up to `queue` batches
    wait for the thread, which writes them one after the other, each committed
    before the next starts, so a document repeated in a later batch is found
    "unchanged". Results are reported from the caller's thread, in order; `flush`
    writes the rest and waits for all.

    A batch Neo4j refuses is written again one document at a time, so only the bad
    document fails. Connection loss beyond the driver's retry time raises
    DatabaseUnavailable after marking the unwritten documents as failed.
    """

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        batch_size: int,
        summary: LoadSummary,
        report: Callable[[DocumentResult], None],
        queue: int = WRITE_QUEUE_BATCHES,
    ) -> None:
        self.driver, self.database, self.batch_size = driver, database, batch_size
        self.summary, self.report, self.queue = summary, report, max(queue, 1)
        self.pending: list[_Pending] = []
        self.ids: set[str] = set()
        self._pool: ThreadPoolExecutor | None = None
        self._inflight: deque[tuple[list[_Pending], Future[BatchCounts]]] = deque()
        # Neo4j plans the batch statements while the first batch is extracted.
        self._writer_thread().submit(warm_up, driver, database)

    def add(self, extraction: dict[str, Any], size: int, name: str = "<unknown>") -> None:
        """Validate and queue one extraction; write a full batch.

        `name`: how to name a document that gives neither its source nor its id (its line).
        """
        try:
            model = parse_extraction(extraction, name=name)
        except ExtractionError as error:
            document = extraction.get("document")
            doc_id = document.get("id") if isinstance(document, dict) else None
            result = DocumentResult(error.document, "failed", doc_id, error=str(error), bytes=size)
            self.report(result)
            return
        source = model.document.source
        doc_id = model.document.id
        if doc_id in self.ids:  # the same content twice in one batch: the first one wins
            self.report(DocumentResult(source, "unchanged", doc_id, bytes=size))
            return
        self.ids.add(doc_id)
        self.pending.append(_Pending(source, doc_id, size, build_rows(model)))
        if len(self.pending) >= self.batch_size:
            self._submit()

    def flush(self) -> None:
        """Write what is queued and wait until every batch is written and reported."""
        try:
            self._submit()
            while self._inflight:
                self._settle()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the background writer (waiting for a batch in flight; `flush` reports it)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _submit(self) -> None:
        """Start writing the queued batch in the background, once the previous one is done."""
        batch, self.pending, self.ids = self.pending, [], set()
        if not batch:
            return
        try:
            while len(self._inflight) >= self.queue:
                self._settle()
        except DatabaseUnavailable as error:
            self.pending = batch  # never started: not written
            self.abandon(str(error))
            raise
        rows = [p.rows for p in batch]
        future = self._writer_thread().submit(write_batch, self.driver, self.database, rows)
        self._inflight.append((batch, future))

    def _writer_thread(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer")
        return self._pool

    def _settle(self) -> None:
        """Wait for the oldest batch handed to the writer thread, if any, and report it."""
        if not self._inflight:
            return
        batch, future = self._inflight.popleft()
        self._finish(batch, future)

    def _finish(self, batch: list[_Pending], future: Future[BatchCounts]) -> None:
        try:
            counts = future.result()
        except neo4j.exceptions.Neo4jError:
            if len(batch) == 1:
                self._write_alone(batch[0])
                return
            for index, pending in enumerate(batch):  # find the bad document: each alone
                try:
                    self._write_alone(pending)
                except DatabaseUnavailable as error:
                    self.pending = batch[index + 1 :]
                    self.abandon(str(error))
                    raise
            return
        except neo4j.exceptions.DriverError as error:
            self._unavailable(batch, error)
        self.summary.nodes_created += counts.totals.nodes_created
        self.summary.relationships_created += counts.totals.relationships_created
        for pending, written in zip(batch, counts.documents, strict=True):
            result = DocumentResult(
                pending.source, written.status, written.document_id, bytes=pending.size
            )
            self.report(result)

    def _write_alone(self, pending: _Pending) -> None:
        try:
            counts = write_batch(self.driver, self.database, [pending.rows])
        except neo4j.exceptions.Neo4jError as error:
            message = f"document {pending.source}: Neo4j refused the write: {error.message}"
            self.report(
                DocumentResult(
                    pending.source, "failed", pending.document_id, error=message, bytes=pending.size
                )
            )
            return
        except neo4j.exceptions.DriverError as error:
            self._unavailable([pending], error)
        self.summary.nodes_created += counts.totals.nodes_created
        self.summary.relationships_created += counts.totals.relationships_created
        written = counts.documents[0]
        self.report(
            DocumentResult(pending.source, written.status, written.document_id, bytes=pending.size)
        )

    def abandon(self, reason: str) -> str:
        """Report every queued document as not written (the load stops); returns `reason`.

        Batches handed to the writer thread are reported as they turned out (the ones it
        had not started are not written)."""
        cancelled: list[_Pending] = []
        while self._inflight:
            batch, future = self._inflight[0]
            if future.cancel():
                self._inflight.popleft()
                cancelled.extend(batch)
                continue
            try:
                self._settle()
            except DatabaseUnavailable:
                pass  # its documents are reported as not confirmed
        batch, self.pending, self.ids = cancelled + self.pending, [], set()
        for pending in batch:
            message = f"document {pending.source}: not written, {reason}"
            self.report(
                DocumentResult(
                    pending.source, "failed", pending.document_id, error=message, bytes=pending.size
                )
            )
        return reason

    def _unavailable(self, batch: list[_Pending], error: Exception) -> None:
        """The connection failed during a write: its outcome is unknown, so say so."""
        reason = f"could not reach Neo4j: {error}"
        for pending in batch:
            message = (
                f"document {pending.source}: not confirmed as written ({reason}); "
                "rerun the load: a document that was committed is then 'unchanged'"
            )
            self.report(
                DocumentResult(
                    pending.source, "failed", pending.document_id, error=message, bytes=pending.size
                )
            )
        raise DatabaseUnavailable(reason) from error


@contextmanager
def _run(summary: LoadSummary, writer: BatchWriter, started: float) -> Iterator[None]:
    """The end of every load: write the last batch, and when the database stays unreachable
    stop with the reason in the summary (never a traceback); the summary gets its duration."""
    try:
        yield
        writer.flush()
    except DatabaseUnavailable as error:
        summary.stopped = str(error)
    except neo4j.exceptions.DriverError as error:  # the "already loaded?" read failed
        summary.stopped = writer.abandon(f"could not reach Neo4j: {error}")
    finally:
        writer.close()
        summary.seconds = time.perf_counter() - started


def load_paths(
    driver: neo4j.Driver,
    settings: Settings,
    paths: list[str],
    *,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    source_format: str | None = None,
    pool_after: int = POOL_AFTER_DOCUMENTS,
) -> LoadSummary:
    """Load every document under `paths` (files or folders); one failure never stops the rest.

    `workers`: extraction processes; None starts one per core once more than `pool_after`
    documents need extracting (see the module docstring).
    """
    database = settings.neo4j_database
    summary = LoadSummary()
    started = time.perf_counter()

    def report(result: DocumentResult) -> None:
        summary.add(result, counted=False)
        if progress is not None:
            progress(result)

    def new_sources() -> Iterator[SourceText]:
        """Readable sources not yet in the graph, checked a batch at a time; the rest reported."""
        readable = _readable(paths, settings.kg_max_document_bytes, report, source_format)
        for chunk in _chunks(readable, batch_size):
            ids = [content_id(item.text) for item in chunk]
            known = loaded_ids(driver, database, ids, extractor_version())
            for item, doc_id in zip(chunk, ids, strict=True):
                if doc_id in known:
                    size = len(item.text.encode("utf-8"))
                    report(DocumentResult(item.source, "unchanged", doc_id, bytes=size))
                else:
                    yield item

    def pool_started(count: int) -> None:
        summary.workers = count

    writer = BatchWriter(driver, database, batch_size, summary, report)
    with _run(summary, writer, started):
        for item, extraction, error in _extracted(
            new_sources(), workers, batch_size, pool_after, pool_started
        ):
            size = len(item.text.encode("utf-8"))
            if extraction is None:
                report(
                    DocumentResult(
                        item.source, "failed", content_id(item.text), error=error, bytes=size
                    )
                )
                continue
            writer.add(extraction, size)
    return summary


def _readable(
    paths: list[str],
    max_bytes: int,
    report: Callable[[DocumentResult], None],
    source_format: str | None = None,
) -> Iterator[SourceText]:
    """Every readable document under `paths`; unreadable and non-document files reported."""
    for item in iter_sources(paths, max_bytes, source_format):
        if isinstance(item, SourceError):
            status = "skipped" if item.skipped else "failed"
            report(DocumentResult(item.source, status, error=f"document {item}"))
            continue
        yield replace(item, source=_source_name(item.source))


def _same_reading(extraction: dict[str, Any], loaded_version: str | None) -> bool:
    """Whether the graph's copy of a document was read as `extraction` was (an extraction
    that names no extractor version is taken as the same reading)."""
    version = extraction["document"].get("extractorVersion")
    return version is None or version == loaded_version


def load_extractions(
    driver: neo4j.Driver,
    settings: Settings,
    lines: Iterable[str],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    name: str = "<extractions>",
) -> LoadSummary:
    """Write precomputed extractions, one JSON object per line (`kg extract` output).

    Same validation and idempotency as `load_paths`: a line that is not a valid
    extraction fails alone; a document already in the graph is "unchanged".
    """
    database = settings.neo4j_database
    summary = LoadSummary()
    started = time.perf_counter()

    def report(result: DocumentResult) -> None:
        summary.add(result, counted=False)
        if progress is not None:
            progress(result)

    def parsed() -> Iterator[tuple[dict[str, Any], int, str]]:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            size = len(line.encode("utf-8"))
            try:
                extraction = json.loads(line)
            except json.JSONDecodeError as error:
                message = f"document {name}:{number}: not a JSON extraction: {error.msg}"
                report(DocumentResult(f"{name}:{number}", "failed", error=message, bytes=size))
                continue
            if not isinstance(extraction, dict):
                message = f"document {name}:{number}: an extraction must be a JSON object"
                report(DocumentResult(f"{name}:{number}", "failed", error=message, bytes=size))
                continue
            yield extraction, size, f"{name}:{number}"

    writer = BatchWriter(driver, database, batch_size, summary, report)
    with _run(summary, writer, started):
        for chunk in _chunks(parsed(), batch_size):
            ids = [
                str((e.get("document") or {}).get("id", ""))
                if isinstance(e.get("document"), dict)
                else ""
                for e, _, _ in chunk
            ]
            known = loaded_versions(driver, database, [i for i in ids if i])
            for (extraction, size, line), doc_id in zip(chunk, ids, strict=True):
                if doc_id and doc_id in known and _same_reading(extraction, known[doc_id]):
                    source = str(extraction["document"].get("source", doc_id))
                    report(DocumentResult(source, "unchanged", doc_id, bytes=size))
                else:
                    writer.add(extraction, size, line)
    return summary
