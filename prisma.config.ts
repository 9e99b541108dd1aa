// Prisma 6.19 with the JavaScript schema engine: the native schema engine is a download at run time and this
// project's machines reach only the npm registry. The adapter bugs this path hits (unreadable `name`/`"char"`
// columns, scripts split on ';', a shadow database that was really the main one) are fixed in one place:
// patches/@prisma+adapter-pg+6.19.3.patch, applied by patch-package on install. Remove it when upstream ships the fix.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { DEFAULT_DATABASE_URL } from "./src/config.ts";

// The schema's `url = env("DATABASE_URL")` must resolve even on a fresh install (postinstall runs
// `prisma generate` before anyone set it): an unresolved url makes the CLI fetch a native query engine.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
