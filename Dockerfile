# k8s-maturity in a container: the scanner pods of a sharded scan, the merge and the dashboard
# (deploy/kubernetes, docs/scale.md). Multi-stage: the build stage has the dev dependencies and a
# compiler for better-sqlite3; the final image has only production dependencies, git, and runs as
# a numeric non-root user on a read-only root filesystem (writes go to /cache and /tmp, mounted
# as volumes).
#
#   docker build -t k8s-maturity:0.1.0 .
#   docker run --rm --read-only --tmpfs /tmp -v k8sm-cache:/cache -v "$PWD:/src:ro" k8s-maturity:0.1.0 scan /src

FROM node:20.19.5-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The sources first need the dev dependencies (TypeScript, esbuild) to build dist/.
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY model ./model
COPY bin ./bin
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20.19.5-bookworm-slim
# git: the scanner lists files and reads history with it, and clones discovered repositories.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/model ./model
# Everything the tool writes lives under these: the clone and scan cache, the spool, the SQLite store.
ENV HOME=/tmp \
    XDG_CACHE_HOME=/cache \
    XDG_STATE_HOME=/tmp/state \
    XDG_DATA_HOME=/tmp/data \
    NODE_ENV=production
USER 10001:10001
ENTRYPOINT ["node", "/app/bin/k8s-maturity.cjs"]
CMD ["--help"]
