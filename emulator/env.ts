/**
 * Identity of the local cloud environment. Production env ids look like `prod-3gx1x8k2a1b2c3d4`
 * and file ids like `cloud://<env>.<bucket hex>-<env>-<appid num>/<path>`; the local cloud keeps
 * the same shape so code that parses or stores file ids behaves the same on both clouds.
 */
export const LOCAL_ENV_ID = 'local-dev';
export const LOCAL_APPID = 'wx0000000000local';
const BUCKET = `6c6f-${LOCAL_ENV_ID}-1300000000`;

export function localFileId(cloudPath: string): string {
  return `cloud://${LOCAL_ENV_ID}.${BUCKET}/${cloudPath.replace(/^\/+/, '')}`;
}

/** Inverse of localFileId; null for ids of another environment or malformed ones. */
export function cloudPathOf(fileId: string): string | null {
  const prefix = `cloud://${LOCAL_ENV_ID}.${BUCKET}/`;
  if (!fileId.startsWith(prefix)) return null;
  const path = fileId.slice(prefix.length);
  if (!path || path.split('/').some((p) => p === '..' || p === '')) return null;
  return path;
}
