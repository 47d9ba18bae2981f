"""The error a form definition that cannot be used raises, naming where the problem is."""
from __future__ import annotations

from app.core.errors import ZhucunError


class FormError(ZhucunError):
    """A definition that cannot be used; names where the problem is."""

    def __init__(self, source: str, message: str, row: int | None = None, column: str | None = None,
                 position: int | None = None):
        self.source, self.row, self.column, self.position = source, row, column, position
        where = [source]
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(column)
        if position is not None:
            where.append(f"position {position + 1}")
        super().__init__(f"{', '.join(where)}: {message}")

    def as_dict(self) -> dict:
        return {"error": "form", "file": self.source, "row": self.row, "column": self.column,
                "position": self.position, "message": str(self)}
