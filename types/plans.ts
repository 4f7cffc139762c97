/**
 * Workboard — the annual plan board (挂图作业): plans, tasks, ticking off with evidence (对账消号).
 * Request schemas live in types/schemas.ts (planSchemas); views and the Api interface here.
 */

/** The `workboard` function's plans actions (filled in as the actions land). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlansApi {}
