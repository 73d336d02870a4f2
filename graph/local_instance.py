"""Where the project's own local Neo4j listens and keeps its password, without the launcher.

Why a module of its own: the API and the loader only need to *connect* to the local server
(its Bolt URI and generated password); starting it (Maven, the JVM) is the CLI's business.
Both the launcher (graph/local_server.py) and the driver read these facts from here, so they
cannot disagree.
"""

from __future__ import annotations

from pathlib import Path

from config.settings import Settings

#: The local server's admin user (Neo4j's built-in one).
ADMIN_USER = "neo4j"
#: Instance folder of the `make run` / `kg neo4j` server, under KG_HOME.
LOCAL_INSTANCE_DIR = "local"
#: File (mode 600) in an instance folder holding the password generated on first start.
PASSWORD_FILE_NAME = "password"


def bolt_uri(port: int) -> str:
    """The Bolt URI of a local server on `port` (loopback only)."""
    return f"bolt://127.0.0.1:{port}"


def instance_dir(settings: Settings) -> Path:
    """The instance folder of the configured local server."""
    return Path(settings.kg_home) / LOCAL_INSTANCE_DIR


def password_file(data_dir: Path) -> Path:
    """Where an instance folder keeps its generated password."""
    return Path(data_dir) / PASSWORD_FILE_NAME


def read_password(data_dir: Path) -> str | None:
    """The generated password of the instance in `data_dir`, or None before its first start."""
    try:
        return password_file(data_dir).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
