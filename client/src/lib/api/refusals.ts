import type { RefusalReason } from '@contract';

/**
 * The one table of what a user reads for each refusal reason the server names (`error.reason`
 * or `fields[].reason`, types/refusals.ts). Typed as a complete Record: a reason added to the
 * contract does not compile until it has its sentence here. Pages never write refusal text of
 * their own and never compare the server's message strings: they show `failure.message` (see
 * errors.ts), or `fieldErrors(failure)` beside the fields.
 *
 * Written for the person on the page (a station's 宣传员, a reviewer, the person a profile is
 * about): what happened and what to do next, in plain words, no codes.
 */
export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  // callers and permissions
  not_signed_in: '请先登录后再操作',
  role_required: '你没有此操作所需的角色，请向管理员申请',
  outside_scope: '该内容不在你所管辖的单位范围内',
  own_work: '不能审核自己撰写或提交的内容，请由其他审核员处理',
  rate_limited: '操作太频繁，请稍后再试',
  state_changed: '状态已被他人更新，请刷新后再看',
  // files
  file_not_accepted: '文件不是你为此上传的，请重新上传',
  file_rejected: '图片未通过内容安全检测，已被删除，请更换图片',
  video_too_long: '视频不能超过 60 秒，请剪短后再上传',
  video_too_large: '视频不能超过 25 兆，请压缩后再上传',
  not_a_video: '无法识别这个视频，请选择手机拍摄的视频文件',
  video_parts_missing: '视频上传不完整，请重新上传',
  video_poster_missing: '视频缺少封面图，请删除后重新插入视频',
  // content security
  content_risky: '内容未通过安全检测，请修改后重试',
  content_held: '内容可能涉及敏感信息，请修改后再保存',
  content_check_unavailable: '内容安全检测暂时不可用，请稍后重试',
  // consent
  consent_required: '个人典型须取得本人同意后才能公开',
  consent_unverified: '本人签字的同意书尚待审核员核对，核对通过后才能公开',
  consent_not_signed_form: '本人是在小程序内确认同意的，没有签字同意书可查看',
  consent_name_changed: '资料上的姓名已修改，请宣传员重新发起本人确认',
  consent_not_yours: '只有当初确认同意的本人才能在此撤回',
  consent_already_withdrawn: '本人同意已经撤回',
  consent_link_expired: '确认链接已过期，请联系宣传员重新发起',
  consent_link_used: '该确认链接已被使用',
  consent_self_confirm: '须由本人用自己的微信确认，发起确认的宣传员不能代为确认',
  consent_already_given: '已取得本人同意，无需再上传同意书',
  consent_not_awaiting: '这份同意书已处理或已撤回，无需再核对',
  // invites
  invite_unknown: '邀请码不存在，请核对后重试',
  invite_used: '该邀请码已被使用',
  invite_revoked: '该邀请码已被撤销',
  invite_expired: '该邀请码已过期，请向管理员重新索取',
  invite_authority_lost: '签发该邀请码的管理员已无此权限，请向现任管理员索取新邀请码',
  // staff profiles
  profile_staff_only: '读者无需填写姓名，获得工作权限后即可填写',
  profile_unit_not_held: '只能选择你担任职务的单位',
  // admin and library
  slug_taken: '该标识已被其他专题使用',
  campaign_period_invalid: '专题的结束日期不能早于开始日期',
  grant_self: '不能撤销自己的管理员授权，请由其他管理员操作',
  grant_already_revoked: '该授权已被撤销',
  unit_no_sub_units: '消防救援站下不能再设下级单位',
  unit_move_invalid: '不能调整到该单位之下，请选择层级相符的上级单位',
  tier_change_not_allowed: '该典型当前所在的库不适用此项调整',
  // stories
  title_missing: '请填写标题',
  body_empty: '正文不能为空',
  story_withdrawn: '该事迹已撤回',
  story_already_withdrawn: '该事迹已经撤回，无需再次撤回',
  // publishing
  oa_not_configured: '公众号尚未配置，请联系管理员',
  job_running: '发布任务仍在进行中，请稍后再看',
  job_already_published: '该发布任务已发布成功',
  job_already_deleted: '这篇公众号文章已删除，无需重试',
  story_not_published: '只有已发布的事迹才能发到公众号',
  // nominations
  nominee_busy: '该典型已有进行中的推荐，待其结束后再推荐',
  already_in_tier: '该典型已在所推荐的典型库中',
  request_key_reused: '提交编号重复，请刷新页面后重新提交',
  other_level: '该推荐正等待其他层级审核',
  objection_duplicate: '你已对该推荐提出过异议',
  placement_duplicate: '这篇事迹在该媒体当日的刊发已经记录过，无需重复记录',
  not_in_notice: '该推荐不在公示中，不能提出异议',
  notice_over: '公示期已结束',
  no_signed_form: '该推荐没有签字同意书可查看',
  // comments
  comment_deleted: '读者已删除这条留言',
  // 岗位标兵 selections
  selection_not_open: '该评选已结束评分，不能再推荐或评分',
  selection_not_closed: '评选结束评分后才能公布结果（结果已公布的无需再公布）',
  selection_quota_full: '本单位的推荐名额已用完',
  selection_already_candidate: '此人已是本次评选的候选人',
  selection_outside_round: '候选人所在单位不在本次评选范围内',
  selection_not_member: '只有评审委员会成员才能评分',
  selection_score_invalid: '请为每项标准打分，分值为 0 到该项满分之间的整数',
  selection_committee_invalid: '评审委员须为本单位范围内在岗的工作人员，且至少 3 人',
  selection_no_candidates: '尚无候选人，不能结束评分',
  // plan board (挂图作业)
  plan_exists: '该单位本年度的工作计划已建立',
  plan_level_invalid: '工作计划只能在总队或支队建立',
  plan_full: '该计划的任务已达上限',
  task_owner_outside_plan: '责任单位须在本计划所属单位范围内',
  task_due_outside_year: '完成时限须在计划年度之内',
  plan_link_invalid: '关联的争创项目、推荐、专题或事迹不存在或不在本计划范围内',
  evidence_required: '对账消号需要佐证：填写说明、上传照片或关联事迹/推荐',
  task_already_done: '该任务已消号',
  task_not_done: '该任务尚未消号，无需重新打开',
  // honour pursuits (争创荣誉)
  pursuit_unit_level: '争创项目只能由总队或支队组织',
  pursuit_dates_invalid: '日期须依次为：开始推荐、推荐截止、结果公布',
  pursuit_has_awards: '已有候选获评，项目名称、级别、授予单位不能再改；如需修改请先撤销获评结果',
  pursuit_window_open: '推荐截止日之后才能登记评选结果',
  pursuit_candidates_full: '候选已达上限，不能再添加',
  candidate_outside_pursuit: '该典型不在组织单位的范围内，不能作为候选',
  candidate_not_public: '该典型尚未公开（未发布，或本人同意尚未生效），不能作为候选',
  candidate_retired: '该典型已退出典型库，不能作为候选',
  candidate_unknown: '该典型不是此项目的候选，请刷新后再看',
  candidate_awarded: '该候选已获评，请先撤销获评结果再移除',
};

/**
 * A reason this client knows. A server deployed ahead of the installed mini-program may name
 * a reason added since: the page then reads the code's text rather than nothing.
 */
export function knownReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REFUSAL_TEXT, value);
}
