#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/test_browser.py), from Debian's own packages.
# Idempotent and quiet: does nothing when /usr/bin/chromium and /usr/bin/chromedriver are there.
# Never downloads a browser build of its own (`playwright install` would, and fails offline).
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser.sh: no apt-get here; install Chromium by hand (the browser tests skip without it)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install_browser.sh: not root and no sudo; the browser tests will skip" >&2
        exit 0
    fi
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
# fonts-dejavu-core: a font with Arabic glyphs, so pages and screenshots show real letters
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver fonts-dejavu-core; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "install_browser.sh: apt-get failed (above); the browser tests will skip" >&2
    exit 0  # a machine without Chromium still runs every other test
fi
echo "install_browser.sh: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
