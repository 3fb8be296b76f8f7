# quadrants: the Slack/Discord bot as a container.
#   docker build -t quadrants .
#   docker run --env-file .env -p 3000:3000 -v quadrants-data:/app/data quadrants
# The same steps run without Docker in scripts/docker-steps.sh (see docs/operations.md).

ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1. Production dependencies. better-sqlite3 is native: this is the only stage that compiles it.
FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prepare.cjs scripts/prepare.cjs
# Without dev dependencies typescript is not resolvable, so the `prepare` script skips the build.
RUN npm ci --omit=dev && npm cache clean --force

# --- 2. Build with dev dependencies. Install scripts are skipped: the compiler needs no native module.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prepare.cjs scripts/prepare.cjs
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# --- 3. Runtime: production dependencies + compiled output, as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=/app/data/quadrants.db
WORKDIR /app
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
# `npm start` semantics without npm in between, so SIGTERM reaches node directly.
CMD ["node", "dist/app/main.js"]
