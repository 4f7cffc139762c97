/**
 * The audit log in Chinese: one sentence per entry, from the ONE table below keyed by the action
 * code the server writes ("王磊 在 天山区特勤站 提交了事迹《夜战》"), and the entry's details as
 * readable 字段：值 lines, never JSON or English. A code the server writes without a sentence
 * here fails test/client/audit-sentences.test.ts (it reads every code from the server's source);
 * an unknown code still reads as 「王磊 进行了操作」.
 *
 * Placeholders: {actor} the person's name (系统, 读者 or a staff member), {atUnit} " 在 <their
 * unit>" when they have one (nothing otherwise), {subject} what the entry is about (a title, a
 * name, a role at a unit), as the server labelled it.
 */
import type { AuditView, NominationState, PublishJobState, StoryState, TierChangeView, UploadPurpose } from '@contract';
import { CATEGORY_LABEL, HONOR_LEVEL_LABEL, KIND_LABEL, PLAN_TASK_STATE_LABEL, PURSUIT_OUTCOME_LABEL, ROLE_LABEL, TIER_LABEL } from './contract-values';
import { formatDateTime } from './dates';

export const AUDIT_SENTENCES: Readonly<Record<string, string>> = {
  // staff administration
  'admin.createInvite': '{actor} 生成了 {subject} 的邀请码',
  'admin.revokeInvite': '{actor} 撤销了 {subject} 的邀请码',
  'admin.redeem': '{actor} 使用邀请码，成为 {subject}',
  'admin.revokeGrant': '{actor} 撤销了 {subject} 的授权',
  'admin.addUnit': '{actor} 新增了单位 {subject}',
  'admin.renameUnit': '{actor} 修改了单位 {subject} 的名称',
  'admin.moveUnit': '{actor} 调整了单位 {subject} 的上级单位',
  'admin.saveCampaign': '{actor} 保存了专题「{subject}」',
  'identity.saveProfile': '{actor} 更新了本人的姓名和单位',
  // libraries
  'library.promote': '{actor} 将 {subject} 升入重大先进典型库',
  'library.demote': '{actor} 将 {subject} 调入后备典型库',
  'library.retire': '{actor} 将 {subject} 退出典型库',
  'library.reinstate': '{actor} 将 {subject} 恢复入后备典型库',
  'library.keep': '{actor} 复核后保留了 {subject} 的库别',
  // stories
  'story.draft.create': '{actor}{atUnit} 新建了事迹《{subject}》',
  'story.submit': '{actor}{atUnit} 提交了事迹《{subject}》',
  'story.withdraw': '{actor} 撤回了送审的事迹《{subject}》',
  'story.return': '{actor} 退回了事迹《{subject}》',
  'story.approve': '{actor} 审核通过并发布了事迹《{subject}》',
  'story.take_down': '{actor} 撤回了已发布的事迹《{subject}》',
  'publish.start': '{actor} 将事迹《{subject}》发往公众号',
  'publish.retry': '{actor} 重试了事迹《{subject}》的公众号发布',
  'upload.image': '{actor}{atUnit} 上传了一张图片',
  'upload.video': '{actor}{atUnit} 上传了一段事迹视频',
  'file.removed': '{actor} 删除了未通过内容安全检查的图片',
  // exemplars
  'exemplar.create': '{actor}{atUnit} 新建了典型 {subject}',
  'exemplar.update': '{actor} 修改了典型 {subject} 的资料',
  'exemplar.state': '{actor} 更改了典型 {subject} 的公开状态',
  'honor.create': '{actor} 为 {subject} 添加了一项荣誉',
  'honor.update': '{actor} 修改了 {subject} 的一项荣誉',
  'honor.remove': '{actor} 删除了 {subject} 的一项荣誉',
  'placement.create': '{actor} 为 {subject} 添加了一条媒体刊发',
  'placement.update': '{actor} 修改了 {subject} 的一条媒体刊发',
  'placement.remove': '{actor} 删除了 {subject} 的一条媒体刊发',
  // consent (PIPL art. 25)
  'consent.request': '{actor} 请 {subject} 本人确认同意公开资料',
  'consent.confirm': '{actor} 确认同意公开 {subject} 的资料',
  'consent.signed_form': '{actor} 上传了 {subject} 的签字同意书',
  'consent.view': '{actor} 查看了 {subject} 的签字同意书',
  'consent.verify': '{actor} 核对通过了 {subject} 的签字同意书',
  'consent.reject': '{actor} 退回了 {subject} 的签字同意书',
  'consent.void': '{actor} 修改了 {subject} 的姓名，原有的本人同意随之失效',
  'consent.withdraw': '{actor} 撤回了 {subject} 的本人同意',
  // nominations
  'nominations.submit': '{actor}{atUnit} 推荐了 {subject}',
  'nominations.revise': '{actor} 修改后重新提交了对 {subject} 的推荐',
  'nominations.withdraw': '{actor} 撤回了对 {subject} 的推荐',
  'nominations.decide.approve': '{actor} 审核通过了对 {subject} 的推荐',
  'nominations.decide.return': '{actor} 退回了对 {subject} 的推荐',
  'nominations.decide.reject': '{actor} 未通过对 {subject} 的推荐',
  'nominations.objection.sustain': '{actor} 认定对 {subject} 的异议成立',
  'nominations.objection.dismiss': '{actor} 认定对 {subject} 的异议不成立',
  'nominations.hold': '{actor} 因异议待处理，暂缓 {subject} 入库',
  'nominations.reject': '{actor} 因异议成立，终止了对 {subject} 的推荐',
  'nominations.supersede': '{actor} 因公示期间库别已调整，结束了对 {subject} 的推荐',
  'nominations.enrol': '{actor} 在公示期满后将 {subject} 列入典型库',
  // comments (留言): the subject is the story the message is under
  'comments.feature': '{actor} 精选了事迹《{subject}》下的一条读者留言',
  'comments.hide': '{actor} 隐藏了事迹《{subject}》下的一条读者留言',
  'comments.reply': '{actor} 回复了事迹《{subject}》下的一条读者留言',
  // plan board (挂图作业 / 对账消号): the subject is the plan's or the task's title
  'plan.create': '{actor} 建立了工作计划「{subject}」',
  'plan.task_create': '{actor} 在工作计划中新增了任务「{subject}」',
  'plan.task_update': '{actor} 修改了任务「{subject}」',
  'plan.task_start': '{actor} 开始推进任务「{subject}」',
  'plan.task_tick': '{actor} 对任务「{subject}」对账消号',
  'plan.task_reopen': '{actor} 重新打开了已消号的任务「{subject}」',
  // 岗位标兵 selections: the subject is the round's title (2025年度 灭火救援尖兵 评选)
  'workboard.createSelectionRound': '{actor}{atUnit} 发起了「{subject}」',
  'workboard.putForward': '{actor}{atUnit} 向「{subject}」推荐了候选人',
  'workboard.scoreCandidate': '{actor} 在「{subject}」中为一位候选人评分',
  'workboard.closeSelectionRound': '{actor} 结束了「{subject}」的评分，排出名次',
  'workboard.publishSelectionRound': '{actor} 以专题公布了「{subject}」的结果',
  // honour pursuits (争创荣誉): the subject is the pursuit's name
  'pursuit.create': '{actor}{atUnit} 新建了争创项目「{subject}」',
  'pursuit.update': '{actor} 修改了争创项目「{subject}」',
  'pursuit.candidate.add': '{actor} 为争创项目「{subject}」推荐了候选',
  'pursuit.candidate.remove': '{actor} 从争创项目「{subject}」的候选中移除了一位',
  'pursuit.outcome.awarded': '{actor} 登记「{subject}」的评选结果为已获评，荣誉已记入典型',
  'pursuit.outcome.not_awarded': '{actor} 登记「{subject}」的评选结果为未获评',
  'pursuit.outcome.pending': '{actor} 将「{subject}」的一位候选改回待定',
};

/** An action code the table does not know yet: still a sentence, never the code. */
export const UNKNOWN_ACTION_SENTENCE = '{actor} 进行了操作';

/** What a subject whose record is gone (and that recorded no name) is called. */
const SUBJECT_GONE: Record<string, string> = { story: '（已删除的事迹）', exemplar: '（已删除的典型）', unit: '（已删除的单位）' };

export function auditSentence(e: Pick<AuditView, 'action' | 'actor' | 'subject' | 'subjectLabel'>): string {
  const template = AUDIT_SENTENCES[e.action] ?? UNKNOWN_ACTION_SENTENCE;
  const subject = e.subjectLabel ?? SUBJECT_GONE[e.subject.kind] ?? '（已删除）';
  return template
    .replace('{actor}', e.actor.name)
    .replace('{atUnit}', e.actor.unit ? ` 在 ${e.actor.unit.shortName}` : '')
    .replace('{subject}', subject);
}

/**
 * A tier-history record as a sentence, from the same table: a publisher's decision reads as its
 * `library.<kind>` entry, an enrolment after a public notice as `nominations.enrol`.
 */
export function tierChangeSentence(c: Pick<TierChangeView, 'kind' | 'actor' | 'exemplarName'>): string {
  const action = c.kind === 'enrol' ? 'nominations.enrol' : `library.${c.kind}`;
  return auditSentence({ action, actor: c.actor, subject: { kind: 'exemplar', id: '' }, subjectLabel: c.exemplarName });
}

// ------------------------------------------------------------------ details

export interface DetailLine {
  label: string;
  value: string;
}

/** The fields an entry's before/after may hold that a reader of the log can use, in this order. */
const FIELD_LABEL: Readonly<Record<string, string>> = {
  name: '名称',
  shortName: '简称',
  title: '标题',
  role: '角色',
  unitId: '单位',
  parentId: '上级单位',
  state: '状态',
  tier: '库别',
  kind: '类型',
  category: '类别',
  level: '层级',
  method: '同意方式',
  verified: '已核对',
  removed: '已移除',
  by: '撤回方式',
  reason: '理由',
  comment: '意见',
  summary: '简介',
  description: '简介',
  slug: '标识',
  order: '排序',
  date: '日期',
  awardedBy: '授予单位',
  outlet: '媒体',
  link: '链接',
  revision: '版本',
  deleteArticle: '删除公众号文章',
  secCheck: '内容安全检测',
  contentHeld: '内容待复核',
  consentVerified: '同意书已核对',
  consentReplaced: '已更换同意书',
  objection: '异议',
  nomination: '推荐',
  check: '图片检测',
  purpose: '用途',
  owner: '上传人',
  uploadedBy: '上传人',
  bytes: '大小',
  expiresAt: '有效期至',
  revokedAt: '撤销时间',
  nextReviewAt: '下次复核',
  attempts: '尝试次数',
  failure: '失败原因',
  units: '涉及单位',
  exemplars: '涉及典型',
  stories: '涉及事迹',
  storyRevisions: '涉及草稿',
  nominations: '涉及推荐',
  commentState: '留言状态',
  reply: '作者回复',
  candidate: '候选',
  outcome: '评选结果',
  due: '完成时限',
  responsible: '责任人',
  note: '消号说明',
  year: '年度',
};

const STORY_STATE: Record<StoryState, string> = { draft: '草稿', in_review: '审核中', returned: '已退回', published: '已发布', withdrawn: '已撤回' };
const EXEMPLAR_STATE: Record<'draft' | 'published', string> = { draft: '未公开', published: '已公开' };
const NOMINATION_STATE: Record<NominationState, string> = {
  submitted: '待支队审核',
  detachment_approved: '待总队审核',
  returned: '已退回修改',
  rejected: '未通过',
  in_notice: '公示中',
  objection_review: '异议处理中',
  enrolled: '已入库',
  withdrawn: '已撤回',
};
const JOB_STATE: Record<PublishJobState, string> = {
  queued: '排队中',
  images_uploaded: '图片已上传',
  draft_created: '草稿已创建',
  submitted: '已提交发布',
  published: '已发布',
  failed: '失败',
  deleting: '删除中',
  deleted: '已删除',
};
const STATE_BY_SUBJECT: Record<string, Record<string, string>> = { story: STORY_STATE, exemplar: EXEMPLAR_STATE, nomination: NOMINATION_STATE, publish_job: JOB_STATE, plan_task: PLAN_TASK_STATE_LABEL };
const PURPOSE: Record<UploadPurpose, string> = { story: '事迹图片', photo: '典型照片', consent: '签字同意书', attachment: '推荐附件', cover: '封面', video: '事迹视频', evidence: '对账佐证照片' };

/** Values of enumerated fields, per field. */
const VALUE_LABEL: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  role: ROLE_LABEL,
  tier: TIER_LABEL,
  kind: KIND_LABEL,
  category: CATEGORY_LABEL,
  level: { ...HONOR_LEVEL_LABEL, detachment: '支队', corps: '总队' },
  method: { in_app: '本人在小程序内确认', signed_form: '签字同意书' },
  by: { admin: '管理员依本人书面申请撤回', person: '本人撤回' },
  reason: { renamed: '资料姓名已修改' },
  check: { pending: '待检测', pass: '通过', review: '待人工复核', risky: '未通过' },
  secCheck: { pass: '通过', review: '待人工复核' },
  objection: { open: '待处理', sustained: '成立', dismissed: '不成立' },
  nomination: NOMINATION_STATE,
  purpose: PURPOSE,
  commentState: { pending: '待精选', featured: '已精选', hidden: '已隐藏', deleted: '已删除' },
  outcome: PURSUIT_OUTCOME_LABEL,
};
const TIME_FIELDS = new Set(['expiresAt', 'revokedAt', 'nextReviewAt']);
/** Long texts (a reason, a summary) are cut here: the line is a reminder, the record has the rest. */
const MAX_TEXT = 60;

function cut(s: string): string {
  const chars = [...s];
  return chars.length > MAX_TEXT ? `${chars.slice(0, MAX_TEXT).join('')}…` : s;
}

/** One value as a reader of the log reads it; null when it says nothing readable. */
function valueText(field: string, v: unknown, subjectKind: string): string | null {
  if (v === null || v === undefined) {
    if (field === 'revokedAt') return '未撤销';
    if (field === 'secCheck') return '未检测';
    return '无';
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (TIME_FIELDS.has(field)) return formatDateTime(v);
    if (field === 'bytes') return `${Math.max(1, Math.round(v / 1024))} KB`;
    return String(v);
  }
  if (typeof v === 'string') {
    const labels = field === 'state' ? STATE_BY_SUBJECT[subjectKind] : VALUE_LABEL[field];
    if (labels) return labels[v] ?? (field === 'reason' ? cut(v) : null);
    return v.length > 0 ? cut(v) : '无';
  }
  // A failure's explanation; other nested records (paths, authorities) say nothing to a reader.
  if (field === 'failure' && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') return cut((v as { message: string }).message);
  return null;
}

const asRecord = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * The details of an entry, one line per field the log's reader can use: 「状态：审核中 → 已退回」
 * when it changed, the value alone when it was set or removed. A field the action left as it was
 * is left out (the sentence already names the subject).
 */
export function auditDetails(e: Pick<AuditView, 'before' | 'after' | 'subject'>): DetailLine[] {
  const before = asRecord(e.before);
  const after = asRecord(e.after);
  const lines: DetailLine[] = [];
  for (const [field, label] of Object.entries(FIELD_LABEL)) {
    const had = before !== null && field in before;
    const has = after !== null && field in after;
    if (!had && !has) continue;
    const from = had ? valueText(field, before[field], e.subject.kind) : null;
    const to = has ? valueText(field, after[field], e.subject.kind) : null;
    if (from === to) {
      // Unchanged: said only when the entry has one side (a record created or removed).
      if (from !== null && (before === null || after === null)) lines.push({ label, value: from });
      continue;
    }
    lines.push({ label, value: from === null ? (to as string) : to === null ? from : `${from} → ${to}` });
  }
  return lines;
}
