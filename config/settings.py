"""All configuration, read from environment variables (and a `.env` file) in one place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Service settings. Leave NEO4J_URI unset to use the project's own local Neo4j."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    neo4j_uri: str | None = Field(None, description="Bolt/neo4j URI; unset = local server.")
    neo4j_user: str = Field("neo4j", description="Neo4j user name.")
    neo4j_password: str | None = Field(
        None, description="Neo4j password; unset with the local server = the generated one."
    )
    neo4j_database: str = Field("neo4j", description="Database name.")
    kg_api_key: str | None = Field(None, description="API key for mutations; unset = disabled.")
    kg_home: Path = Field(
        PROJECT_ROOT / ".kg", description="Folder for local state: Neo4j jars, data, password."
    )
    kg_local_bolt_port: int = Field(17687, description="Bolt port of the local Neo4j.")
    kg_local_http_port: int = Field(17474, description="HTTP (Browser) port of the local Neo4j.")
    kg_max_document_bytes: int = Field(
        5_000_000, description="Largest document `kg extract`/`kg load` accept."
    )
    kg_api_host: str = Field("127.0.0.1", description="Address `kg serve` binds.")
    kg_api_port: int = Field(8000, description="Port `kg serve` binds.")
    kg_query_timeout_seconds: float = Field(10.0, description="Timeout of every API read.")
    kg_request_budget_seconds: float = Field(
        20.0, description="Time one API request may spend on reads; later reads are refused."
    )
    kg_read_retry_seconds: float = Field(
        2.0, description="How long the API retries a read on a transient Neo4j error."
    )
    kg_connect_timeout_seconds: float = Field(
        3.0, description="How long the API waits to open a Neo4j connection."
    )
    kg_max_request_bytes: int = Field(
        1_000_000, description="Largest HTTP request body the API accepts (413 above)."
    )
    kg_ingest_timeout_seconds: float = Field(
        60.0, description="Time budget of one `ingestDocument`; the worker is killed after it."
    )
    kg_max_page_size: int = Field(100, description="Largest `first` the API accepts.")
    kg_max_query_depth: int = Field(10, description="Deepest GraphQL query accepted.")
    kg_max_aliases: int = Field(30, description="Most aliases in one GraphQL query.")
    kg_max_tokens: int = Field(2000, description="Most tokens in one GraphQL query.")
    kg_graphql_compiled: bool = Field(
        True, description="Answer queries with one Cypher statement per root field."
    )


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (dependency for FastAPI and the CLI)."""
    return Settings()
