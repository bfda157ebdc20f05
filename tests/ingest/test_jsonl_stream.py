"""Reading a JSONL file as an import does: line by line, a chunk at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.ingest import IngestError, ParsedArticle, jsonl_stream
from reader.ingest.jsonl_stream import stream_jsonl


@pytest.mark.parametrize("limit", [jsonl_stream.MAX_FILE_BYTES, 10], ids=["whole", "from-disk"])
def test_each_line_stands_alone_and_the_last_chunk_says_so(
        tmp_path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl_stream, "MAX_FILE_BYTES", limit)
    lines = [json.dumps({"text": f"Article number {n} about the harbour."}) for n in range(3)]
    lines.insert(1, "[" * 5000 + "]" * 5000)  # deeper than Python's JSON reader goes
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    chunks = list(stream_jsonl(path, chunk=2))
    assert [chunk.last for chunk in chunks] == [False, True]
    assert [len(chunk.records) for chunk in chunks] == [2, 2]
    first, deep = chunks[0].records
    assert isinstance(first, ParsedArticle) and first.source_name == f"{path}#1"
    assert isinstance(deep, IngestError) and deep.source == f"{path}#2"
    assert deep.reason == "JSON line 2 is nested too deeply to read (a thousand levels or more)"
    assert chunks[0].bytes_read == len(lines[0]) + len(lines[1]) + 2
    assert chunks[1].bytes_read == path.stat().st_size


def test_a_file_that_cannot_be_read_fails_whole(tmp_path: Path) -> None:
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(IngestError) as raised:
        list(stream_jsonl(binary))
    assert (raised.value.source, raised.value.reason) == (str(binary),
                                                          "not a text file (binary data)")


def test_lines_end_at_a_carriage_return_too(tmp_path: Path) -> None:
    """As in the decoded text of any file read whole: old Mac files end lines with "\\r"."""
    lines = [json.dumps({"text": f"Article number {n} about the harbour."}) for n in range(3)]
    path = tmp_path / "mac.jsonl"
    path.write_bytes(b"\r".join(line.encode() for line in lines) + b"\r\n")
    [chunk] = stream_jsonl(path)
    assert [record.raw for record in chunk.records if isinstance(record, ParsedArticle)] == [
        line.encode() for line in lines]
    assert chunk.bytes_read == path.stat().st_size
