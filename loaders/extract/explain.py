"""Human-readable account of an extraction: per fact, the rule that found it and the sentence.

Why: a reviewer asking "why does this edge exist?" should read one line, not the code.
"""

from __future__ import annotations


def explain(result: dict) -> list[str]:
    """Lines describing one document's relations: `TYPE from -> to  [rule]` then the sentence."""
    doc = result.get("document", {})
    lines = [f"# {doc.get('source', '')} ({len(result.get('relations', []))} relations)"]
    for r in result.get("relations", []):
        evidence = r.get("evidence", {})
        lines.append(
            f"{r['type']}  {r['from']['name']} -> {r['to']['name']}"
            f"  [{evidence.get('rule') or 'unnamed'}]"
        )
        lines.append(f"    {evidence.get('sentence', '')}")
    return lines
