import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Nothing to prepare: the API client initialises the cloud lazily on its first call,
    // so a share landing page that never calls does not pay for it.
  });
  return children;
}

export default App;
