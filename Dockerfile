# Baton: one image for the web processes and the background worker.
#   docker build -t baton .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://... baton            (web, migrates on start)
#   docker run -e DATABASE_URL=postgres://... -e BATON_JOBS=1 baton worker   (background jobs only)
# Without DATABASE_URL it runs on the embedded database in /data (mount a volume there).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json turbo.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/api/package.json packages/api/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @baton/web build

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    BATON_DATA_DIR=/data \
    BATON_BACKUP_DIR=/data/backups \
    BATON_WEB_PROCESSES=auto
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
WORKDIR /app/apps/server
ENTRYPOINT ["node", "--import", "tsx", "src/cli.ts"]
CMD ["serve"]
