import { PrismaPg } from "@prisma/adapter-pg";
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { DatabaseUnreachableError, isConnectionError } from "./outages.ts";

export type Db = PrismaClient;
/** A transaction client or the root client: repositories accept either. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** The `pg` pool under each root client (one pool, shared by Prisma and the hot statements; see `sql`). */
const POOLS = new WeakMap<object, pg.Pool>();

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // Prisma does not end a pool it was given unless told to: $disconnect ends it, as before.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  POOLS.set(client, pool);
  return client;
}

/** Disconnects Prisma and ends the pool, also when Prisma never connected (only `sql` was used). */
export async function closeDb(db: Db): Promise<void> {
  await db.$disconnect();
  const pool = POOLS.get(db);
  if (pool && !pool.ending && !pool.ended) await pool.end();
}

/**
 * The hot statements are CTEs whose planning costs PostgreSQL several times their execution (the routing context:
 * ~5 ms to plan, ~0.4 ms to run; see bench/PROFILE.md). A named statement is parsed and planned once per pooled
 * connection and then reused (PostgreSQL switches to its generic plan after five runs when that plan is no worse).
 * The name is derived from the text, so two call sites with the same text share it and a changed text gets a new one;
 * `sql` texts are therefore constants, with every value a parameter.
 */
const STATEMENT_NAMES = new Map<string, string>();
/** Far above the texts the code has (a few hundred with the inbox's filter combinations): past it, unnamed. */
const MAX_NAMED_STATEMENTS = 2_000;
function statementName(text: string): string | undefined {
  let name = STATEMENT_NAMES.get(text);
  if (name === undefined) {
    // A text carrying values would make a new statement per call, on every pooled connection: plan it per call.
    if (STATEMENT_NAMES.size >= MAX_NAMED_STATEMENTS) return undefined;
    name = `gi_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    STATEMENT_NAMES.set(text, name);
  }
  return name;
}

/**
 * One hand-written statement on the hot paths (a submission, a routing job, an email job): straight on the `pg`
 * pool under the root client, because each Prisma call costs several times the driver's CPU (its client runtime
 * and query compiler; see bench/PROFILE.md). A transaction client has no pool of its own here, so inside an
 * interactive transaction the statement goes through Prisma as a raw query, on that transaction's connection.
 * Placeholders are `$1`, `$2`, ...; return only int4, text, boolean and json columns, which both paths return as
 * the same JavaScript values (`pg` would read a timestamp(3) column in the process's time zone).
 */
export async function sql<T>(db: DbClient, text: string, values: unknown[]): Promise<T[]> {
  const pool = POOLS.get(db);
  // Columns are timestamp(3) holding UTC, as Prisma writes them: an ISO string cast to timestamp keeps the UTC
  // wall time, where `pg` would send a Date in the process's own time zone.
  if (pool) {
    try {
      const params = values.map((v) => (v instanceof Date ? v.toISOString() : v));
      return (await pool.query({ name: statementName(text), text, values: params })).rows as T[];
    } catch (err) {
      throw isConnectionError(err) ? new DatabaseUnreachableError(err) : err;
    }
  }
  return db.$queryRawUnsafe<T[]>(text, ...values);
}

/**
 * A timestamp(3) column (UTC wall time, as Prisma writes it) as ISO 8601 text for a `sql` statement, e.g.
 * `${isoText('s."submittedAt"')} AS "submittedAt"`: text reads the same through `pg` and through a transaction's raw
 * query, and also inside json_build_object. Read it back with `dateOf`.
 */
export function isoText(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export function dateOf(iso: string): Date;
export function dateOf(iso: string | null): Date | null;
export function dateOf(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

const PRISMA_TO_SQLSTATE: Record<string, string> = { P2002: "23505", P2003: "23503" };

/**
 * The PostgreSQL SQLSTATE behind an error: the driver's own (a `sql` statement), or a Prisma error's, whether
 * Prisma mapped it (P2002, P2003) or it came from a raw query through the driver adapter (P2010 carrying the
 * original code).
 */
export function sqlState(err: unknown): string | undefined {
  // Straight from the driver (statements run with `sql`).
  if (err instanceof pg.DatabaseError) return err.code;
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

/** A user's words inside a LIKE / ILIKE pattern (or Prisma's `contains`): `\`, `%` and `_` match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
