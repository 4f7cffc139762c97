/**
 * `engagement.posterCode`: the story's mini-program code image for a poster, drawn once per
 * (story code, env version) with wxacode.getUnlimited and reused from storage afterwards.
 */
import { parseEnvVersion, POSTER_PAGE, posterCodePath, posterScene } from '../../domain/engagement';
import { publicUrls } from '../../lib/files';
import { isFailure, signedIn } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { notFound, publicStory } from './shared';

/** A poster code this wide (px) prints sharply on a 750 px poster. */
const POSTER_CODE_WIDTH = 430;

export const posterCode: UseCase<'engagement', 'posterCode'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const story = await publicStory(ctx, req.storyId);
  if (!story) return notFound({ kind: 'story', id: req.storyId });
  const c = ctx.cloud();
  // Read per call: a misconfigured POSTER_ENV_VERSION fails this call loudly (INTERNAL, logged), not the build.
  const envVersion = parseEnvVersion(ctx.env('POSTER_ENV_VERSION'));
  const scene = posterScene(story.code);
  const path = posterCodePath(story.code, envVersion);
  const records = c.collection('poster_codes');
  const existing = await records.doc(story._id).get();
  if (existing && existing.path === path) {
    // The server drew this image itself (no upload record): publicUrls shows it. A file gone
    // from storage resolves to nothing and falls through to a fresh one.
    const url = (await publicUrls(ctx, [existing.fileId])).get(existing.fileId);
    if (url) return ok({ url, scene, page: POSTER_PAGE });
  }
  let png: Buffer;
  try {
    png = await c.miniProgramCode({ scene, page: POSTER_PAGE, check_path: false, env_version: envVersion, width: POSTER_CODE_WIDTH });
  } catch (e) {
    const code = (e as { errCode?: unknown }).errCode;
    // -1 (busy) and quota errors are transient for the caller; anything else is ours to fix.
    if (code === -1 || code === 45009) return fail('UNAVAILABLE', `wxacode.getUnlimited is busy (${String(code)})`);
    throw e;
  }
  const fileId = await c.uploadFile(path, png);
  await records.doc(story._id).set({ path, fileId, scene, createdAt: ctx.now() });
  const url = (await publicUrls(ctx, [fileId])).get(fileId);
  if (!url) throw new Error(`poster code ${fileId} has no temporary URL right after upload`);
  return ok({ url, scene, page: POSTER_PAGE });
};
