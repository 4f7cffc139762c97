export { call } from './client';
export { ApiFailure, ERROR_TEXT, toFailure } from './errors';
