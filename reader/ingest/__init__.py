"""Turning files into article records."""
