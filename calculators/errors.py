"""What the calculator says when a user's input cannot be used: one exception, and one shape of answer."""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Input the user can fix; the message is Danish and shown as is on the page."""


def failure(errors: list[dict[str, str]]) -> dict[str, Any]:
    """The answer to a request with mistakes, every field's message listed ({"field": ..., "error": ...}, in the
    form's order) so that the page can mark them all at once; "field" and "error" name the first."""
    return {"ok": False, **errors[0], "errors": errors}


def field_failure(field: str, error: str) -> dict[str, Any]:
    """failure() for one field's mistake."""
    return failure([{"field": field, "error": error}])
