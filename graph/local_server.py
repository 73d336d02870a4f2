"""The project's own Neo4j community server, fetched from Maven Central and run as a plain JVM.

Why: this machine, CI and many laptops have Java 17 and Maven but no Docker. Neo4j publishes its
community server on Maven Central as ordinary jars, so we fetch them once into a version-keyed
cache (shared by every instance) and start a real server per *instance folder* (its own conf,
data, logs, pid file and generated password). `kg neo4j start` and the test suite both use this.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from graph import local_instance
from graph.local_instance import ADMIN_USER

if TYPE_CHECKING:
    from config.settings import Settings

#: Newest 5.26 LTS patch on Maven Central (org/neo4j/neo4j/maven-metadata.xml), pinned so that
#: every run fetches the same server.
NEO4J_VERSION = "5.26.30"
#: Newest Neo4j Browser on Maven Central (org.neo4j.client:neo4j-browser stops at 5.24); it
#: serves at http://127.0.0.1:<http port>/browser/ from the 5.26 server's classpath.
BROWSER_VERSION = "5.24.0"
#: Runs on Java 17 and 21 only (Neo4j 5.26's supported JVMs).
SUPPORTED_JAVA = (17, 21)
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"

#: How much transaction log the local server keeps (Neo4j's retention policy syntax).
TX_LOG_RETENTION = "256M size"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
#: JVM flags taken from the server's default `server.jvm.additional` list (the add-opens give
#: the page cache direct buffer access; without them Neo4j falls back to a slower mode and warns).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)
_RESOURCES = Path(__file__).with_name("local_neo4j")
_STOP_GRACE_SECONDS = 30.0


class LocalNeo4jError(RuntimeError):
    """The local server could not be installed, started or reached; the message says why."""


@dataclass(frozen=True)
class ServerStatus:
    """What `kg neo4j status` reports."""

    running: bool
    ready: bool
    pid: int | None
    uri: str
    message: str


class LocalNeo4j:
    """One local Neo4j instance: jars from a shared cache, everything else in `data_dir`.

    `cache_dir` holds `neo4j-<version>/lib` (shared, read-only once installed); `data_dir` holds
    conf/, data/, logs/, run/, the pid file and the generated password, so several instances
    (the `make run` one and each test run's throwaway one) run side by side on their own ports.
    """

    def __init__(
        self,
        cache_dir: Path,
        data_dir: Path,
        bolt_port: int,
        http_port: int,
        *,
        version: str = NEO4J_VERSION,
        heap: str = "768m",
        pagecache: str = "256m",
        die_with_parent: bool = False,
        browser: bool = True,
        quick_jit: bool = False,
    ) -> None:
        self.cache_dir = Path(cache_dir).resolve()
        self.data_dir = Path(data_dir).resolve()
        self.bolt_port = bolt_port
        self.http_port = http_port
        self.version = version
        self.heap = heap
        self.pagecache = pagecache
        # Test servers die with the pytest process even if it is killed hard (Linux only).
        self.die_with_parent = die_with_parent
        self.browser = browser
        # C1-only JIT: starts ~30% faster on a busy 2-core machine, runs long queries slower;
        # right for short-lived test servers, not for the one that serves the API.
        self.quick_jit = quick_jit
        self._proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalNeo4j:
        """The `make run` / `kg neo4j` instance: <kg_home>/local on the configured ports."""
        home = Path(settings.kg_home)
        return cls(
            cache_dir=home,
            data_dir=local_instance.instance_dir(settings),
            bolt_port=settings.kg_local_bolt_port,
            http_port=settings.kg_local_http_port,
        )

    # ----------------------------------------------------------------- paths and facts
    @property
    def install_dir(self) -> Path:
        return self.cache_dir / f"neo4j-{self.version}"

    @property
    def lib_dir(self) -> Path:
        return self.install_dir / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.data_dir / "conf"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "neo4j.log"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "run" / "kg-neo4j.pid"

    @property
    def password_file(self) -> Path:
        return local_instance.password_file(self.data_dir)

    @property
    def uri(self) -> str:
        return local_instance.bolt_uri(self.bolt_port)

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/"

    @property
    def user(self) -> str:
        return ADMIN_USER

    @property
    def password(self) -> str:
        """The generated password of this instance (created on its first start)."""
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise LocalNeo4jError(
                f"No password stored at {self.password_file}; start the server once "
                "(`kg neo4j start`) to create one."
            ) from None

    def is_installed(self) -> bool:
        return (self.lib_dir / f"neo4j-{self.version}.jar").is_file()

    @property
    def browser_jar(self) -> Path:
        return (
            self.cache_dir
            / f"neo4j-browser-{BROWSER_VERSION}"
            / "lib"
            / f"neo4j-browser-{BROWSER_VERSION}.jar"
        )

    # ----------------------------------------------------------------- install
    def install(self, progress: Callable[[str], None] | None = None) -> bool:
        """Fetch the server jars with Maven into the version-keyed cache; False if already there.

        The Browser jar is fetched too when `browser` is on; if that fails the server still runs.
        """
        fetched = False
        if not self.is_installed():
            fetched = _maven_fetch(
                self.install_dir,
                [
                    ("org.neo4j", "neo4j", self.version),
                    ("org.neo4j.app", "neo4j-server", self.version),
                ],
                transitive=True,
                what=f"Neo4j {self.version}",
                progress=progress,
            )
        if self.browser and not self.browser_jar.is_file():
            try:
                _maven_fetch(
                    self.browser_jar.parent.parent,
                    [("org.neo4j.client", "neo4j-browser", BROWSER_VERSION)],
                    transitive=False,
                    what=f"Neo4j Browser {BROWSER_VERSION}",
                    progress=progress,
                )
            except LocalNeo4jError as error:
                if progress:
                    progress(f"Neo4j Browser not installed (the server runs without it): {error}")
        return fetched

    # ----------------------------------------------------------------- start / stop
    def pid(self) -> int | None:
        """Pid of this instance's running server, or None (a stale pid file counts as None)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if self._is_our_server(pid) else None

    def is_running(self) -> bool:
        return self.pid() is not None

    def status(self) -> ServerStatus:
        """Running (our process is alive) and ready (Bolt accepts the stored password)."""
        import neo4j

        pid = self.pid()
        if pid is None:
            message = f"Neo4j is not running (instance folder {self.data_dir})."
            return ServerStatus(False, False, None, self.uri, message)
        try:
            ready = self._answers()
            state = "running" if ready else "starting (Bolt does not answer yet)"
        except (neo4j.exceptions.AuthError, LocalNeo4jError) as error:
            ready, state = False, f"running but rejects the stored password ({error})"
        message = f"Neo4j {self.version} {state}: {self.uri}, pid {pid}."
        return ServerStatus(True, ready, pid, self.uri, message)

    def start(self, timeout: float = 120.0, progress: Callable[[str], None] | None = None) -> bool:
        """Start the server detached and wait until Bolt answers; False if it already runs."""
        if self.is_running():
            return False
        # Several `kg` commands may start the same instance at once: one starts, the rest wait
        # for it and then find it running (two JVMs on one store would fight over its lock).
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with _file_lock(self.data_dir / ".start.lock"):
            return self._start_locked(timeout, progress)

    def _start_locked(self, timeout: float, progress: Callable[[str], None] | None) -> bool:
        if self.is_running():
            return False
        for port in (self.bolt_port, self.http_port):
            if _port_in_use(port):
                raise LocalNeo4jError(
                    f"Port {port} on 127.0.0.1 is already in use by another program. "
                    "Hint: stop it, or set KG_LOCAL_BOLT_PORT / KG_LOCAL_HTTP_PORT."
                )
        java = find_java()
        self.install(progress)
        self._write_config()
        self._ensure_password(java)
        self.pid_file.unlink(missing_ok=True)  # stale: the process is gone (checked above)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        classpath = os.pathsep.join(
            [f"{self.data_dir / 'plugins'}/*", f"{self.conf_dir}/*", f"{self.lib_dir}/*"]
            + ([str(self.browser_jar)] if self.browser and self.browser_jar.is_file() else [])
        )
        command = [
            str(java),
            f"-Xms{min(256, _megabytes(self.heap))}m",
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            *(["-XX:TieredStopAtLevel=1"] if self.quick_jit else []),
            "-cp",
            classpath,
            MAIN_CLASS,
            f"--home-dir={self.data_dir}",
            f"--config-dir={self.conf_dir}",
            "--console-mode",
        ]
        if progress:
            progress(f"Starting Neo4j {self.version} on {self.uri} ...")
        with open(self.log_file, "ab") as log:
            self._proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                start_new_session=True,  # own process group: survives the CLI, stopped as a group
                preexec_fn=_die_with_parent if self.die_with_parent else None,
            )
        self.pid_file.write_text(f"{self._proc.pid}\n")
        self._wait_until_ready(timeout)
        return True

    def stop(self, timeout: float = _STOP_GRACE_SECONDS) -> bool:
        """SIGTERM the server, wait up to `timeout`, then SIGKILL; False if it was not running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        _signal_group(pid, signal.SIGTERM)
        if not self._wait_gone(pid, timeout):
            _signal_group(pid, signal.SIGKILL)
            self._wait_gone(pid, 10.0)
        self.pid_file.unlink(missing_ok=True)
        self._proc = None
        return True

    # ----------------------------------------------------------------- internals
    def _write_config(self) -> None:
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.data_dir / sub).mkdir(parents=True, exist_ok=True)
        d = self.data_dir
        for name in ("server-logs.xml", "user-logs.xml"):
            shutil.copyfile(_RESOURCES / name, self.conf_dir / name)
        lines = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "server.memory.pagecache.size": self.pagecache,
            "dbms.usage_report.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "server.config.strict_validation.enabled": "true",
            "server.directories.data": str(d / "data"),
            "server.directories.logs": str(d / "logs"),
            "server.directories.run": str(d / "run"),
            "server.directories.transaction.logs.root": str(d / "data" / "transactions"),
            "server.directories.import": str(d / "import"),
            "server.directories.plugins": str(d / "plugins"),
            "server.logs.config": str(self.conf_dir / "server-logs.xml"),
            "server.logs.user.config": str(self.conf_dir / "user-logs.xml"),
            # Bounded transaction logs: keep about TX_LOG_RETENTION of them, pruned at each
            # checkpoint, and checkpoint often enough that pruning keeps up with a big load
            # (unbounded, a 50k-document load once filled the disk with 71 GB of logs).
            "db.tx_log.rotation.retention_policy": TX_LOG_RETENTION,
            "db.tx_log.rotation.size": "64M",
            "db.checkpoint.interval.time": "5m",
            "db.checkpoint.interval.volume": "128m",
            # Bolt's network threads otherwise idle 2 x 5 s before exiting: stop takes 1 s, not 11.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
            "internal.dbms.bolt.netty_server_shutdown_timeout": "2",
        }
        text = "# Written by graph/local_server.py on every start; edits are overwritten.\n"
        text += "".join(f"{key}={value}\n" for key, value in lines.items())
        (self.conf_dir / "neo4j.conf").write_text(text, encoding="utf-8")

    def _ensure_password(self, java: Path) -> None:
        """Generate and set the initial password before the very first start of this instance."""
        if self.password_file.is_file():
            return
        if (self.data_dir / "data" / "databases").exists():
            raise LocalNeo4jError(
                f"The database in {self.data_dir / 'data'} exists but its password file "
                f"{self.password_file} is gone. Hint: `kg neo4j stop` and delete "
                f"{self.data_dir} to start afresh (this deletes the local graph)."
            )
        password = generate_password()
        result = subprocess.run(
            [
                str(java),
                "-cp",
                f"{self.lib_dir}/*",
                ADMIN_CLASS,
                "dbms",
                "set-initial-password",
                password,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "NEO4J_HOME": str(self.data_dir), "NEO4J_CONF": str(self.conf_dir)},
        )
        if result.returncode != 0:
            raise LocalNeo4jError(
                f"Could not set the initial Neo4j password:\n{result.stdout}{result.stderr}"
            )
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")

    def _is_our_server(self, pid: int) -> bool:
        """True if `pid` is alive (not a zombie) and is this instance's Neo4j JVM."""
        if self._proc is not None and self._proc.pid == pid:
            return self._proc.poll() is None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError):
            return False
        return state != "Z" and f"--home-dir={self.data_dir}".encode() in cmdline

    def _answers(self) -> bool:
        """True if Bolt accepts our credentials and runs a query; AuthError propagates."""
        return self._probe() is None

    def _probe(self) -> str | None:
        """None when ready, else why not (one line). A wrong password raises AuthError."""
        import neo4j

        try:
            with neo4j.GraphDatabase.driver(
                self.uri, auth=(self.user, self.password), connection_timeout=3.0
            ) as driver:
                driver.verify_connectivity()
                driver.execute_query("RETURN 1")
            return None
        except neo4j.exceptions.AuthError:
            raise
        # While starting, Bolt may refuse connections or report the database as unavailable.
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as error:
            return " ".join(f"{type(error).__name__}: {error}".split())

    def _wait_until_ready(self, timeout: float) -> None:
        import neo4j

        deadline = time.monotonic() + timeout
        last_error: str | None = "no attempt"
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise LocalNeo4jError(
                    f"Neo4j exited with status {self._proc.returncode} during start-up.\n"
                    f"{self.log_tail()}\nHint: see {self.log_file} and "
                    f"{self.data_dir / 'logs' / 'debug.log'}."
                )
            try:
                last_error = self._probe()
                if last_error is None:
                    return
            except neo4j.exceptions.AuthError as error:
                self.stop()
                raise LocalNeo4jError(
                    f"Neo4j started but rejected the stored password ({error.message}). "
                    f"Hint: delete {self.data_dir} to start afresh (this deletes the local graph)."
                ) from error
            time.sleep(0.5)
        self.stop()
        raise LocalNeo4jError(
            f"Neo4j did not answer on {self.uri} within {timeout:.0f} s ({last_error}); "
            "stopped it.\n"
            f"{self.log_tail()}\nHint: the machine may be busy; retry, or see {self.log_file}."
        )

    def _wait_gone(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.pid == pid:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._proc.wait(timeout=0.2)
                if self._proc.poll() is not None:
                    return True
            elif not self._is_our_server(pid):
                return True
            time.sleep(0.2)
        return False

    def log_tail(self, lines: int = 25) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log written)"
        return "\n".join(text.splitlines()[-lines:])


# --------------------------------------------------------------------- helpers
def find_java() -> Path:
    """A Java 17 or 21 executable: JAVA_HOME if it fits, else the system OpenJDK 17/21."""
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    for major in SUPPORTED_JAVA:
        candidates += sorted(Path("/usr/lib/jvm").glob(f"java-{major}-openjdk*/bin/java"))
        candidates += sorted(Path("/usr/lib/jvm").glob(f"temurin-{major}*/bin/java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path).resolve())
    for java in candidates:
        if java.is_file() and _java_major(java) in SUPPORTED_JAVA:
            return java.resolve()
    raise LocalNeo4jError(
        "Neo4j 5.26 needs Java 17 or 21 and none was found. Hint: install OpenJDK 17 and/or set "
        "JAVA_HOME to it, or set NEO4J_URI to an existing Neo4j."
    )


def _java_major(java: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30
        ).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def _maven_fetch(
    target: Path,
    artifacts: list[tuple[str, str, str]],
    *,
    transitive: bool,
    what: str,
    progress: Callable[[str], None] | None,
) -> bool:
    """Copy `artifacts` (group, artifact, version) from Maven into `target`/lib, atomically.

    Downloads into a temporary sibling folder and renames it into place, under a file lock, so
    concurrent installs (several test runs at once) wait for one download and a crash never
    leaves a half-filled cache. False if another process finished it meanwhile.
    """
    group, artifact, version = artifacts[0]
    marker = target / "lib" / f"{artifact}-{version}.jar"
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError(
            "Maven (`mvn`) is not on PATH; install Maven or set NEO4J_URI to an existing Neo4j."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(target.parent / f".{target.name}.lock"):
        if marker.is_file():
            return False
        for leftover in target.parent.glob(f".{target.name}-*"):  # from a killed download
            shutil.rmtree(leftover, ignore_errors=True)
        if progress:
            progress(
                f"Downloading {what} from Maven Central into {target} "
                "(first run only; this can take a few minutes)..."
            )
        started = time.monotonic()
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        try:
            dependencies = "".join(
                f"    <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
                f"<version>{v}</version></dependency>\n"
                for g, a, v in artifacts
            )
            pom = Template((_RESOURCES / "fetch-pom.xml").read_text(encoding="utf-8"))
            (tmp / "pom.xml").write_text(pom.substitute(dependencies=dependencies), "utf-8")
            result = subprocess.run(
                [
                    mvn,
                    "-B",
                    "-q",
                    "-f",
                    str(tmp / "pom.xml"),
                    "dependency:copy-dependencies",
                    "-DincludeScope=runtime",
                    f"-DexcludeTransitive={str(not transitive).lower()}",
                    f"-DoutputDirectory={tmp / 'lib'}",
                ],
                capture_output=True,
                text=True,
                env={**os.environ, "JAVA_HOME": str(find_java().parent.parent)},
            )
            if result.returncode != 0 or not (tmp / "lib" / marker.name).is_file():
                tail = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
                raise LocalNeo4jError(
                    f"Maven could not fetch {what}:\n{tail}\n"
                    "Hint: check access to Maven Central (or mirrors in ~/.m2/settings.xml)."
                )
            if target.exists():  # a half install left by an older, non-atomic version
                shutil.rmtree(target)
            tmp.chmod(0o755)  # mkdtemp makes it private; the cache is read by every instance
            tmp.rename(target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if progress:
        progress(f"{what} installed in {time.monotonic() - started:.0f} s.")
    return True


def _megabytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kmgKMG]?)", size).groups()  # type: ignore[union-attr]
    factor = {"k": 1 / 1024, "m": 1, "g": 1024, "": 1 / (1024 * 1024)}[unit.lower()]
    return int(int(number) * factor)


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def generate_password() -> str:
    """A random password that `neo4j-admin` cannot mistake for an option.

    Why: url-safe tokens may start with "-" (1 start in 64), which the admin tool's command
    line parser reads as an unknown option, failing the first start.
    """
    return "k" + secrets.token_urlsafe(18)


def free_port() -> int:
    """A TCP port the OS says is free right now on 127.0.0.1."""
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """`count` distinct TCP ports free right now on 127.0.0.1 (held open until all are chosen)."""
    with contextlib.ExitStack() as stack:
        ports = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
    except PermissionError:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def _die_with_parent() -> None:
    """Child-side: ask Linux to SIGTERM us when the parent dies (test servers never leak)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def _file_lock(path: Path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
