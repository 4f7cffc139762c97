/**
 * Limits the contract states only inside a request schema, read from that schema, so a form's
 * maxlength, counter and hint follow the contract when it changes. Limits the contract names
 * (STORY_LIMITS, NOMINATION_LIMITS, INVITE_CODE_LENGTH) are imported from `@contract` directly;
 * a form never writes a limit as a number of its own.
 */
import { adminSchemas, authoringSchemas, librarySchemas, pageLimitSchema } from '@contract';

// Every field read here has a .max() in the contract. Should one lose it, loading this module
// throws, so every test of a form using it fails rather than a form quietly losing its cap.
function maxLength(schema: { maxLength: number | null }): number {
  if (schema.maxLength === null) throw new Error('contract field has no maximum length');
  return schema.maxLength;
}
function maxValue(schema: { maxValue: number | null }): number {
  if (schema.maxValue === null) throw new Error('contract field has no maximum value');
  return schema.maxValue;
}

/** The most items one page of a list may hold (`limit` of any paged request). */
export const PAGE_LIMIT_MAX = maxValue(pageLimitSchema);

const exemplar = authoringSchemas.saveExemplar.shape;
/** 典型资料 (authoring.saveExemplar). */
export const EXEMPLAR_LIMITS = {
  name: maxLength(exemplar.name),
  title: maxLength(exemplar.title),
  summary: maxLength(exemplar.summary),
  biography: maxLength(exemplar.biography),
} as const;

/** A unit's full and short name (admin.addUnit, admin.renameUnit). */
export const UNIT_NAME_LIMITS = {
  add: { name: maxLength(adminSchemas.addUnit.shape.name), shortName: maxLength(adminSchemas.addUnit.shape.shortName) },
  rename: { name: maxLength(adminSchemas.renameUnit.shape.name), shortName: maxLength(adminSchemas.renameUnit.shape.shortName) },
} as const;

const campaign = adminSchemas.saveCampaign.shape;
/** 专题 (admin.saveCampaign). */
export const CAMPAIGN_LIMITS = {
  name: maxLength(campaign.name),
  description: maxLength(campaign.description),
  /** The largest position in the list. */
  orderMax: maxValue(campaign.order),
} as const;

/** The reason every tier change records (library.changeTier). */
export const TIER_CHANGE_REASON_MAX = maxLength(librarySchemas.changeTier.shape.reason);
