import { createHandler, fail, ok, refuse, type LogEntry, type UseCase } from '../../cloudfunctions/src/lib/handler';
import type { ActionTable } from '../../cloudfunctions/src/lib/handler';

function contentTable(overrides: Partial<ActionTable<'content'>> = {}): ActionTable<'content'> {
  const notUsed = async () => fail('FAILED_PRECONDITION', 'not used in this test');
  return {
    feed: async (req) => ok({ items: [], next: req.cursor ?? null }),
    campaignFeed: notUsed,
    campaigns: notUsed,
    story: notUsed,
    exemplars: notUsed,
    profile: notUsed,
    units: notUsed,
    resolveCode: notUsed,
    search: notUsed,
    honoursWall: notUsed,
    honoured: notUsed,
    placements: notUsed,
    libraryUnits: notUsed,
    exemplarStories: notUsed,
    stationMembers: notUsed,
    related: notUsed,
    resolveProfileCode: notUsed,
    ...overrides,
  };
}

describe('the handler wrapper', () => {
  it('routes the action and passes the validated request', async () => {
    const main = createHandler('content', contentTable());
    await expect(main({ action: 'feed', data: { cursor: '17_a' } }, {})).resolves.toEqual({ ok: true, data: { items: [], next: '17_a' } });
  });

  it('treats a missing data as an empty request', async () => {
    const main = createHandler('content', contentTable());
    await expect(main({ action: 'feed' }, {})).resolves.toEqual({ ok: true, data: { items: [], next: null } });
  });

  it('turns a schema failure into INVALID_ARGUMENT with the field paths, without running the action', async () => {
    const feed = jest.fn(async () => ok({ items: [], next: null }));
    const main = createHandler('content', contentTable({ feed }));
    const res = await main({ action: 'feed', data: { cursor: 'nope', limit: 500 } }, {});
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('INVALID_ARGUMENT');
    expect(res.error.fields?.map((f) => f.path).sort()).toEqual(['cursor', 'limit']);
    expect(feed).not.toHaveBeenCalled();
  });

  it('names nested paths with dots and unknown keys at the root', async () => {
    const main = createHandler('content', contentTable());
    const res = await main({ action: 'exemplars', data: { tier: 'gold', extra: 1 } }, {});
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const paths = res.error.fields?.map((f) => f.path) ?? [];
    expect(paths).toContain('tier');
    expect(paths).toContain('(root)');
  });

  it('answers an unknown action with INVALID_ARGUMENT on the action field', async () => {
    const main = createHandler('content', contentTable());
    for (const action of ['publish', undefined, 42, 'constructor', '__proto__', 'toString']) {
      const res = await main({ action, data: {} }, {});
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'action' }] } });
    }
  });

  it('answers a non-object event with INVALID_ARGUMENT', async () => {
    const main = createHandler('content', contentTable());
    for (const event of [null, 'feed', 3]) {
      await expect(main(event, {})).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('turns a thrown error into INTERNAL with the runtime request id, logged with the same id', async () => {
    const logs: LogEntry[] = [];
    const main = createHandler('content', contentTable({ feed: async () => { throw new Error('db exploded: secret detail'); } }), { log: (e) => logs.push(e) });
    const res = await main({ action: 'feed', data: {} }, { request_id: 'req-123' });
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId: 'req-123' } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'error', requestId: 'req-123', fn: 'content', action: 'feed', message: 'db exploded: secret detail' });
  });

  it('makes up a request id when the runtime gives none, and never leaks the error text to the caller', async () => {
    const logs: LogEntry[] = [];
    const main = createHandler('content', contentTable({ feed: async () => { throw 'document with _id x does not exist'; } }), {
      log: (e) => logs.push(e),
      newRequestId: () => 'gen-1',
    });
    const res = await main({ action: 'feed', data: {} });
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId: 'gen-1' } });
    expect(logs[0]?.message).toBe('document with _id x does not exist');
  });

  it('does not throw even when the logger throws', async () => {
    const main = createHandler('content', contentTable({ feed: async () => { throw new Error('x'); } }), { log: () => { throw new Error('log down'); } });
    await expect(main({ action: 'feed', data: {} }, { request_id: 'r' })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL', requestId: 'r' } });
  });

  it('passes an expected failure the action returns through unchanged', async () => {
    const main = createHandler('content', contentTable({ story: async () => fail('NOT_FOUND', 'story s1 not found') }));
    await expect(main({ action: 'story', data: { id: 's1' } }, {})).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'story s1 not found' } });
  });

  it('answers NOT_FOUND for a malformed id where the action declares lookups by that field', async () => {
    const story = jest.fn(async () => fail('NOT_FOUND', 'x'));
    const main = createHandler('content', contentTable({ story }), { notFoundWhenInvalid: { story: ['id'] } });
    await expect(main({ action: 'story', data: { id: '../../etc' } }, {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(story).not.toHaveBeenCalled();
    // Another invalid field is still the caller's bug.
    await expect(main({ action: 'story', data: { id: 'ok', extra: true } }, {})).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('refusal reasons are typed per action', () => {
  it('a use case can refuse only with the reasons its action declares (a compile-time check)', async () => {
    const allowed: UseCase<'engagement', 'setLike'> = async () => refuse('RATE_LIMITED', 'rate_limited', 'too many');
    // @ts-expect-error own_work is not a reason engagement.setLike declares
    const undeclared: UseCase<'engagement', 'setLike'> = async () => refuse('PERMISSION_DENIED', 'own_work', 'not yours');
    const res = await allowed({ target: { kind: 'story', id: 's1' }, liked: true }, {} as never);
    expect(res).toEqual({ ok: false, error: { code: 'RATE_LIMITED', reason: 'rate_limited', message: 'too many' } });
    expect(typeof undeclared).toBe('function');
  });
});
