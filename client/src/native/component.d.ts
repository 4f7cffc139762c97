/**
 * The slice of WeChat's Component constructor our native components use. Declared here
 * instead of pulling in miniprogram-api-typings, whose globals (wx, Page, App) clash with
 * Taro's own declarations.
 */
interface NativeComponentInstance<D, P> {
  data: D & P;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
  triggerEvent(name: string, detail?: Record<string, unknown>, options?: { bubbles?: boolean; composed?: boolean }): void;
}

interface NativePropertySpec {
  type: ArrayConstructor | StringConstructor | NumberConstructor | BooleanConstructor | ObjectConstructor | null;
  value?: unknown;
  observer?: string;
}

declare function Component<D extends object, P extends object, M extends Record<string, (...args: never[]) => unknown>>(options: {
  options?: { styleIsolation?: 'isolated' | 'apply-shared' | 'shared'; multipleSlots?: boolean };
  properties: { [K in keyof P]: NativePropertySpec };
  data: D;
  methods: M & ThisType<NativeComponentInstance<D, P> & M>;
  lifetimes?: { attached?(): void; detached?(): void };
}): void;
