/**
 * Workboard — the figures reported upward, the leaders' dashboard and its Excel workbook.
 * Request schemas live in types/schemas.ts (figureSchemas); views and the Api interface here.
 */

/** The `workboard` function's figures actions (filled in as the actions land). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FiguresApi {}
