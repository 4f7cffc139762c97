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
  subPackages?: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
};
// Subpackage pages are routes like any other once their package is loaded.
const allPages = [...appConfig.pages, ...(appConfig.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

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
  navigations: { kind: 'navigateTo' | 'switchTab' | 'redirectTo' | 'navigateBack'; url: string }[];
  /** How many pages are below the current one (navigateBack fails on the first page, as on WeChat). */
  pagesBelow: number;
  toasts: { title: string; icon?: string }[];
  clipboard: string | null;
  previews: { current: string; urls: string[] }[];
  stopPullDownCount: number;
  params: Record<string, string>;
  pullDownHandlers: Set<() => void>;
  reachBottomHandlers: Set<() => void>;
  didShowHandlers: Set<() => void>;
  /** The page's registered onShareAppMessage / onShareTimeline (latest render's). */
  shareAppMessage: (() => unknown) | null;
  shareTimeline: (() => unknown) | null;
  /** What getLaunchOptionsSync / getEnterOptionsSync report (1154 = Moments single-page mode). */
  scene: number;
  /** scope → granted? (missing = never asked), as wx.getSetting reports authSetting. */
  authSetting: Record<string, boolean>;
  /** How the user answers the next authorize prompt for a scope never asked before. */
  authorizeAnswer: boolean;
  /** How the user answers the privacy pop-up (requirePrivacyAuthorize). */
  privacyAnswer: boolean;
  /** How the user answers showModal (confirm = true). */
  modalAnswer: boolean;
  /** What the user does in the settings page openSetting opens: scope → new value. */
  settingChanges: Record<string, boolean>;
  modals: { title?: string; content: string }[];
  authorizeCalls: string[];
  privacyCalls: number;
  openSettingCalls: number;
  savedToAlbum: string[];
  /** Canvas type="2d" nodes handed out by createSelectorQuery, by element id. */
  canvasNodes: Map<string, FakeCanvasNode>;
  /** Image URLs that fail to load in a canvas (createImage → onerror). */
  brokenImages: Set<string>;
  tempFiles: string[];
  /** The window's width in px (getWindowInfo); a phone unless a test sets a desk-sized window. */
  windowWidth: number;
  windowResizeHandlers: Set<(res: { size: { windowWidth: number; windowHeight: number } }) => void>;
  /** Where pageScrollTo asked the page to scroll (scrollTop), in order. */
  pageScrolls: number[];
}

/** A recording 2D context, as a weapp Canvas 2D node's getContext('2d') hands out. */
export interface FakeContext2D {
  ops: unknown[][];
  fillStyle: unknown;
  font: string;
  textBaseline: string;
  textAlign: string;
  scale(x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(t: string, x: number, y: number): void;
  measureText(t: string): { width: number };
  drawImage(img: unknown, ...a: number[]): void;
  save(): void;
  restore(): void;
}

export interface FakeCanvasNode {
  id: string;
  width: number;
  height: number;
  context: FakeContext2D | null;
  getContext(kind: string): FakeContext2D | null;
  createImage(): { width: number; height: number; src: string; onload: (() => void) | null; onerror: (() => void) | null };
}

function fakeCanvasNode(id: string): FakeCanvasNode {
  const node: FakeCanvasNode = {
    id,
    // A fresh 2D canvas is 300×150 until the page sizes it, as on WeChat.
    width: 300,
    height: 150,
    context: null,
    getContext(kind) {
      if (kind !== '2d') return null;
      if (!node.context) {
        const ops: unknown[][] = [];
        node.context = {
          ops,
          fillStyle: '',
          font: '10px sans-serif',
          textBaseline: 'alphabetic',
          textAlign: 'start',
          scale: (x, y) => ops.push(['scale', x, y]),
          fillRect: (...a) => ops.push(['fillRect', ...a]),
          fillText: (t, x, y) => ops.push(['fillText', t, x, y]),
          measureText: (t) => ({ width: Array.from(t).length * 30 }),
          drawImage: (img, ...a) => ops.push(['drawImage', (img as { src?: string }).src, ...a]),
          save: () => ops.push(['save']),
          restore: () => ops.push(['restore']),
        };
      }
      return node.context;
    },
    createImage() {
      const img = {
        width: 0,
        height: 0,
        onload: null as (() => void) | null,
        onerror: null as (() => void) | null,
        _src: '',
        get src() {
          return this._src;
        },
        set src(v: string) {
          this._src = v;
          // Images load asynchronously; only http(s) and local temp files load at all.
          setTimeout(() => {
            if (/^(https?|wxfile):\/\//.test(v) && !fake.brokenImages.has(v)) {
              img.width = 430;
              img.height = 430;
              img.onload?.();
            } else img.onerror?.();
          }, 0);
        },
      };
      return img;
    },
  };
  return node;
}

function freshState(): FakeState {
  return {
    storage: new Map(),
    requestHandler: () => {
      throw new Error('no request handler installed');
    },
    requests: [],
    navigations: [],
    pagesBelow: 1,
    toasts: [],
    clipboard: null,
    previews: [],
    stopPullDownCount: 0,
    params: {},
    pullDownHandlers: new Set(),
    reachBottomHandlers: new Set(),
    didShowHandlers: new Set(),
    shareAppMessage: null,
    shareTimeline: null,
    scene: 1001,
    authSetting: {},
    authorizeAnswer: true,
    privacyAnswer: true,
    modalAnswer: true,
    settingChanges: {},
    modals: [],
    authorizeCalls: [],
    privacyCalls: 0,
    openSettingCalls: 0,
    savedToAlbum: [],
    canvasNodes: new Map(),
    brokenImages: new Set(),
    tempFiles: [],
    windowWidth: 390,
    windowResizeHandlers: new Set(),
    pageScrolls: [],
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
export function fireDidShow(): void {
  fake.didShowHandlers.forEach((h) => h());
}
/** The user resizes the window (PC WeChat, a desktop browser). */
export function resizeWindow(windowWidth: number): void {
  fake.windowWidth = windowWidth;
  fake.windowResizeHandlers.forEach((h) => h({ size: { windowWidth, windowHeight: 800 } }));
}
/** What WeChat does when the user opens the share panel: asks the page for its payload. */
export function fireShareAppMessage(): unknown {
  if (!fake.shareAppMessage) throw new Error('the page registered no onShareAppMessage');
  return fake.shareAppMessage();
}
export function fireShareTimeline(): unknown {
  if (!fake.shareTimeline) throw new Error('the page registered no onShareTimeline');
  return fake.shareTimeline();
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
  if (!allPages.includes(page)) return fail(kind, `page "${page}" is not found`);
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
  navigateBack(opts: { delta?: number } = {}): Promise<{ errMsg: string }> {
    const delta = opts.delta ?? 1;
    if (fake.pagesBelow < delta) return fail('navigateBack', 'cannot navigate back at first page.');
    fake.pagesBelow -= delta;
    fake.navigations.push({ kind: 'navigateBack', url: '' });
    return Promise.resolve({ errMsg: 'navigateBack:ok' });
  },
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
  getWindowInfo(): { windowWidth: number; windowHeight: number } {
    return { windowWidth: fake.windowWidth, windowHeight: 800 };
  },
  onWindowResize(handler: (res: { size: { windowWidth: number; windowHeight: number } }) => void): void {
    fake.windowResizeHandlers.add(handler);
  },
  offWindowResize(handler: (res: { size: { windowWidth: number; windowHeight: number } }) => void): void {
    fake.windowResizeHandlers.delete(handler);
  },
  getLaunchOptionsSync(): { scene: number; path: string; query: Record<string, string> } {
    return { scene: fake.scene, path: '', query: {} };
  },
  getEnterOptionsSync(): { scene: number; path: string; query: Record<string, string> } {
    return { scene: fake.scene, path: '', query: {} };
  },
  showModal(opts: { title?: string; content: string; confirmText?: string }): Promise<{ confirm: boolean; cancel: boolean; errMsg: string }> {
    // WeChat (and Taro's h5 modal) refuse a button text longer than 4 characters.
    if (opts.confirmText !== undefined && [...opts.confirmText].length > 4) return fail('showModal', 'confirmText length should not larger than 4 Chinese characters');
    fake.modals.push({ title: opts.title, content: opts.content });
    return Promise.resolve({ confirm: fake.modalAnswer, cancel: !fake.modalAnswer, errMsg: 'showModal:ok' });
  },
  // Privacy and authorization, as WeChat answers them: a scope refused once is never asked
  // again (authorize fails at once) until the user changes it in the settings page.
  requirePrivacyAuthorize(opts: { success?: () => void; fail?: (e: { errMsg: string }) => void }): void {
    fake.privacyCalls += 1;
    Promise.resolve().then(() => (fake.privacyAnswer ? opts.success?.() : opts.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })));
  },
  getSetting(): Promise<{ authSetting: Record<string, boolean>; errMsg: string }> {
    return Promise.resolve({ authSetting: { ...fake.authSetting }, errMsg: 'getSetting:ok' });
  },
  authorize(opts: { scope: string }): Promise<{ errMsg: string }> {
    fake.authorizeCalls.push(opts.scope);
    const known = fake.authSetting[opts.scope];
    if (known === true) return Promise.resolve({ errMsg: 'authorize:ok' });
    if (known === false) return fail('authorize', 'auth deny');
    fake.authSetting[opts.scope] = fake.authorizeAnswer;
    return fake.authorizeAnswer ? Promise.resolve({ errMsg: 'authorize:ok' }) : fail('authorize', 'auth deny');
  },
  openSetting(): Promise<{ authSetting: Record<string, boolean>; errMsg: string }> {
    fake.openSettingCalls += 1;
    Object.assign(fake.authSetting, fake.settingChanges);
    return Promise.resolve({ authSetting: { ...fake.authSetting }, errMsg: 'openSetting:ok' });
  },
  saveImageToPhotosAlbum(opts: { filePath: string }): Promise<{ errMsg: string }> {
    if (typeof opts.filePath !== 'string' || opts.filePath === '') return fail('saveImageToPhotosAlbum', 'parameter error: filePath should be String');
    if (fake.authSetting['scope.writePhotosAlbum'] !== true) return fail('saveImageToPhotosAlbum', 'auth deny');
    fake.savedToAlbum.push(opts.filePath);
    return Promise.resolve({ errMsg: 'saveImageToPhotosAlbum:ok' });
  },
  /** Runs after the current render has reached the view layer (here: after pending timers of this turn). */
  nextTick(cb: () => void): void {
    setTimeout(cb, 0);
  },
  /** Answers `.select('#id').fields({node:true}).exec(cb)` for Canvas type="2d" elements in the document. */
  createSelectorQuery() {
    const selected: { selector: string; node: boolean }[] = [];
    const query = {
      select(selector: string) {
        return {
          fields(f: { node?: boolean; size?: boolean }) {
            selected.push({ selector, node: !!f.node });
            return query;
          },
        };
      },
      exec(cb: (res: ({ node?: FakeCanvasNode; width: number; height: number } | null)[]) => void) {
        setTimeout(() => {
          cb(
            selected.map(({ selector, node }) => {
              const el = document.querySelector(selector);
              if (!el) return null;
              if (!node || el.tagName !== 'CANVAS') return { width: 0, height: 0 };
              const id = el.id;
              if (!fake.canvasNodes.has(id)) fake.canvasNodes.set(id, fakeCanvasNode(id));
              const n = fake.canvasNodes.get(id)!;
              return { node: n, width: n.width, height: n.height };
            }),
          );
        }, 0);
        return query;
      },
    };
    return query;
  },
  canvasToTempFilePath(opts: { canvas?: FakeCanvasNode; fileType?: string }): Promise<{ tempFilePath: string; errMsg: string }> {
    const c = opts.canvas;
    if (!c || typeof c.getContext !== 'function') return fail('canvasToTempFilePath', 'canvas is empty');
    if (!c.context || c.context.ops.length === 0) return fail('canvasToTempFilePath', 'canvas has nothing drawn');
    const path = `wxfile://tmp/${c.id}-${fake.tempFiles.length + 1}.${opts.fileType === 'jpg' ? 'jpg' : 'png'}`;
    fake.tempFiles.push(path);
    return Promise.resolve({ tempFilePath: path, errMsg: 'canvasToTempFilePath:ok' });
  },
  stopPullDownRefresh(): Promise<{ errMsg: string }> {
    fake.stopPullDownCount += 1;
    return Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' });
  },
  pageScrollTo(opts: { scrollTop?: number; duration?: number }): Promise<{ errMsg: string }> {
    fake.pageScrolls.push(opts.scrollTop ?? 0);
    return Promise.resolve({ errMsg: 'pageScrollTo:ok' });
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
const didShowSet = (s: FakeState) => s.didShowHandlers;

export function usePullDownRefresh(handler: () => void): void {
  usePageEvent(pullDownSet, handler);
}
export function useReachBottom(handler: () => void): void {
  usePageEvent(reachBottomSet, handler);
}
export function useRouter(): { params: Record<string, string | undefined>; path: string } {
  return { params: fake.params, path: '' };
}
export function useDidShow(handler: () => void): void {
  usePageEvent(didShowSet, handler);
}
// Taro keeps the latest handler of a render, as the page's onShareAppMessage would.
export function useShareAppMessage(handler: () => unknown): void {
  fake.shareAppMessage = handler;
}
export function useShareTimeline(handler: () => unknown): void {
  fake.shareTimeline = handler;
}
export function useLaunch(_handler: () => void): void {}

export default Taro;
