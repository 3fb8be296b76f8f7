#!/usr/bin/env bash
# Runs the Dockerfile's steps as plain commands in a temporary folder, for machines without a
# Docker engine: production install, clean build, runtime assembly, then starts the result.
# Every step's output is shown and any failure stops the run with a non-zero exit.
#
#   scripts/docker-steps.sh            full run (two clean `npm ci`, needs the package registry or a warm npm cache)
#   QUICK=1 scripts/docker-steps.sh    runtime checks only, reusing this checkout's node_modules and a fresh build
#   KEEP=1  scripts/docker-steps.sh    keep the temporary folder for inspection
#   NPM_OFFLINE=1                      pass --offline to npm ci (warm cache, no network)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/quadrants-docker-steps.XXXXXX")
NPM_FLAGS=(--no-audit --no-fund)
[ "${NPM_OFFLINE:-0}" = 1 ] && NPM_FLAGS+=(--offline)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# The files `docker build` sends: the checkout minus the .dockerignore entries.
copy_context() {
  local dest=$1 patterns
  patterns=$(mktemp)
  grep -v -e '^#' -e '^!' -e '^[[:space:]]*$' "$ROOT/.dockerignore" | sed 's#^#./#' >"$patterns"
  tar -C "$ROOT" --anchored --exclude-from="$patterns" -cf - . | tar -C "$dest" -xf -
  rm -f "$patterns"
}

# Dockerfile: COPY package.json package-lock.json ./ + COPY scripts/prepare.cjs scripts/prepare.cjs
copy_manifests() {
  mkdir -p "$1/scripts"
  cp "$ROOT/package.json" "$ROOT/package-lock.json" "$1/"
  cp "$ROOT/scripts/prepare.cjs" "$1/scripts/prepare.cjs"
}

free_port() {
  node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

RUNTIME="$WORK/runtime"
mkdir -p "$RUNTIME/data"

if [ "${QUICK:-0}" = 1 ]; then
  step "QUICK: reusing this checkout's node_modules, building into a copy"
  mkdir -p "$WORK/build"
  copy_context "$WORK/build"
  ln -s "$ROOT/node_modules" "$WORK/build/node_modules"
  # Any compiler error fails the run, as it fails `docker build`.
  (cd "$WORK/build" && npm run build)
  ln -s "$ROOT/node_modules" "$RUNTIME/node_modules"
else
  step "stage prod-deps: npm ci --omit=dev"
  mkdir -p "$WORK/prod-deps"
  copy_manifests "$WORK/prod-deps"
  (cd "$WORK/prod-deps" && npm ci --omit=dev "${NPM_FLAGS[@]}")
  [ ! -e "$WORK/prod-deps/node_modules/typescript" ] || fail "typescript was installed without dev dependencies"
  [ ! -e "$WORK/prod-deps/dist" ] || fail "the prepare script built during a production install"
  (cd "$WORK/prod-deps" && node -e "new (require('better-sqlite3'))(':memory:').close()") || fail "better-sqlite3 native module does not load"
  ok "production dependencies installed; native better-sqlite3 loads; prepare skipped the build"

  step "stage build: npm ci --ignore-scripts, npm run build"
  mkdir -p "$WORK/build"
  copy_manifests "$WORK/build"
  (cd "$WORK/build" && npm ci --ignore-scripts "${NPM_FLAGS[@]}")
  copy_context "$WORK/build"
  (cd "$WORK/build" && npm run build)
  cp -a "$WORK/prod-deps/node_modules" "$RUNTIME/node_modules"
fi
[ -f "$WORK/build/dist/app/main.js" ] || fail "the build produced no dist/app/main.js"
ok "build produced dist/app/main.js"

step "stage runtime: node_modules (production) + dist + package.json"
cp -a "$WORK/build/dist" "$RUNTIME/dist"
cp "$ROOT/package.json" "$RUNTIME/package.json"
cd "$RUNTIME"

step "start with nothing configured: explains itself and exits 2"
set +e
out=$(env -i PATH="$PATH" HOME="$WORK" node --enable-source-maps --max-semi-space-size=2 dist/app/main.js 2>&1)
code=$?
set -e
echo "$out"
[ "$code" = 2 ] || fail "expected exit code 2, got $code"
grep -q 'no chat platform is configured' <<<"$out" || fail "missing the 'no chat platform' line"
grep -q 'npm run demo' <<<"$out" || fail "missing the demo hint"
ok "exit 2 with the documented message"

step "start half-configured: names the missing variable and exits 2"
set +e
out=$(env -i PATH="$PATH" HOME="$WORK" DISCORD_TOKEN=docker-steps-token node --enable-source-maps --max-semi-space-size=2 dist/app/main.js 2>&1)
code=$?
set -e
echo "$out"
[ "$code" = 2 ] || fail "expected exit code 2, got $code"
grep -q 'DISCORD_APPLICATION_ID is missing' <<<"$out" || fail "the missing variable is not named"
! grep -q 'docker-steps-token' <<<"$out" || fail "the token was echoed"
ok "exit 2 naming DISCORD_APPLICATION_ID"

step "start with Slack (HTTP mode) against a fake Slack API: /healthz, /readyz, SIGTERM"
cat >"$WORK/fake-slack.js" <<'JS'
// Answers every Web API call (auth.test, ...) with ok:true, on an ephemeral loopback port.
const http = require('node:http');
const body = JSON.stringify({ ok: true, url: 'https://fake.invalid/', team: 'Fake', user: 'quadrants', team_id: 'T0FAKE', user_id: 'U0FAKE', bot_id: 'B0FAKE' });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
JS
node "$WORK/fake-slack.js" >"$WORK/fake-slack.port" &
PIDS+=($!)
for _ in $(seq 1 50); do [ -s "$WORK/fake-slack.port" ] && break; sleep 0.1; done
FAKE_PORT=$(cat "$WORK/fake-slack.port")
PORT=$(free_port)
SECRET_BOT=xoxb-fake-docker-steps-bot-secret
SECRET_SIGNING=docker-steps-signing-secret
env -i PATH="$PATH" HOME="$WORK" NODE_ENV=production PORT="$PORT" DATABASE_URL="$RUNTIME/data/quadrants.db" \
  SLACK_BOT_TOKEN="$SECRET_BOT" SLACK_SIGNING_SECRET="$SECRET_SIGNING" SLACK_API_URL="http://127.0.0.1:$FAKE_PORT/api/" \
  MALLOC_MMAP_THRESHOLD_=131072 node --enable-source-maps --max-semi-space-size=2 dist/app/main.js >"$WORK/bot.log" 2>&1 &
BOT=$!
PIDS+=("$BOT")
healthy=0
for _ in $(seq 1 60); do
  if PORT="$PORT" node dist/src/ops/probe.js; then healthy=1; break; fi
  kill -0 "$BOT" 2>/dev/null || break
  sleep 0.5
done
cat "$WORK/bot.log"
[ "$healthy" = 1 ] || fail "/healthz never answered 200 (HEALTHCHECK would fail)"
ok "HEALTHCHECK command (node dist/src/ops/probe.js) passes"
ready=$(node -e "fetch('http://127.0.0.1:$PORT/readyz').then(async r=>console.log(r.status, await r.text()))")
echo "readyz: $ready"
[ "${ready%% *}" = 200 ] || fail "/readyz is not 200"
kill -TERM "$BOT"
set +e
wait "$BOT"
code=$?
set -e
[ "$code" = 0 ] || fail "expected exit code 0 after SIGTERM, got $code"
grep -q '"event":"shutdown.done"' "$WORK/bot.log" || fail "no shutdown.done log line"
[ -f "$RUNTIME/data/quadrants.db" ] || fail "the store was not created under DATABASE_URL"
! grep -q -e "$SECRET_BOT" -e "$SECRET_SIGNING" "$WORK/bot.log" || fail "a secret appeared in the logs"
ok "started, healthy, ready, drained on SIGTERM with exit 0, no secret in the logs"

step "all Dockerfile steps succeeded"
