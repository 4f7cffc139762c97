import { useEffect, useState } from 'react';

/**
 * True once what `key` names has been on screen for a frame: a page renders what a reader sees
 * first (a story's cover, title and text) on its own, and what lies below the fold (related
 * stories, 留言, staff tools) in a later task. One render of everything is one long task on a
 * phone, and the first paint waits for all of it; two shorter ones let the story show first.
 * `null`: nothing to show yet (still loading). A new key starts over.
 */
export function usePainted(key: string | null): boolean {
  const [painted, setPainted] = useState<string | null>(null);
  useEffect(() => {
    if (key === null) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame callback runs just before the browser paints; a timer set there runs after it.
    // Where frames are not available (a mini-program's logic layer), one timer tick.
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (run: () => void) => setTimeout(run, 16);
    const cancelFrame = typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>);
    const handle = frame(() => {
      timer = setTimeout(() => setPainted(key), 0);
    });
    return () => {
      cancelFrame(handle as number);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [key]);
  return key !== null && painted === key;
}
