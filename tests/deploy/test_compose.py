"""docker-compose.yml cannot run here (no Docker engine), so it is checked statically:
against the Compose specification's JSON schema and against the project's own facts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from graph.local_server import NEO4J_VERSION

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
VALIDATOR = Path(sys.executable).with_name("check-jsonschema")


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VALIDATOR), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_follows_the_compose_specification() -> None:
    result = validate(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_validator_rejects_a_broken_compose_file(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text("services:\n  neo4j:\n    image: neo4j\n    ports: 7474\n    restart: 5\n")
    result = validate(broken)
    assert result.returncode != 0


def test_neo4j_image_is_the_version_the_local_launcher_fetches(compose: dict) -> None:
    assert compose["services"]["neo4j"]["image"] == f"neo4j:{NEO4J_VERSION}-community"


def test_neo4j_password_comes_from_the_environment_and_data_from_a_named_volume(
    compose: dict,
) -> None:
    neo4j = compose["services"]["neo4j"]
    assert "${NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]
    assert "neo4j/neo4j" not in COMPOSE.read_text()
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert "healthcheck" in neo4j


def test_api_waits_for_a_healthy_neo4j_and_uses_a_routing_uri(compose: dict) -> None:
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert (ROOT / "Dockerfile").is_file()
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"].startswith("neo4j://")


def test_loader_is_a_one_shot_load_of_the_examples(compose: dict) -> None:
    loader = compose["services"]["loader"]
    assert loader["command"][:2] == ["kg", "load"]
    assert loader["restart"] == "no"
    assert (ROOT / loader["command"][2]).is_dir()
    assert loader["depends_on"]["neo4j"]["condition"] == "service_healthy"
