/**
 * The first calls a landing page makes, started by index.html itself on h5 (config/h5-perf.ts
 * writes them into an inline script) while the app's scripts are still downloading. Without
 * this, a reader's first page waits for the scripts, then for its data, then for its cover:
 * three round trips in a row on a phone's network. With it, the data is on its way in the
 * first one, and the app takes the answer when it asks (transport.h5.ts).
 *
 * An early call is used only when the app's own request is byte for byte the same body from the
 * same identity (`earlyCallKey`); anything else goes out as usual, so a stale entry here costs
 * one wasted request, never a wrong answer. test/client/early-calls.test.tsx renders each page
 * listed and fails when its first calls drift from this table.
 *
 * Like routes.ts, this module is evaluated by the build in Node: no Taro or React imports.
 */
import { PAGE_SIZE } from '../../../../types/api';
import { MAIN_PAGES } from '../routes';

export interface EarlyCall {
  fn: string;
  action: string;
  /** The request's fixed fields. */
  data: Record<string, string | number | boolean | null>;
  /** Fields read from the page's query: request field → query parameter. No such parameter, no call. */
  query?: Record<string, string>;
}

export const EARLY_CALLS: Readonly<Record<string, readonly EarlyCall[]>> = {
  [MAIN_PAGES.feed]: [
    { fn: 'content', action: 'campaigns', data: {} },
    { fn: 'content', action: 'feed', data: { cursor: null, limit: PAGE_SIZE.feed } },
  ],
  [MAIN_PAGES.story]: [{ fn: 'content', action: 'story', data: {}, query: { id: 'id' } }],
};

/** The cloud's address as the build names it (TARO_APP_CLOUD_URL; '' for the page's own origin), without a trailing slash. */
export function cloudBase(configured: string | undefined): string {
  return (configured ?? '').replace(/\/+$/, '');
}

/** Where h5 keeps the chosen dev identity (Taro's storage: `{"data": openid}` as JSON), read by index.html too. */
export const DEV_OPENID_STORAGE_KEY = 'dev.openid';

/** Where index.html leaves its early calls for the app: key → the answer's promise. */
export const EARLY_CALLS_GLOBAL = '__earlyCalls';

/** What an early call answers: the HTTP status and the parsed JSON body. */
export interface EarlyAnswer {
  status: number;
  body: unknown;
}

/**
 * One call's identity: who asks (the dev identity's OPENID, '' for none), which function, the
 * exact body sent. earlyCallsScript builds the same key in plain ES5.
 */
export function earlyCallKey(openid: string | null, fn: string, body: string): string {
  return `${openid ?? ''} ${fn} ${body}`;
}

/**
 * The inline script for index.html's head (the h5 build puts it there: config/h5-perf.ts). It
 * reads the route from the hash (none: the feed), starts that page's calls with the dev identity
 * the app would send, and leaves each answer's promise under `window[EARLY_CALLS_GLOBAL]` by key.
 * A failed call is caught here (no unhandled rejection): the transport then asks again itself.
 * `configuredCloud` is the build's TARO_APP_CLOUD_URL, as the transport's own requests use it.
 */
export function earlyCallsScript(configuredCloud: string | undefined): string {
  const j = JSON.stringify;
  return (
    `!function(w){var h=location.hash.replace(/^#\\/?/,""),i=h.indexOf("?"),l=${j(EARLY_CALLS)}[(i<0?h:h.slice(0,i))||${j(MAIN_PAGES.feed)}];` +
    'if(!l||!w.fetch||!w.URLSearchParams)return;' +
    `var s=new URLSearchParams(i<0?"":h.slice(i+1)),o="",H={"content-type":"application/json"},E=w[${j(EARLY_CALLS_GLOBAL)}]={};` +
    `try{var v=JSON.parse(localStorage.getItem(${j(DEV_OPENID_STORAGE_KEY)})||"null");if(v&&typeof v.data==="string"&&v.data)H["x-wx-openid"]=o=v.data}catch(e){}` +
    'l.forEach(function(c){var d={},k,x;for(k in c.data)d[k]=c.data[k];' +
    'for(k in c.query||{}){x=s.get(c.query[k]);if(x===null)return;d[k]=x}' +
    'var b=JSON.stringify({action:c.action,data:d}),' +
    `p=fetch(${j(cloudBase(configuredCloud))}+"/fn/"+encodeURIComponent(c.fn),{method:"POST",headers:H,body:b})` +
    '.then(function(r){return r.json().then(function(y){return{status:r.status,body:y}})});' +
    'p.catch(function(){});E[o+" "+c.fn+" "+b]=p})}(window);'
  );
}
