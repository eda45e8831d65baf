"""What the calculator says when a user's input cannot be used: one exception, and one shape of answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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


def read_fields(
    request: Mapping[str, Any], readers: Sequence[tuple[str, Callable[[Any], Any]]]
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """(values, errors): each field of the request read by its reader, in the form's order. Every field is read
    even after a mistake, so that the page can mark all the fields that need fixing at once."""
    values: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    for field, read in readers:
        try:
            values[field] = read(request.get(field))
        except InputError as error:
            errors.append({"field": field, "error": str(error)})
    return values, errors
