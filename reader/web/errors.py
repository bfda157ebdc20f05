"""The errors a fetch ends with: one line naming the URL and the reason."""

from __future__ import annotations


class FetchError(Exception):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class FetchCancelled(Exception):
    """The user cancelled while a request was waiting (a Retry-After, the rate limit)."""
