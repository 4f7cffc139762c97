/**
 * `engagement.posterCode`: the mini-program code image for a poster, of a story or of a profile
 * (one poster mechanism for both), drawn once per (code, env version) with wxacode.getUnlimited
 * and reused from storage afterwards.
 *
 * - A story's code opens the story page with its short story code as `scene` (record in
 *   `poster_codes` by story id; content.resolveCode reads the story back).
 * - A profile's code opens the profile page with a profile code as `scene` (domain/engagement.ts
 *   profileCode: an exemplar id can be longer than a scene may be); the record is stored under
 *   that code in `profile_codes`, so content.resolveProfileCode reads it back by id.
 */
import type { FileId, MediaUrl } from '@contract';
import { parseEnvVersion, POSTER_PAGE, posterCodePath, posterScene, PROFILE_POSTER_PAGE, profileCode, profileCodeInput, profileCodePath, type EnvVersion } from '../../domain/engagement';
import type { Deps } from '../../lib/context';
import { publicUrls } from '../../lib/files';
import { isFailure, signedIn } from '../../lib/guard';
import { fail, ok, type Failure, type UseCase } from '../../lib/handler';
import { notFound, publicStory, publicTarget } from './shared';

/** A poster code this wide (px) prints sharply on a 750 px poster. */
const POSTER_CODE_WIDTH = 430;

type Ctx = Pick<Deps, 'cloud' | 'hashHex' | 'now'>;

/** The URL of a code image this server drew earlier (no upload record: publicUrls shows it); null when the file is gone from storage. */
async function storedUrl(ctx: Ctx, fileId: FileId): Promise<MediaUrl | null> {
  return (await publicUrls(ctx, [fileId])).get(fileId) ?? null;
}

/** Draws the code with WeChat and uploads it under `path`; a busy or over-quota WeChat is UNAVAILABLE to the caller. */
async function drawCode(ctx: Ctx, scene: string, page: string, path: string, envVersion: EnvVersion): Promise<{ fileId: FileId } | Failure<never>> {
  const c = ctx.cloud();
  let png: Buffer;
  try {
    png = await c.miniProgramCode({ scene, page, check_path: false, env_version: envVersion, width: POSTER_CODE_WIDTH });
  } catch (e) {
    const code = (e as { errCode?: unknown }).errCode;
    // -1 (busy) and quota errors are transient for the caller; anything else is ours to fix.
    if (code === -1 || code === 45009) return fail('UNAVAILABLE', `wxacode.getUnlimited is busy (${String(code)})`);
    throw e;
  }
  return { fileId: await c.uploadFile(path, png) };
}

async function freshUrl(ctx: Ctx, fileId: FileId): Promise<MediaUrl> {
  const url = await storedUrl(ctx, fileId);
  if (!url) throw new Error(`poster code ${fileId} has no temporary URL right after upload`);
  return url;
}

export const posterCode: UseCase<'engagement', 'posterCode'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  // Read per call: a misconfigured POSTER_ENV_VERSION fails this call loudly (INTERNAL, logged), not the build.
  const envVersion = parseEnvVersion(ctx.env('POSTER_ENV_VERSION'));
  const c = ctx.cloud();

  if (req.exemplarId !== undefined) {
    const exemplar = await publicTarget(ctx, { kind: 'exemplar', id: req.exemplarId });
    if (!exemplar) return notFound({ kind: 'exemplar', id: req.exemplarId });
    const scene = profileCode(ctx.hashHex(profileCodeInput(exemplar._id)));
    const path = profileCodePath(scene, envVersion);
    const records = c.collection('profile_codes');
    const existing = await records.doc(scene).get();
    // 64 bits of a hash: a second exemplar under one code is not expected, and must never open the wrong profile.
    if (existing && existing.exemplarId !== exemplar._id) throw new Error(`profile code ${scene} already names exemplar ${existing.exemplarId}`);
    if (existing && existing.path === path) {
      const url = await storedUrl(ctx, existing.fileId);
      if (url) return ok({ url, scene, page: PROFILE_POSTER_PAGE });
    }
    const drawn = await drawCode(ctx, scene, PROFILE_POSTER_PAGE, path, envVersion);
    if (isFailure(drawn)) return drawn;
    await records.doc(scene).set({ exemplarId: exemplar._id, path, fileId: drawn.fileId, createdAt: ctx.now() });
    return ok({ url: await freshUrl(ctx, drawn.fileId), scene, page: PROFILE_POSTER_PAGE });
  }

  const storyId = req.storyId ?? '';
  const story = await publicStory(ctx, storyId);
  if (!story) return notFound({ kind: 'story', id: storyId });
  const scene = posterScene(story.code);
  const path = posterCodePath(story.code, envVersion);
  const records = c.collection('poster_codes');
  const existing = await records.doc(story._id).get();
  if (existing && existing.path === path) {
    // A file gone from storage resolves to nothing and falls through to a fresh one.
    const url = await storedUrl(ctx, existing.fileId);
    if (url) return ok({ url, scene, page: POSTER_PAGE });
  }
  const drawn = await drawCode(ctx, scene, POSTER_PAGE, path, envVersion);
  if (isFailure(drawn)) return drawn;
  await records.doc(story._id).set({ path, fileId: drawn.fileId, scene, createdAt: ctx.now() });
  return ok({ url: await freshUrl(ctx, drawn.fileId), scene, page: POSTER_PAGE });
};
