import { FiguresScreen } from '../../features/figures/figures-screen';
import { UnitChooser } from '../../features/staff-admin/unit-chooser';
import '../../features/staff-admin/staff-admin.scss';

/** 数据统计 (the leaders' dashboard), with the unit tree the staff pages share to pick a subtree. */
export default function Page() {
  return <FiguresScreen unitPicker={({ units, value, onChange }) => <UnitChooser units={units} value={value} onChange={onChange} />} />;
}
