import { SearchScreen } from '../../features/search/search-screen';

export default function SearchPage() {
  return <SearchScreen />;
}
