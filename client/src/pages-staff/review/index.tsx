import { ReviewScreen } from '../../features/nominations/review-screen';

export default function Page() {
  return <ReviewScreen />;
}
