/**
 * The platform seam for the h5 service worker (config/h5-service-worker.ts). The build picks
 * `service-worker.h5.ts` or `service-worker.weapp.ts` by file suffix; weapp has its package on
 * the phone and no worker.
 */

/** Registers the app-shell worker once the page has loaded (h5 production builds only). */
export declare function registerServiceWorker(): void;
