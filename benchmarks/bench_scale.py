"""Scale benchmark: load a growing synthetic corpus block by block and watch what each block costs.

Why: issue 9. At tens of thousands of documents the store's cost per document must stay flat
(transaction-log and store bytes, documents/s, loader memory), and our writer must stay close to
a bare batched `UNWIND $rows MERGE` of the same rows. Per-block numbers show growth that a
single total hides.

What it does:
1. Generates the corpus with benchmarks/gen_corpus.py (Zipf-skewed entities, seeded) and runs
   the project's extractor on it once, into one `kg extract`-shaped JSON Lines file per block.
2. For each writer (ours, bare): starts its own local Neo4j (graph/local_server.py) in a
   temporary folder, with small transaction-log retention and no log preallocation (so file
   sizes show the bytes written), creates the project's schema, then loads the blocks in
   order (--sizes are cumulative totals: 1000,10000 = docs 0-999, then 1000-9999). Each block
   is written by a child process, so its peak RSS is the loader's alone.
3. Per block it reports documents/s, transaction-log bytes written per document (largest size
   seen of every log file, polled, so pruned files still count), store bytes per document
   (databases/neo4j after a checkpoint) and the writer's peak RSS; then ours/bare ratios.
4. Optionally (--end-to-end N): `kg extract` alone vs `kg load` on N text files.
Every data folder is deleted at the end; it stops if free disk drops under --min-free-gb.

Run (defaults are a quick smoke run):
  .venv/bin/python benchmarks/bench_scale.py --sizes 1000,2000,5000
  .venv/bin/python benchmarks/bench_scale.py --sizes 1000,10000 --json /tmp/scale.json
Numbers and commands: docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import neo4j  # noqa: E402

from config.settings import Settings  # noqa: E402
from graph import ontology  # noqa: E402
from graph.local_server import LocalNeo4j, free_ports  # noqa: E402

DATABASE = "neo4j"
#: Settings the benchmark's server needs; each is added only if the project's config lacks it,
#: except those in BENCH_OVERRIDES.
BENCH_SERVER_SETTINGS = {
    # Bounded logs: without retention, a 100k load filled the disk (issue 9).
    "db.tx_log.rotation.retention_policy": "2 files",
    "db.tx_log.rotation.size": "128M",
    # Without preallocation a log file's size is the bytes written to it so far.
    "db.tx_log.preallocate": "false",
    # Frequent checkpoints, so store sizes can be read after each block (wait_for_checkpoint);
    # the default is every 15 minutes or 250 MiB of log.
    "db.checkpoint.interval.time": "10s",
}
#: Replace the project's value: its 5-minute checkpoint interval outlasts wait_for_checkpoint's
#: 3 minutes, so store sizes were read before the block's pages reached the files (and each
#: block waited up to 3 minutes for nothing).
BENCH_OVERRIDES = frozenset({"db.checkpoint.interval.time"})
_PASSWORD_ENV = "KG_BENCH_PASSWORD"


# ----------------------------------------------------------------------------- our writer
def write_ours(driver: neo4j.Driver, extractions: Iterable[Mapping[str, Any]]) -> int:
    """OUR side of the comparison, the one place to switch entry points; returns documents.

    The path of `kg load --extractions`: validation, one "already loaded?" query and one
    write transaction per batch of 100 documents (loaders.pipeline.load_extractions).
    """
    import json

    from config.settings import Settings
    from loaders.pipeline import load_extractions

    settings = Settings(_env_file=None, neo4j_database=DATABASE)
    lines = (json.dumps(extraction) for extraction in extractions)
    summary = load_extractions(driver, settings, lines, name="bench")
    if summary.failed:
        raise RuntimeError(f"{summary.failed} documents failed: {summary.failures[:3]}")
    return summary.loaded + summary.unchanged + summary.replaced


# ----------------------------------------------------------------------------- bare writer
def _bare_batch(extractions: list[Mapping[str, Any]]) -> dict[str, Any]:
    """A batch of extractions as plain rows: documents, entities per label, facts per type."""
    documents, entities, relations = [], {}, {}
    for extraction in extractions:
        document = extraction["document"]
        documents.append(
            {
                "id": document["id"],
                "source": document["source"],
                "title": document.get("title"),
                "publishedAt": document.get("publishedAt"),
            }
        )
        seen: set[str] = set()
        for entity in extraction["entities"]:
            if entity["id"] in seen:
                continue
            seen.add(entity["id"])
            scalars = {k: v for k, v in (entity.get("properties") or {}).items() if v is not None}
            entities.setdefault(entity["type"], []).append(
                {
                    "doc": document["id"],
                    "id": entity["id"],
                    "name": entity["name"],
                    "props": scalars,
                    "count": max(len(entity.get("mentions") or ()), 1),
                }
            )
        for relation in extraction["relations"]:
            relations.setdefault(relation["type"], []).append(
                {
                    "from": relation["from"]["id"],
                    "to": relation["to"]["id"],
                    "props": {
                        k: v for k, v in (relation.get("properties") or {}).items() if v is not None
                    },
                }
            )
    return {"documents": documents, "entities": entities, "relations": relations}


def _bare_write(tx: neo4j.ManagedTransaction, batch: dict[str, Any]) -> None:
    """The floor: plain UNWIND MERGEs, no validation, no provenance; labels from the ontology."""
    key = ontology.KEY
    tx.run(
        f"UNWIND $rows AS row MERGE (d:Document {{{key}: row.id}}) "
        "SET d.source = row.source, d.title = row.title, d.publishedAt = date(row.publishedAt)",
        rows=batch["documents"],
    ).consume()
    for label, rows in sorted(batch["entities"].items()):
        if label not in ontology.ENTITY_LABELS:
            raise ValueError(f"{label!r} is not an entity label of the ontology")
        tx.run(
            f"UNWIND $rows AS row MERGE (n:`{label}` {{{key}: row.id}}) "
            f"ON CREATE SET n:`{ontology.ENTITY_LABEL}`, n.name = row.name SET n += row.props "
            f"WITH n, row MATCH (d:Document {{{key}: row.doc}}) "
            "MERGE (d)-[m:MENTIONS]->(n) SET m.count = row.count",
            rows=rows,
        ).consume()
    for rel_type, rows in sorted(batch["relations"].items()):
        spec = ontology.relationship_type(rel_type)
        tx.run(
            f"UNWIND $rows AS row MATCH (a:`{spec.start}` {{{key}: row.from}}) "
            f"MATCH (b:`{spec.end}` {{{key}: row.to}}) "
            f"MERGE (a)-[r:`{rel_type}`]->(b) SET r += row.props",
            rows=rows,
        ).consume()


def write_bare(driver: neo4j.Driver, extractions: Iterable[Mapping[str, Any]], batch: int) -> int:
    """The same rows as `write_ours`, `batch` documents per transaction; returns documents."""
    written = 0
    pending: list[Mapping[str, Any]] = []
    with driver.session(database=DATABASE) as session:
        for extraction in extractions:
            pending.append(extraction)
            if len(pending) >= batch:
                session.execute_write(_bare_write, _bare_batch(pending))
                written += len(pending)
                pending = []
        if pending:
            session.execute_write(_bare_write, _bare_batch(pending))
            written += len(pending)
    return written


# ----------------------------------------------------------------------------- child process
def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def child_write(writer: str, path: Path, uri: str, batch: int) -> None:
    """Run one block's writes in this (child) process and print documents and seconds."""
    auth = ("neo4j", os.environ[_PASSWORD_ENV])
    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        driver.verify_connectivity()
        started = time.perf_counter()
        if writer == "ours":
            documents = write_ours(driver, _read_lines(path))
        else:
            documents = write_bare(driver, _read_lines(path), batch)
        seconds = time.perf_counter() - started
    print(json.dumps({"documents": documents, "seconds": seconds}))


# ----------------------------------------------------------------------------- measuring
class BenchNeo4j(LocalNeo4j):
    """The project's local server plus BENCH_SERVER_SETTINGS (only those its config lacks)."""

    def _write_config(self) -> None:
        super()._write_config()
        conf = self.conf_dir / "neo4j.conf"
        lines = conf.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.split("=", 1)[0].strip() not in BENCH_OVERRIDES]
        present = {line.split("=", 1)[0].strip() for line in kept if "=" in line}
        extra = "".join(f"{k}={v}\n" for k, v in BENCH_SERVER_SETTINGS.items() if k not in present)
        conf.write_text("".join(kept) + extra, encoding="utf-8")


def process_cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of a running process (all its threads), from /proc."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def folder_bytes(folder: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.stat(os.path.join(dirpath, name)).st_size
            except FileNotFoundError:
                pass  # pruned while we walked
    return total


class TxLogMeter:
    """Bytes written to the transaction logs, even across rotation and pruning.

    Polls the log folder and keeps the largest size seen of every log file; the sum is the
    bytes written (files are not preallocated). Also watches free disk space.
    """

    def __init__(self, folder: Path, min_free_bytes: int, interval: float = 0.25) -> None:
        self.folder = folder
        self.min_free_bytes = min_free_bytes
        self.interval = interval
        self.largest: dict[str, int] = {}
        self.low_disk = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def poll(self) -> None:
        for path in self.folder.glob("*.transaction.db.*"):
            try:
                size = path.stat().st_size
            except FileNotFoundError:
                continue
            if size > self.largest.get(path.name, 0):
                self.largest[path.name] = size
        if shutil.disk_usage(self.folder).free < self.min_free_bytes:
            self.low_disk.set()

    def written(self) -> int:
        self.poll()
        return sum(self.largest.values())

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.poll()


@dataclass
class BlockResult:
    """One block of one writer."""

    writer: str
    first: int
    last: int  # exclusive: the graph holds `last` documents afterwards
    documents: int
    seconds: float
    docs_per_s: float
    txlog_bytes_per_doc: float
    store_bytes_per_doc: float
    store_bytes_total: int
    peak_rss_mb: float
    #: CPU milliseconds per document of the writer process and of the Neo4j server: on a
    #: shared machine these vary far less than documents/s.
    writer_cpu_ms_per_doc: float
    server_cpu_ms_per_doc: float
    complete: bool


_CHECKPOINT_LINE = re.compile(
    r"^(\S+ \S+)\+0000 .*CheckPointerImpl\] \[neo4j/"
    r".*@ txId: (\d+).* checkpoint (started|completed)"
)


def wait_for_checkpoint(server: LocalNeo4j, after: float, timeout: float = 180.0) -> bool:
    """Wait for a checkpoint of the database that started after `after` (epoch seconds).

    Until a checkpoint, new pages live only in the page cache, so store file sizes lag.
    Community Neo4j has no `db.checkpoint()`; the benchmark's server checkpoints every
    few seconds (BENCH_SERVER_SETTINGS) and its debug.log says when one started and ended.
    """
    debug_log = server.data_dir / "logs" / "debug.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started_tx = None
        with open(debug_log, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                match = _CHECKPOINT_LINE.match(line)
                if not match:
                    continue
                stamp, tx, phase = match.groups()
                when = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
                if phase == "started" and when.timestamp() >= after:
                    started_tx = started_tx or tx
                elif phase == "completed" and tx == started_tx:
                    return True
        time.sleep(1.0)
    return False


def run_block(
    writer: str,
    block_file: Path,
    first: int,
    last: int,
    server: LocalNeo4j,
    driver: neo4j.Driver,
    meter: TxLogMeter,
    work_dir: Path,
    args: argparse.Namespace,
) -> BlockResult:
    store = server.data_dir / "data" / "databases" / DATABASE
    log_before, store_before = meter.written(), folder_bytes(store)
    env = {**os.environ, _PASSWORD_ENV: server.password}
    if writer == "ours" and args.ours_command:
        command = [part.format(file=block_file) for part in args.ours_command.split()]
        env.update(NEO4J_URI=server.uri, NEO4J_USER=server.user, NEO4J_PASSWORD=server.password)
    else:
        command = [sys.executable, __file__, "--child", writer, "--file", str(block_file)]
        command += ["--uri", server.uri, "--batch", str(args.batch)]
    timed_by_child = command[0] == sys.executable
    output_path = work_dir / f"{block_file.stem}.{writer}.out"
    server_cpu_before = process_cpu_seconds(server.pid())
    started = time.perf_counter()
    with open(output_path, "wb") as output_file:
        child = subprocess.Popen(command, env=env, stdout=output_file, cwd=ROOT)
        complete = True
        while True:  # wait4, not wait: it gives this child's own peak RSS
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if meter.low_disk.is_set() or time.perf_counter() - started > args.block_timeout:
                child.kill()
                complete = False
            time.sleep(0.1)
    wall = time.perf_counter() - started
    server_cpu = process_cpu_seconds(server.pid()) - server_cpu_before
    writer_cpu = usage.ru_utime + usage.ru_stime
    output = output_path.read_text(encoding="utf-8", errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if complete and code != 0:
        raise RuntimeError(f"{writer} writer failed (exit {code}): {output[-2000:]}")
    if complete and timed_by_child:
        reported = json.loads(output.strip().splitlines()[-1])
        documents, seconds = reported["documents"], reported["seconds"]
    else:
        documents, seconds = _count_documents(driver) - first, wall
    wait_for_checkpoint(server, after=time.time())
    log_bytes = meter.written() - log_before
    store_after = folder_bytes(store)
    per_doc = max(documents, 1)
    return BlockResult(
        writer=writer,
        first=first,
        last=first + documents,
        documents=documents,
        seconds=round(seconds, 2),
        docs_per_s=round(documents / seconds, 1),
        txlog_bytes_per_doc=round(log_bytes / per_doc),
        store_bytes_per_doc=round((store_after - store_before) / per_doc),
        store_bytes_total=store_after,
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
        writer_cpu_ms_per_doc=round(1000 * writer_cpu / per_doc, 1),
        server_cpu_ms_per_doc=round(1000 * server_cpu / per_doc, 1),
        complete=complete,
    )


def _count_documents(driver: neo4j.Driver) -> int:
    query = "MATCH (d:Document) RETURN count(d) AS n"
    return driver.execute_query(query, database_=DATABASE).records[0]["n"]


# ----------------------------------------------------------------------------- the run
def generate_blocks(
    bounds: list[tuple[int, int]], folder: Path, seed: int, workers: int
) -> list[Path]:
    """One `kg extract`-shaped JSON Lines file per block (extraction runs once, here)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import gen_corpus

    files = []
    for first, last in bounds:
        path = folder / f"seed{seed}-docs-{first}-{last}.jsonl"
        files.append(path)
        if path.is_file():
            print(f"reusing {path}", flush=True)
            continue
        partial = path.with_suffix(".part")
        started = time.perf_counter()
        with open(partial, "w", encoding="utf-8") as out:
            gen_corpus.write_extractions(seed, first, last - first, out, workers)
        partial.rename(path)
        seconds = time.perf_counter() - started
        print(
            f"generated + extracted docs {first}-{last - 1}: {seconds:.1f} s "
            f"({(last - first) / seconds:.0f} docs/s, {workers} worker(s)), "
            f"{path.stat().st_size / 1e6:.1f} MB JSONL",
            flush=True,
        )
    return files


def start_server(folder: Path) -> BenchNeo4j:
    bolt, http = free_ports(2)
    server = BenchNeo4j(
        cache_dir=Settings(_env_file=None).kg_home,
        data_dir=folder,
        bolt_port=bolt,
        http_port=http,
        die_with_parent=True,
        browser=False,
    )
    server.start(timeout=300)
    return server


def warm_up(
    writer: str,
    warmup_file: Path,
    server: LocalNeo4j,
    driver: neo4j.Driver,
    work: Path,
    args: argparse.Namespace,
) -> None:
    """Write other documents with this writer, then delete them: JIT and query plans are warm.

    Without it the first block pays the server's start-up (compiling the writer's large
    query on a cold JVM), which on a busy 2-core machine dominates a 1,000-document block.
    The deleted records are reused by the first block, so its store bytes read a little low.
    """
    env = {**os.environ, _PASSWORD_ENV: server.password}
    command = [sys.executable, __file__, "--child", writer, "--file", str(warmup_file)]
    command += ["--uri", server.uri, "--batch", str(args.batch)]
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    with driver.session(database=DATABASE) as session:  # IN TRANSACTIONS needs auto-commit
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS").consume()
    print(f"{writer}: warmed up in {time.perf_counter() - started:.0f} s", flush=True)


def run_writer(
    writer: str,
    files: list[Path],
    bounds: list[tuple[int, int]],
    work: Path,
    warmup_file: Path | None,
    args: argparse.Namespace,
) -> list[BlockResult]:
    """Fresh server, schema, then every block in order; the server's folder is deleted after."""
    from graph.schema import ensure_schema

    folder = work / f"neo4j-{writer}"
    server = start_server(folder)
    results: list[BlockResult] = []
    try:
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            ensure_schema(driver, DATABASE)
            if warmup_file is not None:
                warm_up(writer, warmup_file, server, driver, work, args)
            wait_for_checkpoint(server, after=time.time())
            meter = TxLogMeter(
                server.data_dir / "data" / "transactions" / DATABASE, args.min_free_gb * 10**9
            )
            meter.start()
            try:
                for path, (first, last) in zip(files, bounds, strict=True):
                    result = run_block(writer, path, first, last, server, driver, meter, work, args)
                    results.append(result)
                    _print_row(result)
                    if not result.complete:
                        print(f"{writer}: block stopped (time limit or low disk); not going on")
                        break
            finally:
                meter.stop()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return results


def _print_row(r: BlockResult) -> None:
    print(
        f"{r.writer:<5} docs {r.first:>7}-{r.last - 1:<7} {r.documents:>7} docs "
        f"{r.seconds:>8.1f} s "
        f"{r.docs_per_s:>8.1f} docs/s  txlog {r.txlog_bytes_per_doc / 1024:>8.1f} kB/doc  "
        f"store {r.store_bytes_per_doc / 1024:>6.1f} kB/doc  peak RSS {r.peak_rss_mb:>6.1f} MB  "
        f"CPU ms/doc writer {r.writer_cpu_ms_per_doc:.1f} server {r.server_cpu_ms_per_doc:.1f}"
        + ("" if r.complete else "  (INCOMPLETE)"),
        flush=True,
    )


def end_to_end(documents: int, work: Path, seed: int, workers: int | None) -> dict[str, float]:
    """`kg extract` alone vs `kg load` (extract + write) on the same text files, fresh server.

    `workers` None: `kg load` as users run it, with no `--workers` (its default)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import gen_corpus

    texts = work / "texts"
    gen_corpus.write_texts(seed, 0, documents, texts)
    kg = str(Path(sys.executable).with_name("kg"))
    started = time.perf_counter()
    subprocess.run([kg, "extract", str(texts)], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    extract_seconds = time.perf_counter() - started
    folder = work / "neo4j-e2e"
    server = start_server(folder)
    try:
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            from graph.schema import ensure_schema

            ensure_schema(driver, DATABASE)
        env = {
            **os.environ,
            "NEO4J_URI": server.uri,
            "NEO4J_USER": server.user,
            "NEO4J_PASSWORD": server.password,
        }
        started = time.perf_counter()
        subprocess.run(
            [kg, "load", *([] if workers is None else ["--workers", str(workers)]), str(texts)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            env=env,
            cwd=ROOT,
        )
        load_seconds = time.perf_counter() - started
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(texts, ignore_errors=True)
    line = {
        "documents": documents,
        "kg_extract_seconds": round(extract_seconds, 1),
        "kg_load_seconds": round(load_seconds, 1),
        "load_over_extract": round(load_seconds / extract_seconds, 2),
    }
    print(
        f"end to end, {documents} text files: kg extract {extract_seconds:.1f} s, kg load "
        f"({'default workers' if workers is None else f'--workers {workers}'}) "
        f"{load_seconds:.1f} s, ratio {line['load_over_extract']:.2f}"
    )
    return line


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000", help="cumulative document totals")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--writers", default="ours,bare", help="ours and/or bare, in this order")
    parser.add_argument("--batch", type=int, default=500, help="documents per bare transaction")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument(
        "--ours-command",
        help="run our side as this command instead of write_ours, e.g. "
        "'.venv/bin/kg load --extractions {file}' (timed as wall time, with start-up)",
    )
    parser.add_argument(
        "--warmup", type=int, default=100, help="documents written and deleted before block 1"
    )
    parser.add_argument("--end-to-end", type=int, default=0, help="also kg load vs kg extract")
    parser.add_argument(
        "--load-workers",
        type=int,
        help="--workers of the end-to-end kg load (default: none given, kg load's default)",
    )
    parser.add_argument("--block-timeout", type=float, default=900.0, help="seconds per block")
    parser.add_argument("--min-free-gb", type=float, default=20.0)
    parser.add_argument("--json", type=Path, help="also write all results here")
    parser.add_argument("--work-dir", type=Path, help="parent of the temporary data folders")
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        help="keep the extracted blocks here and reuse them on the next run (same seed and "
        "sizes); default: generated into the temporary folder and deleted",
    )
    parser.add_argument("--child", choices=("ours", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--uri", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_write(args.child, args.file, args.uri, args.batch)
        return

    totals = [int(size) for size in args.sizes.split(",")]
    bounds = list(zip([0, *totals[:-1]], totals, strict=True))
    writers = [w.strip() for w in args.writers.split(",") if w.strip()]
    results: list[BlockResult] = []
    e2e: dict[str, float] | None = None
    work = Path(tempfile.mkdtemp(prefix="kg-scale-", dir=args.work_dir))
    print(
        f"kg scale benchmark {time.strftime('%Y-%m-%d %H:%M')}, sizes {totals}, seed "
        f"{args.seed}, data in {work}",
        flush=True,
    )
    try:
        corpus = args.corpus_dir or work
        corpus.mkdir(parents=True, exist_ok=True)
        files = generate_blocks(bounds, corpus, args.seed, args.workers)
        warmup_file = None
        if args.warmup:
            # Another seed: other documents (ids), deleted again before block 1.
            (warmup_file,) = generate_blocks([(0, args.warmup)], work, args.seed + 1000, 1)
        for writer in writers:
            results += run_writer(writer, files, bounds, work, warmup_file, args)
        if args.end_to_end:
            e2e = end_to_end(args.end_to_end, work, args.seed, args.load_workers)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ours = {r.first: r for r in results if r.writer == "ours"}  # a stopped block ends early
    for r in results:
        mine = ours.get(r.first)
        if r.writer == "bare" and mine:
            print(
                f"ours/bare docs {r.first}-{r.last - 1}: "
                f"rate {mine.docs_per_s / r.docs_per_s:.2f}, "
                f"txlog {mine.txlog_bytes_per_doc / max(r.txlog_bytes_per_doc, 1):.1f}x, "
                f"store {mine.store_bytes_per_doc / max(r.store_bytes_per_doc, 1):.1f}x"
            )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"benchmark process peak RSS (generation + extraction): {own:.0f} MB")
    if args.json:
        args.json.write_text(
            json.dumps({"blocks": [asdict(r) for r in results], "end_to_end": e2e}, indent=1)
        )


if __name__ == "__main__":
    main()
