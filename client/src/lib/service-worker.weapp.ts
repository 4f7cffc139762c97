/** weapp: the mini-program's package is on the phone already; there is no worker to register. */
export function registerServiceWorker(): void {}
