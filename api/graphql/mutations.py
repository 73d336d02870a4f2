"""Mutations: ingest and delete documents, behind the API key.

Why thin: they call the very functions `kg load` and `kg delete` use
(`loaders.pipeline.ingest_text`, `graph.documents.delete_document`), so a document
written through the API is extracted, resolved and stored exactly like one loaded
from the command line.
"""

# No `from __future__ import annotations`: strawberry reads the annotations.

import datetime
import enum
import logging
from typing import Optional

import strawberry
from strawberry import Info

from api.auth import require_api_key
from api.graphql.curation import CurationMutation
from api.graphql.errors import DatabaseUnavailable, UserError
from api.graphql.types import NODE_CLASSES, build_node
from api.http.request_id import current_request_id
from api.ingest_worker import IngestDatabaseUnavailable, IngestJob, IngestTimeout
from api.text_input import usable_text, well_formed

log = logging.getLogger("api.ingest")

#: Longest `source` and `title` accepted. Why: a 100 KB source went into an indexed property,
#: Neo4j refused it, and its message (with index name and the whole source) reached the client.
MAX_SOURCE_CHARS = 1000
MAX_TITLE_CHARS = 1000

DocumentType = NODE_CLASSES["Document"]


@strawberry.enum(description="What loading a document did (as `kg load` reports it).")
class IngestStatus(enum.Enum):
    LOADED = "loaded"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    FAILED = "failed"


@strawberry.type(description="What ingesting a document did.")
class IngestDocumentResult:
    status: IngestStatus
    document_id: Optional[strawberry.ID]  # noqa: UP045
    nodes_created: int
    relationships_created: int
    error: Optional[str] = strawberry.field(  # noqa: UP045
        description="Why the document was not loaded (status FAILED)."
    )

    @strawberry.field(description="The stored document.")
    async def document(self, info: Info) -> Optional[DocumentType]:  # noqa: UP045
        if self.document_id is None or self.status == IngestStatus.FAILED:
            return None
        row = await info.context.nodes("Document").load(str(self.document_id))
        return build_node(row, "Document") if row else None


@strawberry.type(description="What deleting a document did.")
class DeleteDocumentResult:
    document_ids: list[strawberry.ID]
    nodes_deleted: int
    relationships_deleted: int
    facts_kept: int = strawberry.field(
        description="Facts that lost this document's support but stay, backed by others."
    )


@strawberry.type
class Mutation(CurationMutation):
    @strawberry.mutation(
        description=(
            "Extract and store one document (same pipeline as `kg load`); needs the API key "
            "as `Authorization: Bearer <key>`. Loading the same text again changes nothing."
        )
    )
    async def ingest_document(
        self,
        info: Info,
        text: str,
        source: str,
        title: Optional[str] = None,  # noqa: UP045
        published_at: Optional[datetime.date] = None,  # noqa: UP045
    ) -> IngestDocumentResult:
        context = info.context
        require_api_key(context.settings, context.authorization)
        text = usable_text(text)
        well_formed(source, "source")
        if title is not None:
            well_formed(title, "title")
        if len(source) > MAX_SOURCE_CHARS or not source.strip():
            raise UserError(f"source too long or empty: 1 to {MAX_SOURCE_CHARS} characters")
        if title is not None and len(title) > MAX_TITLE_CHARS:
            raise UserError(f"title too long: at most {MAX_TITLE_CHARS} characters")
        settings = context.settings
        if len(text.encode()) > settings.kg_max_document_bytes:
            raise UserError(f"document too large: at most {settings.kg_max_document_bytes} bytes")
        job = IngestJob(text, source, title, published_at.isoformat() if published_at else None)
        request = context.request
        try:
            result = await request.app.state.ingest_worker.run(
                job, settings.kg_ingest_timeout_seconds, request.is_disconnected
            )
        except IngestDatabaseUnavailable:
            context.mark_unavailable()
            raise DatabaseUnavailable() from None
        except IngestTimeout:
            raise UserError(
                f"ingest stopped: it took longer than the server's budget of "
                f"{settings.kg_ingest_timeout_seconds:g} s and nothing was stored; "
                "load large documents with `kg load`"
            ) from None
        error = None
        if result.status == "failed":
            # The reason may quote Neo4j (index names, element ids) or the text: log only.
            log.warning("request %s: ingest failed: %s", current_request_id(), result.error)
            error = (
                "the document could not be loaded; the server log has the reason under "
                f"request id {current_request_id()}"
            )
        return IngestDocumentResult(
            status=IngestStatus(result.status),
            document_id=result.document_id,
            nodes_created=result.nodes_created,
            relationships_created=result.relationships_created,
            error=error,
        )

    @strawberry.mutation(
        description=(
            "Delete a document (by id or source) and exactly the facts only it supported "
            "(same as `kg delete`); needs the API key."
        )
    )
    async def delete_document(self, info: Info, id: str) -> DeleteDocumentResult:  # noqa: A002
        context = info.context
        require_api_key(context.settings, context.authorization)
        from graph.documents import DocumentNotFound, delete_document

        try:
            result = await context.write(
                delete_document, context.driver, context.settings.neo4j_database, id
            )
        except DocumentNotFound as error:
            raise UserError(str(error)) from None
        return DeleteDocumentResult(
            document_ids=list(result.document_ids),
            nodes_deleted=result.nodes_deleted,
            relationships_deleted=result.relationships_deleted,
            facts_kept=result.facts_kept,
        )
