"""How `kg load` tells a person what is happening: a bar on a terminal, plain lines otherwise.

Plain lines (one per document) keep logs of CI jobs and `docker compose` readable;
a terminal gets a rich progress bar with only failures printed above it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from loaders.display import printable
from loaders.pipeline import DocumentResult, LoadSummary
from loaders.pipeline import Progress as ProgressCallback
from loaders.sources import expand_path


def count_files(paths: list[str]) -> int:
    """How many results the load will report (the bar's total), by the loader's own expansion.

    An empty folder still counts once: the loader reports it as a failure.
    """
    return sum(max(1, sum(1 for _ in expand_path(path))) for path in paths)


def describe(result: DocumentResult) -> str:
    """One line for one document (names escaped: a newline in a file name stays visible)."""
    if result.status in ("failed", "skipped"):
        return printable(f"{result.status:<10} {result.error}")  # the error names the document
    # Documents are written in batches: graph counters are totals, in the summary.
    return printable(f"{result.status:<10} {result.source}")


def summary_lines(summary: LoadSummary) -> list[str]:
    """The closing summary of a load."""
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    return [
        f"Documents: {summary.loaded} loaded, {summary.unchanged} unchanged, "
        f"{summary.replaced} replaced, {summary.failed} failed "
        f"({summary.documents} in {summary.seconds:.1f} s, {rate:.1f} documents/s"
        + (f", {summary.workers} extraction processes" if summary.workers > 1 else "")
        + ").",
        *(
            [f"Skipped {summary.skipped} files that are not documents (each named above)."]
            if summary.skipped
            else []
        ),
        f"Created {summary.nodes_created} nodes and {summary.relationships_created} relationships.",
    ] + (
        [f"Stopped early: {summary.stopped}. Run the same command again to continue."]
        if summary.stopped
        else []
    )


@contextmanager
def load_progress(total: int, stream: TextIO | None = None) -> Iterator[ProgressCallback]:
    """A progress callback for `load_paths`: a bar on a terminal, a line per document otherwise."""
    console = Console(file=stream, stderr=stream is None)
    if not console.is_terminal:

        def plain(result: DocumentResult) -> None:
            console.print(describe(result), markup=False, highlight=False, soft_wrap=True)

        yield plain
        return

    bar = Progress(
        TextColumn("Loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("load", total=total or None, last="")
    with bar:

        def update(result: DocumentResult) -> None:
            if result.status in ("failed", "skipped"):
                bar.console.print(describe(result), markup=False, highlight=False)
            bar.update(task, advance=1, last=Path(result.source).name)

        yield update
