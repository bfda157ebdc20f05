"""The imported bytes of an article, kept byte for byte in a fraction of their size.

An article's raw bytes (its file, or its JSONL line) mostly repeat its cleaned text. Compressed
with zlib using that text as the preset dictionary, they shrink to the furniture, markup and
escapes around it: a JSONL line of 5 KB packs to a few hundred bytes. Unpacking needs the same
text, which the library keeps beside it; zlib checks the result (Adler-32), so a wrong text
fails loudly instead of giving wrong bytes.
"""

from __future__ import annotations

import zlib

# zlib looks back at most 32 KiB: the dictionary's tail is what helps.
_WINDOW = 32 * 1024


def pack_raw(raw: bytes, text: str) -> bytes:
    packer = zlib.compressobj(level=6, zdict=_dictionary(text))
    return packer.compress(raw) + packer.flush()


def unpack_raw(packed: bytes, text: str) -> bytes:
    unpacker = zlib.decompressobj(zdict=_dictionary(text))
    raw = unpacker.decompress(packed) + unpacker.flush()
    if not unpacker.eof:
        raise ValueError("stored raw bytes are truncated")
    return raw


def _dictionary(text: str) -> bytes:
    # An empty dictionary is refused by zlib; one space does no harm.
    return text.encode("utf-8")[-_WINDOW:] or b" "
