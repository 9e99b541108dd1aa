// Front door of the routing-model feature: the learned routing suggestion shown next to the rules' proposal.
export {
  createPredictor, evaluate, MODEL_FORMAT, train,
  type DepartmentStats, type Evaluation, type Predictor, type RoutingModel, type RoutingPrediction, type SuggestionFeatures, type TopWord,
  type TrainingExample, type TrainOptions,
} from "./naive-bayes.ts";
