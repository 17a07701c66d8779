"""Text as a document, a terminal or a JSON file can hold and show it: every character that
cannot be written or shown as it is spelled as an escape (`printable`). Used where a file's
name or content is shown: intake's messages, the documents, the workbook's cells."""

from __future__ import annotations

import re

# What a document, a terminal or a JSON file cannot hold or should not show as it is: bytes of
# a name that were not text (Python keeps them as lone surrogates), C0 and C1 control
# characters (an escape sequence in a file name would drive the terminal), and the
# characters that turn text right to left, which can disguise a name.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab and line breaks, DEL, C1
    "\ud800-\udfff"  # lone surrogates: bytes of a name that were not UTF-8
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\ufffe\uffff]"  # not characters: XML refuses them
)
_KEEP_LINES = re.compile("[\t\n\r]")


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by `os.fsdecode`
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: str, *, lines: bool = True) -> str:
    """`value` with every character that cannot be written or shown as it is (see above)
    spelled as an escape: `caf\\udce9.yaml` -> `caf\\xe9.yaml`, ESC -> `\\x1b`. Tabs and line
    breaks stay unless `lines` is False (a name holds none). The same text when there is
    nothing to escape."""
    escaped = _NOT_PRINTABLE.sub(_escaped, value)
    return escaped if lines else _KEEP_LINES.sub(_escaped, escaped)


def is_printable(value: str) -> bool:
    """No character of `value` would be escaped by `printable(value, lines=False)`."""
    return _NOT_PRINTABLE.search(value) is None and _KEEP_LINES.search(value) is None
