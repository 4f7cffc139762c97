/**
 * Errors the local database answers with. Codes are the ones production's TCB gateway sends
 * (`DATABASE_…`), because wx-server-sdk maps exactly these strings to caller-visible errCodes
 * (DATABASE_REQUEST_FAILED → -502001, DATABASE_COLLECTION_NOT_EXIST → -502005,
 * DATABASE_TRANSACTION_CONFLICT → retried by runTransaction, unknown codes → -501001).
 */
export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_TIMEOUT'
  | 'INVALID_PARAM'
  | 'INVALID_ACTION';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export const collectionNotExist = (name: string): DbError =>
  new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  );

export const invalidParam = (message: string): DbError => new DbError('INVALID_PARAM', `[InvalidParameter] ${message}`);

export const requestFailed = (message: string): DbError => new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`);

export const duplicateKey = (collection: string, index: string, key: string): DbError =>
  requestFailed(`E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${key} }`);
