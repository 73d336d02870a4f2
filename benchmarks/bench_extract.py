"""Extraction throughput (MB of text per second, one core) and lexicon load time.

Run: .venv/bin/python benchmarks/bench_extract.py [--seconds 10] [--long-mb 5]
Uses the example documents shipped in examples/ (repeated until the time budget
is spent), in one process, so the number is single-core throughput; then one long
document (the examples repeated to --long-mb MB) to show the cost stays linear in size,
with the CPU seconds of each extraction stage.

Side by side: `--against /path/to/other/checkout [--rounds 3]` runs this checkout's
extractor and the other one's in turns (fresh processes, interleaved, so both see the same
machine load) and prints each one's MB per CPU second on the examples (or on `--texts`, a
glob such as 'eval/*/*.txt'), CPU seconds of the long document, and the ratios.
"""

from __future__ import annotations

import argparse
import json
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


#: One measurement in a fresh interpreter whose sys.path starts with a checkout: CPU-second
#: throughput on the examples for `seconds`, then the CPU seconds of one `mb` MB document.
_WORKER = """
import json, sys, time
from pathlib import Path
root, seconds, mb, glob = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
sys.path.insert(0, root)
from loaders.extract import extract_text
from loaders.extract.lexicon import load_all
load_all()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(root).glob(glob))]
extract_text(texts[0], "warmup")
size = sum(len(t.encode("utf-8")) for t in texts)
done = 0
c0 = time.process_time()
while time.process_time() - c0 < seconds:
    for i, t in enumerate(texts):
        extract_text(t, f"doc{i}")
    done += size
cpu = time.process_time() - c0
one = "\\n\\n".join(texts)
long_text = "\\n\\n".join([one] * max(1, round(mb * 1e6 / len(one.encode("utf-8")))))
c1 = time.process_time()
extract_text(long_text, "long")
long_cpu = time.process_time() - c1
print(json.dumps({"mbps": done / cpu / 1e6, "long_mb": len(long_text.encode()) / 1e6,
                  "long_cpu": long_cpu}))
"""


def compare(other: Path, rounds: int, seconds: float, long_mb: float, texts: str) -> None:
    """This checkout against `other`, measured in turns; medians and ratios."""
    runs: dict[str, list[dict]] = {"this": [], "other": []}
    for _ in range(rounds):
        for name, root in (("other", other), ("this", ROOT)):
            out = subprocess.run(
                [sys.executable, "-c", _WORKER, str(root), str(seconds), str(long_mb), texts],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            )
            runs[name].append(json.loads(out.stdout))

    def median(name: str, key: str) -> float:
        values = sorted(r[key] for r in runs[name])
        return values[len(values) // 2]

    size = runs["this"][0]["long_mb"]
    for name, root in (("other", other), ("this", ROOT)):
        print(
            f"{name:5} {root}: {median(name, 'mbps'):.3f} MB per CPU second on {texts}, "
            f"{size:.2f} MB document in {median(name, 'long_cpu'):.2f} CPU s "
            f"(median of {rounds}, interleaved)"
        )
    print(
        f"ratio this/other: throughput x{median('this', 'mbps') / median('other', 'mbps'):.2f}, "
        f"long document time x{median('this', 'long_cpu') / median('other', 'long_cpu'):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--long-mb", type=float, default=5.0, help="size of the long document")
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--texts",
        default="examples/*.txt",
        help="with --against: the documents to measure (a glob under each checkout)",
    )
    args = parser.parse_args()
    if args.against:
        compare(args.against.resolve(), args.rounds, args.seconds, args.long_mb, args.texts)
        return

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
