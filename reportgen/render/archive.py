"""A zip package assembled from members compressed in advance.

``zipfile`` compresses every member on every write. A Word package is mostly parts that
never change (styles, settings, footers, relationships): here each is deflated once, with
its CRC, and each document only deflates what was rendered for it. The bytes written are
an ordinary zip (no data descriptors, no zip64: a report is far below 4 GB), with a fixed
timestamp so that the same input always gives the same file.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

# 2019-01-01 00:00:00 in MS-DOS form, as the template packages carry.
DOS_DATE = ((2019 - 1980) << 9) | (1 << 5) | 1
DOS_TIME = 0
VERSION = 20  # 2.0: deflate
MADE_BY = (3 << 8) | VERSION  # Unix, as zipfile writes on Linux
EXTERNAL_ATTR = 0o100644 << 16  # a regular file, rw-r--r--
DEFLATED = 8

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


@dataclass(frozen=True)
class Member:
    """One part, already deflated: its name, raw size, CRC-32 and compressed bytes."""

    name: bytes
    size: int
    crc: int
    data: bytes


def deflate(name: str, data: bytes, level: int = 9) -> Member:
    """Compress ``data`` as a raw deflate stream, the form a zip member stores."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Member(name.encode("utf-8"), len(data), zlib.crc32(data), c.compress(data) + c.flush())


def pack(members: list[Member]) -> bytes:
    """The zip file holding ``members`` in order."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        flags = 0x800 if not m.name.isascii() else 0  # bit 11: the name is UTF-8
        header = _LOCAL.pack(
            0x04034B50,
            VERSION,
            flags,
            DEFLATED,
            DOS_TIME,
            DOS_DATE,
            m.crc,
            len(m.data),
            m.size,
            len(m.name),
            0,
        )
        central.append(
            _CENTRAL.pack(
                0x02014B50,
                MADE_BY,
                VERSION,
                flags,
                DEFLATED,
                DOS_TIME,
                DOS_DATE,
                m.crc,
                len(m.data),
                m.size,
                len(m.name),
                0,
                0,
                0,
                0,
                EXTERNAL_ATTR,
                offset,
            )
            + m.name
        )
        out += (header, m.name, m.data)
        offset += len(header) + len(m.name) + len(m.data)
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(out) + directory + end
