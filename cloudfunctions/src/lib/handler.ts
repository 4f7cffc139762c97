/**
 * The one wrapper every function entry goes through: route `event.action`, validate
 * `event.data` with the contract's schema, run the action, answer a Result. It never throws
 * at WeChat: an expected failure is a typed error the action returns, anything else becomes
 * INTERNAL with a request id that is also in the log line, so a user can quote it.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { requestSchemas } from '@contract';
import type { ActionName, ApiError, ErrorCode, FunctionName, RefusalOf, RefusalReason, Result, ResponseOf } from '@contract';
import { productionDeps, type ActionContext, type Deps } from './context';

/** The validated request of an action (defaults applied, unknown keys rejected). */
export type RequestFor<F extends FunctionName, A extends ActionName<F>> = (typeof requestSchemas)[F][A & keyof (typeof requestSchemas)[F]] extends z.ZodTypeAny
  ? z.output<(typeof requestSchemas)[F][A & keyof (typeof requestSchemas)[F]]>
  : never;

/**
 * A use case: one action of one function, as a function of its validated request and the call's
 * context. Each lives in its own module under use-cases/ and is named after its action.
 */
export type UseCase<F extends FunctionName, A extends ActionName<F>> = (request: RequestFor<F, A>, ctx: ActionContext) => Promise<Result<ResponseOf<F, A>, RefusalOf<F, A>>>;

/** A function's actions: the compiler proves every action the contract declares has its use case. */
export type ActionTable<F extends FunctionName> = { [A in ActionName<F>]: UseCase<F, A> };

export interface LogEntry {
  level: 'error';
  requestId: string;
  fn: string;
  action: string | null;
  message: string;
  stack?: string;
}

export interface HandlerOptions<F extends FunctionName = FunctionName> {
  /**
   * Request fields whose invalid value means "no such thing" rather than a caller bug: a
   * shared link with a mangled id points nowhere, so the page should say "not found".
   */
  notFoundWhenInvalid?: { [A in ActionName<F>]?: string[] };
  log?: (entry: LogEntry) => void;
  /** What the use cases get (production values unless a test passes its own). */
  deps?: Deps;
  /** Used when the runtime context carries no request id. */
  newRequestId?: () => string;
}

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

/**
 * An expected failure: the refusal every layer returns (never throws) and the envelope carries.
 * `R` is the reasons it may carry, so the compiler can hold each action to the reasons its
 * contract declares (types/refusals.ts ActionRefusals).
 */
export type Failure<R extends RefusalReason = RefusalReason> = { ok: false; error: ApiError<R> };

/** A failure without a reason (invalid input, not found, conflict): the code says it all. */
export function fail(code: Exclude<ErrorCode, 'INTERNAL'>, message: string, fields?: { path: string; message: string }[]): Failure<never> {
  const error: ApiError<never> = { code, message };
  if (fields) error.fields = fields;
  return { ok: false, error };
}

/** A refusal with its typed reason (types/refusals.ts), which the client turns into Chinese. */
export function refuse<R extends RefusalReason>(code: Exclude<ErrorCode, 'INTERNAL'>, reason: R, message: string, fields?: { path: string; message: string; reason?: R }[]): Failure<R> {
  const error: ApiError<R> = { code, reason, message };
  if (fields) error.fields = fields;
  return { ok: false, error };
}

export function isFailure<T>(value: T): value is Extract<T, Failure<RefusalReason>> {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'error' in (value as object);
}

function defaultLog(entry: LogEntry): void {
  console.error(JSON.stringify(entry));
}

function defaultRequestId(): string {
  return randomBytes(8).toString('hex');
}

/** WeChat's function context carries `request_id`; the local runner mirrors it. */
function requestIdFrom(context: unknown): string | null {
  if (context && typeof context === 'object') {
    const id = (context as { request_id?: unknown }).request_id;
    if (typeof id === 'string' && id.length > 0) return id;
  }
  return null;
}

function issuesToFields(issues: readonly z.ZodIssue[]): NonNullable<ApiError['fields']> {
  return issues.map((i) => ({ path: i.path.length > 0 ? i.path.join('.') : '(root)', message: i.message }));
}

export function createHandler<F extends FunctionName>(fn: F, actions: ActionTable<F>, options: HandlerOptions<F> = {}) {
  const log = options.log ?? defaultLog;
  const newRequestId = options.newRequestId ?? defaultRequestId;
  const schemas = requestSchemas[fn] as unknown as Record<string, z.ZodTypeAny>;
  const table = actions as unknown as Record<string, (req: unknown, ctx: ActionContext) => Promise<Result<unknown>>>;
  const deps = options.deps ?? productionDeps;

  return async function main(event: unknown, context?: unknown): Promise<Result<unknown>> {
    const requestId = requestIdFrom(context) ?? newRequestId();
    let action: string | null = null;
    try {
      if (!event || typeof event !== 'object') {
        return fail('INVALID_ARGUMENT', 'event must be an object { action, data }', [{ path: '(root)', message: 'expected an object' }]);
      }
      const raw = (event as { action?: unknown }).action;
      if (typeof raw !== 'string' || !Object.prototype.hasOwnProperty.call(table, raw) || !Object.prototype.hasOwnProperty.call(schemas, raw)) {
        return fail('INVALID_ARGUMENT', `unknown action for ${fn}`, [{ path: 'action', message: `unknown action ${JSON.stringify(raw ?? null)}` }]);
      }
      action = raw;
      const schema = schemas[action] as z.ZodTypeAny;
      const handle = table[action] as (req: unknown, ctx: ActionContext) => Promise<Result<unknown>>;
      const data = (event as { data?: unknown }).data;
      const parsed = schema.safeParse(data === undefined ? {} : data);
      if (!parsed.success) {
        const lookups = (options.notFoundWhenInvalid as Record<string, string[] | undefined> | undefined)?.[action];
        const fields = issuesToFields(parsed.error.issues);
        if (lookups && fields.every((f) => lookups.includes(f.path))) {
          return fail('NOT_FOUND', `${fn}.${action}: nothing has that ${fields.map((f) => f.path).join(', ')}`);
        }
        return fail('INVALID_ARGUMENT', `invalid ${fn}.${action} request`, fields);
      }
      return await handle(parsed.data, { ...deps, requestId, fn, action });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(typeof e === 'string' ? e : JSON.stringify(e));
      const entry: LogEntry = { level: 'error', requestId, fn, action, message: err.message };
      if (err.stack) entry.stack = err.stack;
      try {
        log(entry);
      } catch {
        // A broken logger must not turn into a throw at WeChat.
      }
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId } };
    }
  };
}
