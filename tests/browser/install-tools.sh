#!/bin/sh
# What the browser tests, the nginx tests and `make audit` need beyond Python, each only
# when missing: Debian's chromium, chromium-driver and nginx-light (apt-get, as root or
# through sudo), and the
# checkers pinned in package.json (the Nu HTML checker, Lighthouse) through npm.
# Nothing here downloads a browser of its own. When something cannot be installed
# this says so and carries on: the tests that need it then skip, naming the reason.
set -u
cd "$(dirname "$0")/../.."

# apt_install WHAT PACKAGE...: installs through apt-get as root or sudo, or says
# why it cannot; the tests that need WHAT then skip, naming the reason.
apt_install() {
    what="$1"
    shift
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
            echo "SKIPPED $what: not root and no sudo; run as root: apt-get install -y $*"
            return 0
        fi
        sudo="sudo -n"
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "SKIPPED $what: no apt-get here; install $* by hand"
        return 0
    fi
    echo "Installing Debian's $* (once)."
    $sudo apt-get update -qq &&
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
        echo "SKIPPED $what: apt-get could not install it (see above)"
}

install_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return 0
    fi
    apt_install chromium chromium chromium-driver fonts-dejavu-core
}

# The shipped nginx configuration is tested as it is (tests/nginx.py); Debian 12's
# nginx-light has the proxy cache and SSI.
install_nginx() {
    if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
        return 0
    fi
    apt_install nginx nginx-light
}

# Related stories keep embeddings in pgvector where PostgreSQL has it (decision 0017);
# without it migrate logs why and they are compared exactly over the newest stories.
install_pgvector() {
    if [ -e /usr/share/postgresql/15/extension/vector.control ] || ! command -v psql >/dev/null 2>&1; then
        return 0
    fi
    if ! apt-cache show postgresql-15-pgvector >/dev/null 2>&1; then
        echo "SKIPPED pgvector: this Debian has no postgresql-15-pgvector package (Debian 13 has);"
        echo "related stories are then found by exact search over the newest stories."
        return 0
    fi
    apt_install pgvector postgresql-15-pgvector
}

install_checkers() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "SKIPPED the HTML checker and Lighthouse: npm is not installed (apt-get install -y npm)"
        return 0
    fi
    if [ node_modules/.package-lock.json -nt package-lock.json ]; then
        return 0
    fi
    # --ignore-scripts: vnu-jar's install script would fetch a Java runtime; the
    # machine's own Java runs the checker.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error ||
        echo "SKIPPED the HTML checker and Lighthouse: npm ci failed (see above)"
}

install_chromium
install_nginx
install_pgvector
install_checkers
exit 0
