// The queue dashboard (Bull Board) at /admin/queues, administrators only (see queue-board.routes.ts).
export { QUEUE_BOARD_PATH, queueBoardRoutes } from "./queue-board.routes.ts";
