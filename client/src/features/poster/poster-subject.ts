/**
 * What a poster is of: a story (`?id=`) or a profile, a person or a station (`?kind=exemplar&id=`).
 * Both screens (h5, weapp) load it here and ask it for what differs — the content painted, the
 * cover, the page the code opens, the share counted — so there is one poster mechanism.
 */
import type { ExemplarProfile, RequestOf, ShareTarget, StoryDetail } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import { isId } from '../../lib/ids';
import { routes } from '../../lib/routes';
import { posterContent, profilePosterContent, type PosterContent, type PosterImage } from './poster-layout';

export type PosterSubject = { kind: 'story'; story: StoryDetail } | { kind: 'exemplar'; profile: ExemplarProfile };

/** The route's subject: a mangled id or an unknown kind reads as "not found", like a mangled share link. */
export async function loadPosterSubject(params: { id?: string; kind?: string }): Promise<PosterSubject> {
  const id = params.id ?? '';
  if (!isId(id)) throw new ApiFailure('NOT_FOUND', 'bad id in poster route');
  if (params.kind === 'exemplar') return { kind: 'exemplar', profile: await call('content', 'profile', { id }) };
  if (params.kind !== undefined && params.kind !== '' && params.kind !== 'story') throw new ApiFailure('NOT_FOUND', 'unknown poster kind in route');
  return { kind: 'story', story: await call('content', 'story', { id }) };
}

export interface PosterFacts {
  id: string;
  /** The image the poster's top shows: the story's cover, the person's or station's photo. */
  cover: string | null;
  /** What a saved poster counts a share of. */
  target: ShareTarget;
  /** The page the h5 QR code links to (weapp draws the mini-program code instead). */
  route: string;
  /** engagement.posterCode's request for the mini-program code. */
  codeRequest: RequestOf<'engagement', 'posterCode'>;
  /** The downloaded file's name on h5. */
  fileName: string;
  /** The poster image's alt text. */
  alt: string;
  /** What scanning leads to, for the captions ("阅读全文" / "查看典型"). */
  action: string;
  content: (images: { cover: PosterImage | null; code: PosterImage | null }, codeCaption: string) => PosterContent;
}

export function posterFacts(s: PosterSubject): PosterFacts {
  if (s.kind === 'story') {
    const { story } = s;
    return {
      id: story._id,
      cover: story.cover,
      target: { kind: 'story', id: story._id },
      route: routes.story({ id: story._id }),
      codeRequest: { storyId: story._id },
      fileName: `身边典型-${story.code}.png`,
      alt: `${story.title} 海报`,
      action: '阅读全文',
      content: (images, caption) => posterContent(story, images, caption),
    };
  }
  const { profile } = s;
  return {
    id: profile._id,
    cover: profile.photo,
    target: { kind: 'exemplar', id: profile._id },
    route: routes.profile({ id: profile._id }),
    codeRequest: { exemplarId: profile._id },
    fileName: `身边典型-${profile.name}.png`,
    alt: `${profile.name} 海报`,
    action: '查看典型事迹',
    content: (images, caption) => profilePosterContent(profile, images, caption),
  };
}
