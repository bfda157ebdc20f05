"""Language by function-word counts."""

from __future__ import annotations

import pytest

from reader.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Presiden mengatakan bahwa pemerintah akan terus memberikan bantuan kepada warga "
         "yang terdampak banjir di daerah itu.", "id"),
        ("The council said that it would continue to give help to the residents who were "
         "affected by the flood in the area.", "en"),
        ("NATO Mark Rutte Brussels Ukraina", "und"),
        ("", "und"),
        ("Der Rat hat beschlossen, die Brücke zu reparieren, sagte der Bürgermeister.", "und"),
    ],
)  # fmt: skip
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_english_quotes_inside_an_indonesian_article_stay_indonesian() -> None:
    text = (
        'Menurut dia, kebijakan itu "the right thing to do" dan akan dilanjutkan pada tahun '
        "depan karena sudah terbukti membantu para petani di desa tersebut."
    )
    assert detect_language(text) == "id"
