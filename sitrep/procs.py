"""Worker processes that die with their parent.

``ingest --workers N`` starts N spawned processes. When the parent is killed (``kill -9``,
the OOM killer) nothing tells them: each sat blocked on its task pipe holding ~260 MB, for
ever. :func:`die_with_parent`, run first in every worker, makes the kernel kill the
worker when its parent dies (Linux ``PR_SET_PDEATHSIG``) and, everywhere, starts a
watcher thread that exits the worker once its parent is gone.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def _pdeathsig() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int, every: float) -> None:
    while True:
        time.sleep(every)
        if os.getppid() != parent:
            os._exit(1)  # the parent is gone: nothing will read what this worker makes


def die_with_parent(parent: int, every: float = 1.0) -> None:
    """Call in a child process; ``parent`` is the pid that started it."""
    _pdeathsig()
    if os.getppid() != parent:  # the parent died before we got here
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, every), daemon=True, name="sitrep-parent-watch").start()
