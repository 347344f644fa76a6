import { Center } from '@mantine/core';
import { LoadingBlock } from '../../components/query-state';

export function FullPageLoader(props: { label: string }) {
  return (
    <Center mih="100dvh" component="main">
      <LoadingBlock label={props.label} />
    </Center>
  );
}
