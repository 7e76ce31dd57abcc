#!/usr/bin/env bash
# Brings up what dockwiz's engine tests and offline demos need, reusing whatever is there:
#   1. a Docker engine (docker.io from apt, started in the background, when nothing answers);
#   2. a local Python package index on 127.0.0.1 (Debian's packages repacked as wheels),
#      used where PyPI cannot be reached;
#   3. the base images: pulled from the registry when it answers, otherwise stand-ins built
#      from Debian 12 (python:3.11, python:3.11-slim, debian:12-slim and a distroless python).
# It fails loudly when any of this cannot be had; it never skips.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
state=${DOCKWIZ_TESTENV:-/var/cache/dockwiz-testenv}
index_port=${DOCKWIZ_INDEX_PORT:-3141}
index_url="http://127.0.0.1:${index_port}/simple/"
# Bump when the package list or the repacking changes, so old indexes are rebuilt.
index_version=6
standin_version=3
# pip keeps downloads in its HTTP cache only from https or a trusted host: with PyPI (https) a
# BuildKit cache mount on /root/.cache/pip fills, with this http index it stayed empty. The
# stand-ins' pip.conf trusts the index so pip caches as it does against PyPI (the index sends
# PyPI's cache headers). Stand-ins made before this get the line added in a small layer of their
# own (ensure_pip_trusts_index), so their recipe version and everyone's reuse of them stay as they are.
index_host="127.0.0.1:${index_port}"
pip_trust_line="trusted-host = ${index_host}"
pip_trust_label=org.dockwiz.pip-trusted-host
# Made when the index is built, so tests never wait on apt; any other project Debian packages as
# python3-* is repacked by the index server on first request.
index_projects=(flask gunicorn waitress poetry pip setuptools wheel uvicorn fastapi django whitenoise
	flask-sqlalchemy flask-login flask-wtf flask-migrate flask-cors flask-babel flask-mail flask-restful
	sqlalchemy psycopg2 pymysql redis celery pymongo requests python-dotenv pyjwt pytz pillow lxml markdown bcrypt
	email-validator python-dateutil pyyaml marshmallow)
distroless_packages=(base-files netbase tzdata media-types libc6 libgcc-s1 libstdc++6 libssl3 zlib1g libffi8 libbz2-1.0 liblzma5
	libexpat1 libsqlite3-0 libuuid1 libncursesw6 libtinfo6 libreadline8 libcrypt1 libdb5.3 libgdbm6 libgdbm-compat4 libnsl2 libtirpc3
	libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libkeyutils1 libcom-err2
	python3.11-minimal libpython3.11-minimal libpython3.11-stdlib python3.11)

log() { printf '[engine-up] %s\n' "$*" >&2; }
die() { printf '[engine-up] FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - started ))s"; }
started=$(date +%s)

export DOCKER_BUILDKIT=0 # the stand-ins are built with the classic builder, which every engine has

apt_updated=0
apt_install() {
	[ "$(id -u)" = 0 ] || die "need root to install $* (run as root, or install them yourself)"
	if [ "$apt_updated" = 0 ]; then
		log "apt-get update"
		apt-get update -qq >&2 || die "apt-get update failed"
		apt_updated=1
	fi
	log "apt-get install $*"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "$@" >&2 || die "apt-get install $* failed"
}

engine_answers() { docker info >/dev/null 2>&1; }

ensure_engine() {
	if engine_answers; then
		log "engine: reusing $(docker info --format '{{.ServerVersion}} ({{.Driver}})' 2>/dev/null) at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
		return
	fi
	[ -z "${DOCKER_HOST:-}" ] || die "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST"
	command -v docker >/dev/null 2>&1 || apt_install docker.io
	command -v dockerd >/dev/null 2>&1 || apt_install docker.io
	command -v dockerd >/dev/null 2>&1 || die "no dockerd after installing docker.io"
	[ "$(id -u)" = 0 ] || die "the Docker engine is not running and starting it needs root"
	log "engine: starting dockerd (log in /var/log/dockwiz-dockerd.log)"
	# setsid: the engine outlives this script and the test run that started it.
	setsid nohup dockerd --log-level=warn >/var/log/dockwiz-dockerd.log 2>&1 </dev/null &
	for _ in $(seq 1 120); do
		engine_answers && break
		sleep 0.5
	done
	engine_answers || { tail -n 30 /var/log/dockwiz-dockerd.log >&2; die "dockerd did not answer within 60 s (log above)"; }
	log "engine: dockerd $(docker info --format '{{.ServerVersion}} ({{.Driver}})') up after $(elapsed)"
}

http_ok() { python3 -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' "$1" >/dev/null 2>&1; }
# The Cache-Control a wheel's page answers with: index servers before the cache headers send none.
http_cache_control() { python3 -c 'import sys,urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=3).headers.get("Cache-Control") or "")' "$1" 2>/dev/null; }
http_text() { python3 -c 'import sys,urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=3).read().decode().strip())' "$1" 2>/dev/null; }

# The pid of whatever listens on the index port, if it is an index server this script started
# (the current index-server.py, or the plain http.server earlier versions used); nothing else.
own_index_pid() {
	local pid cmd
	for pid in $(ss -ltnpH "sport = :$index_port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
		cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
		case $cmd in
			*index-server.py\ "$index_port"\ *|*"http.server $index_port --bind 127.0.0.1 --directory $state/"*) echo "$pid" ;;
		esac
	done
}

ensure_index() {
	local dir="$state/debindex" table="$state/dh-python-table" debs="$state/index-debs"
	# A server of the current index version that sends PyPI's cache headers is kept. One that sends
	# none (older index-server.py) is replaced below without rebuilding the index: the version it
	# answers stays the same so that checkouts still on that version keep the new server too.
	if [ "$(http_text "http://127.0.0.1:${index_port}/version")" = "$index_version" ] &&
		[ -n "$(http_cache_control "${index_url}pip/")" ]; then
		log "index: reusing $index_url"
		return
	fi
	command -v dpkg-deb >/dev/null || die "dpkg-deb is needed to build the package index"
	[ "$apt_updated" = 1 ] || { apt-get update -qq >&2 || die "apt-get update failed"; apt_updated=1; }
	if [ ! -s "$table" ]; then
		# dh-python's table maps each project name to the Debian package holding it (PyJWT -> python3-jwt).
		local unpack
		unpack=$(mktemp -d)
		(cd "$unpack" && apt-get download dh-python >/dev/null 2>&1 && dpkg-deb -x dh-python_*.deb root) ||
			{ rm -rf "$unpack"; die "apt-get download dh-python failed (its table maps project names to Debian packages)"; }
		cp "$unpack/root/usr/share/dh-python/dist/cpython3_fallback" "$table" && rm -rf "$unpack"
	fi
	if [ "$(cat "$dir/.version" 2>/dev/null)" != "$index_version" ]; then
		log "index: repacking Debian's packages for ${index_projects[*]} and what they require"
		rm -rf "$dir.new"
		python3 "$here/testenv/make-index.py" "$table" "$debs" "$dir.new" "${index_projects[@]}" >"$state/make-index.log" 2>&1 ||
			{ tail -n 20 "$state/make-index.log" >&2; die "building the package index failed (log above)"; }
		rm -rf "$dir" && mv "$dir.new" "$dir" && echo "$index_version" >"$dir/.version"
		log "index: $(tail -n 1 "$state/make-index.log") after $(elapsed)"
	fi
	local old
	old=$(own_index_pid)
	if [ -n "$old" ]; then
		log "index: replacing the older index server (pid $old) on port $index_port (a gap of about a second)"
		kill $old 2>/dev/null || true
		for _ in $(seq 1 20); do [ -z "$(own_index_pid)" ] && break; sleep 0.25; done
	fi
	http_ok "${index_url}" && die "port $index_port answers but is not index version $index_version: stop what listens there, or set DOCKWIZ_INDEX_PORT"
	log "index: serving $dir on $index_url (projects Debian packages are added on first request)"
	setsid nohup python3 "$here/testenv/index-server.py" "$index_port" "$table" "$debs" "$dir" "$index_version" \
		>/var/log/dockwiz-index.log 2>&1 </dev/null &
	for _ in $(seq 1 40); do
		[ "$(http_text "http://127.0.0.1:${index_port}/version")" = "$index_version" ] && return
		sleep 0.25
	done
	die "the package index did not answer on $index_url (log: /var/log/dockwiz-index.log)"
}

image_present() { docker image inspect "$1" >/dev/null 2>&1; }
# A stand-in carries this label; rebuild it when the recipe changed.
standin_current() { [ "$(docker image inspect -f '{{index .Config.Labels "org.dockwiz.standin"}}' "$1" 2>/dev/null)" = "$standin_version" ]; }

registry=unknown
try_pull() {
	[ "$registry" = down ] && return 1
	log "image $1: pulling"
	if timeout 600 docker pull -q "$1" >&2 2>/dev/null; then
		registry=up
		return 0
	fi
	log "image $1: the registry cannot be reached; building a stand-in from Debian 12"
	registry=down
	return 1
}

mirror() {
	local uri
	uri=$(grep -h -m1 -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -n1 || true)
	echo "${uri:-http://deb.debian.org/debian}"
}

build_debian_slim() {
	command -v debootstrap >/dev/null || apt_install debootstrap
	local root="$state/rootfs-minbase"
	rm -rf "$root" && mkdir -p "$state/debootstrap-cache"
	log "image debian:12-slim: debootstrap --variant=minbase bookworm"
	debootstrap --variant=minbase --cache-dir="$state/debootstrap-cache" bookworm "$root" "$(mirror)" >"$state/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$state/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
	# Like the official images: no apt lists or caches; pip pointed at the local index;
	# the mirror's dates are not enforced (this machine's mirror may serve a snapshot).
	rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
	printf '[global]\nindex-url = %s\n%s\ndisable-pip-version-check = true\n' "$index_url" "$pip_trust_line" >"$root/etc/pip.conf"
	printf 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\n' >"$root/etc/apt/apt.conf.d/99dockwiz-standin"
	tar -C "$root" -c . | docker import -c 'CMD ["bash"]' -c "LABEL org.dockwiz.standin=$standin_version" -c "LABEL $pip_trust_label=$index_host" - debian:12-slim >/dev/null
	rm -rf "$root"
}

dangling() { docker images -q --no-trunc --filter dangling=true | sort; }

build_from() {
	local tag=$1 dockerfile=$2 before
	log "image $tag: building the stand-in"
	before=$(dangling)
	printf '%s\n' "$dockerfile" | docker build --network host --force-rm -q -t "$tag" --label "org.dockwiz.standin=$standin_version" - >/dev/null ||
		die "building the stand-in $tag failed"
	# A multi-stage recipe leaves its first stage as an untagged image: remove what this build left.
	comm -13 <(echo "$before") <(dangling) | xargs -r docker rmi >/dev/null 2>&1 || true
}

python_slim_dockerfile='FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip python3-venv ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
 && rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED \
 && ln -sf /usr/bin/python3 /usr/bin/python \
 && for name in python python3 python3.11; do ln -sf /usr/bin/python3.11 /usr/local/bin/$name; done \
 && for name in pip pip3 pip3.11; do ln -sf /usr/bin/pip3 /usr/local/bin/$name; done
ENV LANG=C.UTF-8 PYTHON_VERSION=3.11
CMD ["python3"]'

python_full_dockerfile='FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3-dev git curl wget procps \
    libpq-dev libssl-dev libffi-dev libxml2-dev libxslt1-dev zlib1g-dev libjpeg-dev \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin'

distroless_dockerfile="FROM debian:12-slim AS unpack
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \\
 && mkdir /debs /out && cd /debs && apt-get download ${distroless_packages[*]} \\
 && for deb in *.deb; do dpkg-deb -x \$deb /out; done \\
 && ln -sf python3.11 /out/usr/bin/python3 \\
 && mkdir -p /out/etc/ssl/certs /out/tmp /out/home/nonroot /out/root && chmod 1777 /out/tmp \\
 && cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/ \\
 && printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >/out/etc/passwd \\
 && printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >/out/etc/group \\
 && chown 65532:65532 /out/home/nonroot \\
 && rm -rf /out/usr/share/doc /out/usr/share/man /out/usr/share/lintian /out/usr/share/info
FROM scratch
COPY --from=unpack /out /
ENV LANG=C.UTF-8 SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
ENTRYPOINT [\"/usr/bin/python3.11\"]"

ensure_image() {
	local tag=$1 recipe=$2
	if image_present "$tag"; then
		local label
		label=$(docker image inspect -f '{{index .Config.Labels "org.dockwiz.standin"}}' "$tag" 2>/dev/null || true)
		if [ -z "$label" ] || [ "$label" = "<no value>" ] || standin_current "$tag"; then
			log "image $tag: reusing$( [ -n "$label" ] && [ "$label" != "<no value>" ] && echo ' (stand-in)')"
			return
		fi
		log "image $tag: stand-in recipe changed; rebuilding"
	elif try_pull "$tag"; then
		return
	fi
	case $recipe in
		debian-slim) build_debian_slim ;;
		python-slim) build_from "$tag" "$python_slim_dockerfile" ;;
		python-full) build_from "$tag" "$python_full_dockerfile" ;;
		distroless) build_from "$tag" "$distroless_dockerfile" ;;
	esac
	log "image $tag: $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}') after $(elapsed)"
}

# A stand-in with pip whose pip.conf does not trust the index yet: the line added in one layer.
ensure_pip_trusts_index() {
	local tag=$1 label
	label=$(docker image inspect -f '{{index .Config.Labels "org.dockwiz.standin"}}' "$tag" 2>/dev/null || true)
	{ [ -z "$label" ] || [ "$label" = "<no value>" ]; } && return # a pulled image: PyPI over https
	[ "$(docker image inspect -f "{{index .Config.Labels \"$pip_trust_label\"}}" "$tag")" = "$index_host" ] && return
	log "image $tag: pip.conf trusts $index_host (pip caches downloads only from https or a trusted host)"
	printf 'FROM %s\nRUN sed -i "/^trusted-host/d" /etc/pip.conf && sed -i "s|^index-url = .*|&\\n%s|" /etc/pip.conf\n' "$tag" "$pip_trust_line" |
		docker build --network host -q -t "$tag" --label "$pip_trust_label=$index_host" - >/dev/null ||
		die "adding trusted-host to the stand-in $tag failed"
}

# The end-to-end tests drive dockwiz in a real terminal.
command -v tmux >/dev/null || apt_install tmux
# The remote-engine test reaches the engine over SSH through an sshd of its own (its own config,
# port and keys in a temp folder) and makes TLS certificates with openssl. Only the programs are
# needed here: the test starts and stops its sshd itself.
[ -x /usr/sbin/sshd ] || apt_install openssh-server
command -v openssl >/dev/null || apt_install openssl
# sshd refuses to start without its privilege-separation folder (the service makes it at boot).
mkdir -p /run/sshd && chmod 0755 /run/sshd
# The pull tests run their own registries on 127.0.0.1 (Debian's Distribution registry;
# htpasswd writes the bcrypt file of the one with a password).
command -v docker-registry >/dev/null || apt_install docker-registry
command -v htpasswd >/dev/null || apt_install apache2-utils
mkdir -p "$state"
ensure_engine
ensure_index
ensure_image debian:12-slim debian-slim
ensure_image python:3.11-slim python-slim
ensure_image python:3.11 python-full
ensure_image gcr.io/distroless/python3-debian12 distroless
for tag in debian:12-slim python:3.11-slim python:3.11; do ensure_pip_trusts_index "$tag"; done
log "ready after $(elapsed): engine, index $index_url, images python:3.11 python:3.11-slim debian:12-slim gcr.io/distroless/python3-debian12"
