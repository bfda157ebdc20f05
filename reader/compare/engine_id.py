"""Which engine computed a result: changes whenever any source file of the engine changes.

The library keeps computed comparisons; one made by another engine (an older release, a
fix to the word diff) must never be read back as if this engine had made it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def _engine_id() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


ENGINE_ID = _engine_id()
