"""Pausing Python's cyclic garbage collector around bulk building."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off for a while. Loading a big map or building a
    big framework makes millions of objects and none of them is garbage; the
    collector's passes over them would cost as much as the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
