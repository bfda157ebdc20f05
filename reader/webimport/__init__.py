"""Versions from the web into the library: fetch (reader.web), read (reader.ingest), store
(reader.store), one transaction per version, so a cancel or a kill keeps every version already
stored whole. The command line and the window both run these."""

from reader.webimport.history import import_history
from reader.webimport.pages import import_urls
from reader.webimport.watching import WatchResult, check_watch_list

__all__ = ["WatchResult", "check_watch_list", "import_history", "import_urls"]
