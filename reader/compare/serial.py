"""A Comparison to plain JSON data and back, for the library's cache of computed comparisons.

The encoding mirrors the dataclasses field by field (not the public contract of `to_dict`,
which leaves out what a reader does not need), so it follows the model as the model changes.
The articles' texts are left out: the cache is keyed by them, and the caller hands them back.
`ENGINE_FINGERPRINT` changes whenever any source file of the engine changes, so a cached
comparison is never read back by an engine that would have computed something else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from pathlib import Path
from typing import Any, Union

from reader.compare.model import Comparison, Stats


def _engine_fingerprint() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


ENGINE_FINGERPRINT = _engine_fingerprint()


def comparison_to_data(comparison: Comparison) -> dict[str, Any]:
    data = dataclasses.asdict(comparison)
    for side in ("left", "right"):
        data[side].pop("text")
    return data


def comparison_from_data(data: dict[str, Any], left_text: str, right_text: str) -> Comparison:
    data = {**data, "left": {**data["left"], "text": left_text},
            "right": {**data["right"], "text": right_text}}
    decoded: Comparison = _Decoder().decode(Comparison, data)
    return decoded


class _Decoder:
    """Rebuilds dataclasses from their `asdict` form, led by the fields' type hints."""

    def __init__(self) -> None:
        self._hints: dict[type, dict[str, Any]] = {}

    def decode(self, kind: Any, value: Any) -> Any:
        if dataclasses.is_dataclass(kind) and isinstance(kind, type):
            return kind(**{name: self.decode(hint, value[name])
                           for name, hint in self._fields(kind).items() if name in value})
        origin = typing.get_origin(kind)
        if origin is tuple:
            args = typing.get_args(kind)
            if len(args) == 2 and args[1] is Ellipsis:
                return tuple(self.decode(args[0], item) for item in value)
            return tuple(self.decode(arg, item) for arg, item in zip(args, value, strict=True))
        if origin in (Union, types.UnionType) and value is not None:
            options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
            return self.decode(options[0], value) if len(options) == 1 else value
        if kind is float:
            return float(value)
        return value  # str, int, bool, Literal values, None, plain lists and dicts

    def _fields(self, kind: type) -> dict[str, Any]:
        if kind not in self._hints:
            names = {field.name for field in dataclasses.fields(kind) if field.init}
            self._hints[kind] = {name: hint for name, hint in typing.get_type_hints(kind).items()
                                 if name in names}
        return self._hints[kind]


def stats_from_data(data: dict[str, Any]) -> Stats:
    stats: Stats = _Decoder().decode(Stats, data)
    return stats
