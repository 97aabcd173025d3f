import { defineConfig } from 'prisma/config';

// Migrations are applied by src/db/migrate.ts (see README: the Prisma schema engine is not needed at run time).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
