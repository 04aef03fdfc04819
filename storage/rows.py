"""Reading a row into a frozen dataclass: each field from the column of the same name.

`from_row(Delivery, row)` reads every field from its column; `computed` gives the fields that are
not a column as they are (parsed times, renamed columns, flags as booleans).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from storage.db import parse_ts

T = TypeVar("T")


def from_row(cls: type[T], row: Any, **computed: Any) -> T:
    """`cls` built from `row` (an sqlite Row), with `computed` fields taken as given."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    values = {f.name: computed[f.name] if f.name in computed else row[f.name] for f in fields}
    return cls(**values)


def maybe_time(row: Any, column: str) -> Any:
    """A stored instant, or None where the column is empty."""
    return parse_ts(row[column]) if row[column] else None
