/**
 * Refusal reasons: the typed "why" of an expected failure, beside its code. The server names
 * one (`error.reason`, or `fields[].reason` for a field); the client's one table turns it into
 * Chinese. A page never compares the server's message strings.
 *
 * A new reason goes here (with a comment if the name is not plain), in the action's union in
 * ActionRefusals below (the compiler refuses a use case that returns a reason its action does
 * not declare), and in the client's table (client/src/lib/api/refusals.ts), which the compiler
 * checks is complete.
 */
import type { ActionName, FunctionName } from './api';
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
  /** A story video longer than VIDEO_LIMITS.maxDurationMs. */
  'video_too_long',
  /** A story video over VIDEO_LIMITS.maxBytes (refused on the device; the server takes at most maxParts parts of partBytes). */
  'video_too_large',
  /** The uploaded bytes are not an MP4/MOV video with a picture track and a readable length. */
  'not_a_video',
  /** A video upload finished before all its parts arrived (start the upload again). */
  'video_parts_missing',
  /** A video in the story names no poster image (the picture shown before it plays and in the article). */
  'video_poster_missing',
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
  // ---- staff profiles (identity.saveProfile)
  /** Only staff have a profile: readers stay anonymous. */
  'profile_staff_only',
  /** The unit chosen for the profile is not one the caller holds a role in. */
  'profile_unit_not_held',
  // ---- admin (unit tree, grants, campaigns) and library
  /** Another campaign already uses this slug. */
  'slug_taken',
  /** A campaign's period ends before it starts. */
  'campaign_period_invalid',
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
  /** The story was published and then taken down (撤回): its links say so instead of "not found". */
  'story_withdrawn',
  /** A take-down of a story that is already taken down. */
  'story_already_withdrawn',
  // ---- publishing (official account)
  /** The deployment has no official-account credentials (OA_APPID / OA_SECRET). */
  'oa_not_configured',
  /** A retry of a publish job that is still moving (or held by a runner). */
  'job_running',
  'job_already_published',
  /** A retry of a job whose article was already deleted from the account (its story was taken down). */
  'job_already_deleted',
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
  // ---- comments (留言)
  /** The reader deleted their message meanwhile: there is nothing left to feature, hide or reply to. */
  'comment_deleted',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (REFUSAL_REASONS as readonly string[]).includes(value);
}

/** The guard's answers for a staff action on one subject (lib/guard.ts). */
type Staff = 'not_signed_in' | 'role_required' | 'outside_scope';
/** The guard's answers for a staff list scoped to the caller's own grants. */
type StaffList = 'not_signed_in' | 'role_required';
type FileRefusal = 'file_not_accepted' | 'file_rejected';
type ShownText = 'content_risky' | 'content_held' | 'content_check_unavailable';
type ReviewedText = 'content_risky' | 'content_check_unavailable';
type InviteRefusal = 'invite_unknown' | 'invite_used' | 'invite_revoked' | 'invite_expired';

/**
 * The reasons each action may refuse with: the typed union per action. A page can switch on
 * them; the server cannot return one that is not listed (UseCase's return type).
 */
export interface ActionRefusals {
  authoring: {
    draft: Staff;
    saveDraft: Staff | FileRefusal | 'state_changed' | 'video_poster_missing' | 'video_too_long';
    preview: StaffList;
    submit: Staff | 'state_changed' | 'title_missing' | 'body_empty' | ReviewedText;
    withdraw: Staff | 'state_changed';
    review: Staff | 'own_work' | 'state_changed';
    takeDown: Staff | 'story_already_withdrawn';
    storyContext: Staff;
    myDrafts: 'not_signed_in';
    reviewQueue: StaffList;
    campaignOptions: StaffList;
    exemplar: Staff;
    unitExemplars: StaffList;
    saveExemplar: Staff | FileRefusal | ShownText | 'consent_required';
    setExemplarState: Staff | 'consent_required' | 'consent_unverified';
    saveHonor: Staff | ShownText;
    removeHonor: Staff;
    savePlacement: Staff | ShownText;
    removePlacement: Staff;
    requestConsent: Staff;
    consentInfo: 'not_signed_in';
    confirmConsent: 'not_signed_in' | 'consent_self_confirm' | 'consent_link_used' | 'consent_link_expired' | 'consent_name_changed';
    recordSignedConsent: Staff | FileRefusal | 'consent_already_given';
    consentQueue: StaffList;
    consentScan: Staff;
    verifyConsent: Staff | 'own_work' | 'consent_not_awaiting';
    withdrawConsent: Staff | 'consent_already_withdrawn';
    withdrawMyConsent: 'not_signed_in' | 'consent_not_yours' | 'consent_already_withdrawn';
    uploadImage: StaffList;
    uploadVideoPart: StaffList;
    finishVideoUpload: StaffList | 'file_not_accepted' | 'video_too_long' | 'not_a_video' | 'video_parts_missing';
  };
  content: { feed: never; campaignFeed: never; campaigns: never; story: 'story_withdrawn'; exemplars: never; profile: never; units: never; resolveCode: 'story_withdrawn'; search: never; honoursWall: never; honoured: never; placements: never; libraryUnits: never; exemplarStories: never; stationMembers: never; related: never; resolveProfileCode: never };
  engagement: {
    setLike: 'not_signed_in' | 'rate_limited';
    status: 'not_signed_in';
    view: 'not_signed_in';
    share: 'not_signed_in' | 'rate_limited';
    posterCode: 'not_signed_in';
    myLikes: 'not_signed_in';
    mySalutes: 'not_signed_in';
  };
  identity: { me: 'not_signed_in'; saveProfile: 'not_signed_in' | 'profile_staff_only' | 'profile_unit_not_held' | ShownText; todo: 'not_signed_in' };
  nominations: {
    submit: Staff | 'request_key_reused' | 'already_in_tier' | 'consent_required' | FileRefusal | ReviewedText | 'nominee_busy';
    revise: Staff | 'state_changed' | 'consent_required' | FileRefusal | ReviewedText;
    withdraw: Staff | 'state_changed';
    mine: 'not_signed_in';
    queue: StaffList;
    get: 'not_signed_in';
    decide: Staff | 'other_level' | 'own_work' | 'state_changed' | 'consent_unverified' | 'consent_required';
    notice: never;
    object: 'not_signed_in' | 'not_in_notice' | 'notice_over' | 'objection_duplicate' | ReviewedText;
    resolveObjection: Staff | 'other_level' | 'state_changed';
    consentScan: Staff | 'no_signed_form';
  };
  admin: {
    createInvite: Staff;
    listInvites: Staff;
    revokeInvite: Staff | InviteRefusal;
    redeem: 'not_signed_in' | 'rate_limited' | InviteRefusal | 'invite_authority_lost' | ShownText;
    listGrants: Staff;
    revokeGrant: Staff | 'grant_self' | 'grant_already_revoked';
    auditLog: Staff;
    unitTree: StaffList;
    addUnit: Staff | 'unit_no_sub_units';
    renameUnit: Staff;
    moveUnit: Staff | 'unit_move_invalid';
    listCampaigns: Staff;
    saveCampaign: Staff | 'slug_taken' | FileRefusal | 'campaign_period_invalid';
  };
  library: { changeTier: Staff | 'tier_change_not_allowed'; overdue: StaffList; history: Staff };
  comments: {
    post: 'not_signed_in' | 'rate_limited' | 'story_withdrawn' | 'request_key_reused' | ReviewedText;
    listForStory: 'story_withdrawn';
    mine: 'not_signed_in';
    remove: 'not_signed_in';
    queue: StaffList;
    feature: Staff | 'own_work' | 'comment_deleted';
    hide: Staff | 'comment_deleted';
    reply: Staff | 'comment_deleted' | ShownText;
  };
  publish: {
    candidates: StaffList;
    start: Staff | 'story_not_published' | 'oa_not_configured';
    jobs: StaffList;
    job: StaffList;
    retry: Staff | 'job_running' | 'job_already_published' | 'job_already_deleted' | 'oa_not_configured';
    preview: Staff | 'story_not_published';
  };
}

/** The reasons `F.A` may refuse with. */
export type RefusalOf<F extends FunctionName, A extends ActionName<F>> = F extends keyof ActionRefusals
  ? A extends keyof ActionRefusals[F]
    ? ActionRefusals[F][A] & RefusalReason
    : never
  : never;

/** Every action of the contract has its entry (a new action without one does not compile). */
type Missing = { [F in FunctionName]: Exclude<ActionName<F>, keyof ActionRefusals[F & keyof ActionRefusals]> }[FunctionName];
export const ACTION_REFUSALS_COMPLETE: [Missing] extends [never] ? true : { missing: Missing } = true;
