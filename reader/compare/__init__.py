"""The comparison engine: pure Python, no Qt, no database."""
