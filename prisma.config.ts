// Prisma 6.19 with the JavaScript schema engine: the native schema engine is a download at run time and this
// project's machines reach only the npm registry. The adapter bugs this path hits (unreadable `name`/`"char"`
// columns, scripts split on ';', a shadow database that was really the main one) are fixed in one place:
// patches/@prisma+adapter-pg+6.19.3.patch, applied by patch-package on install. Remove it when upstream ships the fix.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    return new PrismaPg({ connectionString: url });
  },
});
