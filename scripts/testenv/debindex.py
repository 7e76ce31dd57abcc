"""Debian's Python packages as a PEP 503 index, for machines with no PyPI.

Debian bookworm packages thousands of Python projects as python3-* .debs. This module maps a
project name to its .deb by the distribution name inside the package (dh-python's table of
them: PyJWT is python3-jwt, pytz is python3-tz), downloads it with apt-get, and repacks the
installed distribution as a wheel at Debian's version. Debian strips install requirements
from its metadata, so Requires-Dist is rebuilt from the .deb's Depends on other python3-*
packages (mapped back to their distribution names) plus whatever upstream metadata is left
(extras included, so `celery[redis]` resolves). Versions are left out of Requires-Dist: the
index holds one version of each project, Debian's, and Debian made them fit together.
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
import tempfile
import threading
import zipfile

DIST_PACKAGES = "usr/lib/python3/dist-packages"
SHIPPED_WHEELS = "usr/share/python-wheels"
# pip, setuptools and wheel are installed from the real wheels Debian ships for venvs; the
# table maps setuptools to python3-pkg-resources, a part of it with no metadata of its own.
SHIPPED = {"pip": "python3-pip-whl", "setuptools": "python3-setuptools-whl", "wheel": "python3-wheel-whl"}
PART_OF = {"python3-pkg-resources": "setuptools", "python3-setuptools": "setuptools", "python3-distutils": None,
           "python3-lib2to3": None, "python3-dev": None, "python3-all": None,
           # cffi's C half, which bcrypt, cryptography and others depend on through virtual packages.
           "python3-cffi-backend": "cffi", "python3-cffi-backend-api-min": "cffi", "python3-cffi-backend-api-max": "cffi"}
ABI_TAG = "cp311-cp311-linux_x86_64"


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


class DebianMap:
    """Project name <-> Debian package, from dh-python's cpython3_fallback table."""

    def __init__(self, table_path):
        self.deb_of = {}
        self.dists_of_deb = {}
        with open(table_path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) != 2 or not parts[1].startswith("python3-"):
                    continue
                dist, deb = parts
                self.deb_of.setdefault(normalize(dist), deb)
                self.dists_of_deb.setdefault(deb, []).append(dist)
        for name, deb in SHIPPED.items():
            self.deb_of[name] = deb
            self.dists_of_deb.setdefault(deb, []).insert(0, name)

    def deb(self, project):
        return self.deb_of.get(normalize(project))

    def dist(self, deb):
        """The distribution a Debian package is for: the one whose name is closest to the package's."""
        if deb in PART_OF:
            return PART_OF[deb]
        dists = self.dists_of_deb.get(deb)
        if not dists:
            return None
        stem = normalize(deb[len("python3-"):])
        for dist in dists:
            if normalize(dist) == stem or normalize(dist) == "python-" + stem:
                return dist
        return dists[0]


def deb_field(deb, field):
    out = subprocess.run(["dpkg-deb", "-f", deb, field], capture_output=True, text=True)
    return out.stdout.strip()


def python_depends(deb, field="Depends"):
    """Debian package names of the python3-* packages this .deb depends on (first alternative)."""
    names = []
    for clause in deb_field(deb, field).split(","):
        first = clause.split("|")[0].strip()
        name = first.split(" ")[0].split(":")[0]
        if name.startswith("python3-"):
            names.append(name)
    return names


def find_distributions(root):
    """(name, version, info_path, kind) of every distribution in an unpacked .deb."""
    base = os.path.join(root, DIST_PACKAGES)
    found = []
    if not os.path.isdir(base):
        return found
    for entry in sorted(os.listdir(base)):
        match = re.match(r"^(.+?)-([^-]+?)\.(dist-info|egg-info)$", entry)
        if match:
            info_path = os.path.join(base, entry)
            meta = read_metadata(info_path, match.group(3))
            name = meta.get("Name") or match.group(1)
            version = meta.get("Version") or match.group(2)
            found.append((name, version, info_path, match.group(3), meta))
    return found


def read_metadata(info_path, kind):
    if kind == "dist-info":
        path = os.path.join(info_path, "METADATA")
    elif os.path.isdir(info_path):
        path = os.path.join(info_path, "PKG-INFO")
    else:
        path = info_path
    with open(path, encoding="utf-8", errors="replace") as handle:
        return email.parser.Parser().parse(handle)


REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?")


def upstream_requires(info_path, kind, meta):
    """(name, extras, marker) of each requirement upstream's metadata still lists."""
    lines = list(meta.get_all("Requires-Dist") or [])
    if kind == "egg-info" and os.path.isdir(info_path):
        requires_txt = os.path.join(info_path, "requires.txt")
        if os.path.isfile(requires_txt):
            section = None
            for raw in open(requires_txt, encoding="utf-8", errors="replace"):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                if line.startswith("["):
                    section = line.strip("[]")
                    continue
                marker = ""
                if section:
                    extra, _, cond = section.partition(":")
                    parts = [f'extra == "{extra}"'] if extra else []
                    if cond:
                        parts.append(f"({cond})")
                    marker = " and ".join(parts)
                lines.append(line + (f"; {marker}" if marker else ""))
    out = []
    for line in lines:
        spec, _, marker = line.partition(";")
        match = REQ_NAME.match(spec)
        if match:
            out.append((match.group(1), match.group(2) or "", marker.strip()))
    return out


def wheel_tag(files):
    if any(name.endswith(".so") or ".so." in name for name, _ in files):
        return ABI_TAG
    return "py3-none-any"


def resolve_inside(root, path, depth=0):
    """A symlink in an unpacked .deb resolved inside that .deb, or None when it leaves it."""
    if depth > 20:
        return None
    if not os.path.islink(path):
        return path if os.path.exists(path) else None
    target = os.readlink(path)
    if os.path.isabs(target):
        resolved = os.path.join(root, target.lstrip("/"))
    else:
        resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
    if not resolved.startswith(root):
        return None
    return resolve_inside(root, resolved, depth + 1)


def collect_files(root, skip):
    """(archive name, real path) of every file under dist-packages, links followed inside the .deb."""
    base = os.path.join(root, DIST_PACKAGES)
    files = []

    def walk(folder, rel_prefix):
        for entry in sorted(os.listdir(folder)):
            if entry == "__pycache__":
                continue
            rel = f"{rel_prefix}{entry}"
            if rel in skip:
                continue
            real = resolve_inside(root, os.path.join(folder, entry))
            if real is None:
                continue
            if os.path.isdir(real):
                walk(real, rel + "/")
            else:
                files.append((rel, real))

    walk(base, "")
    return files


def build_wheel(root, dist, requires, provides_extra, out_dir, skip):
    name, version, info_path, kind, meta = dist
    files = collect_files(root, skip)
    wheel_dist = re.sub(r"[^A-Za-z0-9.]+", "_", name)
    info_dir = f"{wheel_dist}-{version}.dist-info"
    tag = wheel_tag(files)
    wheel_name = f"{wheel_dist}-{version}-{tag}.whl"

    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    if meta.get("Summary"):
        lines.append(f"Summary: {meta.get('Summary')}")
    lines += [f"Provides-Extra: {extra}" for extra in sorted(provides_extra)]
    lines += [f"Requires-Dist: {r}" for r in sorted(set(requires))]
    py_tag, abi_tag, plat_tag = tag.split("-")
    extra_files = {
        "METADATA": "\n".join(lines) + "\n",
        "WHEEL": "Wheel-Version: 1.0\nGenerator: dockwiz-testenv\n"
        f"Root-Is-Purelib: {'true' if tag == 'py3-none-any' else 'false'}\nTag: {py_tag}-{abi_tag}-{plat_tag}\n",
    }
    for keep in ("entry_points.txt", "top_level.txt"):
        source = os.path.join(info_path, keep) if os.path.isdir(info_path) else None
        if source and os.path.isfile(source):
            with open(source, encoding="utf-8") as handle:
                extra_files[keep] = handle.read()

    target_dir = os.path.join(out_dir, "simple", normalize(name))
    os.makedirs(target_dir, exist_ok=True)
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    partial = os.path.join(target_dir, wheel_name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(arcname, data):
            wheel.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            writer.writerow([arcname, f"sha256={digest}", len(data)])

        for rel, full in files:
            with open(full, "rb") as handle:
                add(rel, handle.read())
        for filename, text in extra_files.items():
            add(f"{info_dir}/{filename}", text.encode())
        writer.writerow([f"{info_dir}/RECORD", "", ""])
        wheel.writestr(f"{info_dir}/RECORD", record.getvalue())
    os.replace(partial, os.path.join(target_dir, wheel_name))
    return wheel_name


class DebianIndex:
    """The index folder (OUT/simple/<project>/<wheel>) and the .debs it was made from."""

    def __init__(self, out_dir, deb_dir, table_path, log=print):
        self.out_dir = out_dir
        self.deb_dir = deb_dir
        self.map = DebianMap(table_path)
        self.log = log
        self.lock = threading.Lock()
        self.missing = set()
        os.makedirs(os.path.join(out_dir, "simple"), exist_ok=True)
        os.makedirs(deb_dir, exist_ok=True)

    def has(self, project):
        folder = os.path.join(self.out_dir, "simple", normalize(project))
        return os.path.isdir(folder) and any(f.endswith(".whl") for f in os.listdir(folder))

    def deb_file(self, package):
        for filename in os.listdir(self.deb_dir):
            if filename.startswith(package + "_") and filename.endswith(".deb"):
                return os.path.join(self.deb_dir, filename)
        return None

    def download(self, packages):
        wanted = [p for p in packages if not self.deb_file(p)]
        if not wanted:
            return
        # One at a time if the batch fails, so one package Debian lacks does not sink the rest.
        result = subprocess.run(["apt-get", "download", *wanted], cwd=self.deb_dir, capture_output=True, text=True)
        if result.returncode != 0:
            for package in wanted:
                subprocess.run(["apt-get", "download", package], cwd=self.deb_dir, capture_output=True, text=True)

    def find_deb(self, key):
        """The downloaded Debian package for a project: the table's, else python3-<name>.

        dh-python's table lags Debian's renames (it names python3-psycopg3 for psycopg,
        which bookworm ships as python3-psycopg), so a package that cannot be had under the
        table's name is tried under the usual one.
        """
        for package in dict.fromkeys(p for p in (self.map.deb(key), f"python3-{key}") if p):
            self.download([package])
            if self.deb_file(package):
                return package
        return None

    def ensure(self, project):
        """Makes the wheel for a project if Debian packages it; True when the index then has it."""
        key = normalize(project)
        if self.has(key):
            return True
        with self.lock:
            if self.has(key):
                return True
            if key in self.missing:
                return False
            package = self.find_deb(key)
            if not package:
                self.missing.add(key)
                return False
            made = self.repack(package, key)
            if not made:
                self.missing.add(key)
            self.write_pages()
            return made

    def warm(self, projects):
        """Makes the wheels for many projects and everything they require, downloading in one go."""
        todo = [normalize(p) for p in projects]
        seen = set()
        while todo:
            packages = {}
            for key in todo:
                if key in seen:
                    continue
                seen.add(key)
                package = self.map.deb(key)
                if package and not self.has(key):
                    packages[key] = package
            self.download(sorted(set(packages.values())))
            for key in [k for k in todo if not self.has(k) and not (k in packages and self.deb_file(packages[k]))]:
                packages.pop(key, None)
                package = self.find_deb(key)
                if package:
                    packages[key] = package
                else:
                    self.log(f"  not packaged by Debian: {key}")
            todo = []
            for key, package in sorted(packages.items()):
                if self.repack(package, key):
                    todo += [normalize(self.map.dist(d) or "") for d in python_depends(self.deb_file(package))
                             if self.map.dist(d)]
        self.write_pages()

    def repack(self, package, key):
        deb = self.deb_file(package)
        if not deb:
            self.log(f"  apt-get download {package} failed")
            return False
        with tempfile.TemporaryDirectory() as work:
            root = os.path.join(work, "root")
            subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
            shipped = os.path.join(root, SHIPPED_WHEELS)
            if os.path.isdir(shipped):
                for wheel in os.listdir(shipped):
                    target = os.path.join(self.out_dir, "simple", normalize(wheel.split("-")[0]))
                    os.makedirs(target, exist_ok=True)
                    shutil.copy(os.path.join(shipped, wheel), target)
                    self.log(f"  shipped wheel {wheel}")
                return self.has(key)
            for part in self.parts_without_metadata(deb, key):
                subprocess.run(["dpkg-deb", "-x", part, root], check=True)
            dists = find_distributions(root)
            chosen = [d for d in dists if normalize(d[0]) == key] or dists[:1]
            if not chosen:
                self.log(f"  {package} holds no Python distribution")
                return False
            dist = chosen[0]
            # Other distributions in the same .deb are left out of this wheel.
            skip = {os.path.basename(d[2]) for d in dists}
            requires, extras = self.requirements(deb, package, dist)
            wheel = build_wheel(root, dist, requires, extras, self.out_dir, skip)
            self.log(f"  repacked {package} -> {wheel}")
        return normalize(dist[0]) == key or self.has(key)

    def parts_without_metadata(self, deb, key):
        """The .debs of python3-* dependencies that have no distribution of their own.

        Debian splits some projects into several packages (pymongo's bson is python3-bson):
        such a part goes into the wheel of the project that depends on it.
        """
        related = python_depends(deb) + python_depends(deb, "Recommends")
        parts = [d for d in related if (d not in PART_OF and not self.map.dist(d) and not d.endswith(("-doc", "-dbg")))
                 or (PART_OF.get(d) and normalize(PART_OF[d]) == key)]
        self.download(parts)
        found = []
        for part in parts:
            path = self.deb_file(part)
            if path:
                found.append(path)
                self.log(f"  {os.path.basename(deb)}: adding {part}, a part of it with no metadata of its own")
        return found

    def requirements(self, deb, package, dist):
        name, _, info_path, kind, meta = dist
        requires = set()
        for dep in python_depends(deb):
            dep_dist = self.map.dist(dep)
            if dep_dist and dep != package and normalize(dep_dist) != normalize(name):
                requires.add(dep_dist)
        extras = set()
        for req_name, req_extras, marker in upstream_requires(info_path, kind, meta):
            if normalize(req_name) == normalize(name) and not req_extras:
                continue
            if not self.map.deb(req_name):
                continue  # Debian does not package it: leave it out rather than make pip fail
            for extra in re.findall(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker):
                extras.add(extra)
            requires.add(req_name + req_extras + (f"; {marker}" if marker else ""))
        plain = {r for r in requires if ";" not in r}
        # A requirement without a marker from Depends and the same one from upstream with a
        # marker: keep upstream's, which is the more precise.
        for r in list(plain):
            if any(o.startswith(r + ";") and "extra" not in o for o in requires):
                requires.discard(r)
        return requires, extras

    def write_pages(self):
        simple = os.path.join(self.out_dir, "simple")
        names = sorted(n for n in os.listdir(simple) if os.path.isdir(os.path.join(simple, n)))
        for name in names:
            folder = os.path.join(simple, name)
            links = "".join(f'<a href="{f}">{f}</a><br/>\n' for f in sorted(os.listdir(folder)) if f.endswith(".whl"))
            write_atomic(os.path.join(folder, "index.html"), f"<!DOCTYPE html><html><body>\n{links}</body></html>\n")
        links = "".join(f'<a href="{n}/">{n}</a><br/>\n' for n in names)
        write_atomic(os.path.join(simple, "index.html"), f"<!DOCTYPE html><html><body>\n{links}</body></html>\n")


def write_atomic(path, text):
    partial = path + ".part"
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(partial, path)
