import { describe, expect, it } from "vitest";
import { dependencyDown } from "../../../src/platform/outages.ts";

describe("dependencyDown", () => {
  it("when Prisma cannot reach the database, then it names the database", () => {
    const err = Object.assign(new Error("Can't reach database server at 127.0.0.1:5999"), { name: "PrismaClientKnownRequestError", code: "P1001" });
    expect(dependencyDown(err)).toBe("database");
    const adapter = Object.assign(new Error("x"), {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } },
    });
    expect(dependencyDown(adapter)).toBe("database");
    // node-postgres, unwrapped, when the connection dies under a running query.
    expect(dependencyDown(new Error("Connection terminated unexpectedly"))).toBe("database");
  });

  it("when ioredis gives up on a command, then it names Redis", () => {
    expect(dependencyDown(Object.assign(new Error("Reached the max retries per request limit (which is 2)."), { name: "MaxRetriesPerRequestError" }))).toBe("redis");
    expect(dependencyDown(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe("redis");
  });

  it("when the error is a bug or a constraint, then it names nothing", () => {
    expect(dependencyDown(new TypeError("x is not a function"))).toBeUndefined();
    expect(dependencyDown(Object.assign(new Error("Unique constraint failed"), { name: "PrismaClientKnownRequestError", code: "P2002" }))).toBeUndefined();
    expect(dependencyDown(undefined)).toBeUndefined();
  });
});
