# syntax=docker/dockerfile:1
# One image for the vault and the five MCP servers; docker-compose.yml picks the entry point per service
# (`node --import tsx packages/<package>/src/main.ts`).
#
# Why this shape: the services are TypeScript run by tsx (a root production dependency), so there is no
# compile step; "building" the workspace is installing it. The build stage installs production
# dependencies only (`pnpm install --prod`: tsx stays, jest/eslint/typescript/@swc go) from the lockfile,
# once for all services — `pnpm fetch` needs only the lockfile, so that layer is cached until it changes.
# One shared image rather than `pnpm deploy` per service: the packages depend on each other through the
# workspace, five near-identical images would only cost disk, and the runtime stage copies the installed
# tree unchanged (pnpm's symlinks included), owned by root and read-only for the `node` user that runs it.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm \
    CI=true
RUN npm install -g pnpm@10.34.8 && npm cache clean --force
WORKDIR /app
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm config set store-dir /pnpm/store && pnpm fetch --prod
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm config set store-dir /pnpm/store \
    && pnpm install --offline --frozen-lockfile --prod \
    && rm -rf .data test docs

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
# vault ingress/internal, then the MCP servers (instagram, threads, x, linkedin, mastodon).
EXPOSE 3006 3007 3005 3011 3012 3013 3014
CMD ["node", "--import", "tsx", "packages/vault/src/main.ts"]
