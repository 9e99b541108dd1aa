// train-routing-model (a job scheduler on the maintenance queue, and an administrator's "retrain now"): the routing
// model service's train, which stores a new version only when the confirmed assignments changed (idempotent).
import type { Container } from "../../src/container.ts";

export function createTrainRoutingModelProcessor(c: Pick<Container, "services">) {
  return () => c.services.routingModel.train();
}
