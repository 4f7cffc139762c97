/**
 * The API map: cloud function → action → request and response.
 *
 * Wire shape (the same on both clouds): the event a function receives is
 * `{ action, data }`; it answers a `Result<Response>`. On weapp the client sends the
 * event with `wx.cloud.callFunction({ name, data: event })`; on h5 it POSTs the event
 * to the local cloud's gateway at `/fn/<name>`.
 */
import type { z } from 'zod';
import type { Result } from './errors';
import type { requestSchemas } from './schemas';
import type {
  CampaignCard,
  ExemplarCard,
  ExemplarProfile,
  LibraryUnitsView,
  LikeState,
  Me,
  Page,
  PersonRef,
  StoryCard,
  StoryDetail,
  UnitRef,
} from './views';
import type { Id, MediaUrl } from './entities';
import type { ConsentCheckItem, ConsentInfo, DraftCard, DraftView, ExemplarEditView, PreviewResult, UnitExemplarItem } from './views';
import type { NominationsApi } from './nominations';
import type { CommentsApi } from './comments';
import type { PlansApi } from './plans';
import type { PursuitsApi } from './pursuits';
import type { SelectionsApi } from './selections';
import type { FiguresApi } from './figures';
import type { SearchResult } from './search';
import type { HonoursWallView, PlacementCard } from './honours';
import type { RoleView, StoryContext } from './views';
import type { PublishCandidate, PublishJobView, PublishPreview, TakeDownResult } from './publish';
import type { AuditView, CampaignAdminView, GrantView, InviteView, LibraryItem, TierChangeView, TodoView, UnitMoveResult, UnitNode } from './staff';

type Req<F extends keyof typeof requestSchemas, A extends keyof (typeof requestSchemas)[F]> =
  (typeof requestSchemas)[F][A] extends z.ZodTypeAny ? z.input<(typeof requestSchemas)[F][A]> : never;

export interface ApiMap {
  authoring: {
    draft: { req: Req<'authoring', 'draft'>; res: DraftView };
    saveDraft: { req: Req<'authoring', 'saveDraft'>; res: { version: number; updatedAt: number; issues: PreviewResult['issues'] } };
    preview: { req: Req<'authoring', 'preview'>; res: PreviewResult };
    submit: { req: Req<'authoring', 'submit'>; res: DraftCard };
    withdraw: { req: Req<'authoring', 'withdraw'>; res: DraftCard };
    review: { req: Req<'authoring', 'review'>; res: { storyId: Id; decision: 'approve' | 'return'; revision: number; published: boolean } };
    takeDown: { req: Req<'authoring', 'takeDown'>; res: TakeDownResult };
    storyContext: { req: Req<'authoring', 'storyContext'>; res: StoryContext };
    myDrafts: { req: Req<'authoring', 'myDrafts'>; res: Page<DraftCard> };
    reviewQueue: { req: Req<'authoring', 'reviewQueue'>; res: Page<DraftCard> };
    campaignOptions: { req: Req<'authoring', 'campaignOptions'>; res: { items: CampaignCard[] } };
    exemplar: { req: Req<'authoring', 'exemplar'>; res: ExemplarEditView };
    unitExemplars: { req: Req<'authoring', 'unitExemplars'>; res: Page<UnitExemplarItem> };
    saveExemplar: { req: Req<'authoring', 'saveExemplar'>; res: ExemplarEditView };
    setExemplarState: { req: Req<'authoring', 'setExemplarState'>; res: ExemplarEditView };
    saveHonor: { req: Req<'authoring', 'saveHonor'>; res: ExemplarEditView };
    removeHonor: { req: Req<'authoring', 'removeHonor'>; res: ExemplarEditView };
    savePlacement: { req: Req<'authoring', 'savePlacement'>; res: ExemplarEditView };
    removePlacement: { req: Req<'authoring', 'removePlacement'>; res: ExemplarEditView };
    /**
     * `path` is the consent page with the code (a share path); `qrCode` a URL of its mini-program
     * code image to print (scanning opens the page with `scene` = the code), null when WeChat could
     * not draw it just now (the link still works).
     */
    requestConsent: { req: Req<'authoring', 'requestConsent'>; res: { code: string; path: string; expiresAt: number; qrCode: MediaUrl | null } };
    consentInfo: { req: Req<'authoring', 'consentInfo'>; res: ConsentInfo };
    confirmConsent: { req: Req<'authoring', 'confirmConsent'>; res: { confirmed: true } };
    recordSignedConsent: { req: Req<'authoring', 'recordSignedConsent'>; res: ExemplarEditView };
    consentQueue: { req: Req<'authoring', 'consentQueue'>; res: Page<ConsentCheckItem> };
    consentScan: { req: Req<'authoring', 'consentScan'>; res: { url: MediaUrl } };
    verifyConsent: { req: Req<'authoring', 'verifyConsent'>; res: ExemplarEditView };
    withdrawConsent: { req: Req<'authoring', 'withdrawConsent'>; res: ExemplarEditView };
    withdrawMyConsent: { req: Req<'authoring', 'withdrawMyConsent'>; res: { withdrawn: true } };
    uploadImage: { req: Req<'authoring', 'uploadImage'>; res: { fileId: string; width: number; height: number } };
    uploadVideoPart: { req: Req<'authoring', 'uploadVideoPart'>; res: { index: number; bytes: number; fileId: string } };
    /** The recorded video: its display size (rotation applied) and length, as read from the bytes. */
    finishVideoUpload: { req: Req<'authoring', 'finishVideoUpload'>; res: { fileId: string; width: number; height: number; durationMs: number; bytes: number } };
  };
  content: {
    feed: { req: Req<'content', 'feed'>; res: Page<StoryCard> };
    campaignFeed: { req: Req<'content', 'campaignFeed'>; res: Page<StoryCard> & { campaign: CampaignCard } };
    campaigns: { req: Req<'content', 'campaigns'>; res: { items: CampaignCard[] } };
    story: { req: Req<'content', 'story'>; res: StoryDetail };
    exemplars: { req: Req<'content', 'exemplars'>; res: Page<ExemplarCard> };
    profile: { req: Req<'content', 'profile'>; res: ExemplarProfile };
    units: { req: Req<'content', 'units'>; res: { items: (UnitRef & { parentId: Id | null })[] } };
    resolveCode: { req: Req<'content', 'resolveCode'>; res: { storyId: Id } };
    search: { req: Req<'content', 'search'>; res: SearchResult };
    honoursWall: { req: Req<'content', 'honoursWall'>; res: HonoursWallView };
    honoured: { req: Req<'content', 'honoured'>; res: Page<ExemplarCard> };
    placements: { req: Req<'content', 'placements'>; res: Page<PlacementCard> };
    libraryUnits: { req: Req<'content', 'libraryUnits'>; res: LibraryUnitsView };
    exemplarStories: { req: Req<'content', 'exemplarStories'>; res: Page<StoryCard> };
    stationMembers: { req: Req<'content', 'stationMembers'>; res: Page<ExemplarCard> };
    related: { req: Req<'content', 'related'>; res: { items: StoryCard[] } };
    resolveProfileCode: { req: Req<'content', 'resolveProfileCode'>; res: { exemplarId: Id } };
  };
  engagement: {
    setLike: { req: Req<'engagement', 'setLike'>; res: LikeState };
    status: { req: Req<'engagement', 'status'>; res: { items: LikeState[] } };
    view: { req: Req<'engagement', 'view'>; res: { counted: boolean; viewCount: number } };
    share: { req: Req<'engagement', 'share'>; res: { shareCount: number } };
    posterCode: { req: Req<'engagement', 'posterCode'>; res: { url: MediaUrl; scene: string; page: string } };
    myLikes: { req: Req<'engagement', 'myLikes'>; res: Page<StoryCard> };
    mySalutes: { req: Req<'engagement', 'mySalutes'>; res: Page<ExemplarCard> };
  };
  identity: {
    me: { req: Req<'identity', 'me'>; res: Me };
    saveProfile: { req: Req<'identity', 'saveProfile'>; res: PersonRef };
    /** The 工作台's counts and 待办 list: the work waiting for the caller's roles. */
    todo: { req: Req<'identity', 'todo'>; res: TodoView };
  };
  nominations: NominationsApi;
  comments: CommentsApi;
  /** 推优树典 as planned work: plan board, honour pursuits, 岗位标兵 selections, figures. */
  workboard: PlansApi & PursuitsApi & SelectionsApi & FiguresApi;
  admin: {
    createInvite: { req: Req<'admin', 'createInvite'>; res: InviteView };
    listInvites: { req: Req<'admin', 'listInvites'>; res: Page<InviteView> };
    revokeInvite: { req: Req<'admin', 'revokeInvite'>; res: InviteView };
    redeem: { req: Req<'admin', 'redeem'>; res: RoleView };
    listGrants: { req: Req<'admin', 'listGrants'>; res: Page<GrantView> };
    revokeGrant: { req: Req<'admin', 'revokeGrant'>; res: GrantView };
    auditLog: { req: Req<'admin', 'auditLog'>; res: Page<AuditView> };
    unitTree: { req: Req<'admin', 'unitTree'>; res: { items: UnitNode[] } };
    addUnit: { req: Req<'admin', 'addUnit'>; res: UnitNode };
    renameUnit: { req: Req<'admin', 'renameUnit'>; res: UnitNode };
    moveUnit: { req: Req<'admin', 'moveUnit'>; res: UnitMoveResult };
    listCampaigns: { req: Req<'admin', 'listCampaigns'>; res: { items: CampaignAdminView[] } };
    saveCampaign: { req: Req<'admin', 'saveCampaign'>; res: CampaignCard };
  };
  library: {
    changeTier: { req: Req<'library', 'changeTier'>; res: { exemplar: LibraryItem; change: TierChangeView } };
    overdue: { req: Req<'library', 'overdue'>; res: { items: LibraryItem[]; total: number } };
    history: { req: Req<'library', 'history'>; res: Page<TierChangeView> };
  };
  publish: {
    candidates: { req: Req<'publish', 'candidates'>; res: Page<PublishCandidate> };
    start: { req: Req<'publish', 'start'>; res: PublishJobView };
    jobs: { req: Req<'publish', 'jobs'>; res: Page<PublishJobView> };
    job: { req: Req<'publish', 'job'>; res: PublishJobView };
    retry: { req: Req<'publish', 'retry'>; res: PublishJobView };
    preview: { req: Req<'publish', 'preview'>; res: PublishPreview };
  };
}

export type FunctionName = keyof ApiMap;
export type ActionName<F extends FunctionName> = keyof ApiMap[F] & string;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = ApiMap[F][A] extends { req: infer R } ? R : never;
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = ApiMap[F][A] extends { res: infer R } ? R : never;

/** The event a function receives. */
export interface CallEvent<A extends string = string, D = unknown> {
  action: A;
  data?: D;
}

export type CallResult<F extends FunctionName, A extends ActionName<F>> = Result<ResponseOf<F, A>>;

/** Defaults every function and page agree on. */
export const PAGE_SIZE = { feed: 10, exemplars: 20, profileStories: 10, stationMembers: 6 } as const;
