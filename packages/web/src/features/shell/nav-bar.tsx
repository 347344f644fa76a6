import { Badge, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { NavLink as RouterNavLink, useLocation } from 'react-router-dom';
import type { Role } from '../../api/types';
import { navSections } from './nav-items';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The left navigation: the product areas, then settings. */
export function NavBar(props: { role: Role; onNavigate: () => void }) {
  const { pathname } = useLocation();
  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap="lg" p="sm">
        {navSections.map((section, index) => {
          const items = section.items.filter((item) => !item.visible || item.visible(props.role));
          const headingId = section.title ? `nav-section-${index}` : undefined;
          return (
            <Stack key={section.title ?? index} gap={2} role="group" aria-labelledby={headingId}>
              {section.title ? (
                <Text
                  id={headingId}
                  size="xs"
                  fw={700}
                  c="dimmed"
                  tt="uppercase"
                  px="sm"
                  pb={4}
                  style={{ letterSpacing: '0.06em' }}
                >
                  {section.title}
                </Text>
              ) : null}
              {items.map((item) => (
                <NavLink
                  key={item.to}
                  component={RouterNavLink}
                  to={item.to}
                  end={item.to === '/'}
                  label={item.label}
                  active={isActive(pathname, item.to)}
                  leftSection={<item.icon size={20} stroke={1.6} aria-hidden />}
                  rightSection={
                    item.soon ? (
                      <Badge size="xs" variant="light" color="gray" aria-hidden>
                        Soon
                      </Badge>
                    ) : null
                  }
                  onClick={props.onNavigate}
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              ))}
            </Stack>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
