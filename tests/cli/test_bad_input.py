"""Issue 6's bad inputs through `reader import` in one go: each failure is one line naming the
file and the reason, the good files still go in, legacy encodings are read right, and the exit
status says something failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

STORY = ("Harbour council approves barrier\n\nThe harbour council approved the flood barrier "
         "on Tuesday. “It is a good day,” said the café owner Zoë Renée.\n")


def write_inputs(folder: Path) -> dict[str, str | None]:
    """Files and the reason each must fail with (None: must import)."""
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None) -> None:
        (folder / name).write_bytes(data)
        expected[name] = reason

    put("binary.txt", bytes(range(256)) * 40, "binary")
    put("blank.txt", b" \n\t\n", "empty")
    put("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'")
    put("broken-utf8.txt", b"Berita \xff\xfe\xfa hari ini " * 3 + b"\x00\x81", "binary")
    put("cp1252.txt", STORY.encode("cp1252"), None)
    put("latin1.txt", STORY.replace("“", '"').replace("”", '"').replace("council", "councils")
        .encode("latin-1"), None)
    put("utf16.txt", STORY.replace("harbour", "port").encode("utf-16"), None)
    put("huge.txt", b"Kalimat berita yang panjang sekali. " * (50 * 1024 * 1024 // 36 + 1),
        "too large")
    put("scripts.html", b"<html><head><script>alert(1)</script></head><body><iframe "
        b"src='https://ads.example'></iframe><article><h1>Bridge reopens</h1><p>The old "
        b"bridge over the river reopened on Monday after two years of repairs, the city "
        b"said.</p><img src='https://img.example/a.jpg'></article></body></html>", None)
    put("truncated.html", b"<html><body><article><h1>Dam inspection</h1><p>Engineers "
        b"inspected the northern dam on Friday and found new cracks in the spillway wall, "
        b"officials said.</p><p>The inspection contin", None)
    put("wrong-type.json", json.dumps({"title": "x", "text": 42}).encode(), "'text'")
    put("missing.json", json.dumps([{"title": "no text here"}]).encode(), "'text'")
    put("not-json.json", b'{"text": "unterminated', "JSON")
    return expected


def test_every_bad_input_is_named_with_its_reason(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    expected = write_inputs(folder)
    db = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    # A folder imports its article files; a stray file of another type is named explicitly.
    (folder / "report.pdf").rename(tmp_path / "report.pdf")
    code = main(["--db", db, "import", str(folder), str(tmp_path / "report.pdf")])
    out, err = capsys.readouterr()
    assert code == 1
    failures = {line.split()[1].rstrip(":").rsplit("/", 1)[-1]: line
                for line in err.strip().splitlines()}
    for name, reason in expected.items():
        if reason is None:
            assert name not in failures, failures.get(name)
            assert f"/{name} -> story" in out
        else:
            assert reason in failures[name], failures[name]
    assert set(failures) == {n for n, r in expected.items() if r is not None}
    assert all(len(line) < 300 for line in failures.values())

    capsys.readouterr()
    main(["--db", db, "list", "--format", "json"])
    stories = json.loads(capsys.readouterr().out)
    texts = []
    for story in stories:
        for version in story["versions"]:
            main(["--db", db, "show", str(version["id"])])
            texts.append(capsys.readouterr().out)
    joined = "\n".join(texts)
    assert "café owner Zoë Renée" in joined  # cp1252 and latin-1 decoded, not mangled
    assert "alert(1)" not in joined and "ads.example" not in joined
    assert "found new cracks in the spillway wall" in joined
