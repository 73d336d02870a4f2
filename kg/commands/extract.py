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
    ) -> None:
        """Extract entities and relations from documents; touches no database.

        Prints one JSON object per document per line, in input order. A bad
        input gets one line on stderr; the others are still processed and the
        exit status is 1.
        """
        from loaders.extract import extract_text
        from loaders.extract.explain import explain as explain_lines
        from loaders.extract.stages import timing_lines
        from loaders.sources import SourceError, iter_sources

        failed = 0
        spent: dict[str, float] | None = {} if timings else None
        out = sys.stdout
        for item in iter_sources(paths, get_settings().kg_max_document_bytes):
            if isinstance(item, SourceError):
                failed += 1
                print(f"error: {item}", file=sys.stderr)
                continue
            result = extract_text(item.text, item.source, spent)
            if explain:
                out.write("\n".join(explain_lines(result)) + "\n")
            else:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
        if spent is not None:
            print("\n".join(timing_lines(spent)), file=sys.stderr)
        if failed:
            raise typer.Exit(code=1)
