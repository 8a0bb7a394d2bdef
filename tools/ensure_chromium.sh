#!/bin/sh
# Make sure there is a Chromium for the browser tests (tests/browser, tests/test_lite.py).
# The tests take, in this order: $CALCLIB_BROWSER; Playwright's own Chromium
# (python -m playwright install chromium); a system Chromium or Chrome
# (tests/browser/harness.py: find_browser). This script only steps in on Debian-like systems
# with none of these: it installs Debian's chromium where this user can (root, or password-less
# sudo); otherwise it says so and the browser tests report themselves as skipped (under
# CI=true they fail instead).
if [ -n "$CALCLIB_BROWSER" ]; then
  [ -f "$CALCLIB_BROWSER" ] && exit 0
  echo "NOTICE: CALCLIB_BROWSER=$CALCLIB_BROWSER is not a file; the browser tests will say so."
  exit 0
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /snap/bin/chromium \
                 "/Applications/Chromium.app/Contents/MacOS/Chromium" \
                 "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; do
  [ -x "$candidate" ] && exit 0
done
for name in chromium chromium-browser google-chrome chrome; do
  command -v "$name" >/dev/null 2>&1 && exit 0
done
PY=${PYTHON_FOR_BROWSER:-.venv/bin/python}
if [ -x "$PY" ] && "$PY" -c "from tests.browser.harness import playwright_chromium as p; raise SystemExit(p() is None)" 2>/dev/null; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
  if [ "$SUDO" != "none" ]; then
    echo "Installing Debian's chromium package for the browser tests (once)..."
    $SUDO apt-get update -qq >/dev/null && \
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null && exit 0
  fi
fi
echo "NOTICE: no Chromium found and none could be installed here; the browser tests will be skipped."
echo "        Install one (python -m playwright install chromium) or set CALCLIB_BROWSER to a Chromium or Chrome."
exit 0
