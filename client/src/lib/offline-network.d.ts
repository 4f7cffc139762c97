/**
 * The platform seam for "is there a network at all". The build picks `offline-network.weapp.ts`
 * or `offline-network.h5.ts` by file suffix (jest maps to the h5 one); this declaration is what
 * both must satisfy.
 */

/** Reports the current state as soon as the platform knows it, then every change. */
export declare function watchNetwork(onChange: (online: boolean) => void): void;
