// The routing baseline: a bare BullMQ worker process at the routing queue's concurrency whose processor does one
// `pg` UPDATE by id — the least a routing job can cost here. Run by bench/route.bench.ts:
// REDIS_URL, REDIS_PREFIX, DATABASE_URL, QUEUE, CONCURRENCY.
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";

const concurrency = Number(process.env.CONCURRENCY);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Math.max(concurrency, 2) });
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
const worker = new Worker(
  process.env.QUEUE ?? "bench-route",
  async (job) => {
    await pool.query(`UPDATE bench_route SET routed_at = clock_timestamp() WHERE id = $1`, [(job.data as { id: number }).id]);
  },
  { connection, prefix: process.env.REDIS_PREFIX, concurrency },
);
worker.on("error", (err) => console.error(err.message));
process.on("SIGTERM", () => {
  void worker.close().then(async () => {
    await pool.end();
    connection.disconnect();
    process.exit(0);
  });
});
