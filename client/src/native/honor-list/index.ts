/**
 * Native honor list for the profile page (weapp). The data arrives pre-shaped by
 * components/honor-list/model.ts; collapsing a level is local state, so a tap costs one
 * small setData inside this component instead of a page-wide update.
 */
interface HonorItem {
  id: string;
  title: string;
  month: string;
  awardedBy: string;
}

interface Group {
  level: string;
  label: string;
  count: number;
  honors: HonorItem[];
}

interface Data {
  collapsed: Record<string, boolean>;
}

Component<Data, { groups: Group[] }, { onToggle(e: { currentTarget: { dataset: { level?: string } } }): void }>({
  options: { styleIsolation: 'isolated' },
  properties: {
    groups: { type: Array, value: [] },
  },
  data: { collapsed: {} },
  methods: {
    onToggle(e) {
      const level = e.currentTarget.dataset.level;
      if (!level) return;
      const collapsed = !this.data.collapsed[level];
      // A path update sends one boolean, not the whole map.
      this.setData({ [`collapsed.${level}`]: collapsed });
      this.triggerEvent('toggle', { level, collapsed });
    },
  },
});
