"""How article text is packed (reader.store.packed_text): zlib-ng's packing when installed,
stdlib zlib's otherwise, the same format either way, read back by the stdlib."""

from __future__ import annotations

import importlib.util
import sys
import zlib
from collections.abc import Iterator
from types import ModuleType

import pytest

from reader.store import packed_text
from tests.store.corpus import CorpusGenerator

_ARTICLES = list(CorpusGenerator().articles(20))


@pytest.fixture
def stdlib_packing(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """reader.store.packed_text loaded afresh on a machine without the zlib-ng wheel."""
    for name in ("zlib_ng", "zlib_ng.zlib_ng"):  # importing either now fails
        monkeypatch.setitem(sys.modules, name, None)
    spec = importlib.util.find_spec("reader.store.packed_text")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module


def test_zlib_ng_packs_when_installed() -> None:
    pytest.importorskip("zlib_ng")
    assert packed_text.ZLIB_NG


@pytest.mark.parametrize("module", ["installed", "stdlib"])
def test_text_and_raw_bytes_read_back_exactly_whoever_packed_them(
        module: str, stdlib_packing: ModuleType) -> None:
    packer = packed_text if module == "installed" else stdlib_packing
    assert module == "installed" or not stdlib_packing.ZLIB_NG
    for article in _ARTICLES:
        text, raw = article.text, article.json_line().encode()
        packed = packer.pack_text(text)
        # The header repair tells packed text by; the stdlib reads it.
        assert packed.startswith(packed_text.PACKED_TEXT_HEADER)
        assert zlib.decompress(packed).decode() == text
        assert packed_text.unpack_text(packed) == text
        assert len(packed) < len(text.encode()) / 2
        packed_raw = packer.pack_raw(raw, text)
        assert packed_text.unpack_raw(packed_raw, text) == raw
        assert len(packed_raw) < len(raw) / 5
    assert packed_text.unpack_raw(packer.pack_raw(b"", ""), "") == b""


def test_a_truncated_text_fails_loudly() -> None:
    packed = packed_text.pack_text(_ARTICLES[0].text)
    with pytest.raises(ValueError, match="truncated"):
        packed_text.unpack_text(packed[:-10])
