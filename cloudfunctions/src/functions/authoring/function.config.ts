import { defineFunction } from '../../lib/function-config';

/** Story and profile text goes through the content security check before it is stored or submitted. */
export default defineFunction({ openapi: ['security.msgSecCheck'] });
