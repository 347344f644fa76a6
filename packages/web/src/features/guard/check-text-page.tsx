import { PageHeader } from '../../components/page-header';

export function CheckTextPage() {
  return <PageHeader title="Check text" />;
}
