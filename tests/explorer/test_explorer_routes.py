"""The explorer's HTTP side: what it serves, what it refuses, and a config that matches the API.

No database is needed: these requests never reach Neo4j (the driver connects lazily).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from graphql import get_named_type

from api.explorer.model import explorer_config, neo4j_browser_url
from api.graphql import build_schema
from api.main import create_app
from config.settings import Settings
from graph.ontology import NODE_TYPES

SCHEMA = build_schema()._schema


def offline_settings(**overrides) -> Settings:
    values = {"neo4j_uri": "bolt://127.0.0.1:9", "neo4j_password": "unused", **overrides}
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(offline_settings())) as client:
        yield client


def test_explore_redirects_to_the_page_which_loads_only_local_assets(client: TestClient):
    redirect = client.get("/explore", follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == "explore/"
    page = client.get("/explore/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text
    for asset in ("static/explorer.css", "static/js/app.js"):
        assert asset in page.text
        assert client.get(f"/explore/{asset}").status_code == 200


def test_javascript_modules_are_served_as_javascript(client: TestClient):
    for name in ("js/app.js", "vendor/cytoscape-3.34.4.esm.min.mjs"):
        response = client.get(f"/explore/static/{name}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/javascript")
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "name",
    [
        "../router.py",
        "..%2Frouter.py",
        "../../main.py",
        "js/../../model.py",
        "index.html",
        "nope.js",
    ],
)
def test_only_the_listed_static_files_can_be_fetched(client: TestClient, name: str):
    assert client.get(f"/explore/static/{name}").status_code == 404


def test_config_names_only_fields_the_graphql_schema_has(client: TestClient):
    config = client.get("/explore/config.json").json()
    query = SCHEMA.query_type.fields
    assert set(config["types"]) == {node.label for node in NODE_TYPES}
    for label, info in config["types"].items():
        assert info["root"] in query and info["list"] in query
        gql_type = SCHEMA.get_type(label)
        for prop in info["properties"]:
            assert prop["name"] in gql_type.fields, (label, prop["name"])
        for rel in info["relationships"]:
            field = gql_type.fields[rel["field"]]
            edge_type = get_named_type(field.type)
            assert get_named_type(edge_type.fields["node"].type).name in (rel["other"], "Entity")
            assert "evidence" in edge_type.fields
            for prop in rel["edgeProperties"]:
                assert prop in edge_type.fields


def test_the_landscape_and_pipeline_fields_exist_for_their_types():
    types = explorer_config(offline_settings())["types"]

    def others(label: str) -> set[str]:
        return {rel["other"] for rel in types[label]["relationships"]}

    assert {"Drug"} <= others("Target") and {"Drug"} <= others("Disease")
    assert {"Drug"} <= others("Company")
    assert {"Company", "Trial", "Target", "Disease"} <= others("Drug")


def test_neo4j_browser_link_points_at_the_local_browser_preset_to_our_database():
    local = urlsplit(neo4j_browser_url(offline_settings(neo4j_uri=None, kg_local_http_port=17474)))
    assert (local.hostname, local.port, local.path) == ("127.0.0.1", 17474, "/browser/")
    assert parse_qs(local.query)["connectURL"] == ["bolt://127.0.0.1:17687"]
    loopback = neo4j_browser_url(offline_settings(neo4j_uri="bolt://localhost:7687"))
    assert parse_qs(urlsplit(loopback).query)["connectURL"] == ["bolt://localhost:7687"]
    # A remote database's Browser address is unknown: no link rather than a wrong one.
    assert neo4j_browser_url(offline_settings(neo4j_uri="neo4j+s://db.example.com")) is None
