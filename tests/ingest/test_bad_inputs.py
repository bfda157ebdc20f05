"""Every bad input is an IngestError naming the file, with a reason a reader understands."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest import MAX_FILE_BYTES, IngestError, parse_bytes, read_articles


def reason_for(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        read_articles(path)
    assert caught.value.source == str(path)
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    return caught.value.reason


@pytest.mark.parametrize(
    ("name", "shown"),
    [("report.docx", "'.docx'"), ("photo.PNG", "'.PNG'"), ("README", "without an extension")],
)
def test_unsupported_type(tmp_path: Path, name: str, shown: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"Some text that would otherwise be fine.")
    assert reason_for(path) == (
        f"unsupported file type {shown} (use .txt, .text, .html, .htm, .json, .jsonl)"
    )


def test_upper_case_suffix_is_supported(tmp_path: Path) -> None:
    path = tmp_path / "STORY.TXT"
    path.write_bytes(b"A short story that is perfectly fine.")
    assert read_articles(path)[0].text == "A short story that is perfectly fine."


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl"])
@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode()])
def test_empty_or_whitespace_only(tmp_path: Path, suffix: str, content: bytes) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(content)
    assert reason_for(path) == "empty file"


def test_utf16_whitespace_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(" \n \n".encode("utf-16"))
    assert reason_for(path) == "empty file"


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",  # a PNG renamed to .txt
        b"Looks like text at first\x00 but has NUL bytes",
        bytes(range(1, 32)) * 20 + b"some letters",  # control characters throughout
    ],
)
def test_binary_data(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(content)
    assert reason_for(path) == "not a text file (binary data)"


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    # Invalid UTF-8 that no single-byte code page reads as text either (bytes undefined in
    # cp1252 mixed with C1 controls in a pattern no multi-byte encoding accepts).
    path.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xFF, 0xFE, 0xC0]) * 40)
    assert reason_for(path) == "cannot decode text (not UTF-8 and no encoding could be detected)"


def test_malformed_utf16(tmp_path: Path) -> None:
    path = tmp_path / "broken16.txt"
    path.write_bytes(b"\xff\xfe" + "Hello".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert reason_for(path).startswith("cannot decode text as utf-16-le")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MiB written to disk
    assert reason_for(path) == "file too large (20.0 MiB; the limit is 20 MiB)"
    with pytest.raises(IngestError, match="file too large"):
        parse_bytes("huge.txt", b"x" * (MAX_FILE_BYTES + 1))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert reason_for(tmp_path / "missing.txt") == "file not found"
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert reason_for(folder) == "is a folder, not a file"


def test_text_that_is_only_furniture(tmp_path: Path) -> None:
    path = tmp_path / "furniture.txt"
    path.write_text("DECEMBER 9, 2022\n\nimage\n\nBaca Juga: Sesuatu\n\nHalaman:\n")
    assert reason_for(path) == "no article text found"


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unfinished')
    assert reason_for(path).startswith("not valid JSON (Unterminated string")


def test_html_without_article(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert reason_for(path) == "no article text found in the HTML"
