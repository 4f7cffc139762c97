import { TempUrlCache, TEMP_URL_BATCH, type TempUrlItem } from '../../cloudfunctions/src/adapters/temp-urls';

function fakeStorage(existing: (id: string) => boolean = () => true, maxAge?: number) {
  const calls: string[][] = [];
  const fetch = async (ids: string[], asked: number): Promise<TempUrlItem[]> => {
    calls.push(ids);
    if (ids.length > TEMP_URL_BATCH) throw new Error('more than 50 file ids in one call');
    return ids.map((fileID) =>
      existing(fileID)
        ? { fileID, tempFileURL: `https://tmp/${fileID}?v=${calls.length}`, status: 0, maxAge: maxAge ?? asked }
        : { fileID, tempFileURL: '', status: -503003 },
    );
  };
  return { calls, fetch };
}

describe('temporary URL cache', () => {
  it('asks for at most 50 file ids per call', async () => {
    const storage = fakeStorage();
    const cache = new TempUrlCache({ fetch: storage.fetch });
    const ids = Array.from({ length: 120 }, (_, i) => `f${i}`);
    const urls = await cache.resolve(ids);
    expect(urls.size).toBe(120);
    expect(storage.calls.map((c) => c.length)).toEqual([50, 50, 20]);
  });

  it('asks once per distinct id and not at all for an empty list', async () => {
    const storage = fakeStorage();
    const cache = new TempUrlCache({ fetch: storage.fetch });
    await cache.resolve([]);
    await cache.resolve(['a', 'a', 'b']);
    expect(storage.calls).toEqual([['a', 'b']]);
  });

  it('serves a repeated id from the instance cache until shortly before it expires', async () => {
    let now = 0;
    const storage = fakeStorage();
    const cache = new TempUrlCache({ fetch: storage.fetch, now: () => now, maxAgeSeconds: 3600, marginSeconds: 300 });
    const first = await cache.resolve(['a']);
    now = 3000 * 1000;
    expect(await cache.resolve(['a'])).toEqual(first);
    expect(storage.calls).toHaveLength(1);
    now = 3301 * 1000;
    const renewed = await cache.resolve(['a']);
    expect(storage.calls).toHaveLength(2);
    expect(renewed.get('a')).not.toBe(first.get('a'));
  });

  it('trusts a shorter validity reported by the service', async () => {
    let now = 0;
    const storage = fakeStorage(() => true, 600);
    const cache = new TempUrlCache({ fetch: storage.fetch, now: () => now, maxAgeSeconds: 7200, marginSeconds: 60 });
    await cache.resolve(['a']);
    now = 541 * 1000;
    await cache.resolve(['a']);
    expect(storage.calls).toHaveLength(2);
  });

  it('leaves out files that do not resolve and asks for them again next time', async () => {
    const storage = fakeStorage((id) => id !== 'gone');
    const cache = new TempUrlCache({ fetch: storage.fetch });
    const urls = await cache.resolve(['a', 'gone']);
    expect([...urls.keys()]).toEqual(['a']);
    await cache.resolve(['a', 'gone']);
    expect(storage.calls).toEqual([['a', 'gone'], ['gone']]);
  });

  it('stays within its capacity, forgetting the oldest entries', async () => {
    const storage = fakeStorage();
    const cache = new TempUrlCache({ fetch: storage.fetch, capacity: 3 });
    await cache.resolve(['a', 'b', 'c', 'd']);
    expect(cache.size).toBe(3);
    await cache.resolve(['d']);
    expect(storage.calls).toHaveLength(1);
    await cache.resolve(['a']);
    expect(storage.calls).toHaveLength(2);
  });
});
