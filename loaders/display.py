"""One escaping of names in output lines, for every command that prints a document's name.

Why: file names and record sources come from users and may hold a newline or other control
characters; printed raw, "a\\nloaded    b.txt" would forge a second, false output line.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` on one line: control characters are shown as escapes (a newline as \\n)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
