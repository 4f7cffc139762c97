/** The `engagement` cloud function: likes and salutes, views, shares, poster codes, my likes and salutes. */
import { createHandler, type ActionTable } from '../../lib/handler';
import { myLikes } from '../../use-cases/engagement/my-likes';
import { mySalutes } from '../../use-cases/engagement/my-salutes';
import { posterCode } from '../../use-cases/engagement/poster-code';
import { setLike } from '../../use-cases/engagement/set-like';
import { share } from '../../use-cases/engagement/share';
import { status } from '../../use-cases/engagement/status';
import { view } from '../../use-cases/engagement/view';

const actions: ActionTable<'engagement'> = { setLike, status, view, share, posterCode, myLikes, mySalutes };

export const main = createHandler('engagement', actions, {
  // A shared link or stale card with a mangled id points nowhere: "not found", not a caller bug.
  notFoundWhenInvalid: { setLike: ['target.id'], view: ['storyId'], share: ['storyId', 'target.id'], posterCode: ['storyId', 'exemplarId'] },
});
