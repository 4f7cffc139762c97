/**
 * index.html starts a landing page's first calls before the app has loaded (early-calls.ts); the
 * h5 transport takes the answer when the app makes the same call. These tests run the very script
 * the build puts in index.html, in jsdom, with `fetch` as the network, and check that:
 * - the table matches what each listed page really asks first (a page that changes its first
 *   request must change the table, or its early call would be wasted);
 * - the app takes an early answer once, for the same body and the same identity only;
 * - an early call that got no answer (no network, a proxy's html page) is asked again, so
 *   nothing is lost offline.
 */
import { render, screen } from '@testing-library/react';
import type { Page, StoryCard } from '@contract';
import { call } from '../../client/src/lib/api';
import { DEV_OPENID_STORAGE_KEY, EARLY_CALLS, EARLY_CALLS_GLOBAL, earlyCallsScript } from '../../client/src/lib/api/early-calls';
import { MAIN_PAGES } from '../../client/src/lib/routes';
import { FeedScreen } from '../../client/src/features/feed/feed-screen';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { campaign, storyCard, storyDetail } from './support/fixtures';
import { ok, serveFunctions, type Served } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

interface Fetched {
  url: string;
  headers: Record<string, string>;
  body: string;
}

let fetched: Fetched[];

/** Runs index.html's script at `hash` with `answer` as the network. */
function runEarlyScript(hash: string, answer: (f: Fetched) => Promise<Response>, cloudBase = ''): void {
  fetched = [];
  window.location.hash = hash;
  (globalThis as { fetch?: unknown }).fetch = (url: string, init: { headers: Record<string, string>; body: string }) => {
    const f = { url, headers: init.headers, body: init.body };
    fetched.push(f);
    return answer(f);
  };
  // The script as the build writes it, evaluated as the browser would (global scope, ES5).
  new Function(earlyCallsScript(cloudBase))();
}

function jsonResponse(status: number, body: unknown): Promise<Response> {
  return Promise.resolve({ status, json: () => Promise.resolve(body) } as Response);
}

function started(): Record<string, unknown> {
  return ((globalThis as Record<string, unknown>)[EARLY_CALLS_GLOBAL] ?? {}) as Record<string, unknown>;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[EARLY_CALLS_GLOBAL];
  delete (globalThis as { fetch?: unknown }).fetch;
  window.localStorage.clear();
  window.location.hash = '';
});

const feedPage: Page<StoryCard> = { items: [storyCard(0)], next: null };

/** The calls a page made, as the bodies the transport sent. */
function bodies(served: Served): string[] {
  return served.calls.map((c) => `${c.fn} ${JSON.stringify({ action: c.action, data: c.data })}`);
}

describe('the early-calls table', () => {
  it('lists exactly the feed’s first calls, body for body', async () => {
    const served = serveFunctions({
      'content.campaigns': () => ok({ items: [campaign(1)] }),
      'content.feed': () => ok(feedPage),
    });
    render(<FeedScreen />);
    expect(await screen.findByText('事迹标题0')).toBeInTheDocument();
    const expected = EARLY_CALLS[MAIN_PAGES.feed]!.map((c) => `${c.fn} ${JSON.stringify({ action: c.action, data: c.data })}`);
    expect(bodies(served).slice(0, expected.length).sort()).toEqual([...expected].sort());
  });

  it('lists the story’s first call, its id read from the query', async () => {
    setRouterParams({ id: 's1' });
    const served = serveFunctions({ 'content.story': () => ok(storyDetail({ _id: 's1', title: '逆行者' })) });
    render(<StoryScreen />);
    expect(await screen.findByText('逆行者')).toBeInTheDocument();
    const [only] = EARLY_CALLS[MAIN_PAGES.story]!;
    expect(only!.query).toEqual({ id: 'id' });
    expect(bodies(served)[0]).toBe(`${only!.fn} ${JSON.stringify({ action: only!.action, data: { ...only!.data, id: 's1' } })}`);
  });
});

describe('index.html’s early calls', () => {
  it('starts the feed’s calls on a bare address and the story’s with its id; nothing on other pages', () => {
    runEarlyScript('', () => jsonResponse(200, ok(feedPage)));
    expect(fetched.map((f) => [f.url, f.body])).toEqual([
      ['/fn/content', '{"action":"campaigns","data":{}}'],
      ['/fn/content', '{"action":"feed","data":{"cursor":null,"limit":10}}'],
    ]);
    expect(fetched[0]!.headers).toEqual({ 'content-type': 'application/json' });

    runEarlyScript(`#/${MAIN_PAGES.story}?id=st-022&from=share`, () => jsonResponse(200, ok({})), 'https://cloud.example/');
    expect(fetched.map((f) => [f.url, f.body])).toEqual([['https://cloud.example/fn/content', '{"action":"story","data":{"id":"st-022"}}']]);

    // A story opened from a poster carries a code, not an id: no early call.
    runEarlyScript(`#/${MAIN_PAGES.story}?scene=abc`, () => jsonResponse(200, ok({})));
    expect(fetched).toEqual([]);
    runEarlyScript(`#/${MAIN_PAGES.library}`, () => jsonResponse(200, ok({})));
    expect(fetched).toEqual([]);
  });

  it('the app takes the early answer once: no second request, and a reload asks the server', async () => {
    runEarlyScript(`#/${MAIN_PAGES.feed}`, (f) => jsonResponse(200, f.body.includes('"feed"') ? ok(feedPage) : ok({ items: [campaign(7)] })));
    const served = serveFunctions({ 'content.feed': () => ok<Page<StoryCard>>({ items: [storyCard(1)], next: null }) });

    const first = await call('content', 'feed', { cursor: null, limit: 10 });
    expect(first.items.map((s) => s._id)).toEqual([storyCard(0)._id]);
    expect(served.calls).toEqual([]);
    expect(Object.keys(started())).toHaveLength(1);

    const again = await call('content', 'feed', { cursor: null, limit: 10 });
    expect(again.items.map((s) => s._id)).toEqual([storyCard(1)._id]);
    expect(served.calls).toHaveLength(1);
  });

  it('a different body or another identity is asked of the server, never answered from an early call', async () => {
    runEarlyScript(`#/${MAIN_PAGES.feed}`, () => jsonResponse(200, ok(feedPage)));
    const served = serveFunctions({ 'content.feed': () => ok<Page<StoryCard>>({ items: [storyCard(2)], next: null }) });
    const other = await call('content', 'feed', { cursor: null, limit: 20 });
    expect(other.items.map((s) => s._id)).toEqual([storyCard(2)._id]);

    // The reader chose an identity after the page started its calls (the dev identity picker).
    fake.storage.set(DEV_OPENID_STORAGE_KEY, 'o-staff');
    const asStaff = await call('content', 'feed', { cursor: null, limit: 10 });
    expect(asStaff.items.map((s) => s._id)).toEqual([storyCard(2)._id]);
    expect(served.calls.map((c) => c.openid)).toEqual([null, 'o-staff']);
  });

  it('sends the dev identity as Taro’s storage keeps it, and the app takes the answer for that identity', async () => {
    // Taro's h5 storage: localStorage holds {"data": value} as JSON.
    window.localStorage.setItem(DEV_OPENID_STORAGE_KEY, JSON.stringify({ data: 'o-staff' }));
    fake.storage.set(DEV_OPENID_STORAGE_KEY, 'o-staff');
    runEarlyScript(`#/${MAIN_PAGES.story}?id=s1`, () => jsonResponse(200, ok(storyDetail({ _id: 's1', title: '逆行者' }))));
    expect(fetched[0]!.headers).toEqual({ 'content-type': 'application/json', 'x-wx-openid': 'o-staff' });
    const served = serveFunctions({});
    const story = await call('content', 'story', { id: 's1' });
    expect(story.title).toBe('逆行者');
    expect(served.calls).toEqual([]);
  });

  it('a refusal in the early answer is the app’s refusal, as if the app had asked', async () => {
    runEarlyScript(`#/${MAIN_PAGES.story}?id=gone`, () => jsonResponse(404, { ok: false, error: { code: 'NOT_FOUND', message: 'story gone' } }));
    const served = serveFunctions({});
    await expect(call('content', 'story', { id: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(served.calls).toEqual([]);
  });

  it('an early call with no answer (no network) or no envelope (a proxy’s page) is asked again', async () => {
    runEarlyScript(`#/${MAIN_PAGES.feed}`, (f) => (f.body.includes('"feed"') ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve({ status: 502, json: () => Promise.reject(new SyntaxError('html')) } as unknown as Response)));
    const served = serveFunctions({
      'content.campaigns': () => ok({ items: [campaign(3)] }),
      'content.feed': () => ok(feedPage),
    });
    const [campaigns, feed] = await Promise.all([call('content', 'campaigns', {}), call('content', 'feed', { cursor: null, limit: 10 })]);
    expect(campaigns.items).toHaveLength(1);
    expect(feed.items).toHaveLength(1);
    expect(served.calls.map((c) => c.action).sort()).toEqual(['campaigns', 'feed']);
  });
});
