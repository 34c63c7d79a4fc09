"""A loopback TCP proxy a test can cut and restore, to take a real server away
from a process for a while (a database outage, as the process sees it)."""

import selectors
import socket
import threading


class CuttableProxy:
    """Forwards 127.0.0.1:<port> to ``target``. ``cut()`` closes every connection
    and refuses new ones; ``restore()`` listens again on the same port."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = None
        self._listener = None
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._listen()
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(64)
        listener.setblocking(False)
        self.port = listener.getsockname()[1]
        with self._lock:
            self._listener = listener

    def cut(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            pairs, self._pairs = self._pairs, []
        listener.close()
        for pair in pairs:
            for end in pair:
                end.close()

    def restore(self) -> None:
        self._listen()

    def close(self) -> None:
        self._stopped.set()
        if self._listener is not None:
            self.cut()
        self._thread.join(timeout=5)

    def _pump(self) -> None:
        while not self._stopped.is_set():
            with self._lock:
                listener, pairs = self._listener, list(self._pairs)
            readable = [listener] if listener else []
            readable += [end for pair in pairs for end in pair]
            if not readable:
                self._stopped.wait(0.05)
                continue
            chooser = selectors.DefaultSelector()
            for end in readable:
                if end.fileno() != -1:
                    chooser.register(end, selectors.EVENT_READ)
            try:
                ready = chooser.select(timeout=0.05)
            finally:
                chooser.close()
            for key, _ in ready:
                self._serve(key.fileobj, listener, pairs)

    def _serve(self, end, listener, pairs) -> None:
        if end is listener:
            self._accept(listener)
            return
        pair = next((p for p in pairs if end in p), None)
        if pair is None:
            return
        other = pair[1] if end is pair[0] else pair[0]
        try:
            data = end.recv(65536)
            if data:
                other.sendall(data)
                return
        except OSError:
            pass
        self._drop(pair)

    def _accept(self, listener) -> None:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        try:
            upstream = socket.create_connection(self.target, timeout=3)
        except OSError:
            client.close()
            return
        client.setblocking(True)
        with self._lock:
            self._pairs.append((client, upstream))

    def _drop(self, pair) -> None:
        with self._lock:
            if pair in self._pairs:
                self._pairs.remove(pair)
        for end in pair:
            end.close()
