export { call } from './client';
export { ApiFailure, ERROR_TEXT, fieldErrors, isPermissionRefusal, toFailure } from './errors';
export { REFUSAL_TEXT } from './refusals';
