import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";

describe("WORKER_QUEUES", () => {
  it("when it is not set, then a worker process takes every queue", () => {
    expect(loadConfig({}).workerQueues).toEqual(["routing", "email", "maintenance", "indexing"]);
  });

  it("when it names queues, then only those, in any spacing", () => {
    expect(loadConfig({ WORKER_QUEUES: "routing, maintenance" }).workerQueues).toEqual(["routing", "maintenance"]);
  });

  it("when it names a queue that does not exist, or none, then the configuration is refused", () => {
    expect(() => loadConfig({ WORKER_QUEUES: "routing,mail" })).toThrow(/WORKER_QUEUES/);
    expect(() => loadConfig({ WORKER_QUEUES: " , " })).toThrow(/WORKER_QUEUES/);
  });
});
