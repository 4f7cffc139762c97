/** `publish-timer`: resumes stopped publish jobs and polls for missing outcomes. See workflows/publishing/timer-run.ts. */
import { timerFunction } from '../../lib/timer';
import { runPublishTimer } from '../../workflows/publishing/timer-run';

export const main = timerFunction('publish-timer', runPublishTimer);
