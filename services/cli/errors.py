"""The one exception a command raises for anything the user should read as a single line."""

from __future__ import annotations


class CliError(Exception):
    """A user-facing failure: `message` is printed as one line and the CLI exits with `code`."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message, self.code = message, code
