import {
  decodeSegment,
  encodeSegment,
  exemplarSearchIndex,
  matchSearch,
  parseQuery,
  searchIndexOf,
  searchUnits,
  shorterQueries,
  storedSegments,
  storySearchIndex,
  type SearchQuery,
  type SearchSegment,
} from '../../cloudfunctions/src/domain/search';

const q = (text: string): SearchQuery => {
  const parsed = parseQuery(text);
  if (!parsed) throw new Error(`no query from ${JSON.stringify(text)}`);
  return parsed;
};
const keysOf = (...segments: SearchSegment[]) => searchIndexOf(segments).searchKeys;
/** The marked parts of a highlight, as text. */
const marked = (h: { text: string; marks: [number, number][] } | null) => (h ? h.marks.map(([a, b]) => h.text.slice(a, b)) : null);

const station = { name: '天山区特勤消防救援站', shortName: '天山区特勤站' };
const detachment = { name: '乌鲁木齐市消防救援支队', shortName: '乌鲁木齐支队' };
const corps = { name: '新疆维吾尔自治区消防救援总队', shortName: '新疆总队' };

describe('document keys', () => {
  it('a title gives its characters and its character bigrams, never a pair across punctuation', () => {
    const keys = keysOf({ field: 'title', text: '火场，逆行' });
    expect(keys).toEqual(expect.arrayContaining(['火', '场', '逆', '行', '火场', '逆行']));
    expect(keys).not.toContain('场逆');
    expect(keys.every((k) => !k.includes('，'))).toBe(true);
  });

  it('a summary gives bigrams but no single characters', () => {
    const keys = keysOf({ field: 'summary', text: '扎根戈壁二十年' });
    expect(keys).toEqual(expect.arrayContaining(['扎根', '戈壁', '二十', '十年']));
    expect(keys).not.toContain('扎');
  });

  it("a person's name gives the prefixes of its pinyin initials, read with the surname reading", () => {
    expect(keysOf({ field: 'name', text: '王建军', person: true })).toEqual(expect.arrayContaining(['a:w', 'a:wj', 'a:wjj', '王建', '建军', '王']));
    expect(keysOf({ field: 'name', text: '单雄信', person: true })).toContain('a:sxx');
    expect(keysOf({ field: 'name', text: '曾国强', person: true })).toContain('a:zgq');
  });

  it('a title gives no initials: only names are searched by pinyin', () => {
    expect(keysOf({ field: 'title', text: '王建军' })).not.toContain('a:wjj');
  });

  it('a name split by a middle dot is searchable by each part’s initials and by the whole', () => {
    const keys = keysOf({ field: 'name', text: '阿卜杜拉·买买提', person: true });
    expect(keys).toEqual(expect.arrayContaining(['a:abdlmmt', 'a:abdl', 'a:mmt']));
  });

  it('mixed Latin, digits and Chinese: ASCII runs give lower-cased prefixes, Chinese runs their n-grams', () => {
    const keys = keysOf({ field: 'title', text: '5G先锋队与KTV消防检查' });
    expect(keys).toEqual(expect.arrayContaining(['a:5', 'a:5g', '先锋', '锋队', 'a:k', 'a:kt', 'a:ktv', '消防']));
    expect(keys).not.toContain('a:tv');
  });

  it('full-width letters and digits are indexed as their half-width forms', () => {
    const keys = keysOf({ field: 'title', text: 'ＫＴＶ１１９' });
    expect(keys).toEqual(expect.arrayContaining(['a:ktv119']));
    expect(q('Ｗｊｊ１２３').normalized).toBe('wjj123');
  });

  it('keys are sorted and each once, so equal texts give equal arrays', () => {
    const keys = keysOf({ field: 'title', text: '消防消防消防' });
    expect(keys).toEqual([...new Set(keys)].sort());
  });

  it('long initials stop at twelve letters', () => {
    const keys = keysOf({ field: 'unit', text: '乌鲁木齐市米东区化工园消防救援站' });
    expect(keys).toContain('a:wlmqsmdqhgyx');
    expect(keys.some((k) => k.startsWith('a:') && k.length > 2 + 12)).toBe(false);
  });
});

describe('what stories and exemplars are searched by', () => {
  it('a story: title, summary, author, its units below the corps, its campaign, and its people (keys only)', () => {
    const index = storySearchIndex({
      title: '烈火中的逆行者',
      summary: '他在火场坚守十二小时。',
      author: '李宣传',
      unitPath: [corps, detachment, station],
      campaign: '身边典型•平凡榜样',
      exemplars: [{ name: '王建军', kind: 'individual' }],
    });
    const segments = storedSegments(index.searchText);
    expect(segments.map((s) => s.field)).toEqual(['title', 'summary', 'author', 'unit', 'unit', 'unit', 'unit', 'campaign']);
    expect(segments.some((s) => s.text.includes('总队'))).toBe(false);
    expect(index.searchKeys).toEqual(expect.arrayContaining(['a:wjj', '建军', 'a:tsqtqxfjyz', '平凡']));
    // The person's name is not stored as text: it is checked live, while they are public.
    expect(matchSearch(q('王建军'), segments)).toBeNull();
  });

  it('the corps itself is searchable on documents that belong to it', () => {
    expect(searchUnits([corps])).toEqual([corps]);
    expect(searchUnits([corps, detachment])).toEqual([detachment]);
  });

  it('an exemplar: name, duty line, units and honours; honours in any order give the same index', () => {
    const base = { name: '王建军', kind: 'individual' as const, title: '一级消防士 · 特勤站班长', unitPath: [corps, detachment, station] };
    const a = exemplarSearchIndex({ ...base, honors: ['全国青年岗位能手', '自治区道德模范'] });
    const b = exemplarSearchIndex({ ...base, honors: ['自治区道德模范', '全国青年岗位能手', '全国青年岗位能手'] });
    expect(a).toEqual(b);
    expect(storedSegments(a.searchText)[0]).toEqual({ field: 'name', text: '王建军', person: true });
    expect(matchSearch(q('岗位能手'), storedSegments(a.searchText))?.field).toBe('honor');
  });

  it('segments survive storage: one line each, the field and person flag in the first letter', () => {
    const seg: SearchSegment = { field: 'exemplar', text: '王建军\n(班长)', person: true };
    const stored = encodeSegment(seg);
    expect(stored).toBe('E王建军 (班长)');
    expect(decodeSegment(stored)).toEqual({ field: 'exemplar', text: '王建军 (班长)', person: true });
    expect(decodeSegment('?whatever')).toBeNull();
    expect(storedSegments(['?x', 't标题'])).toEqual([{ field: 'title', text: '标题' }]);
  });
});

describe('queries', () => {
  it('a Chinese query needs its bigrams; one character needs itself', () => {
    expect(q('王建军').keys).toEqual(['王建', '建军']);
    expect(q('王').keys).toEqual(['王']);
  });

  it('Latin letters are one ASCII key: initials and words share it', () => {
    expect(q('WJJ').keys).toEqual(['a:wjj']);
    expect(q('ｗｊｊ').normalized).toBe('wjj');
  });

  it('several terms: every key of every term, and the rarest-looking one is read', () => {
    const query = q('消防 王建军');
    expect(query.terms).toEqual([
      { cls: 'h', text: '消防' },
      { cls: 'h', text: '王建军' },
    ]);
    expect(query.keys).toEqual(['消防', '王建', '建军']);
    expect(query.driverKey).not.toBe('消防');
  });

  it('a Chinese bigram without common characters drives before short initials', () => {
    expect(q('wj 戈壁').driverKey).toBe('戈壁');
  });

  it('only punctuation is no query', () => {
    expect(parseQuery('  ，。!! ')).toBeNull();
  });
});

describe('matching on the real text', () => {
  const story: SearchSegment[] = [
    { field: 'title', text: '王建国在建军节那天' },
    { field: 'summary', text: '二十年来，他扎根戈壁，守护着一方平安。' },
    { field: 'unit', text: '天山区特勤站' },
  ];

  it('a bigram collision is not a hit: 王建 and 建军 apart do not make 王建军', () => {
    const query = q('王建军');
    const index = searchIndexOf(story);
    expect(index.searchKeys).toEqual(expect.arrayContaining(query.keys));
    expect(matchSearch(query, story)).toBeNull();
  });

  it('any substring of a title matches, and the highlight marks it', () => {
    const h = matchSearch(q('建军节'), story);
    expect(h?.field).toBe('title');
    expect(marked(h)).toEqual(['建军节']);
  });

  it('pinyin initials match a name by its first letters and mark the characters typed', () => {
    const person: SearchSegment[] = [{ field: 'name', text: '王建军', person: true }];
    expect(marked(matchSearch(q('wjj'), person))).toEqual(['王建军']);
    expect(marked(matchSearch(q('wj'), person))).toEqual(['王建']);
    expect(matchSearch(q('jj'), person)).toBeNull();
  });

  it('ASCII matches whole-word prefixes, not the middle of a word', () => {
    const segs: SearchSegment[] = [{ field: 'title', text: '走进KTV消防检查' }];
    expect(marked(matchSearch(q('ktv'), segs))).toEqual(['KTV']);
    expect(matchSearch(q('tv'), segs)).toBeNull();
  });

  it('a full-width query matches half-width text and the reverse', () => {
    expect(marked(matchSearch(q('ＫＴＶ'), [{ field: 'title', text: 'KTV检查' }]))).toEqual(['KTV']);
    expect(marked(matchSearch(q('119'), [{ field: 'title', text: '１１９宣传月' }]))).toEqual(['１１９']);
  });

  it('one character is matched in titles and names, not in a summary alone', () => {
    expect(matchSearch(q('戈'), story)).toBeNull();
    expect(matchSearch(q('国'), story)?.field).toBe('title');
  });

  it('every term must match somewhere; the highlight is where the longest one did', () => {
    const h = matchSearch(q('特勤 扎根戈壁'), story);
    expect(h?.field).toBe('summary');
    expect(marked(h)).toEqual(['扎根戈壁']);
    expect(matchSearch(q('特勤 沙漠'), story)).toBeNull();
  });

  it('a long text is cut around the match, with … where it was cut, marks in the cut text', () => {
    const long: SearchSegment[] = [{ field: 'summary', text: `${'前'.repeat(60)}目标词${'后'.repeat(60)}` }];
    const h = matchSearch(q('目标词'), long);
    if (!h) throw new Error('no match');
    expect(h.text.startsWith('…')).toBe(true);
    expect(h.text.endsWith('…')).toBe(true);
    expect([...h.text].length).toBeLessThanOrEqual(38);
    expect(marked(h)).toEqual(['目标词']);
  });

  it('marks are UTF-16 offsets even after characters outside the BMP', () => {
    const h = matchSearch(q('祥云'), [{ field: 'title', text: '𠮷祥云' }]);
    expect(marked(h)).toEqual(['祥云']);
  });
});

describe('suggestions from a query that found nothing', () => {
  it('each term alone, and the ends of long Chinese terms', () => {
    expect(shorterQueries(q('王建军同志'))).toEqual(['王建', '同志']);
    expect(shorterQueries(q('特勤 王建军'))).toEqual(['特勤', '王建军', '王建', '建军']);
    expect(shorterQueries(q('wjjx'))).toEqual(['wjj']);
    expect(shorterQueries(q('王建'))).toEqual([]);
  });
});
