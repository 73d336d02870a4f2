"""What the explorer page needs to know about the API, derived from the code that builds it.

Why a config document instead of hard-coding field names in the JavaScript: the GraphQL
schema is generated from graph/ontology.py (api/graphql/naming.py), so a relationship added
there appears in the page without touching the page. Why not GraphQL introspection: the
page must keep working if a deployment turns introspection off.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from api.graphql.naming import fields_of, root_list, root_single
from config.settings import Settings
from graph.ontology import NODE_TYPES, Phase, relationship_type

#: Relationship type whose field the timeline reads (documents), not the picture (facts).
MENTIONS = "MENTIONS"

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

#: Where the GraphQL endpoint and GraphiQL are, relative to the page (/explore/).
GRAPHQL_URL = "../graphql"


def neo4j_browser_url(settings: Settings) -> str | None:
    """The Neo4j Browser for "open in Neo4j Browser" links, preset to connect to our database.

    A `kg_neo4j_browser_url` setting wins when the settings class has one. Otherwise a
    database on this machine (no NEO4J_URI, or a loopback one) is taken to be the project's
    local server, whose Browser listens on KG_LOCAL_HTTP_PORT; for a remote database whose
    Browser address we cannot know, the page shows no such link (the Cypher is still shown).
    """
    bolt = settings.neo4j_uri or f"bolt://127.0.0.1:{settings.kg_local_bolt_port}"
    configured = getattr(settings, "kg_neo4j_browser_url", None)
    if configured:
        base = str(configured)
    elif urlsplit(bolt).hostname in LOOPBACK_HOSTS:
        base = f"http://127.0.0.1:{settings.kg_local_http_port}/browser/"
    else:
        return None
    return f"{base}?{urlencode({'connectURL': bolt})}"


def _properties(label: str) -> list[dict[str, str]]:
    node = next(n for n in NODE_TYPES if n.label == label)
    return [{"name": p.name, "type": p.type, "description": p.description} for p in node.properties]


def _relationships(label: str) -> list[dict[str, Any]]:
    """Fact relationship fields of `label` (MENTIONS is the timeline's, not the picture's)."""
    out = []
    for field in fields_of(label):
        if field.rel_type == MENTIONS:
            continue
        rel = relationship_type(field.rel_type)
        out.append(
            {
                "field": field.name,
                "relType": field.rel_type,
                "direction": field.direction,
                "other": field.other,
                "description": rel.description,
                "edgeProperties": sorted(
                    p.name for p in rel.properties if p.name not in ("docIds", "evidence")
                ),
            }
        )
    return out


def explorer_config(settings: Settings) -> dict[str, Any]:
    """The JSON document the page loads first: types, their fields, phases and link targets."""
    return {
        "graphqlUrl": GRAPHQL_URL,
        "graphiqlUrl": GRAPHQL_URL,
        "neo4jBrowserUrl": neo4j_browser_url(settings),
        "maxPageSize": settings.kg_max_page_size,
        "phases": [phase.value for phase in Phase],
        "types": {
            node.label: {
                "root": root_single(node.label),
                "list": root_list(node.label),
                "isEntity": node.is_entity,
                "description": node.description,
                "properties": _properties(node.label),
                "relationships": _relationships(node.label),
            }
            for node in NODE_TYPES
        },
    }
