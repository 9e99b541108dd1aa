// Front door of the routing-model feature: the learned routing suggestion shown next to the rules' proposal.
export {
  createPredictor, evaluate, MODEL_FORMAT, train,
  type DepartmentStats, type Evaluation, type Predictor, type RoutingModel, type RoutingPrediction, type SuggestionFeatures, type TopWord,
  type TrainingExample, type TrainOptions,
} from "./naive-bayes.ts";
export {
  createRoutingModelService, HELD_OUT_SHARE, MAX_EXAMPLES, MIN_EXAMPLES, THRESHOLD_RANGE,
  type LearnedDepartment, type LearnedProposal, type RoutingModelDeps, type RoutingModelService, type TrainOutcome,
} from "./routing-model.service.ts";
export { learnedRoutingCasePanel } from "./case-panel.ts";
export { routingModelRoutes, ADMIN_PATH } from "./routing-model.routes.ts";
