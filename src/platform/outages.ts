// Which of our dependencies an error says is unreachable, if any. A request that fails for that reason is answered
// 503 with Retry-After (the web error handler, and forms that show themselves again), never a 500 that would blame
// the request or promise that anything was kept.
export type Dependency = "database" | "redis";

/** Retry-After for an outage, in seconds: long enough not to hammer a recovering service, short for a person. */
export const OUTAGE_RETRY_AFTER_SECONDS = 30;

// Prisma: P1001 cannot reach, P1002 timed out, P1008 operation timed out, P1017 server closed the connection,
// P2024 timed out waiting for a pooled connection.
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// What the pg driver adapter reports when the connection, not the query, failed.
const ADAPTER_UNREACHABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseDoesNotExist"]);
/** Socket error codes that mean the peer could not be reached (PostgreSQL here; Redis in the workers). */
export const NETWORK_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * A `pg` pool that cannot connect rejects with the bare socket error ("connect ECONNREFUSED 127.0.0.1:5432"), which
 * names no driver; the hot-path `sql` helper (db.ts) says which dependency it was by wrapping it in this.
 */
export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
  constructor(cause: unknown) {
    super(`database unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Whether a driver error is about the connection (a socket error or the pool's connect timeout), not the query. */
export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  return typeof e.message === "string" && /timeout exceeded when trying to connect|Connection terminated/i.test(e.message);
}

export function dependencyDown(err: unknown): Dependency | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as {
    name?: string;
    code?: unknown;
    message?: unknown;
    clientVersion?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: string } } };
  };
  if (err instanceof DatabaseUnreachableError) return "database";
  const message = typeof e.message === "string" ? e.message : "";
  const isPrisma = typeof e.name === "string" && e.name.startsWith("PrismaClient");
  if (isPrisma) {
    if (typeof e.code === "string" && PRISMA_UNREACHABLE.has(e.code)) return "database";
    const kind = e.meta?.driverAdapterError?.cause?.kind;
    if (kind && ADAPTER_UNREACHABLE.has(kind)) return "database";
    if (e.name === "PrismaClientInitializationError") return "database";
    if (/Can't reach database|Connection terminated|server closed the connection|ECONNREFUSED|ECONNRESET/i.test(message)) return "database";
    return undefined;
  }
  if (e.name === "DriverAdapterError" && /DatabaseNotReachable|ConnectionClosed/.test(message)) return "database";
  // node-postgres errors that reach us unwrapped when a connection dies under a running query (a restart, a cut).
  if (/Connection terminated|terminating connection due to administrator command|Client has encountered a connection error/.test(message)) {
    return "database";
  }
  // ioredis: the offline queue is off (fail fast) or its retries ran out, or the connection closed under a command.
  if (e.name === "MaxRetriesPerRequestError" || /Stream isn't writeable|enableOfflineQueue|Connection is closed/i.test(message)) return "redis";
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code) && /redis|6379|63\d\d/i.test(message)) return "redis";
  return undefined;
}
