/**
 * The audit log reads as Chinese sentences: every action code the server can write has its
 * sentence in the client's one table (the codes are read from the server's source, so a new
 * audit entry without a sentence fails here), and the details are readable lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AuditView, PersonRef } from '@contract';
import { librarySchemas, nominationSchemas } from '@contract';
import { AUDIT_SENTENCES, auditDetails, auditSentence, tierChangeSentence, UNKNOWN_ACTION_SENTENCE } from '../../client/src/lib/audit-sentences';

const SERVER_SRC = path.join(__dirname, '..', '..', 'cloudfunctions', 'src');

/**
 * Codes written from a template (`library.${req.change}`): the values the template's variable
 * takes, read from the request schema it comes from. A new template must be declared here.
 */
const TEMPLATE_VALUES: Record<string, readonly string[]> = {
  'library.${req.change}': librarySchemas.changeTier.shape.change.options,
  'nominations.decide.${req.decision}': nominationSchemas.decide.innerType().shape.decision.options,
  'nominations.objection.${req.outcome}': nominationSchemas.resolveObjection.shape.outcome.options,
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Every audit action code in the server's source: the dotted string literals of each `action:`
 * property (plain, or either side of a conditional) and its template literals, expanded. The
 * story history's own `action: 'submit'` has no dot and is not an audit code.
 */
function serverAuditCodes(): { codes: Set<string>; undeclaredTemplates: string[] } {
  const codes = new Set<string>();
  const undeclaredTemplates: string[] = [];
  for (const file of sourceFiles(SERVER_SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
      const expr = m[1] as string;
      for (const lit of expr.matchAll(/'([a-z][A-Za-z_]*(?:\.[A-Za-z_]+)+)'/g)) codes.add(lit[1] as string);
      for (const tpl of expr.matchAll(/`([^`]*)`/g)) {
        const template = tpl[1] as string;
        const values = TEMPLATE_VALUES[template];
        if (!values) undeclaredTemplates.push(`${path.relative(SERVER_SRC, file)}: ${template}`);
        else for (const v of values) codes.add(template.replace(/\$\{[^}]+\}/, v));
      }
    }
  }
  return { codes, undeclaredTemplates };
}

const WANG: PersonRef = { name: '王磊', unit: { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' } };
const SYSTEM: PersonRef = { name: '系统', unit: null };

function entry(over: Partial<AuditView>): AuditView {
  return { _id: 'a1', actor: WANG, action: 'story.submit', subject: { kind: 'story', id: 's-1' }, subjectLabel: '火场逆行者', before: null, after: null, at: 0, ...over };
}

describe('every action code the server writes has a sentence', () => {
  const { codes, undeclaredTemplates } = serverAuditCodes();

  it('the scan finds the server’s codes (plain, conditional and templated)', () => {
    expect([...codes]).toEqual(expect.arrayContaining(['story.submit', 'admin.redeem', 'honor.create', 'honor.update', 'consent.verify', 'consent.reject', 'library.promote', 'nominations.decide.return', 'nominations.objection.dismiss', 'file.removed']));
    expect(undeclaredTemplates).toEqual([]);
  });

  it.each([...codes].sort())('%s reads as a Chinese sentence', (code) => {
    expect([code, code in AUDIT_SENTENCES]).toEqual([code, true]);
    const sentence = auditSentence(entry({ action: code, subjectLabel: '某对象' }));
    expect(sentence).not.toMatch(/[{}A-Za-z]/);
    expect(sentence.startsWith('王磊')).toBe(true);
  });

  it('the table holds only codes the server writes (no sentence for a code that no longer exists)', () => {
    expect(Object.keys(AUDIT_SENTENCES).filter((k) => !codes.has(k))).toEqual([]);
  });

  it('templates use only {actor}, {atUnit} and {subject}', () => {
    for (const [code, template] of Object.entries({ ...AUDIT_SENTENCES, unknown: UNKNOWN_ACTION_SENTENCE })) {
      const rest = template.replace(/\{actor\}|\{atUnit\}|\{subject\}/g, '');
      expect([code, /[{}]/.test(rest)]).toEqual([code, false]);
    }
  });
});

describe('sentences', () => {
  it('say where a staff member acted when they have a unit, and leave it out when they have none', () => {
    expect(auditSentence(entry({}))).toBe('王磊 在 天山区特勤站 提交了事迹《火场逆行者》');
    expect(auditSentence(entry({ actor: { name: '李娜', unit: null } }))).toBe('李娜 提交了事迹《火场逆行者》');
    expect(auditSentence(entry({ actor: SYSTEM, action: 'file.removed', subject: { kind: 'file', id: 'f' }, subjectLabel: null }))).toBe('系统 删除了未通过内容安全检查的图片');
    expect(auditSentence(entry({ actor: { name: '读者', unit: null }, action: 'consent.withdraw', subject: { kind: 'exemplar', id: 'e' }, subjectLabel: '古丽' }))).toBe('读者 撤回了 古丽 的本人同意');
  });

  it('an unknown code still reads as a sentence, never the code', () => {
    expect(auditSentence(entry({ action: 'story.somethingNew' }))).toBe('王磊 进行了操作');
  });

  it('a subject whose record is gone says so', () => {
    expect(auditSentence(entry({ subjectLabel: null }))).toBe('王磊 在 天山区特勤站 提交了事迹《（已删除的事迹）》');
  });

  it('tier history reads from the same table', () => {
    expect(tierChangeSentence({ kind: 'promote', actor: WANG, exemplarName: '艾力' })).toBe('王磊 将 艾力 升入重大先进典型库');
    expect(tierChangeSentence({ kind: 'enrol', actor: SYSTEM, exemplarName: '艾力' })).toBe('系统 在公示期满后将 艾力 列入典型库');
  });
});

describe('details', () => {
  it('list what changed as 字段：旧 → 新 in Chinese, in China time', () => {
    const lines = auditDetails(entry({ action: 'library.promote', subject: { kind: 'exemplar', id: 'e' }, before: { tier: 'reserve', nextReviewAt: Date.UTC(2025, 5, 1, 16, 30) }, after: { tier: 'major', nextReviewAt: Date.UTC(2026, 5, 1, 16, 30), reason: '事迹突出' } }));
    expect(lines.map((l) => `${l.label}：${l.value}`)).toEqual(['库别：后备典型库 → 重大先进典型库', '理由：事迹突出', '下次复核：2025-06-02 00:30 → 2026-06-02 00:30']);
  });

  it('say a created or removed record’s fields once; leave out what did not change', () => {
    const created = auditDetails(entry({ action: 'admin.createInvite', subject: { kind: 'invite', id: 'i' }, before: null, after: { role: 'editor', unitId: '天山区特勤消防救援站', expiresAt: Date.UTC(2025, 5, 8, 4) } }));
    expect(created.map((l) => `${l.label}：${l.value}`)).toEqual(['角色：宣传员', '单位：天山区特勤消防救援站', '有效期至：2025-06-08 12:00']);
    const revoked = auditDetails(entry({ action: 'admin.revokeGrant', subject: { kind: 'grant', id: 'g' }, before: { role: 'editor', revokedAt: null }, after: { role: 'editor', revokedAt: Date.UTC(2025, 5, 1, 4) } }));
    expect(revoked.map((l) => `${l.label}：${l.value}`)).toEqual(['撤销时间：未撤销 → 2025-06-01 12:00']);
  });

  it('read states by what the subject is, and never show codes, ids, nested records or JSON', () => {
    const story = auditDetails(entry({ before: { state: 'returned' }, after: { state: 'in_review', version: 4 } }));
    expect(story).toEqual([{ label: '状态', value: '已退回 → 审核中' }]);
    const nomination = auditDetails(entry({ subject: { kind: 'nomination', id: 'n' }, before: { state: 'submitted' }, after: { state: 'returned', level: 'detachment', comment: '请补充材料' } }));
    expect(nomination.map((l) => `${l.label}：${l.value}`)).toEqual(['状态：待支队审核 → 已退回修改', '层级：支队', '意见：请补充材料']);
    const odd = auditDetails(entry({ before: null, after: { authority: { kind: 'grant', grantId: 'rg-1' }, path: ['u-1'], state: 'not_a_state', somethingNew: 'x' } }));
    expect(odd).toEqual([]);
  });

  it('cut long texts', () => {
    const [line] = auditDetails(entry({ after: { reason: '很'.repeat(100) } }));
    expect(line?.value).toBe(`${'很'.repeat(60)}…`);
  });
});
