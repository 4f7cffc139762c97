/**
 * `authoring.uploadImage`: the one way files enter storage (clients may not write storage). The
 * image the client compressed (PNG/JPEG ≤ 1 MB) is stored under the uploader's folder,
 * content-addressed so a retried upload lands on the same file, recorded with its owner and
 * purpose (lib/files.ts) together with the audit entry, and sent to WeChat's image check —
 * until it passes, readers never see it. Editors upload story images, photos, consent forms and
 * attachments; admins upload campaign covers.
 */
import { imageInfo } from '../../domain/image-info';
import { recordUpload, requestImageCheck, uploaderFolder } from '../../lib/files';
import { isFailure, staffWith } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';

/** WeChat's official-account inline image limit; the client compresses below it. */
export const MAX_IMAGE_BYTES = 1024 * 1024;
export const MAX_IMAGE_SIDE = 8000;

export const uploadImage: UseCase<'authoring', 'uploadImage'> = async (req, ctx) => {
  const c = ctx.cloud();
  // Campaign covers are an admin's (专题管理); everything else is an editor's work.
  // So are a plan task's evidence photos (对账消号 is an admin's act).
  const who = await staffWith(ctx, req.purpose === 'cover' || req.purpose === 'evidence' ? 'admin' : 'editor');
  if (isFailure(who)) return who;
  const bytes = Buffer.from(req.base64, 'base64');
  if (bytes.length > MAX_IMAGE_BYTES) return fail('INVALID_ARGUMENT', `image is ${bytes.length} bytes, at most ${MAX_IMAGE_BYTES}`, [{ path: 'base64', message: '图片太大，请压缩到 1 MB 以内' }]);
  const info = imageInfo(bytes);
  if (!info) return fail('INVALID_ARGUMENT', 'not a PNG or JPEG image', [{ path: 'base64', message: '只支持 PNG 或 JPEG 图片' }]);
  if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE) return fail('INVALID_ARGUMENT', 'image side too large', [{ path: 'base64', message: '图片尺寸过大' }]);
  const digest = ctx.hashHex(req.base64).slice(0, 32);
  const folder = uploaderFolder(ctx.hashHex, who.openid);
  const fileId = await c.uploadFile(`authoring/${req.purpose}/${folder}/${digest}.${info.format === 'png' ? 'png' : 'jpg'}`, bytes);
  const recorded = await transact(ctx, async (w) => {
    const r = await recordUpload(w, ctx, { fileId, owner: who.openid, purpose: req.purpose, bytes: bytes.length, width: info.width, height: info.height });
    if (r.fresh) w.audit({ actor: who.openid, action: 'upload.image', subject: { kind: 'file', id: r.record._id }, before: null, after: { fileId, purpose: req.purpose, bytes: bytes.length } });
    return r.record;
  });
  if (isFailure(recorded)) return recorded;
  // A retried upload whose first check request failed asks again; one already asked waits for its event.
  if (recorded.check === 'pending' && recorded.traceId === null) await requestImageCheck(ctx, recorded);
  return ok({ fileId, width: info.width, height: info.height });
};
