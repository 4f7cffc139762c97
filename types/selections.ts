/**
 * Workboard — 岗位标兵 selection rounds: quotas, candidates, a committee's hidden scores, results.
 * Request schemas live in types/schemas.ts (selectionSchemas); views and the Api interface here.
 */

/** The `workboard` function's selections actions (filled in as the actions land). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SelectionsApi {}
