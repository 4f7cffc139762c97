import { ExemplarEditorScreen } from '../../features/authoring/exemplar-editor';

export default function Page() {
  return <ExemplarEditorScreen />;
}
