import { Text, View } from '@tarojs/components';
import type { ExemplarKind, SearchField, SearchHighlight } from '@contract';

const FIELD_LABEL: Record<SearchField, string> = {
  title: '标题',
  summary: '摘要',
  author: '作者',
  unit: '单位',
  campaign: '专题',
  exemplar: '人物',
  name: '名称',
  duty: '简介',
  honor: '荣誉',
};

/** What the matched field is called on this result (a person's name and duty read as such). */
export function fieldLabel(field: SearchField, kind?: ExemplarKind): string {
  if (kind === 'individual' && field === 'name') return '姓名';
  if (kind === 'individual' && field === 'duty') return '职务';
  return FIELD_LABEL[field];
}

/** The text cut into plain and matched runs, by the highlight's [start, end) marks. */
export function runsOf(h: SearchHighlight): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of [...h.marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > h.text.length || end <= start) continue;
    if (start > at) out.push({ text: h.text.slice(at, start), mark: false });
    out.push({ text: h.text.slice(start, end), mark: true });
    at = end;
  }
  if (at < h.text.length) out.push({ text: h.text.slice(at), mark: false });
  return out;
}

/** Why a result matched: the field, and its text with the matched part marked. */
export function HighlightLine({ highlight, kind }: { highlight: SearchHighlight; kind?: ExemplarKind }) {
  return (
    <View className='search-hit__why' data-testid='search-highlight'>
      <Text className='search-hit__field'>{fieldLabel(highlight.field, kind)}</Text>
      <Text className='search-hit__text'>
        {runsOf(highlight).map((r, i) =>
          r.mark ? (
            <Text key={i} className='search-hit__mark'>
              {r.text}
            </Text>
          ) : (
            <Text key={i}>{r.text}</Text>
          ),
        )}
      </Text>
    </View>
  );
}
