import { ID_PATTERN, PROFILE_CODE_PATTERN, STORY_CODE_PATTERN } from './contract-values';

/**
 * Route parameters checked with the contract's own formats (the patterns its schemas are built
 * on) before a call, so a mangled shared link or poster code reads as "not found" without a round
 * trip, and the rule lives only in the contract. The patterns, not the schemas: a schema would
 * bring zod into the main package of both builds for three regular expressions.
 */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** A story's short code, as a poster's mini-program code passes it in `scene`. */
export function isStoryCode(value: string): boolean {
  return STORY_CODE_PATTERN.test(value);
}

/** A profile poster's code, as its mini-program code passes it in `scene`. */
export function isProfileCode(value: string): boolean {
  return PROFILE_CODE_PATTERN.test(value);
}
