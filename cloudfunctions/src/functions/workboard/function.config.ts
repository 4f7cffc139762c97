import { defineFunction } from '../../lib/function-config';

export default defineFunction({ openapi: [] });
