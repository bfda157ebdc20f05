"""The reading process of a large import (reader.store.import_units): the files to read come
pickled on standard input, their units go pickled to standard output."""

from __future__ import annotations

import pickle
import sys

from reader.store.import_units import read_to

if __name__ == "__main__":
    read_to(pickle.load(sys.stdin.buffer), sys.stdout.buffer)
