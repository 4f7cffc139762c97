/** The `comments` cloud function: 留言 — readers write, read and delete their own; reviewers moderate and reply. */
import { createHandler, type ActionTable } from '../../lib/handler';
import { feature } from '../../use-cases/comments/feature';
import { hide } from '../../use-cases/comments/hide';
import { listForStory } from '../../use-cases/comments/list-for-story';
import { mine } from '../../use-cases/comments/mine';
import { post } from '../../use-cases/comments/post';
import { queue } from '../../use-cases/comments/queue';
import { remove } from '../../use-cases/comments/remove';
import { reply } from '../../use-cases/comments/reply';

const actions: ActionTable<'comments'> = { post, listForStory, mine, remove, queue, feature, hide, reply };

export const main = createHandler('comments', actions, {
  // A shared link or a stale page with a mangled id points nowhere: "not found", not a caller bug.
  notFoundWhenInvalid: { listForStory: ['storyId'], remove: ['id'], feature: ['id'], hide: ['id'], reply: ['id'] },
});
