import { decodeCursor } from '../../cloudfunctions/src/domain/cursor';
import { cutPage, firstRange, nextRange, type KeysetRange } from '../../cloudfunctions/src/domain/paging';

interface Doc {
  _id: string;
  t: number;
  visible: boolean;
}

/** What the database answers for a range: the same comparisons an index walk makes. */
function read(docs: Doc[], range: KeysetRange): Doc[] {
  const desc = [...docs].sort((a, b) => (a.t !== b.t ? b.t - a.t : a._id < b._id ? 1 : a._id > b._id ? -1 : 0));
  const inRange = desc.filter((d) => {
    if (range.kind === 'head') return true;
    if (range.kind === 'tie') return d.t === range.sortValue && d._id < range.idBelow;
    return d.t < range.sortValue;
  });
  return inRange.slice(0, range.take);
}

function page(docs: Doc[], cursor: string | null, limit: number): { ids: string[]; next: string | null; reads: KeysetRange[] } {
  const decoded = cursor === null ? null : decodeCursor(cursor);
  if (cursor !== null && !decoded) throw new Error('bad cursor');
  const kept: Doc[] = [];
  const reads: KeysetRange[] = [];
  let range: KeysetRange | null = firstRange(decoded, limit);
  while (range) {
    reads.push(range);
    const rows = read(docs, range);
    kept.push(...rows.filter((r) => r.visible));
    range = nextRange(range, rows.map((r) => ({ sortValue: r.t, id: r._id })), limit + 1 - kept.length);
  }
  const cut = cutPage(kept, limit, (r) => r.t);
  return { ids: cut.rows.map((r) => r._id), next: cut.next, reads };
}

function walk(docs: Doc[], limit: number): string[][] {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const p = page(docs, cursor, limit);
    pages.push(p.ids);
    cursor = p.next;
    if (pages.length > 1000) throw new Error('runaway paging');
  } while (cursor);
  return pages;
}

function expectedOrder(docs: Doc[]): string[] {
  return read(docs, { kind: 'head', take: docs.length + 1 })
    .filter((d) => d.visible)
    .map((d) => d._id);
}

/** A deterministic mix with heavy ties: 60 docs over 9 instants. */
function tiedDocs(hiddenEvery = 0): Doc[] {
  return Array.from({ length: 60 }, (_, i) => ({
    _id: `d${String((i * 37) % 60).padStart(2, '0')}`,
    t: 1000 - (i % 9) * 10,
    visible: hiddenEvery === 0 || i % hiddenEvery !== 0,
  }));
}

describe('keyset paging', () => {
  it('the first page reads the head with one look-ahead row', () => {
    expect(firstRange(null, 10)).toEqual({ kind: 'head', take: 11 });
  });

  it('a later page starts with the rest of the tie group below the cursor id', () => {
    expect(firstRange({ sortValue: 5, id: 'b' }, 10)).toEqual({ kind: 'tie', sortValue: 5, idBelow: 'b', take: 11 });
  });

  it('a short tie range continues with everything strictly older, asking only for what is missing', () => {
    const range: KeysetRange = { kind: 'tie', sortValue: 5, idBelow: 'b', take: 11 };
    expect(nextRange(range, [{ sortValue: 5, id: 'a' }], 10)).toEqual({ kind: 'below', sortValue: 5, take: 10 });
  });

  it('a full read settles the page without another query', () => {
    const rows = Array.from({ length: 11 }, (_, i) => ({ sortValue: 5, id: `x${i}` }));
    expect(nextRange({ kind: 'tie', sortValue: 5, idBelow: 'z', take: 11 }, rows, 0)).toBeNull();
  });

  it('an exhausted head or older range ends the page', () => {
    expect(nextRange({ kind: 'head', take: 11 }, [{ sortValue: 1, id: 'a' }], 10)).toBeNull();
    expect(nextRange({ kind: 'below', sortValue: 9, take: 11 }, [], 11)).toBeNull();
  });

  it('pages walk the whole set exactly once, in order, even when sort values tie', () => {
    const docs = tiedDocs();
    for (const limit of [1, 3, 7, 10, 59, 60, 61]) {
      const pages = walk(docs, limit);
      expect(pages.flat()).toEqual(expectedOrder(docs));
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    }
  });

  it('rows dropped by a rule after reading neither shorten pages nor cause gaps', () => {
    const docs = tiedDocs(3);
    const pages = walk(docs, 4);
    expect(pages.flat()).toEqual(expectedOrder(docs));
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
  });

  it('the last page carries no cursor, and an exactly full last page does not invent one', () => {
    const docs = tiedDocs().slice(0, 20);
    const p = page(docs, null, 20);
    expect(p.ids).toHaveLength(20);
    expect(p.next).toBeNull();
  });

  it('never skips: every read is a head, tie or older range', () => {
    const docs = tiedDocs();
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const p = page(docs, cursor, 5);
      for (const r of p.reads) expect(['head', 'tie', 'below']).toContain(r.kind);
      cursor = p.next;
    }
  });

  it('an item published above the cursor after the first page does not shift later pages', () => {
    const docs = tiedDocs();
    const first = page(docs, null, 10);
    const withNew = [...docs, { _id: 'zz', t: 5000, visible: true }];
    const second = page(withNew, first.next, 10);
    expect(second.ids).toEqual(expectedOrder(docs).slice(10, 20));
  });
});
