"""The local web site every web test fetches from."""

from tests.web.server import web_site

__all__ = ["web_site"]
