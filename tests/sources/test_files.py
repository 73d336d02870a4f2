"""Reading inputs: folders expand in order, bad files get one clear line each, none is dropped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from loaders.sources import SourceError, SourceText, iter_sources

ROOT = Path(__file__).resolve().parents[2]


def _write_inputs(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    good.write_text(
        "Acme Therapeutics Starts Trial\n\nAcme Therapeutics' velotumab is an anti-CD38 antibody.\n"
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\x00\x01\x02")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    big = tmp_path / "big.txt"
    big.write_text("word " * 400)
    return {"good": good, "empty": empty, "binary": binary, "latin": latin, "big": big}


def test_iter_sources_reads_text_and_explains_each_bad_input(tmp_path):
    files = _write_inputs(tmp_path)
    missing = str(tmp_path / "nope.txt")
    paths = [str(files[k]) for k in ("good", "empty", "binary", "latin", "big")] + [missing]
    items = list(iter_sources(paths, max_bytes=1000))
    assert isinstance(items[0], SourceText) and "velotumab" in items[0].text
    errors = {Path(i.source).name: i.message for i in items[1:]}
    assert all(isinstance(i, SourceError) for i in items[1:])
    assert errors["empty.txt"] == "empty file"
    assert "binary" in errors["image.bin"]
    assert "UTF-8" in errors["latin1.txt"]
    assert "above the limit" in errors["big.txt"]
    assert "no such file" in errors["nope.txt"]


def test_folder_expands_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("second")
    (tmp_path / "a.md").write_text("first")
    (tmp_path / ".hidden").write_text("never")
    items = list(iter_sources([str(tmp_path)], max_bytes=1000))
    assert [Path(i.source).name for i in items] == ["a.md", "z.txt"]


def test_kg_extract_cli_keeps_going_and_fails_at_the_end(tmp_path):
    files = _write_inputs(tmp_path)
    missing = tmp_path / "missing.txt"
    args = [
        str(files["empty"]),
        str(files["good"]),
        str(files["binary"]),
        str(files["latin"]),
        str(missing),
        str(files["good"]),
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"KG_MAX_DOCUMENT_BYTES": "1000", "PATH": ""},
    )
    assert proc.returncode != 0
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["document"]["source"] for x in lines] == [str(files["good"])] * 2
    err = proc.stderr.strip().splitlines()
    assert len(err) == 4
    assert any("empty file" in e and "empty.txt" in e for e in err)
    assert any("binary" in e for e in err)
    assert any("UTF-8" in e for e in err)
    assert any("missing.txt" in e and "no such file" in e for e in err)


def test_kg_extract_rejects_file_above_size_limit(tmp_path):
    files = _write_inputs(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", str(files["big"]), str(files["good"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"KG_MAX_DOCUMENT_BYTES": "1000", "PATH": ""},
    )
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1
    assert "big.txt" in proc.stderr and "above the limit of 1000 bytes" in proc.stderr


def test_folder_reads_documents_and_names_every_other_file_as_skipped(tmp_path):
    (tmp_path / "note.txt").write_text("a document")
    (tmp_path / "README.MD").write_text("another document")
    (tmp_path / "note.gold.json").write_text('{"entities": []}')
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    items = list(iter_sources([str(tmp_path)], max_bytes=1000))
    read = [Path(i.source).name for i in items if isinstance(i, SourceText)]
    assert read == ["README.MD", "note.txt"]
    skipped = {Path(i.source).name: i.message for i in items if isinstance(i, SourceError)}
    assert all(i.skipped for i in items if isinstance(i, SourceError))
    assert skipped == {
        "note.gold.json": "gold annotations, not a document",
        "table.csv": "not a document type (.csv); name the file to read it anyway",
    }
    named = list(iter_sources([str(tmp_path / "table.csv")], max_bytes=1000))
    assert isinstance(named[0], SourceText) and named[0].text.startswith("a,b")


def test_folder_without_documents_says_so(tmp_path):
    (tmp_path / "only.gold.json").write_text("{}")
    items = list(iter_sources([str(tmp_path)], max_bytes=1000))
    assert [(Path(i.source).name, i.skipped) for i in items] == [
        ("only.gold.json", True),
        (tmp_path.name, False),
    ]
    assert "no document files" in items[1].message


def test_a_forced_format_still_skips_a_folders_non_documents(tmp_path):
    (tmp_path / "story.txt").write_text("<p>Acme starts a trial.</p>")
    (tmp_path / "story.gold.json").write_text("{}")
    gold, story = iter_sources([str(tmp_path)], max_bytes=1000, source_format="html")
    assert isinstance(story, SourceText) and story.format == "html"
    assert story.text == "Acme starts a trial."
    assert isinstance(gold, SourceError) and gold.skipped
