#!/usr/bin/env python3
"""Serves the offline package index on 127.0.0.1, adding Debian's packages on first request.

Usage: index-server.py PORT TABLE DEB_DIR OUT_DIR VERSION
GET /simple/<project>/ lists the project's wheel; a project the folder does not have yet is
downloaded from Debian (apt-get download), repacked and then listed, so any project Debian
packages as python3-* can be installed. A project Debian lacks answers 404, as PyPI does for
a name it does not know. GET /version answers VERSION, so engine-up.sh can tell a current
server from an old one. Only loopback is bound: pip treats 127.0.0.0/8 as a secure origin.
"""
import http.server
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from debindex import DebianIndex, normalize  # noqa: E402


FILE_CACHE_CONTROL = "max-age=365000000, immutable, public"
PAGE_CACHE_CONTROL = "max-age=600, public"
FILE_SUFFIXES = (".whl", ".tar.gz", ".zip")


def cache_control(path, status):
    """The Cache-Control PyPI would send for this path and status (None: send none)."""
    if status not in (200, 206) or not path.startswith("/simple/"):
        return None
    return FILE_CACHE_CONTROL if path.endswith(FILE_SUFFIXES) else PAGE_CACHE_CONTROL


def serve(port, table, deb_dir, out_dir, version):
    index = DebianIndex(out_dir, deb_dir, table, log=lambda line: print(line, file=sys.stderr, flush=True))

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            self._status = None
            super().__init__(*args, directory=out_dir, **kwargs)

        def send_response(self, code, message=None):
            self._status = code
            super().send_response(code, message)

        def end_headers(self):
            value = cache_control(urllib.parse.urlsplit(self.path).path, self._status)
            if value:
                self.send_header("Cache-Control", value)
            super().end_headers()

        def do_GET(self):  # noqa: N802 (http.server's naming)
            path = urllib.parse.urlsplit(self.path).path
            if path == "/version":
                body = f"{version}\n".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            parts = [p for p in path.split("/") if p]
            if len(parts) == 2 and parts[0] == "simple":
                project = normalize(urllib.parse.unquote(parts[1]))
                if not index.ensure(project):
                    self.send_error(404, f"Debian packages no {project}")
                    return
                if parts[1] != project or not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", f"/simple/{project}/")
                    self.end_headers()
                    return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"index-server: serving {out_dir} on http://127.0.0.1:{port}/simple/", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    serve(int(sys.argv[1]), *sys.argv[2:6])
