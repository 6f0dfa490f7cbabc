#!/usr/bin/env bash
# Makes the upgrade-test fixture of one Baton release: a plain-SQL dump of a database that release created,
# which the upgrade test (packages/db/src/upgrade) restores into PGlite and PostgreSQL, migrates to the current
# schema and checks for lost data.
#
#   packages/db/scripts/make-upgrade-fixture.sh [commit] [today]
#   pnpm --filter @baton/db fixture:upgrade [commit] [today]     (the same)
#
# Defaults: commit 874247c, today 2026-12-01. Needs git, pnpm, node, psql and pg_dump, and a PostgreSQL server
# (FIXTURE_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) on which it may create and drop
# a scratch database. Steps:
#   1. a git worktree of the release in a temporary folder, with its own dependencies (frozen lockfile);
#   2. a scratch database, migrated by the release's own CLI (`tsx src/cli.ts migrate`);
#   3. upgrade-fixture/<commit>.seed.mjs, run with the release's code: its demo programme dated to `today`, then
#      a few hundred extra risks, tasks and frozen packs through its tRPC API (each release writes its own);
#   4. pg_dump of the public schema as INSERTs (PGlite cannot COPY FROM stdin);
#   5. upgrade-fixture/write-fixture.ts drops what PGlite does not need from the dump (session SETs, comments,
#      psql's \restrict; see src/upgrade/dump.ts), gzips it into packages/db/fixtures/upgrade/<commit>.sql.gz,
#      restores that into PGlite, checks it holds exactly what the scratch database holds (every row and value),
#      and writes <commit>.manifest.json next to it (row counts and keys per table, each frozen pack's hashes,
#      the audit trail's count and hash, the applied migrations).
# The worktree and the scratch database are removed on exit. Re-running replaces both fixture files; the demo
# and the extra data are the same for a given `today` (ids and "now" timestamps differ).
set -euo pipefail

COMMIT=${1:-874247c}
TODAY=${2:-2026-12-01}
BASE_URL=${FIXTURE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(git -C "$HERE" rev-parse --show-toplevel)
SEED="$HERE/upgrade-fixture/$COMMIT.seed.mjs"
OUT_DIR="$REPO/packages/db/fixtures/upgrade"
[ -f "$SEED" ] || { echo "No seed script for $COMMIT: write $SEED (see 874247c.seed.mjs)" >&2; exit 1; }
[[ "$TODAY" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "today must be YYYY-MM-DD" >&2; exit 1; }

WORK=$(mktemp -d)
WORKTREE="$WORK/baton-$COMMIT"
SCRATCH="baton_fixture_${COMMIT}_$$"
SCRATCH_URL=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$BASE_URL" "$SCRATCH")

cleanup() {
  psql "$BASE_URL" -qX -v ON_ERROR_STOP=0 -c "drop database if exists $SCRATCH with (force)" >/dev/null 2>&1 || true
  git -C "$REPO" worktree remove --force "$WORKTREE" >/dev/null 2>&1 || true
  git -C "$REPO" worktree prune
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== worktree of $COMMIT"
git -C "$REPO" worktree add --detach "$WORKTREE" "$COMMIT" >/dev/null
(cd "$WORKTREE" && pnpm install --frozen-lockfile --reporter=silent)

echo "== scratch database $SCRATCH, migrated by $COMMIT"
psql "$BASE_URL" -qX -v ON_ERROR_STOP=1 -c "create database $SCRATCH"
(cd "$WORKTREE/apps/server" && DATABASE_URL="$SCRATCH_URL" BATON_JOBS=0 pnpm exec tsx src/cli.ts migrate)

echo "== demo as at $TODAY and extra data, through $COMMIT's API"
cp "$SEED" "$WORKTREE/apps/server/src/upgrade-fixture.seed.mjs"
(cd "$WORKTREE/apps/server" && DATABASE_URL="$SCRATCH_URL" pnpm exec tsx src/upgrade-fixture.seed.mjs --today "$TODAY")

echo "== dump, fixture and manifest"
mkdir -p "$OUT_DIR"
RAW="$WORK/$COMMIT.dump.sql"
pg_dump "$SCRATCH_URL" --schema=public --inserts --rows-per-insert=100 --no-owner --no-privileges \
  --no-comments --no-tablespaces --no-publications --no-subscriptions >"$RAW"
(cd "$REPO/packages/db" && pnpm exec tsx scripts/upgrade-fixture/write-fixture.ts \
  --commit "$COMMIT" --today "$TODAY" --dump "$RAW" --source "$SCRATCH_URL")

ls -l "$OUT_DIR/$COMMIT.sql.gz" "$OUT_DIR/$COMMIT.manifest.json"
