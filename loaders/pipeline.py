"""Documents in, graph out: read sources, extract, validate, write, one document at a time.

Why it is shaped like this:
- A document already in the graph (same content hash) is skipped before the
  extractor runs, so reloading a folder costs one index lookup per file.
- Extraction is CPU work and runs in worker processes with `workers > 1`;
  writes stay in this process, one managed transaction per document, so a
  failed document never leaves half a document behind and never stops the rest.
- Several loaders may run at once on overlapping folders: the writer's MERGE on
  constrained ids and its per-document token keep the graph free of duplicates.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import neo4j

from config.settings import Settings
from graph.validation import DOCUMENT_LABEL, ExtractionError
from graph.writer import write_extraction
from loaders.source_extraction import extract_source
from loaders.sources import SourceError, SourceText, iter_sources

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

    @property
    def documents(self) -> int:
        return self.loaded + self.unchanged + self.replaced + self.failed

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def add(self, result: DocumentResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
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
    from loaders.extract import EXTRACTOR_VERSION, extract_text  # CPU-side only

    extraction = extract_text(text, source)
    document = extraction.setdefault("document", {})
    document.setdefault("id", content_id(text))
    document["source"] = source
    document["text"] = text
    document["extractorVersion"] = EXTRACTOR_VERSION
    return extraction


def _already_loaded(driver: neo4j.Driver, database: str, doc_id: str) -> bool:
    records = driver.execute_query(
        f"MATCH (d:{DOCUMENT_LABEL} {{id: $id}}) RETURN count(d) AS n",
        id=doc_id,
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    ).records
    return records[0]["n"] > 0


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


def _pending_extractions(
    sources: Iterator[SourceText], workers: int
) -> Iterator[tuple[SourceText, Callable[[], dict[str, Any]]]]:
    """Yield (source, get_extraction) in input order, extracting up to 2*workers ahead."""
    if workers <= 1:
        for item in sources:
            yield item, (lambda item=item: extract_source(item))
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding sockets
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        window: deque[tuple[SourceText, Future]] = deque()
        for item in sources:
            window.append((item, pool.submit(extract_source, item)))
            if len(window) >= 2 * workers:
                done, future = window.popleft()
                yield done, future.result
        while window:
            done, future = window.popleft()
            yield done, future.result


def load_paths(
    driver: neo4j.Driver,
    settings: Settings,
    paths: list[str],
    *,
    workers: int = 1,
    progress: Progress | None = None,
    source_format: str | None = None,
) -> LoadSummary:
    """Load every document under `paths` (files or folders); one failure never stops the rest."""
    database = settings.neo4j_database
    summary = LoadSummary()
    started = time.perf_counter()

    def report(result: DocumentResult) -> None:
        summary.add(result)
        if progress is not None:
            progress(result)

    def new_sources() -> Iterator[SourceText]:
        """Readable sources not yet in the graph; the rest are reported right away."""
        for item in iter_sources(paths, settings.kg_max_document_bytes, source_format):
            if isinstance(item, SourceError):
                status = "skipped" if item.skipped else "failed"
                report(DocumentResult(item.source, status, error=f"document {item}"))
                continue
            item = replace(item, source=_source_name(item.source))
            size = len(item.text.encode("utf-8"))
            doc_id = content_id(item.text)
            if _already_loaded(driver, database, doc_id):
                report(DocumentResult(item.source, "unchanged", doc_id, bytes=size))
                continue
            yield item

    for item, get_extraction in _pending_extractions(new_sources(), workers):
        size = len(item.text.encode("utf-8"))
        try:
            extraction = get_extraction()
        except Exception as error:  # one bad document must not stop the load
            message = f"document {item.source}: extraction failed: {type(error).__name__}: {error}"
            doc_id = content_id(item.text)
            report(DocumentResult(item.source, "failed", doc_id, error=message, bytes=size))
            continue
        report(write_document(driver, database, extraction, size))
    summary.seconds = time.perf_counter() - started
    return summary
