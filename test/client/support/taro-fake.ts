/**
 * A small, faithful stand-in for @tarojs/taro in jsdom. It behaves like the real APIs where
 * the client depends on them: storage answers '' for a missing key, request resolves with
 * `{data, statusCode, header}` for any HTTP status and rejects with `request:fail …` only
 * when no answer came, navigateTo refuses pages the app does not declare and tab pages,
 * previewImage insists `current` is one of `urls`. Taro.cloud throws: the h5 build must
 * never reach it.
 */
import { useEffect, useRef } from 'react';

// app.config.ts calls the build-time global; here it simply hands the config back.
(globalThis as unknown as { defineAppConfig: <T>(c: T) => T }).defineAppConfig = (c) => c;
const appConfig = require('../../../client/src/app.config').default as {
  pages: string[];
  tabBar: { list: { pagePath: string }[] };
};

export interface RequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  timeout?: number;
}
export interface RequestAnswer {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}
/** A test's server: answer, or throw to simulate no network. Never resolving simulates a hang. */
export type RequestHandler = (opts: RequestOptions) => RequestAnswer | Promise<RequestAnswer>;

interface FakeState {
  storage: Map<string, unknown>;
  requestHandler: RequestHandler;
  requests: RequestOptions[];
  navigations: { kind: 'navigateTo' | 'switchTab' | 'redirectTo'; url: string }[];
  toasts: { title: string; icon?: string }[];
  clipboard: string | null;
  previews: { current: string; urls: string[] }[];
  stopPullDownCount: number;
  params: Record<string, string>;
  pullDownHandlers: Set<() => void>;
  reachBottomHandlers: Set<() => void>;
}

function freshState(): FakeState {
  return {
    storage: new Map(),
    requestHandler: () => {
      throw new Error('no request handler installed');
    },
    requests: [],
    navigations: [],
    toasts: [],
    clipboard: null,
    previews: [],
    stopPullDownCount: 0,
    params: {},
    pullDownHandlers: new Set(),
    reachBottomHandlers: new Set(),
  };
}

export const fake: FakeState = freshState();

export function resetTaroFake(): void {
  Object.assign(fake, freshState());
}

export function setRouterParams(params: Record<string, string>): void {
  fake.params = params;
}

export function setRequestHandler(handler: RequestHandler): void {
  fake.requestHandler = handler;
}

/** What the platform does when the user pulls the page down / scrolls to its bottom. */
export function firePullDownRefresh(): void {
  fake.pullDownHandlers.forEach((h) => h());
}
export function fireReachBottom(): void {
  fake.reachBottomHandlers.forEach((h) => h());
}

function fail(api: string, why: string): Promise<never> {
  return Promise.reject({ errMsg: `${api}:fail ${why}` });
}

function pagePathOf(url: string): string {
  return url.replace(/^\//, '').split('?')[0] ?? '';
}

function request(opts: RequestOptions): Promise<RequestAnswer & { errMsg: string }> {
  if (typeof opts?.url !== 'string' || opts.url === '') return fail('request', 'parameter error: url should be String');
  fake.requests.push(opts);
  return new Promise((resolve, reject) => {
    let settled = false;
    const timeout = opts.timeout ?? 60000;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject({ errMsg: 'request:fail timeout' });
    }, timeout);
    Promise.resolve()
      .then(() => fake.requestHandler(opts))
      .then(
        (answer) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ ...answer, header: answer.header ?? {}, errMsg: 'request:ok' });
        },
        (err: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject({ errMsg: `request:fail ${err instanceof Error ? err.message : String(err)}` });
        },
      );
  });
}

function navigate(kind: 'navigateTo' | 'switchTab' | 'redirectTo', opts: { url: string }): Promise<{ errMsg: string }> {
  const page = pagePathOf(opts.url);
  if (!appConfig.pages.includes(page)) return fail(kind, `page "${page}" is not found`);
  const isTab = appConfig.tabBar.list.some((t) => t.pagePath === page);
  if (kind === 'switchTab' && !isTab) return fail(kind, `can not switch to no-tabBar page`);
  if (kind !== 'switchTab' && isTab) return fail(kind, `can not ${kind} a tabbar page`);
  fake.navigations.push({ kind, url: opts.url });
  return Promise.resolve({ errMsg: `${kind}:ok` });
}

const cloud = new Proxy(
  {},
  {
    get(_t, prop) {
      throw new Error(`Taro.cloud.${String(prop)} reached from the h5 build`);
    },
  },
);

const Taro = {
  getStorageSync(key: string): unknown {
    if (typeof key !== 'string') throw new Error('getStorageSync:fail parameter error');
    return fake.storage.has(key) ? fake.storage.get(key) : '';
  },
  setStorageSync(key: string, value: unknown): void {
    if (typeof key !== 'string' || key === '') throw new Error('setStorageSync:fail parameter error');
    fake.storage.set(key, value);
  },
  removeStorageSync(key: string): void {
    fake.storage.delete(key);
  },
  request,
  navigateTo: (o: { url: string }) => navigate('navigateTo', o),
  redirectTo: (o: { url: string }) => navigate('redirectTo', o),
  switchTab: (o: { url: string }) => navigate('switchTab', o),
  previewImage(opts: { current?: string; urls: string[] }): Promise<{ errMsg: string }> {
    if (!Array.isArray(opts.urls) || opts.urls.length === 0) return fail('previewImage', 'parameter error: urls should be non-empty Array');
    const current = opts.current ?? opts.urls[0]!;
    if (!opts.urls.includes(current)) return fail('previewImage', 'current is not in urls');
    fake.previews.push({ current, urls: opts.urls.slice() });
    return Promise.resolve({ errMsg: 'previewImage:ok' });
  },
  setClipboardData(opts: { data: string }): Promise<{ errMsg: string }> {
    if (typeof opts.data !== 'string') return fail('setClipboardData', 'parameter error: data should be String');
    fake.clipboard = opts.data;
    return Promise.resolve({ errMsg: 'setClipboardData:ok' });
  },
  showToast(opts: { title: string; icon?: string }): Promise<{ errMsg: string }> {
    fake.toasts.push({ title: opts.title, icon: opts.icon });
    return Promise.resolve({ errMsg: 'showToast:ok' });
  },
  stopPullDownRefresh(): Promise<{ errMsg: string }> {
    fake.stopPullDownCount += 1;
    return Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' });
  },
  cloud,
};

function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

function usePageEvent(set: (s: FakeState) => Set<() => void>, handler: () => void): void {
  const latest = useLatest(handler);
  useEffect(() => {
    const h = () => latest.current();
    const handlers = set(fake);
    handlers.add(h);
    return () => {
      handlers.delete(h);
    };
  }, [latest, set]);
}

const pullDownSet = (s: FakeState) => s.pullDownHandlers;
const reachBottomSet = (s: FakeState) => s.reachBottomHandlers;

export function usePullDownRefresh(handler: () => void): void {
  usePageEvent(pullDownSet, handler);
}
export function useReachBottom(handler: () => void): void {
  usePageEvent(reachBottomSet, handler);
}
export function useRouter(): { params: Record<string, string | undefined>; path: string } {
  return { params: fake.params, path: '' };
}
export function useShareAppMessage(_handler: () => unknown): void {}
export function useShareTimeline(_handler: () => unknown): void {}
export function useLaunch(_handler: () => void): void {}

export default Taro;
