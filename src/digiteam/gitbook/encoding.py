"""Bytes to text, and repair of UTF-8 text that was once decoded as cp1252/latin-1.

Mojibake such as ``â€™`` appears when the UTF-8 bytes of a right quote (U+2019) are read as
cp1252 and the result is saved again as UTF-8. Each damaged run is re-encoded to bytes and
decoded as UTF-8; only runs that decode cleanly to something else are repaired, and each repair
is recorded.
"""

from __future__ import annotations

import re

from digiteam.gitbook.errors import GitbookReadError
from digiteam.gitbook.findings import Finding
from digiteam.gitbook.model import EncodingRepair

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# cp1252 puts printable characters on bytes 0x80-0x9F; map them back to their byte.
_CP1252_BYTE = {
    bytes([b]).decode("cp1252"): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CONTINUATION = "\u0080-\u00bf" + "".join(_CP1252_BYTE)
# A UTF-8 lead byte (0xC2-0xF4) seen as a character, then 1-3 continuation bytes.
_DAMAGED_RUN = re.compile(f"(?:[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}})+")


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a file's bytes (UTF-8, BOM allowed) or raise naming the line of the bad byte."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            data, bom_codec = data[len(bom) :], codec
            break
    else:
        bom_codec = "utf-8"
    if bom_codec != "utf-8":
        try:
            return data.decode(bom_codec)
        except UnicodeDecodeError as exc:
            raise GitbookReadError(path, 1, f"not valid {bom_codec} text ({exc.reason})") from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise GitbookReadError(path, _line_at(data, nul), "binary file (NUL byte), not Markdown")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        message = f"not UTF-8 text: byte 0x{bad:02x} cannot be decoded"
        raise GitbookReadError(path, _line_at(data, exc.start), message) from exc


def prepare_text(text: str) -> tuple[str, tuple[EncodingRepair, ...]]:
    """Drop a BOM, normalise line ends, repair mojibake (line numbers are kept)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return repair_mojibake(text)


def repair_mojibake(text: str) -> tuple[str, tuple[EncodingRepair, ...]]:
    """Return the repaired text and one record per damaged word."""
    fixes = [
        (match.start(), match.end(), fixed)
        for match in _DAMAGED_RUN.finditer(text)
        if (fixed := _undo(match.group())) is not None
    ]
    words: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for fix in fixes:
        words.setdefault(_word_span(text, fix[0], fix[1]), []).append(fix)
    repairs = tuple(
        EncodingRepair(
            line=text.count("\n", 0, left) + 1,
            damaged=text[left:right],
            repaired=_apply(text[left:right], [(a - left, b - left, f) for a, b, f in word_fixes]),
        )
        for (left, right), word_fixes in words.items()
    )
    return _apply(text, fixes), repairs


def find_damaged_encoding(text: str, path: str) -> list[Finding]:
    """Findings for every mojibake run in any text (for files that are not read otherwise)."""
    _, repairs = prepare_text(text)
    return repair_findings(repairs, path)


def repair_findings(repairs: tuple[EncodingRepair, ...], path: str) -> list[Finding]:
    return [
        Finding(
            code="damaged-encoding",
            severity="warning",
            path=path,
            line=r.line,
            message=f"damaged encoding {r.damaged!r} (UTF-8 read as cp1252): {r.repaired!r}",
            subject=r.damaged,
            suggestion=r.repaired,
        )
        for r in repairs
    ]


def _undo(run: str) -> str | None:
    raw = bytes(_CP1252_BYTE.get(ch, ord(ch)) for ch in run)
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if fixed == run or any(0x80 <= ord(ch) < 0xA0 for ch in fixed):
        return None
    return fixed


def _apply(text: str, fixes: list[tuple[int, int, str]]) -> str:
    pieces, last = [], 0
    for start, end, fixed in fixes:
        pieces += [text[last:start], fixed]
        last = end
    return "".join([*pieces, text[last:]])


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around a damaged run, to quote it."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
