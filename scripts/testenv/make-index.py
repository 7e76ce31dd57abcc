#!/usr/bin/env python3
"""Builds (or widens) the offline package index from Debian's Python packages.

Usage: make-index.py TABLE DEB_DIR OUT_DIR PROJECT...
  TABLE   dh-python's dist/cpython3_fallback (project name -> Debian package)
  DEB_DIR where the downloaded .debs are kept (reused on the next run)
  OUT_DIR the index: OUT_DIR/simple/<normalized-name>/<wheel>
Each project named, and everything it requires, is repacked as a wheel at Debian's version
(see debindex.py). index-server.py serves the same folder and adds projects on first request.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from debindex import DebianIndex  # noqa: E402


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    table, deb_dir, out_dir, projects = argv[0], argv[1], argv[2], argv[3:]
    index = DebianIndex(out_dir, deb_dir, table)
    index.warm(projects)
    missing = [p for p in projects if not index.has(p)]
    count = len([n for n in os.listdir(os.path.join(out_dir, "simple")) if not n.endswith(".html")])
    print(f"index: {count} projects in {out_dir}/simple")
    if missing:
        sys.exit(f"index: Debian has no package for {', '.join(missing)}")


if __name__ == "__main__":
    main(sys.argv[1:])
