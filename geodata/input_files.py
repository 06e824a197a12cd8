"""What a path a user gives is, before anything reads it: plans and imports accept regular files only, and
a FIFO or a device would hang a reader or feed it without end."""

from __future__ import annotations

import stat


def special_file_kind(mode: int) -> str | None:
    """How to name a file that is not a regular one ("a named pipe (FIFO)" …); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
