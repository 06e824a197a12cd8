"""How a long job says how far it is, and how whoever watches it stops it. Qt-free.

`progress(done, total)` is called as the work advances (on the worker's thread when there is one); `total`
0 means the size is not known yet. Returning False asks the work to stop: it then raises its own
cancellation error or returns a result marked cancelled, and leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], bool]
