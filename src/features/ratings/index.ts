// Ratings (满意度评价, see CONTEXT.md): the citizen's rating of the reply, given on the tracking result page
// (features/tracking shows the panel and takes the form).
export { createRatingService, ratingNote, type RatingDeps, type RatingService, type RatingState } from "./ratings.service.ts";
export { parseRating, RATING_LIMITS, ratingValues, type RatingInput } from "./ratings.schemas.ts";
export { ratingPanelView, stars, type RatingPanelOptions, type RatingPanelView } from "./ratings.view.ts";
