"""Helpers shared by the source tests: readers of extraction dicts, and PDFs written with
fpdf2 (a text PDF needs no sample file)."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"

#: Two pages of a short regulatory-style text (written for the test).
PDF_PAGES = (
    "Assessment report\nVelmotamab is a monoclonal antibody developed by Calderon Therapeutics.",
    "Clinical efficacy\nCalderon Therapeutics develops velmotamab for lupus nephritis.",
)


def write_text_pdf(path: Path, pages: tuple[str, ...] = PDF_PAGES) -> Path:
    """A PDF with a text layer, one page per string."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Velmotamab assessment report")
    pdf.set_font("helvetica", size=12)
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, page)
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose page is only a drawing: what a scan without OCR looks like to a reader."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


def relations(extraction: dict, rel_type: str) -> set[tuple[str, str]]:
    """(from name, to name) of every relation of one type."""
    return {
        (r["from"]["name"], r["to"]["name"])
        for r in extraction["relations"]
        if r["type"] == rel_type
    }


def sources_of(items: list) -> list[str]:
    return [item.source for item in items]
