#!/bin/sh
# nginx and wrk for `make bench`, from Debian's archive and only when missing.
set -eu

missing=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="nginx"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
# Debian 12 has nginx-light (the smallest build that has the proxy cache); later
# releases fold it into nginx.
candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
if ! candidate wrk; then
    $sudo apt-get update
fi
packages=""
for name in $missing; do
    if [ "$name" = nginx ] && candidate nginx-light; then
        name="nginx-light"
    fi
    packages="$packages $name"
done
echo "Installing from Debian:$packages"
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
