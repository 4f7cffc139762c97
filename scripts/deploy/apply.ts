/**
 * Carries a plan out, one step at a time, recording each in the environment's ledger as soon as
 * it succeeded. The first failure stops the run with the step, WeChat's errcode and errmsg, and
 * leaves everything before it done and recorded, so the next `npm run deploy` plans only what is
 * left. Steps are written to be safe to repeat: creating an index that is already there as
 * declared changes nothing, and an index or collection found already in the wanted state
 * (a step that took effect but whose record did not) counts as done.
 */
import type { IndexSpec } from '../../cloudfunctions/database';
import { describeStep, type Plan, type Step } from './plan';
import { LEDGER, writeLedger, type Ledger, type LedgerFunction } from './state';
import type { Uploader } from './uploader';
import { WxApiError, type WxApi } from './wx-api';

export class ApplyError extends Error {
  override name = 'ApplyError';
  constructor(
    message: string,
    readonly step: Step,
    readonly done: number,
    readonly reason: unknown,
  ) {
    super(message);
  }
}

const keys = (ix: IndexSpec) => ix.fields.map(([name, d]) => ({ name, direction: d === 1 ? '1' : '-1' }));
const createSpec = (ix: IndexSpec) => ({ name: ix.name, unique: !!ix.unique, keys: keys(ix) });

/** WeChat documents no codes for these; its messages (MongoDB's) name them. */
const indexNotFound = (e: unknown) => e instanceof WxApiError && e.errcode === -502001 && /index not found|不存在/i.test(e.errmsg);
const collectionExists = (e: unknown) => e instanceof WxApiError && e.errcode === -502001 && /exist/i.test(e.errmsg) && !/not exist/i.test(e.errmsg);

export interface ApplyContext {
  api: WxApi;
  uploader: Uploader;
  /** The ledger as read before planning; kept current as steps succeed. */
  ledger: Ledger;
  out: (line: string) => void;
}

async function recordCollection(ctx: ApplyContext, name: string, indexes: IndexSpec[]): Promise<void> {
  ctx.ledger.collections.set(name, { indexes });
  await writeLedger(ctx.api, `collection:${name}`, { kind: 'collection', name, indexes });
}

/** Records what a step changed of a function, keeping the rest of its entry. */
async function recordFunction(ctx: ApplyContext, name: string, change: Partial<LedgerFunction>): Promise<void> {
  const entry: LedgerFunction = { hash: null, triggers: [], envDigest: null, ...ctx.ledger.functions.get(name), ...change };
  ctx.ledger.functions.set(name, entry);
  await writeLedger(ctx.api, `function:${name}`, { kind: 'function', name, hash: entry.hash, triggers: entry.triggers, envDigest: entry.envDigest ?? null });
}

async function run(ctx: ApplyContext, s: Step): Promise<void> {
  const { api } = ctx;
  const indexesOf = (c: string) => ctx.ledger.collections.get(c)?.indexes ?? [];
  switch (s.kind) {
    case 'collection.add': {
      try {
        await api.tcb('databasecollectionadd', { collection_name: s.collection });
      } catch (e) {
        if (!collectionExists(e)) throw e;
      }
      if (s.collection !== LEDGER) await recordCollection(ctx, s.collection, []);
      return;
    }
    case 'index.add': {
      await api.tcb('updateindex', { collection_name: s.collection, create_indexes: [createSpec(s.index)], drop_indexes: [] });
      await recordCollection(ctx, s.collection, [...indexesOf(s.collection).filter((ix) => ix.name !== s.index.name), s.index]);
      return;
    }
    case 'index.change': {
      try {
        await api.tcb('updateindex', { collection_name: s.collection, create_indexes: [createSpec(s.index)], drop_indexes: [{ name: s.index.name }] });
      } catch (e) {
        // Already dropped (by hand, or by a run whose record was lost): creating is what is left.
        if (!indexNotFound(e)) throw e;
        await api.tcb('updateindex', { collection_name: s.collection, create_indexes: [createSpec(s.index)], drop_indexes: [] });
      }
      await recordCollection(ctx, s.collection, indexesOf(s.collection).map((ix) => (ix.name === s.index.name ? s.index : ix)));
      return;
    }
    case 'index.drop': {
      try {
        await api.tcb('updateindex', { collection_name: s.collection, create_indexes: [], drop_indexes: [{ name: s.index.name }] });
      } catch (e) {
        if (!indexNotFound(e)) throw e;
      }
      await recordCollection(ctx, s.collection, indexesOf(s.collection).filter((ix) => ix.name !== s.index.name));
      return;
    }
    case 'function.upload': {
      await ctx.uploader.uploadFunction({ name: s.fn.name, dir: s.fn.dir });
      await recordFunction(ctx, s.fn.name, { hash: s.fn.hash });
      return;
    }
    case 'trigger.set': {
      await ctx.uploader.setTimerTriggers({ name: s.fn.name, triggers: s.fn.triggers });
      await recordFunction(ctx, s.fn.name, { triggers: s.fn.triggers });
      return;
    }
    case 'trigger.remove': {
      // Removing a trigger that is already gone counts as done (the uploader says so by not throwing).
      await ctx.uploader.removeTimerTriggers({ name: s.name, triggers: s.triggers });
      const left = (ctx.ledger.functions.get(s.name)?.triggers ?? []).filter((t) => !s.triggers.some((r) => r.name === t.name));
      await recordFunction(ctx, s.name, { triggers: left });
      return;
    }
    case 'function.env': {
      // Sets the whole set (SCF replaces it): repeating the step changes nothing.
      await ctx.uploader.setEnvironment({ name: s.name, variables: s.variables });
      await recordFunction(ctx, s.name, { envDigest: s.digest });
      return;
    }
    case 'miniprogram.upload': {
      await ctx.uploader.uploadMiniProgram({ version: s.build.version, desc: s.build.desc });
      ctx.ledger.miniprogram = { hash: s.build.hash, version: s.build.version };
      await writeLedger(api, 'miniprogram', { kind: 'miniprogram', hash: s.build.hash, version: s.build.version, desc: s.build.desc });
      return;
    }
  }
}

export async function applyPlan(plan: Plan, ctx: ApplyContext): Promise<number> {
  const total = plan.steps.length;
  for (let i = 0; i < total; i++) {
    const step = plan.steps[i]!;
    ctx.out(`[${i + 1}/${total}] ${describeStep(step)}`);
    try {
      await run(ctx, step);
    } catch (e) {
      const why =
        e instanceof WxApiError
          ? `${e.api} 返回 errcode ${e.errcode}：${e.errmsg}`
          : e instanceof Error
            ? e.message
            : String(e);
      throw new ApplyError(
        `第 ${i + 1}/${total} 步失败：${describeStep(step)}\n  ${why}\n` +
          `  之前的 ${i} 步已完成并记录在环境的 ${LEDGER} 集合里；排除原因后重新运行 npm run deploy，会从这一步接着做。`,
        step,
        i,
        e,
      );
    }
  }
  return total;
}
