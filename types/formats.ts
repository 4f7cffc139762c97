/**
 * Formats and limits the schemas are built on, kept free of zod: schemas.ts builds on them, and
 * the client reads them (a route parameter's format, a story field's limit) without loading zod
 * and every schema into a reader page (lib/ids.ts, the story page's take-down sheet).
 */

/** Document ids: what our seed and the cloud DB generate. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A story's short code (a poster's mini-program code passes it in `scene`). */
export const STORY_CODE_PATTERN = /^[0-9A-Za-z]{4,12}$/;

/** A profile poster's code: 16 hex digits derived from the exemplar's id. */
export const PROFILE_CODE_PATTERN = /^[0-9a-f]{16}$/;

/** A story's fields (authoring.saveDraft) and a reviewer's comment on it. */
export const STORY_LIMITS = { title: 64, summary: 120, author: 32, markdown: 20_000, exemplars: 10, comment: 500 } as const;
