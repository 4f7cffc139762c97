/**
 * The platform seam. The build picks `transport.weapp.ts` or `transport.h5.ts` by file
 * suffix (jest maps to the h5 one); this declaration is what both must satisfy.
 */
import type { CallEvent } from '@contract';

/**
 * Delivers one event to a cloud function and resolves with whatever the function answered
 * (the raw `Result` envelope, not yet trusted). Rejects with `TransportError` when no
 * answer arrived.
 */
export declare function send(fn: string, event: CallEvent): Promise<unknown>;
