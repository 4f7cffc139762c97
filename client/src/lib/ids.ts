import { idSchema, profileCodeSchema, storyCodeSchema } from '@contract';

/**
 * Route parameters checked with the contract's own schemas before a call, so a mangled shared
 * link or poster code reads as "not found" without a round trip, and the rule lives only in
 * the contract.
 */
export function isId(value: string): boolean {
  return idSchema.safeParse(value).success;
}

/** A story's short code, as a poster's mini-program code passes it in `scene`. */
export function isStoryCode(value: string): boolean {
  return storyCodeSchema.safeParse(value).success;
}

/** A profile poster's code, as its mini-program code passes it in `scene`. */
export function isProfileCode(value: string): boolean {
  return profileCodeSchema.safeParse(value).success;
}
