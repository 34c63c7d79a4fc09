"""Hostile uploads, made here: nothing is read from outside."""

import struct
import zlib
from functools import cache


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@cache
def png_bomb(width: int = 20_000, height: int = 10_000) -> bytes:
    """A valid grey PNG of ``width`` × ``height`` pixels (200 MP by default) that
    weighs about 200 KB: decoding it would take gigabytes."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte, then the pixels
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>document.title='pwned'</script></svg>"
)
