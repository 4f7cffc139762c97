/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** Replaced at build time by Taro: branches on it are removed from the other platform's bundle. */
    TARO_ENV: 'weapp' | 'h5';
    /** Local cloud gateway base URL for h5; '' = same origin. */
    TARO_APP_CLOUD_URL: string;
    /** WeChat cloud environment id for weapp; '' = the mini-program's default environment. */
    TARO_APP_ENV_ID: string;
    /** Per-call timeout in ms. */
    TARO_APP_API_TIMEOUT_MS: string;
  }
}
