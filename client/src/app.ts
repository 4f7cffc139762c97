import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { registerServiceWorker } from './lib/service-worker';
import './app.scss';

// h5 only (a no-op on weapp): the app shell kept for a reload with no network.
registerServiceWorker();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Nothing to prepare: the API client initialises the cloud lazily on its first call,
    // so a share landing page that never calls does not pay for it.
  });
  return children;
}

export default App;
