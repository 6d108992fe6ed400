# syntax=docker/dockerfile:1
# Build:  docker build -t stopsim-cms .
# Run:    docker run -p 3000:3000 -e PAYLOAD_SECRET=$(openssl rand -hex 32) \
#           -v stopsim-data:/app/data -v stopsim-media:/app/media stopsim-cms
# Commands (backup, restore, archive:export, …) run from the same image:
#         docker run --rm -v stopsim-data:/app/data -v stopsim-media:/app/media \
#           -v "$PWD/backups:/app/backups" stopsim-cms node dist/cli.js backup --out /app/backups/now
# A whole deployment (PostgreSQL, Redis, S3-compatible storage): compose.yaml

# An LTS line; the project also runs on Node 20.9+. Override with --build-arg NODE_VERSION=…
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
# pg_dump and pg_restore, for backups of a PostgreSQL database (Debian 12's are version 15).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    MALLOC_ARENA_MAX=2 \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_URL=file:/app/data/stopsim.db \
    MEDIA_DIR=/app/media \
    BACKUP_DIR=/app/backups
COPY --from=build --chown=node:node /app/package.json /app/next.config.mjs ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/dist ./dist
RUN mkdir -p /app/data /app/media /app/backups && chown node:node /app/data /app/media /app/backups
USER node
VOLUME ["/app/data", "/app/media", "/app/backups"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The server applies pending migrations before it listens, then serves; SIGTERM drains it.
CMD ["node", "--conditions=production", "dist/server.js"]
