import { StoryEditorScreen } from '../../features/authoring/story-editor';

export default function Page() {
  return <StoryEditorScreen />;
}
