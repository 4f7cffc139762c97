import { LibraryScreen } from '../../features/library/library-screen';

export default function LibraryPage() {
  return <LibraryScreen />;
}
