"""`kg neo4j start | status | stop` as a user runs them: real processes, a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import Settings
from graph.driver import Neo4jConnectionError, open_driver
from graph.local_server import NEO4J_VERSION, LocalNeo4j, LocalNeo4jError, free_ports
from kg.database import DatabaseUnavailable, connect


@pytest.fixture
def local_home(tmp_path: Path, settings: Settings) -> Path:
    """A fresh KG_HOME that shares only the jar cache (a symlink) with the test session."""
    home = tmp_path / "kg-home"
    home.mkdir()
    (home / f"neo4j-{NEO4J_VERSION}").symlink_to(Path(settings.kg_home) / f"neo4j-{NEO4J_VERSION}")
    return home


def _kg(home: Path, bolt: int, http: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    env |= {"KG_HOME": str(home), "KG_LOCAL_BOLT_PORT": str(bolt), "KG_LOCAL_HTTP_PORT": str(http)}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "neo4j", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,  # no project .env leaks in
        timeout=300,
    )


def _alive(pid: int) -> bool:
    """Running, i.e. present and not a zombie waiting for init to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_start_status_stop_lifecycle(local_home: Path):
    bolt, http = free_ports(2)
    local = Settings(
        _env_file=None, kg_home=local_home, kg_local_bolt_port=bolt, kg_local_http_port=http
    )
    server = LocalNeo4j.from_settings(local)
    try:
        status = _kg(local_home, bolt, http, "status")
        assert status.returncode == 1
        assert "not running" in status.stdout

        # A pid file left behind by a crashed server must not block the start.
        server.pid_file.parent.mkdir(parents=True)
        server.pid_file.write_text(f"{_dead_pid()}\n")

        started = _kg(local_home, bolt, http, "start")
        assert started.returncode == 0, started.stderr
        assert "started" in started.stdout
        pid = server.pid()
        assert pid is not None  # the CLI returned, the server keeps running

        again = _kg(local_home, bolt, http, "start")
        assert again.returncode == 0
        assert "already running" in again.stdout
        assert server.pid() == pid

        status = _kg(local_home, bolt, http, "status")
        assert status.returncode == 0
        assert "running" in status.stdout and str(bolt) in status.stdout

        # The app connects to the local server with the generated password, nothing hard-coded.
        assert oct(server.password_file.stat().st_mode & 0o777) == "0o600"
        assert server.password != "neo4j"
        with open_driver(local) as driver:
            driver.execute_query("CREATE (:Probe {name: $name})", name="local")
            count = driver.execute_query("MATCH (p:Probe) RETURN count(p) AS n").records[0]["n"]
        assert count == 1

        stopped = _kg(local_home, bolt, http, "stop")
        assert stopped.returncode == 0
        assert "stopped" in stopped.stdout
        assert server.pid() is None
        assert not _alive(pid)

        with pytest.raises(Neo4jConnectionError, match="not reachable") as caught:
            open_driver(local)
        assert caught.value.reason == "unreachable" and caught.value.is_local
        with pytest.raises(DatabaseUnavailable, match="not reachable.*hint: run `kg neo4j start`"):
            connect(local, start_local=False)
        assert "not running" in _kg(local_home, bolt, http, "stop").stdout
    finally:
        server.stop()


def test_pid_file_naming_another_live_process_is_not_a_server(tmp_path: Path):
    server = LocalNeo4j(tmp_path, tmp_path / "instance", *free_ports(2))
    server.pid_file.parent.mkdir(parents=True)
    server.pid_file.write_text(f"{os.getpid()}\n")  # alive, but pytest, not this Neo4j
    assert server.pid() is None
    assert not server.status().running


def test_start_on_a_port_taken_by_another_program_says_so(tmp_path: Path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        server = LocalNeo4j(tmp_path, tmp_path / "instance", taken, free_ports(1)[0])
        with pytest.raises(LocalNeo4jError, match=f"Port {taken} .* already in use"):
            server.start()
    assert server.pid() is None


def test_generated_passwords_never_look_like_an_option():
    # neo4j-admin reads a leading "-" as an option; url-safe tokens start with one 1 time in 64
    from graph.local_server import generate_password

    passwords = [generate_password() for _ in range(2000)]
    assert not any(p.startswith("-") for p in passwords)
    assert len(set(passwords)) == len(passwords) and min(map(len, passwords)) >= 24
