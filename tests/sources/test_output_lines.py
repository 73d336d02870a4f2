"""A name with a newline must not forge an extra output line (kg load's and kg extract's)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from loaders.display import printable
from loaders.pipeline import DocumentResult
from loaders.progress import describe


def test_a_loaded_file_named_with_a_newline_is_one_output_line():
    line = describe(DocumentResult("/data/a\nloaded     /data/forged.txt", "loaded"))
    assert "\n" not in line and line == "loaded     /data/a\\nloaded     /data/forged.txt"


def test_a_failure_naming_a_file_with_control_characters_is_one_line():
    line = describe(DocumentResult("x", "failed", error="document /d/b\r\nfailed\x1b[2K: empty"))
    assert line.splitlines() == [line]
    assert "\\r\\nfailed\\x1b[2K" in line


def test_kg_extract_names_a_bad_file_with_a_newline_on_one_stderr_line(tmp_path: Path):
    bad = tmp_path / "news\nerror: forged.txt"
    bad.write_bytes(b"\x00\x01binary")
    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", str(bad)], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert len(run.stderr.strip().splitlines()) == 1
    assert "news\\nerror: forged.txt" in run.stderr


def test_ordinary_names_are_unchanged():
    assert printable("/data/Ünïcode name (1).txt") == "/data/Ünïcode name (1).txt"
