/**
 * The plan: what the environment lacks or has differently from the repository, as ordered steps
 * (collections before their indexes, the database before functions, functions before the
 * mini-program that calls them), plus what deploy cannot do and must be done by hand, and what
 * looks changed by hand. Pure: the same declaration and state give the same plan.
 */
import { STORAGE_RULE, type IndexSpec } from '../../cloudfunctions/database';
import { sameIndex, sameTriggers, type BuiltFunction, type DeclaredCollection, type Trigger } from './declared';
import { LEDGER, type EnvState } from './state';

export interface MiniProgramBuild {
  dir: string;
  hash: string;
  version: string;
  desc: string;
}

export type Step =
  | { kind: 'collection.add'; collection: string; rule: { read: boolean; write: boolean } | null }
  | { kind: 'index.add'; collection: string; index: IndexSpec }
  | { kind: 'index.change'; collection: string; index: IndexSpec; from: IndexSpec }
  | { kind: 'index.drop'; collection: string; index: IndexSpec }
  | { kind: 'function.upload'; fn: BuiltFunction }
  | { kind: 'trigger.set'; fn: BuiltFunction }
  /** The function's environment variables, set to exactly these; shown by key only. */
  | { kind: 'function.env'; name: string; variables: Record<string, string>; digest: string }
  /** Timer triggers deploy set that the function no longer declares (or declares differently), or whose function is gone from the build. */
  | { kind: 'trigger.remove'; name: string; triggers: Trigger[] }
  | { kind: 'miniprogram.upload'; build: MiniProgramBuild };

export interface Plan {
  steps: Step[];
  /** What deploy cannot do: the deployer does it by hand (named with where to click). */
  manual: string[];
  /** What looks changed outside deploy, or is left alone on purpose. */
  warnings: string[];
  /** What the deployer must give before anything is applied (a function's required variable without a value). */
  missing: string[];
}

export interface Desired {
  collections: DeclaredCollection[];
  functions: BuiltFunction[];
  /** null: no mini-program upload in this run. */
  miniprogram: MiniProgramBuild | null;
  /** Per function, the environment variables deploy sets and their digest (function-env.ts); a function not here keeps its own. */
  env?: Map<string, { variables: Record<string, string>; digest: string }>;
  /** Required variables without a value, named (function-env.ts missingEnv). */
  missingEnv?: string[];
}

export function makePlan(want: Desired, state: EnvState): Plan {
  const steps: Step[] = [];
  const manual: string[] = [];
  const warnings: string[] = [];
  const ledger = state.ledger;
  /** Collections this plan creates, by the security rule to set on them by hand. */
  const rules = new Map<string, string[]>();
  const needsRule = (name: string, rule: { read: boolean; write: boolean }) => {
    const k = JSON.stringify(rule);
    rules.set(k, [...(rules.get(k) ?? []), name]);
  };
  if (!state.collections.has(LEDGER)) {
    steps.push({ kind: 'collection.add', collection: LEDGER, rule: null });
    needsRule(LEDGER, { read: false, write: false });
  }

  for (const c of want.collections) {
    const env = state.collections.get(c.name);
    const recorded = ledger?.collections.get(c.name);
    if (!env) {
      steps.push({ kind: 'collection.add', collection: c.name, rule: c.rule });
      for (const index of c.indexes) steps.push({ kind: 'index.add', collection: c.name, index });
      needsRule(c.name, c.rule);
      continue;
    }
    if (!recorded) {
      // Made before deploy existed (by hand, from the README): its indexes are created as declared;
      // one already there with the same name and fields is left as it is.
      for (const index of c.indexes) steps.push({ kind: 'index.add', collection: c.name, index });
      warnings.push(`集合 ${c.name} 已存在但不是部署建的：按声明补建索引；同名而字段不同的手建索引会让部署停下，届时在 云开发控制台 → 数据库 → ${c.name} → 索引管理 删掉它再重跑`);
      continue;
    }
    const have = new Map(recorded.indexes.map((ix) => [ix.name, ix]));
    for (const index of c.indexes) {
      const old = have.get(index.name);
      if (!old) steps.push({ kind: 'index.add', collection: c.name, index });
      else if (!sameIndex(old, index)) steps.push({ kind: 'index.change', collection: c.name, index, from: old });
      have.delete(index.name);
    }
    for (const index of have.values()) steps.push({ kind: 'index.drop', collection: c.name, index });
    if (env.indexCount !== recorded.indexes.length + 1) {
      warnings.push(
        `集合 ${c.name} 在环境里有 ${env.indexCount} 个索引，部署建的是 ${recorded.indexes.length + 1} 个（含 _id）：有人在控制台改过索引。` +
          `在 云开发控制台 → 数据库 → ${c.name} → 索引管理 核对，删掉不在 cloudfunctions/database.ts 里的`,
      );
    }
  }
  for (const name of ledger?.collections.keys() ?? []) {
    if (!want.collections.some((c) => c.name === name) && state.collections.has(name)) {
      warnings.push(`集合 ${name} 已不在 cloudfunctions/database.ts 里：部署从不删除集合和数据，不再需要时在控制台手动删除`);
    }
  }

  for (const fn of want.functions) {
    const recorded = ledger?.functions.get(fn.name);
    if (recorded?.hash !== fn.hash) steps.push({ kind: 'function.upload', fn });
    // Variables before triggers: a timer must not fire into a function still missing its configuration.
    const env = want.env?.get(fn.name);
    if (env && recorded?.envDigest !== env.digest) steps.push({ kind: 'function.env', name: fn.name, variables: env.variables, digest: env.digest });
    const before: Trigger[] = recorded?.triggers ?? [];
    // A trigger dropped from config.json, or changed there, goes first: a timer must not keep
    // running old code on an old schedule, and a changed one is then set afresh.
    const gone = before.filter((t) => !fn.triggers.some((n) => sameTriggers([n], [t])));
    if (gone.length > 0) steps.push({ kind: 'trigger.remove', name: fn.name, triggers: gone });
    if (fn.triggers.length > 0 && !sameTriggers(before, fn.triggers)) steps.push({ kind: 'trigger.set', fn });
  }
  for (const [name, recorded] of ledger?.functions ?? []) {
    if (want.functions.some((f) => f.name === name)) continue;
    if (recorded.triggers.length > 0) steps.push({ kind: 'trigger.remove', name, triggers: recorded.triggers });
    warnings.push(`云函数 ${name} 已不在 cloudfunctions/dist 里：部署从不删除云函数，不再需要时在 云开发控制台 → 云函数 → ${name} → 删除`);
  }

  if (want.miniprogram && ledger?.miniprogram?.hash !== want.miniprogram.hash) steps.push({ kind: 'miniprogram.upload', build: want.miniprogram });

  // WeChat's HTTP API sets no security rule: a new collection keeps the console's default until
  // someone sets it, so every collection this plan creates is listed.
  for (const [rule, names] of rules) {
    manual.push(`新建集合的安全规则（云开发控制台 → 数据库 → 集合 → 数据权限 → 自定义安全规则）填 ${rule}：${names.join('、')}`);
  }
  if (!ledger) {
    manual.push(`存储的安全规则（云开发控制台 → 存储 → 权限设置 → 自定义安全规则）填 ${JSON.stringify(STORAGE_RULE)}`);
    manual.push('图片检查的消息推送（云开发控制台 → 设置 → 其他设置 → 消息推送）：MsgType event、Event wxa_media_check → 云函数 media-check');
  }
  return { steps, manual, warnings, missing: want.missingEnv ?? [] };
}

const arrow = (d: 1 | -1) => (d === 1 ? '↑' : '↓');
export const describeIndex = (ix: IndexSpec): string => `[${ix.fields.map(([f, d]) => `${f} ${arrow(d)}`).join(', ')}]${ix.unique ? ' 唯一' : ''}`;

export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'collection.add':
      return s.collection === LEDGER ? `+ 新建集合 ${LEDGER}（部署记录）` : `+ 新建集合 ${s.collection}`;
    case 'index.add':
      return `+ 新建索引 ${s.collection}.${s.index.name} ${describeIndex(s.index)}`;
    case 'index.change':
      return `~ 修改索引 ${s.collection}.${s.index.name} ${describeIndex(s.from)} → ${describeIndex(s.index)}`;
    case 'index.drop':
      return `- 删除索引 ${s.collection}.${s.index.name} ${describeIndex(s.index)}`;
    case 'function.upload':
      return `↑ 上传云函数 ${s.fn.name}${s.fn.openapi.length ? `（开放接口权限：${s.fn.openapi.join('、')}）` : ''}`;
    case 'trigger.set':
      return `⏱ 设置定时触发器 ${s.fn.name}：${s.fn.triggers.map((t) => `${t.name} ${t.config}`).join('；')}`;
    case 'function.env':
      return `⚙ 设置云函数 ${s.name} 的环境变量：${Object.keys(s.variables).sort().join('、') || '（清空）'}`;
    case 'trigger.remove':
      return `- 删除定时触发器 ${s.name}：${s.triggers.map((t) => `${t.name} ${t.config}`).join('；')}`;
    case 'miniprogram.upload':
      return `↑ 上传小程序 版本 ${s.build.version}「${s.build.desc}」`;
  }
}

export function formatPlan(plan: Plan, envId: string, apiBase: string): string[] {
  const lines = [`部署计划 · 环境 ${envId}（${apiBase}）`];
  if (plan.steps.length === 0) lines.push('  与仓库一致：没有要变更的。');
  else {
    for (const s of plan.steps) lines.push(`  ${describeStep(s)}`);
    lines.push(`共 ${plan.steps.length} 项变更。`);
  }
  if (plan.missing.length) {
    lines.push('补上之前不会改动任何东西：');
    for (const m of plan.missing) lines.push(`  ✗ ${m}`);
  }
  if (plan.manual.length) {
    lines.push('部署做不到、要手动完成的：');
    for (const m of plan.manual) lines.push(`  · ${m}`);
  }
  if (plan.warnings.length) {
    lines.push('提醒：');
    for (const w of plan.warnings) lines.push(`  · ${w}`);
  }
  return lines;
}
