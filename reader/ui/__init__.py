"""The PySide6 window. No business logic, no SQL."""
