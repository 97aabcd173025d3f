// `prisma generate` needs no schema engine, but the CLI insists the binary exists: point it at
// any file so nothing is downloaded (the Prisma 7 client runs on driver adapters, no engines).
const { spawnSync } = require('node:child_process');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath };
const r = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
