"""Exit codes, and the one place that turns an error a user can act on into a message and a code.

0 done, 1 an error the message explains, 2 wrong usage (argparse), 3 a name or id that is not in the store.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_FOUND = 0, 1, 2, 3


class NotFound(Exception):
    """A name or id the user gave that is not in the store (exit 3)."""


class CommandFailed(Exception):
    """A command that cannot do what was asked; the message says why and what to change (exit 1)."""


def handled(run: Callable[[], int]) -> int:
    """Run a command; an error the user can act on becomes `error: message` on stderr and its exit code.
    Any other exception is a bug: its traceback goes to the log file, and the message says where."""
    try:
        return run()
    except KeyboardInterrupt:
        print("interrupted; the store is unchanged.", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return EXIT_OK
    except MemoryError:
        print("error: not enough memory for this command; close other programs, or split the input file.",
              file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:
        code = exit_code(error)
        if code is not None:
            print(f"error: {error}", file=sys.stderr)
            return code
        if isinstance(error, OSError) and error.strerror:
            where = f" ({error.filename})" if error.filename else ""
            print(f"error: {error.strerror}{where}.", file=sys.stderr)
            return EXIT_ERROR
        return unexpected(error)


def unexpected(error: Exception) -> int:
    """A bug: the traceback goes to the log, the user gets one line that says where it is."""
    from geodata.error_log import write_error_log

    try:
        log = write_error_log(error, " ".join(sys.argv))
    except OSError:
        raise error from None
    print(f"error: unexpected {type(error).__name__}: {error}. The details are in {log}; "
          "please send that file with a report.", file=sys.stderr)
    return EXIT_ERROR


# Errors from geodata/ and layers/ whose message tells the user what to do, named by module and class: matching
# the names along the error's class hierarchy needs no import (matplotlib, behind ExportError, takes seconds).
NOT_FOUND_ERRORS = frozenset({"geodata.user_data.NotInStore"})
EXPLAINED_ERRORS = frozenset({
    "geodata.errors.StoreError", "geodata.plans.plan.PlanError", "layers.print_layout.LayoutError",
    "layers.print_render.ExportError", "layers.cjk_text.FontError",
})


def exit_code(error: Exception) -> int | None:
    """The exit code of an error whose message tells the user what to do; None for any other error."""
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in type(error).__mro__}
    if isinstance(error, NotFound) or names & NOT_FOUND_ERRORS:
        return EXIT_NOT_FOUND
    if isinstance(error, CommandFailed) or names & EXPLAINED_ERRORS:
        return EXIT_ERROR
    return None
