/**
 * h5: registers /sw.js (config/h5-service-worker.ts), which keeps the app shell so the app opens
 * after a reload with no network. Production builds only (the dev server has no worker and its
 * files change under it), and after the page's load event, so the worker's install downloads
 * never compete with the first page's own.
 */
export function registerServiceWorker(): void {
  if (process.env.NODE_ENV !== 'production') return;
  if (typeof window === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No worker (a private window, an insecure origin): the app works as before, online only.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
