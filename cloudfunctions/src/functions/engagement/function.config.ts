import { defineFunction } from '../../lib/function-config';

/** posterCode draws the story's mini-program code with wxacode.getUnlimited. */
export default defineFunction({ openapi: ['wxacode.getUnlimited'] });
