"""A local HTTP server for a test, on 127.0.0.1 and a free port, in a thread of its own."""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler], service=None):
    """The server for the duration; its handler reaches `service` as `self.server.service`.
    A request kept waiting (a provider told to be slow) does not hold up the end."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.service = service
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
