/**
 * h5: registers /sw.js (config/h5-service-worker.ts), which keeps the app shell so the app opens
 * after a reload with no network. Production builds only (the dev server has no worker and its
 * files change under it). Registered only once the first page has settled: a few seconds after
 * the load event and then when the main thread is idle, because the worker's install downloads
 * the whole shell (about 750 KB) and, registered at load, it cost the first page ~200 ms of
 * blocking time in Lighthouse (TBT 513 ms against 312 ms without it).
 */
const SETTLE_MS = 3000;
export function registerServiceWorker(): void {
  if (process.env.NODE_ENV !== 'production') return;
  if (typeof window === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No worker (a private window, an insecure origin): the app works as before, online only.
    });
  };
  const whenIdle = () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 5000 });
    else register();
  };
  const settle = () => window.setTimeout(whenIdle, SETTLE_MS);
  if (document.readyState === 'complete') settle();
  else window.addEventListener('load', settle, { once: true });
}
