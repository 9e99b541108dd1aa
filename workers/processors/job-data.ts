// Job data comes from Redis, written by any version of the code: checked, never trusted.
import { UnrecoverableError, type Job } from "bullmq";

/** The positive integer at `key` of a job's data, or null when it is missing or malformed. */
export function positiveId(data: unknown, key: string): number | null {
  if (data === null || typeof data !== "object") return null;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** A processor for a job that carries one id: malformed data can never succeed, so it fails without retries. */
export function idJob<T>(jobName: string, key: string, run: (id: number) => Promise<T>) {
  return async (job: Pick<Job, "data">): Promise<T> => {
    const id = positiveId(job.data, key);
    if (id === null) throw new UnrecoverableError(`${jobName} needs a positive integer ${key}`);
    return run(id);
  };
}
