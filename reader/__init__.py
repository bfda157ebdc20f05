"""Parallax Reader: compare versions of a news story, annotate them, export the comparison."""

__version__ = "0.1.0"
