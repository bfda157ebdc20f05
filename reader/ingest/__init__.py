"""Turning files into article records.

`read_articles(path)` reads one file (plain text, HTML, JSON, JSON Lines) into ParsedArticle
records; `expand_paths` turns folders into the files to read; grouping.py tells whether two
articles are versions of one story.
"""

from reader.ingest.errors import IngestError
from reader.ingest.files import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    expand_paths,
    parse_bytes,
    read_articles,
    samples_dir,
)
from reader.ingest.grouping import SAME_STORY_THRESHOLD, fingerprint, story_similarity
from reader.ingest.model import ParsedArticle

__all__ = [
    "MAX_FILE_BYTES",
    "SAME_STORY_THRESHOLD",
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "ParsedArticle",
    "expand_paths",
    "fingerprint",
    "parse_bytes",
    "read_articles",
    "samples_dir",
    "story_similarity",
]
