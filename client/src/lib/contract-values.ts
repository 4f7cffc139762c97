/**
 * Runtime values of the shared contract, imported file by file. `@contract` re-exports
 * the zod schemas too, and their module-level `z.object(...)` calls are side effects a
 * bundler cannot drop: importing values through here keeps zod out of the weapp package.
 * Types still come from `@contract` (type-only imports vanish at build time).
 */
export { isErrorCode, ERROR_CODES } from '../../../types/errors';
export { PAGE_SIZE } from '../../../types/api';
export { ID_PATTERN, PROFILE_CODE_PATTERN, STORY_CODE_PATTERN } from '../../../types/formats';
export { SEARCH_LIMITS } from '../../../types/search';
export { PLAN_DUE_TEMPLATE, PLAN_LEVEL_LABEL, PLAN_LIMITS, PLAN_LINK_LABEL, PLAN_LINK_KINDS, PLAN_TASK_STATE_LABEL } from '../../../types/plans';
export { PURSUIT_LIMITS, PURSUIT_OUTCOME_LABEL, PURSUIT_PHASE_LABEL } from '../../../types/pursuits';
export {
  CATEGORY_LABEL,
  HONOR_LEVEL_LABEL,
  HONOR_LEVELS,
  KIND_LABEL,
  ROLE_LABEL,
  TIER_LABEL,
  UNIT_LEVEL_LABEL,
} from '../../../types/labels';
export {
  allowedChanges,
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  INVITE_CODE_NEVER_USED,
  INVITE_STATUS_LABEL,
  normalizeInviteCode,
  PERSON_NAME_LIMITS,
  TIER_CHANGE_LABEL,
  TIER_TRANSITIONS,
} from '../../../types/staff';
