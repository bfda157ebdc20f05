"""How the library packs an article's text, and what it keeps beside it against that text.

On SQLite the text itself is stored zlib-compressed (about 2.5x smaller for news prose; the
column type is reader.store.stored_text.StoredText). PostgreSQL compresses long values itself.

An article's raw bytes (its file, or its JSONL line) mostly repeat its cleaned text. Compressed
with zlib using the text as the preset dictionary, they shrink to what the text does not already
say: a 5 KB JSONL line packs to a few hundred bytes. Unpacking needs the same text, which the
library keeps beside them; zlib checks the result (Adler-32), so a wrong text fails loudly
instead of giving wrong bytes. Libraries from migration 0005 to 0009 kept the grouping
fingerprint's words packed the same way (pack_fingerprint); migration 0010 turns them into
word keys (reader.store.grouping_index.fingerprint_keys), and downgrading packs them again.
"""

from __future__ import annotations

import zlib

try:
    # zlib-ng writes the same zlib format as the stdlib (which reads it back) 1.7x faster at
    # the same level, packing being a sixth of reading an article for import; its output is
    # ~2% larger (bench/README.md).
    from zlib_ng.zlib_ng import compress, compressobj
except ImportError:  # no wheel for this platform or Python: the same format, slower
    from zlib import compress, compressobj  # type: ignore[assignment]

ZLIB_NG = compress.__module__.startswith("zlib_ng")

# Every packing at zlib's default level: its header is PACKED_TEXT_HEADER.
_LEVEL = 6
# zlib looks back at most 32 KiB: the dictionary's tail is what helps.
_WINDOW = 32 * 1024


# What packed text starts with: zlib's header at its default level. No UTF-8 text does ("x"
# then byte 0x9C, which continues a character and cannot start one), so repair tells packed
# text from the plain text of a library before migration 0008 by it.
PACKED_TEXT_HEADER = b"x\x9c"


def pack_text(text: str) -> bytes:
    return compress(text.encode("utf-8"), _LEVEL)


def unpack_text(packed: bytes) -> str:
    unpacker = zlib.decompressobj()
    text = unpacker.decompress(packed) + unpacker.flush()
    if not unpacker.eof:
        raise ValueError("packed text is truncated")
    return text.decode("utf-8")


def pack_raw(raw: bytes, text: str) -> bytes:
    return _pack(raw, text.encode("utf-8"))


def unpack_raw(packed: bytes, text: str) -> bytes:
    return _unpack(packed, text.encode("utf-8"))


def pack_fingerprint(words: frozenset[str], text: str) -> bytes:
    # Fingerprint words are lower-cased: so is their dictionary.
    return _pack(" ".join(sorted(words)).encode("utf-8"), text.lower().encode("utf-8"))


def unpack_fingerprint(packed: bytes, text: str) -> frozenset[str]:
    return frozenset(_unpack(packed, text.lower().encode("utf-8")).decode("utf-8").split())


def _pack(data: bytes, dictionary: bytes) -> bytes:
    packer = compressobj(level=_LEVEL, zdict=dictionary[-_WINDOW:] or b" ")
    return packer.compress(data) + packer.flush()


def _unpack(packed: bytes, dictionary: bytes) -> bytes:
    # An empty dictionary is refused by zlib; one space does no harm.
    unpacker = zlib.decompressobj(zdict=dictionary[-_WINDOW:] or b" ")
    data = unpacker.decompress(packed) + unpacker.flush()
    if not unpacker.eof:
        raise ValueError("packed bytes are truncated")
    return data
