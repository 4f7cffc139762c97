import { defineFunction } from '../../lib/function-config';

/** Reads the database and storage only: no open-API permission needed. */
export default defineFunction({ openapi: [] });
