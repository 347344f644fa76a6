import { Button } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { EmptyBlock } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { paths } from '../../paths';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyBlock
        icon={<IconMapQuestion />}
        title="We could not find that page"
        action={
          <Button component={Link} to={paths.home} variant="light">
            Go to the dashboard
          </Button>
        }
      >
        The link may be old, or the page may have moved.
      </EmptyBlock>
    </>
  );
}
