"""Extraction throughput (MB of text per second, one core) and lexicon load time.

Run: .venv/bin/python benchmarks/bench_extract.py [--seconds 10] [--long-mb 5]
Uses the example documents shipped in examples/ (repeated until the time budget
is spent), in one process, so the number is single-core throughput; then one long
document (the examples repeated to --long-mb MB) to show the cost stays linear in size,
with the CPU seconds of each extraction stage.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def lexicon_load_seconds() -> float:
    """Cold import + lexicon load, in a fresh interpreter (what a new worker pays)."""
    code = (
        "import time; t=time.perf_counter(); "
        "from loaders.extract.lexicon import load_all; load_all(); "
        "import loaders.extract.pipeline; print(time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--long-mb", type=float, default=5.0, help="size of the long document")
    args = parser.parse_args()

    load = lexicon_load_seconds()
    from loaders.extract import extract_text
    from loaders.extract.lexicon import load_all
    from loaders.extract.stages import timing_lines

    load_all()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    extract_text(texts[0], "warmup")
    done_bytes = 0
    docs = 0
    best = 0.0  # best pass over the examples, per CPU second: the least disturbed by other load
    cpu0 = time.process_time()
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        pass_cpu = time.process_time()
        pass_bytes = 0
        for i, text in enumerate(texts):
            extract_text(text, f"doc{i}")
            pass_bytes += len(text.encode("utf-8"))
            docs += 1
        done_bytes += pass_bytes
        best = max(best, pass_bytes / max(time.process_time() - pass_cpu, 1e-9))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    # One long document too: throughput must not collapse with size.
    one_pass = "\n\n".join(texts)
    repeats = max(1, round(args.long_mb * 1e6 / len(one_pass.encode("utf-8"))))
    long_text = "\n\n".join([one_pass] * repeats)
    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    c0 = time.process_time()
    extract_text(long_text, "long", stages)
    long_s = time.perf_counter() - t0
    long_cpu = time.process_time() - c0
    print(f"lexicon + pipeline cold load: {load:.2f} s")
    print(
        f"throughput: {done_bytes / elapsed / 1e6:.2f} MB/s ({docs / elapsed:.0f} docs/s, "
        f"{docs} docs, {done_bytes / 1e6:.2f} MB in {elapsed:.1f} s, one core)"
    )
    print(
        f"per CPU second (time other processes held the core excluded): "
        f"{done_bytes / cpu / 1e6:.2f} MB/s"
    )
    print(f"best pass, per CPU second: {best / 1e6:.2f} MB/s")
    size = len(long_text.encode())
    print(
        f"one {size / 1e6:.2f} MB document: {long_s:.2f} s wall, {long_cpu:.2f} s CPU "
        f"({size / long_cpu / 1e6:.2f} MB/s per CPU second)"
    )
    print("its CPU seconds per stage:")
    for line in timing_lines(stages):
        print(f"  {line}")


if __name__ == "__main__":
    main()
