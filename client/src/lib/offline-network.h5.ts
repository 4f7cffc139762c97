/**
 * h5: the browser's own view. Taro's h5 onNetworkStatusChange listens to navigator.connection,
 * which most browsers lack and which never reports "no network"; navigator.onLine and the
 * online/offline events are what every browser has.
 */
export function watchNetwork(onChange: (online: boolean) => void): void {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return;
  window.addEventListener('online', () => onChange(true));
  window.addEventListener('offline', () => onChange(false));
  onChange(navigator.onLine !== false);
}
