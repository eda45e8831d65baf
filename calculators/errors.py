"""The one exception the calculator raises for things a user typed."""


class InputError(ValueError):
    """Input the user can fix; the message is Danish and shown as is on the page."""
