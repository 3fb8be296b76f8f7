# quadrants: the Slack/Discord bot as a container.
#   docker build -t quadrants .
#   docker run --env-file .env -p 3000:3000 -v quadrants-data:/app/data quadrants
# The same steps run without Docker in scripts/docker-steps.sh (see "Running in Docker" in docs/operations.md).

# Node 24 is the current LTS line (Node 20 is end of life).
ARG NODE_IMAGE=node:24-bookworm-slim

# --- 1. Production dependencies. better-sqlite3 is native: this is the only stage that compiles it.
# tini is installed here too and copied into the runtime, so the runtime stage needs no apt-get.
FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prepare.cjs scripts/prepare.cjs
# Without dev dependencies typescript is not resolvable, so the `prepare` script skips the build.
RUN npm ci --omit=dev && npm cache clean --force

# --- 2. Build with dev dependencies. Install scripts are skipped: the compiler needs no native module.
# tsconfig.build.json covers src/, adapters/ and app/ only: tests and benches are not in the context.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prepare.cjs scripts/prepare.cjs
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# --- 3. Runtime: production dependencies + compiled output, as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
# MALLOC_MMAP_THRESHOLD_ as in `npm start`: glibc hands large blocks back to the system when they
# are freed instead of keeping them (about 10 MB less idle RSS; see docs/operations.md).
ENV NODE_ENV=production \
    MALLOC_MMAP_THRESHOLD_=131072 \
    PORT=3000 \
    DATABASE_URL=/app/data/quadrants.db
WORKDIR /app
COPY --from=prod-deps /usr/bin/tini /usr/bin/tini
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The digest store (SQLite) lives here; mount a volume so subscriptions survive upgrades.
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "dist/src/ops/probe.js"]
# The bot drains running reports for up to 10 s on SIGTERM: give `docker stop` at least 15 s (-t 15).
STOPSIGNAL SIGTERM
# tini is PID 1: it forwards SIGTERM to node and reaps zombies. `-s` keeps it quiet and working
# when the container is also started with `docker run --init` (then it is not PID 1).
ENTRYPOINT ["/usr/bin/tini", "-s", "--"]
# `npm start` semantics without npm in between, so SIGTERM reaches node directly; source maps
# make a logged stack point at the TypeScript lines. A 2 MB young generation (V8 grows it to
# 16 MB while the SDKs load, then keeps it): about 15 MB less idle RSS for a mostly idle bot.
CMD ["node", "--enable-source-maps", "--max-semi-space-size=2", "dist/app/main.js"]
