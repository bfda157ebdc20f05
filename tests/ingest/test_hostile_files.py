"""Files that used to crash or hang an import: each is now one line naming it and the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ingest import MAX_FILE_BYTES, IngestError, parse_bytes, read_articles
from reader.ingest.files import printable_name

STORY = b"Harbour vote\n\nThe harbour council approved the flood barrier on Tuesday.\n"
ASCII = b"The harbour council approved the barrier on Tuesday after a long debate. " * 5


def _reason(name: str, data: bytes) -> str:
    with pytest.raises(IngestError) as error:
        parse_bytes(name, data)
    return error.value.reason


def test_json_nested_a_thousand_levels_is_refused() -> None:
    assert _reason("deep.json", b"[" * 1000 + b"]" * 1000) == \
        "nested too deeply to read (a thousand levels or more)"
    assert _reason("deep.jsonl", b"[" * 5000 + b"]" * 5000 + b"\n").startswith("nested too")


def test_lone_surrogate_in_json_is_refused_but_a_pair_is_a_character() -> None:
    assert _reason("s.json", b'{"text": "ab \\ud800 cd"}') == (
        "JSON record field 'text' holds an unpaired surrogate (\\ud800), which is not a "
        "character")
    [article] = parse_bytes("ok.json", b'{"text": "Smile \\ud83d\\ude00 today."}')
    assert "\U0001f600" in article.text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match=r"not a regular file \(a named pipe\)"):
        read_articles(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(IngestError, match=r"not a regular file \(a device\)"):
        read_articles(link)


def test_a_file_read_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(STORY)
    reads: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        handle = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        real_read = handle.read

        def read(size: int = -1) -> bytes:
            reads.append(size)
            return bytes(real_read(size))

        handle.read = read
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    read_articles(big)
    assert reads == [MAX_FILE_BYTES + 1]


def test_names_are_printed_escaped_and_stored_safely(tmp_path: Path) -> None:
    raw_name = os.fsdecode(b"bad\xffname\n\x1b[31m.txt")
    path = tmp_path / raw_name
    path.write_bytes(STORY)
    [article] = read_articles(path)
    assert article.source_name == f"{tmp_path}/bad\\xffname\\n\\x1b[31m.txt"
    article.source_name.encode("utf-8")  # storable
    assert "\n" not in printable_name(path) and "\x1b" not in printable_name(path)


def test_ascii_with_stray_bytes_is_refused_not_garbled() -> None:
    reason = _reason("stray.txt", ASCII + b"The mayor \x9d said \xff it was \x81 fine.")
    assert reason.startswith("stray bytes that are not text in any likely encoding (3 in all, "
                             "first at byte 375: 0x9d)")
    damaged = "Dewan menyetujui tanggul — kata wali kota. ".encode() * 5 + b"Ini \xff rusak."
    assert _reason("rusak.txt", damaged).startswith(
        "not valid UTF-8: 1 stray byte in UTF-8 text (first at byte")


def test_legacy_windows_text_is_still_read() -> None:
    [article] = parse_bytes("legacy.txt", b"Harbour\n\n" + ASCII +
                            b"The caf\xe9 owner was na\xefve, he said \x93yes\x94 for \xa35.")
    assert "café owner was naïve, he said “yes” for £5." in article.text
