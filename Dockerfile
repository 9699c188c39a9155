# syntax=docker/dockerfile:1
# One image for the vault, the OAuth broker and the five MCP servers; docker-compose.yml picks the bundle per
# service (`node dist/<service>.js`).
#
# Why this shape: the build stage installs the whole workspace from the lockfile (esbuild is a dev dependency)
# and runs `pnpm build`, which bundles each service into one CommonJS file under dist/ (scripts/build.mjs).
# It then installs afresh with production dependencies only (`pnpm install --prod`: no tsx, typescript, esbuild
# or jest on disk; a prune in place would leave them under node_modules/.pnpm) — the
# bundles still require the few packages they leave external (pg-native, sharp, node-cron, twitter-text); embedded-postgres is a
# dev dependency, absent here, so the vault needs DATABASE_URL (NODE_ENV=production refuses the dev fallback) —
# drops the dev-only bundles (`pnpm start`'s launcher and its dev database) and deletes the TypeScript sources, so the image cannot run TypeScript at all. What stays of packages/*/src is
# data the services read at run time: SQL migrations, the broker's views and static files.
# `pnpm fetch` needs only the lockfile, so that layer is cached until it changes. One shared image rather than
# one per service: five near-identical images would only cost disk. The runtime stage copies the tree
# unchanged (pnpm's symlinks included), owned by root and read-only for the `node` user that runs it.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm \
    CI=true
RUN npm install -g pnpm@10.34.8 && npm cache clean --force
WORKDIR /app
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm config set store-dir /pnpm/store && pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm config set store-dir /pnpm/store \
    && pnpm install --offline --frozen-lockfile \
    && pnpm build \
    && rm -rf node_modules packages/*/node_modules dist/start-stack.* dist/dev-database.* \
    && pnpm install --offline --frozen-lockfile --prod \
    && rm -rf .data test docs scripts \
    && find packages -name '*.ts' -type f -delete

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
# vault ingress/internal, the broker, then the MCP servers (instagram, threads, x, linkedin, mastodon).
EXPOSE 3006 3007 3030 3005 3011 3012 3013 3014
# The vault's CLI: `docker compose exec vault node dist/vault-cli.js --help`.
CMD ["node", "dist/vault.js"]
