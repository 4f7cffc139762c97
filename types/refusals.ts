/**
 * Refusal reasons: the typed "why" of an expected failure, beside its code. The server names
 * one (`error.reason`, or `fields[].reason` for a field); the client's one table turns it into
 * Chinese. A page never compares the server's message strings.
 *
 * A new reason goes here (with a comment if the name is not plain), in the action's list in
 * ACTION_REFUSALS, and in the client's table (client/src/lib/api/refusals.ts), which the
 * compiler checks is complete.
 */
export const REFUSAL_REASONS = [
  // ---- callers and permissions (lib/guard.ts), any action
  'not_signed_in',
  'role_required',
  'outside_scope',
  /** The caller wrote or submitted the thing they are asked to approve. */
  'own_work',
  'rate_limited',
  /** Someone else changed the subject's state meanwhile (reload and look again). */
  'state_changed',
  // ---- files (lib/files.ts)
  /** The file id was not uploaded by the caller for this purpose (or does not exist). */
  'file_not_accepted',
  /** The image failed WeChat's content check and was removed. */
  'file_rejected',
  // ---- content security (lib/content-check.ts)
  'content_risky',
  'content_held',
  'content_check_unavailable',
  // ---- consent (PIPL art. 25)
  'consent_required',
  /** A signed form counts once a reviewer other than the uploader has checked it. */
  'consent_unverified',
  'consent_not_signed_form',
  'consent_name_changed',
  'consent_not_yours',
  'consent_already_withdrawn',
  'consent_link_expired',
  'consent_link_used',
  'consent_self_confirm',
  'consent_already_given',
  /** No signed form is waiting for a check (already checked, rejected or withdrawn). */
  'consent_not_awaiting',
  // ---- invites
  'invite_unknown',
  'invite_used',
  'invite_revoked',
  'invite_expired',
  /** The invite's creator no longer holds the authority to grant what it grants. */
  'invite_authority_lost',
  // ---- admin (unit tree, grants, campaigns) and library
  /** Another campaign already uses this slug. */
  'slug_taken',
  /** An admin may not revoke their own admin grant (another admin must). */
  'grant_self',
  'grant_already_revoked',
  /** A station has no sub-units: nothing can be added under it. */
  'unit_no_sub_units',
  /** The move would make a cycle, move the root, or put a unit under a parent of the wrong level. */
  'unit_move_invalid',
  /** The tier decision does not apply to the exemplar's current tier (e.g. promoting a major one). */
  'tier_change_not_allowed',
  // ---- stories
  'title_missing',
  'body_empty',
  // ---- publishing (official account)
  /** The deployment has no official-account credentials (OA_APPID / OA_SECRET). */
  'oa_not_configured',
  /** A retry of a publish job that is still moving (or held by a runner). */
  'job_running',
  'job_already_published',
  /** Only published stories go to the official account. */
  'story_not_published',
  // ---- nominations
  /** The exemplar already has a nomination under way (one at a time per exemplar). */
  'nominee_busy',
  /** The exemplar is already in the library the nomination names. */
  'already_in_tier',
  /** A submit's requestKey was already used for a different nomination (a client bug). */
  'request_key_reused',
  /** The nomination waits for another review level than the caller's. */
  'other_level',
  /** The caller already filed an objection to this nomination. */
  'objection_duplicate',
  /** The nomination is not in public notice (objections are taken only then). */
  'not_in_notice',
  /** The public notice period has ended. */
  'notice_over',
  /** The nomination has no signed consent form to show. */
  'no_signed_form',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (REFUSAL_REASONS as readonly string[]).includes(value);
}
