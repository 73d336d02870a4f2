"""Re-make the explorer screenshots of docs/explorer.md from the browser tests' own page flows.

The tests (tests/explorer/test_explorer_browser.py) load examples/ into a throwaway Neo4j,
serve the API with uvicorn and drive Debian's chromium; with KG_EXPLORER_SCREENSHOTS set they
save each main view as they pass through it, so the pictures show what the tests checked.

Run: .venv/bin/python scripts/explorer_screenshots.py [--out docs/explorer]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "explorer" / "test_explorer_browser.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "explorer")
    args = parser.parse_args()
    env = {**os.environ, "KG_EXPLORER_SCREENSHOTS": str(args.out.resolve())}
    result = subprocess.run([sys.executable, "-m", "pytest", str(TESTS), "-q"], cwd=ROOT, env=env)
    if result.returncode == 0:
        for png in sorted(args.out.glob("*.png")):
            print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
