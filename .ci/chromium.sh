# Sourced by .ci/run (works under set -euo pipefail): what the JavaScript client's tests and the demo page's browser tests need.
#
#   ensure_node                  # before ./mvnw verify: the build runs `node --test` on clients/js
#   ensure_chromium              # before ./mvnw verify: Debian's chromium and chromium-driver
#   assert_browser_tests_ran     # after ./mvnw verify: fails if the browser tests skipped or are missing
#
# The browser tests (classes named *BrowserTests) skip themselves where /usr/bin/chromium or
# /usr/bin/chromedriver is missing, so that `./mvnw verify` works on any developer machine; CI
# installs both and then insists that the tests really ran.

_ci_apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "ci: installing $* (apt)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Installs Node.js (Debian's, 18) when no `node` is on the PATH.
ensure_node() {
  if command -v node >/dev/null 2>&1; then
    return 0
  fi
  _ci_apt_install nodejs
}

# Installs chromium and chromium-driver when either is missing, then starts Chromium once so that
# its first, slow start (font and profile caches) does not eat into a test's time.
ensure_chromium() {
  if ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
    _ci_apt_install chromium chromium-driver || return 1
  fi
  local profile
  profile=$(mktemp -d)
  timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --dump-dom about:blank >/dev/null 2>&1 ||
    echo "ci: warning: chromium did not start cleanly once (the browser tests will tell)" >&2
  rm -rf "$profile"
}

# Fails unless every browser test class ran at least one test and skipped none.
# $1: the Surefire reports folder (default target/surefire-reports).
assert_browser_tests_ran() {
  local reports="${1:-target/surefire-reports}" report tests skipped found=0
  for report in "$reports"/TEST-*BrowserTests.xml; do
    [ -e "$report" ] || continue
    found=1
    tests=$(grep -o '<testsuite [^>]*' "$report" | grep -o ' tests="[0-9]*"' | grep -o '[0-9][0-9]*' || true)
    skipped=$(grep -o '<testsuite [^>]*' "$report" | grep -o ' skipped="[0-9]*"' | grep -o '[0-9][0-9]*' || true)
    if [ "${tests:-0}" -eq 0 ] || [ "${skipped:-0}" -ne 0 ]; then
      echo "ci: browser tests did not all run: $(basename "$report"): ${tests:-0} tests, ${skipped:-0} skipped" >&2
      return 1
    fi
    echo "ci: $(basename "$report" .xml | sed 's/^TEST-//'): ${tests} browser tests ran"
  done
  if [ "$found" -eq 0 ]; then
    echo "ci: no browser test report (TEST-*BrowserTests.xml) in $reports" >&2
    return 1
  fi
}
