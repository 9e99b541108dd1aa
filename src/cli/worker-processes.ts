// The worker processes `npm start` runs (and the routing benchmark runs the same way): routing and maintenance in
// one; the background work (emails, similarity signatures, reports) in another, at a lower CPU priority, so a burst's
// emails and signatures do not take the router's CPU. Together they take every queue (a unit test checks).
export const WORKER_PROCESSES = {
  worker: { WORKER_QUEUES: "routing,maintenance" },
  background: { WORKER_QUEUES: "email,indexing,reports", WORKER_NICE: "10" },
} as const satisfies Record<string, Record<string, string>>;
