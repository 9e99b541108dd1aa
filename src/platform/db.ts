import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";

export type Db = PrismaClient;
/** A transaction client or the root client: repositories accept either. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(databaseUrl: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}

const PRISMA_TO_SQLSTATE: Record<string, string> = { P2002: "23505", P2003: "23503" };

/**
 * The PostgreSQL SQLSTATE behind a Prisma error, whether Prisma mapped it (P2002, P2003) or it came from a raw
 * query through the driver adapter (P2010 carrying the original code).
 */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  if (!e?.code) return undefined;
  return PRISMA_TO_SQLSTATE[e.code] ?? e.meta?.driverAdapterError?.cause?.originalCode;
}

export const UNIQUE_VIOLATION = "23505";
export const FOREIGN_KEY_VIOLATION = "23503";

/**
 * Interactive transactions here are short and wait only for a concurrent request on the same rows (a double-
 * clicked form holding a suggestion's row lock, a second worker on the same job): generous limits for that wait.
 */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;
