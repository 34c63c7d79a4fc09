"""What a process read from the shared cache lately, kept in its memory for as
long as no purge could have made it wrong.

Every purge bumps the purge sequence (``core/filing.py``) before and after it
writes its keys' versions. A value read after the sequence was read, and kept
with it, is current while the sequence reads the same: a purge that finished
since has moved it. So a process serves its copy after one cache read (the
sequence), and sees a purge at its next request, as without copies. The page
cache keeps its entries so (``publishing/store.py``), and filed values (cards,
feed items, page parts) theirs.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class Recent:
    """What this process used lately, least recently used going first beyond
    ``most()`` values or ``room()`` bytes; safe to share between a server's
    threads. The bounds are asked on each use, so settings changed at run time
    (tests) apply."""

    def __init__(self, most: Callable[[], int], room: Callable[[], int]):
        self._most, self._room = most, room
        self._lock = threading.Lock()
        self._values: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key: str):
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            self._values.move_to_end(key)
            return found[0]

    def put(self, key: str, value, size: int) -> None:
        room, most = self._room(), self._most()
        with self._lock:
            self._forget(key)
            if size > room // 4 or most < 1:  # one huge value must not empty the rest
                return
            self._values[key] = (value, size)
            self._bytes += size
            while len(self._values) > most or self._bytes > room:
                self._forget(next(iter(self._values)))

    def forget(self, key: str) -> None:
        with self._lock:
            self._forget(key)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._bytes = 0

    def _forget(self, key: str) -> None:
        found = self._values.pop(key, None)
        if found is not None:
            self._bytes -= found[1]


class Copies:
    """Values this process read lately (each with an ``expires_at``: when the
    shared cache drops it, None for one never to be copied), each with the purge
    sequence it was read under."""

    def __init__(self, most: Callable[[], int], room: Callable[[], int]):
        self._recent = Recent(most, room)

    def get(self, key: str, sequence: int):
        copy = self._recent.get(key)
        if copy is None or copy[0] != sequence or copy[1].expires_at <= time.time():
            return None
        return copy[1]

    def keep(self, key: str, sequence: int, value, size: int = 0) -> None:
        """Keep ``value`` as read under ``sequence`` (None: forget the key)."""
        if value is None or value.expires_at is None:
            self._recent.forget(key)
        else:
            self._recent.put(key, (sequence, value), size)

    def clear(self) -> None:
        self._recent.clear()
