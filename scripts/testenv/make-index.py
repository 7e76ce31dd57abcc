#!/usr/bin/env python3
"""Builds a PEP 503 package index from Debian's Python packages, for machines with no PyPI.

Debian ships Flask, gunicorn, Poetry and their dependencies as .debs. This repacks each
installed distribution as a wheel (Debian strips install requirements from its metadata,
so Requires-Dist is rebuilt from the .deb's Depends), copies the real wheels Debian ships
(pip, setuptools, wheel), and lays them out as /simple/<normalized-name>/<file>.
Usage: make-index.py DEB_DIR OUT_DIR  (DEB_DIR holds the downloaded .debs)
"""
import base64
import csv
import email.parser
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

DIST_PACKAGES = "usr/lib/python3/dist-packages"
# Debian splits some distributions across packages with no metadata of their own: a
# dependency on them is a dependency on the distribution they belong to (gunicorn 20
# imports pkg_resources, which is setuptools).
PART_OF = {"python3-pkg-resources": "setuptools"}
SHIPPED_WHEELS = "usr/share/python-wheels"


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def deb_field(deb, field):
    out = subprocess.run(["dpkg-deb", "-f", deb, field], capture_output=True, text=True)
    return out.stdout.strip()


def python_depends(deb):
    """Debian package names of the python3-* packages this .deb depends on."""
    names = []
    for clause in deb_field(deb, "Depends").split(","):
        first = clause.split("|")[0].strip()
        name = first.split(" ")[0].split(":")[0]
        if name.startswith("python3-"):
            names.append(name)
    return names


def find_distribution(root):
    """The (name, version, info_path, kind) of the distribution in an unpacked .deb, if any."""
    base = os.path.join(root, DIST_PACKAGES)
    if not os.path.isdir(base):
        return None
    for entry in sorted(os.listdir(base)):
        match = re.match(r"^(.+?)-([^-]+?)\.(dist-info|egg-info)$", entry)
        if match:
            return match.group(1), match.group(2), os.path.join(base, entry), match.group(3)
    return None


def read_metadata(info_path, kind):
    if kind == "dist-info":
        path = os.path.join(info_path, "METADATA")
    elif os.path.isdir(info_path):
        path = os.path.join(info_path, "PKG-INFO")
    else:
        path = info_path
    with open(path, encoding="utf-8", errors="replace") as handle:
        return email.parser.Parser().parse(handle)


def wheel_tag(files):
    if any(name.endswith(".so") for name, _ in files):
        return "cp311-cp311-linux_x86_64"
    return "py3-none-any"


def build_wheel(root, name, version, info_path, kind, requires, out_dir):
    base = os.path.join(root, DIST_PACKAGES)
    info_name = os.path.basename(info_path)
    files = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for filename in filenames:
            full = os.path.join(dirpath, filename)
            rel = os.path.relpath(full, base)
            if rel.split(os.sep)[0] == info_name or rel == info_name:
                continue
            if os.path.islink(full) and not os.path.exists(full):
                continue
            files.append((rel.replace(os.sep, "/"), full))

    dist = re.sub(r"[^A-Za-z0-9.]+", "_", name)
    info_dir = f"{dist}-{version}.dist-info"
    tag = wheel_tag(files)
    wheel_name = f"{dist}-{version}-{tag}.whl"

    meta = read_metadata(info_path, kind)
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    summary = meta.get("Summary")
    if summary:
        lines.append(f"Summary: {summary}")
    lines += [f"Requires-Dist: {r}" for r in sorted(set(requires))]
    metadata = "\n".join(lines) + "\n"
    py_tag, abi_tag, plat_tag = tag.split("-")
    wheel_meta = (
        "Wheel-Version: 1.0\nGenerator: dockwiz-testenv\n"
        f"Root-Is-Purelib: {'false' if tag != 'py3-none-any' else 'true'}\nTag: {py_tag}-{abi_tag}-{plat_tag}\n"
    )
    extra = {"METADATA": metadata, "WHEEL": wheel_meta}
    for keep in ("entry_points.txt", "top_level.txt"):
        source = os.path.join(info_path, keep) if os.path.isdir(info_path) else None
        if source and os.path.isfile(source):
            with open(source, encoding="utf-8") as handle:
                extra[keep] = handle.read()

    target_dir = os.path.join(out_dir, "simple", normalize(name))
    os.makedirs(target_dir, exist_ok=True)
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    with zipfile.ZipFile(os.path.join(target_dir, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(arcname, data):
            wheel.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            writer.writerow([arcname, f"sha256={digest}", len(data)])

        for rel, full in sorted(files):
            with open(full, "rb") as handle:
                add(rel, handle.read())
        for filename, text in extra.items():
            add(f"{info_dir}/{filename}", text.encode())
        writer.writerow([f"{info_dir}/RECORD", "", ""])
        wheel.writestr(f"{info_dir}/RECORD", record.getvalue())
    return wheel_name


def main(deb_dir, out_dir):
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(os.path.join(out_dir, "simple"))
    debs = sorted(os.path.join(deb_dir, f) for f in os.listdir(deb_dir) if f.endswith(".deb"))
    unpacked = {}
    dist_of_deb = {}
    shipped = set()
    with tempfile.TemporaryDirectory() as work:
        for deb in debs:
            package = deb_field(deb, "Package")
            root = os.path.join(work, package)
            subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
            unpacked[package] = (deb, root)
            wheels_dir = os.path.join(root, SHIPPED_WHEELS)
            if os.path.isdir(wheels_dir):
                for wheel in os.listdir(wheels_dir):
                    name = wheel.split("-")[0]
                    shipped.add(normalize(name))
                    target = os.path.join(out_dir, "simple", normalize(name))
                    os.makedirs(target, exist_ok=True)
                    shutil.copy(os.path.join(wheels_dir, wheel), target)
                    print(f"  shipped wheel {wheel}")
                continue
            found = find_distribution(root)
            if found:
                dist_of_deb[package] = found

        for package, (name, version, info_path, kind) in sorted(dist_of_deb.items()):
            if normalize(name) in shipped:
                continue
            deb, root = unpacked[package]
            depends = python_depends(deb)
            requires = [dist_of_deb[d][0] for d in depends if d in dist_of_deb and d != package]
            requires += [PART_OF[d] for d in depends if d in PART_OF]
            wheel = build_wheel(root, name, version, info_path, kind, requires, out_dir)
            print(f"  repacked {package} -> {wheel}")

    # Directory listings are what http.server serves; an explicit root page keeps
    # `pip index`-style clients and humans happy too.
    names = sorted(os.listdir(os.path.join(out_dir, "simple")))
    with open(os.path.join(out_dir, "simple", "index.html"), "w") as page:
        page.write("<!DOCTYPE html><html><body>\n")
        for name in names:
            page.write(f'<a href="{name}/">{name}</a><br/>\n')
        page.write("</body></html>\n")
    for name in names:
        folder = os.path.join(out_dir, "simple", name)
        with open(os.path.join(folder, "index.html"), "w") as page:
            page.write("<!DOCTYPE html><html><body>\n")
            for filename in sorted(os.listdir(folder)):
                if filename != "index.html":
                    page.write(f'<a href="{filename}">{filename}</a><br/>\n')
            page.write("</body></html>\n")
    print(f"index: {len(names)} projects in {out_dir}/simple")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make-index.py DEB_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
