/**
 * Workboard — honour pursuits: awards the corps competes for, their windows, candidates and outcomes.
 * Request schemas live in types/schemas.ts (pursuitSchemas); views and the Api interface here.
 */

/** The `workboard` function's pursuits actions (filled in as the actions land). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PursuitsApi {}
