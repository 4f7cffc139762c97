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
  /** The story's coverage in this outlet on this date is already recorded (on this or another of its exemplars). */
  'placement_duplicate',
  /** The nomination is not in public notice (objections are taken only then). */
  'not_in_notice',
  /** The public notice period has ended. */
  'notice_over',
  /** The nomination has no signed consent form to show. */
  'no_signed_form',
  // ---- comments (留言)
  /** The reader deleted their message meanwhile: there is nothing left to feature, hide or reply to. */
  'comment_deleted',
  // ---- 岗位标兵 selections (workboard selections)
  /** The selection round is no longer taking candidates or scores (it was closed). */
  'selection_not_open',
  /** Only a closed round's results can be published (not yet closed, or already published). */
  'selection_not_closed',
  /** The unit has put forward as many candidates as the round's quota allows. */
  'selection_quota_full',
  /** That person is already a candidate in this round. */
  'selection_already_candidate',
  /** The candidate's unit is outside the round's unit subtree. */
  'selection_outside_round',
  /** Only members of the round's committee score its candidates. */
  'selection_not_member',
  /** A score per criterion, each a whole number from 0 to the criterion's maximum. */
  'selection_score_invalid',
  /** The committee names someone without a staff grant in the round's subtree, or too few people. */
  'selection_committee_invalid',
  /** A round without candidates has nothing to rank. */
  'selection_no_candidates',
  // ---- plan board (挂图作业, workboard plans)
  /** The unit already has a plan for that year (one plan per unit per year). */
  'plan_exists',
  /** Plans are made at the corps and at detachments only. */
  'plan_level_invalid',
  /** A plan holds at most PLAN_LIMITS.tasksPerPlan tasks. */
  'plan_full',
  /** A task's owner unit must be inside the plan's unit subtree. */
  'task_owner_outside_plan',
  /** A task is due within its plan's year. */
  'task_due_outside_year',
  /** A task's link names a pursuit, nomination, campaign or story that does not exist or lies outside the plan's scope. */
  'plan_link_invalid',
  /** Ticking a task off needs evidence: a note, a photo or a linked story or nomination. */
  'evidence_required',
  'task_already_done',
  /** Only a ticked (done) task can be reopened. */
  'task_not_done',
  // ---- honour pursuits (争创荣誉, workboard pursuits)
  /** Pursuits are organised by the corps or a detachment only. */
  'pursuit_unit_level',
  /** A pursuit's dates must run opens ≤ nomination deadline ≤ result. */
  'pursuit_dates_invalid',
  /** Its name, level, awarding body or unit cannot change once a candidate was awarded (the honour carries them). */
  'pursuit_has_awards',
  /** Outcomes are recorded once the nomination deadline has come. */
  'pursuit_window_open',
  /** A pursuit takes at most PURSUIT_LIMITS.candidates candidates. */
  'pursuit_candidates_full',
  /** The exemplar is not in the subtree of the pursuit's unit. */
  'candidate_outside_pursuit',
  /** The exemplar's profile is not public (unpublished, or a person without consent that counts). */
  'candidate_not_public',
  /** The exemplar has left the libraries (retired). */
  'candidate_retired',
  /** The exemplar is not (or no longer) a candidate of the pursuit. */
  'candidate_unknown',
  /** An awarded candidate is taken off only after the outcome is reverted (which removes the honour). */
  'candidate_awarded',
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
    savePlacement: Staff | ShownText | 'placement_duplicate';
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
  /** One function, four areas (plans, pursuits, selections, figures): each area adds its actions' lines here. */
  workboard: {
    // ---- plans
    plans: StaffList;
    board: Staff;
    createPlan: Staff | 'plan_exists' | 'plan_level_invalid';
    saveTask: Staff | 'plan_full' | 'task_owner_outside_plan' | 'task_due_outside_year' | 'plan_link_invalid' | 'state_changed';
    task: Staff;
    linkOptions: Staff;
    startTask: Staff | 'state_changed';
    tickTask: Staff | FileRefusal | 'evidence_required' | 'plan_link_invalid' | 'task_already_done';
    reopenTask: Staff | 'task_not_done';
    // ---- pursuits
    pursuits: StaffList;
    pursuit: Staff;
    savePursuit: Staff | ShownText | 'pursuit_unit_level' | 'pursuit_dates_invalid' | 'pursuit_has_awards';
    pursuitOptions: Staff;
    addPursuitCandidate: Staff | 'pursuit_candidates_full' | 'candidate_outside_pursuit' | 'candidate_not_public' | 'candidate_retired';
    removePursuitCandidate: Staff | 'candidate_unknown' | 'candidate_awarded';
    setPursuitOutcome: Staff | 'candidate_unknown' | 'pursuit_window_open';
    pursuitDeadlines: StaffList;
    // ---- selections
    selectionRounds: StaffList;
    selectionRound: StaffList;
    selectionPeople: Staff;
    createSelectionRound: Staff | 'selection_committee_invalid';
    putForward: Staff | 'selection_not_open' | 'selection_quota_full' | 'selection_already_candidate' | 'selection_outside_round';
    scoreCandidate: StaffList | 'own_work' | 'selection_not_member' | 'selection_not_open' | 'selection_score_invalid';
    closeSelectionRound: Staff | 'selection_not_open' | 'selection_no_candidates' | 'state_changed';
    publishSelectionRound: Staff | 'selection_not_closed';
    // ---- figures
    figures: Staff;
    exportFigures: Staff;
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
