"""The front door: suffixes, folders, the samples folder, bytes in place of files."""

from __future__ import annotations

from pathlib import Path

from reader.ingest import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    expand_paths,
    parse_bytes,
    read_articles,
    samples_dir,
)


def test_constants() -> None:
    assert {".txt", ".text", ".html", ".htm", ".json", ".jsonl"} == SUPPORTED_SUFFIXES
    assert MAX_FILE_BYTES == 20 * 1024 * 1024


def test_expand_paths(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("b/deep/z.txt", "b/a.html", "c.json", "d.jsonl", "e.htm", "f.text", "note.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".git" / "hidden.txt").write_text("x")
    loose = tmp_path / "loose.docx"
    loose.write_text("x")
    expanded = expand_paths([tmp_path / "b", loose, tmp_path])
    root = [p.relative_to(tmp_path).as_posix() for p in expanded]
    assert root == [
        "b/a.html",
        "b/deep/z.txt",
        "loose.docx",  # given by name: kept, so it is reported as unsupported
        "b/a.html",
        "b/deep/z.txt",
        "c.json",
        "d.jsonl",
        "e.htm",
        "f.text",
    ]
    assert expand_paths([tmp_path / "missing.txt"]) == [tmp_path / "missing.txt"]


def test_samples_dir_is_the_repositorys() -> None:
    folder = samples_dir()
    assert folder.is_dir()
    assert folder == Path(__file__).resolve().parents[2] / "resources" / "samples"


def test_parse_bytes_matches_read_articles(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline of the day\n\nA paragraph that carries the news of the day.\n")
    [from_file] = read_articles(path)
    [from_bytes] = parse_bytes(str(path), path.read_bytes())
    assert from_file == from_bytes
    assert from_file.source_name == str(path)


def test_an_html_page_saved_as_txt_is_read_as_html() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><article>"
        "<h1>Harbour reopens</h1><p>The harbour reopened on Monday after three weeks of "
        "repairs to the sea wall, the port authority said.</p></article></body></html>"
    )
    [article] = parse_bytes("saved.txt", page.encode())
    assert article.title == "Harbour reopens"
    assert article.text.startswith("The harbour reopened on Monday")
    assert "<" not in article.text
