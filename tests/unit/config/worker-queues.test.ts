import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { WORKER_PROCESSES } from "../../../src/cli/worker-processes.ts";
import { QUEUES } from "../../../src/platform/queues.ts";

describe("WORKER_QUEUES", () => {
  it("when it is not set, then a worker process takes every queue", () => {
    expect([...loadConfig({}).workerQueues].sort()).toEqual(Object.keys(QUEUES).sort());
  });

  it("when npm start runs its worker processes, then together they take every queue, each once", () => {
    const taken = Object.values(WORKER_PROCESSES).flatMap((env) => loadConfig(env).workerQueues);
    expect([...taken].sort()).toEqual(Object.keys(QUEUES).sort());
  });

  it("when it names queues, then only those, in any spacing", () => {
    expect(loadConfig({ WORKER_QUEUES: "routing, maintenance" }).workerQueues).toEqual(["routing", "maintenance"]);
  });

  it("when it names a queue that does not exist, or none, then the configuration is refused", () => {
    expect(() => loadConfig({ WORKER_QUEUES: "routing,mail" })).toThrow(/WORKER_QUEUES/);
    expect(() => loadConfig({ WORKER_QUEUES: " , " })).toThrow(/WORKER_QUEUES/);
  });
});
