"""`kg extract PATH [PATH ...]`: print what the extractor finds, one JSON line per document."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from config.settings import get_settings


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `kg` app."""

    @app.command("extract")
    def extract(
        paths: Annotated[list[str], typer.Argument(help="Files or folders of documents.")],
        explain: Annotated[
            bool, typer.Option("--explain", help="Print each fact with its rule and sentence.")
        ] = False,
        timings: Annotated[
            bool, typer.Option("--timings", help="Print CPU seconds spent per stage on stderr.")
        ] = False,
        source_format: Annotated[
            str | None,
            typer.Option(
                "--format",
                help="Read every input as this format instead of detecting it: text, html, "
                "feed, pubmed-xml, medline, ctgov, pdf, jsonl.",
            ),
        ] = None,
    ) -> None:
        """Extract entities and relations from documents; touches no database.

        Prints one JSON object per document per line, in input order (a feed, a
        PubMed set or a studies page gives one line per record). A bad input gets
        one line on stderr; the others are still processed and the exit status is
        1. A folder's files that are not documents are named on stderr as skipped.
        """
        from loaders.display import printable
        from loaders.extract.explain import explain as explain_lines
        from loaders.extract.stages import timing_lines
        from loaders.source_extraction import extract_source
        from loaders.sources import SourceError, iter_sources

        failed = 0
        spent: dict[str, float] | None = {} if timings else None
        out = sys.stdout
        settings = get_settings()
        for item in iter_sources(paths, settings.kg_max_document_bytes, source_format):
            if isinstance(item, SourceError):
                failed += not item.skipped
                label = "skipped" if item.skipped else "error"
                print(printable(f"{label}: {item}"), file=sys.stderr)
                continue
            result = extract_source(item, spent)
            if explain:
                out.write("\n".join(explain_lines(result)) + "\n")
            else:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
        if spent is not None:
            print("\n".join(timing_lines(spent)), file=sys.stderr)
        if failed:
            raise typer.Exit(code=1)
