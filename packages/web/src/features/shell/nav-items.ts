import {
  IconBuildingHospital,
  IconCalendarEvent,
  IconChartLine,
  IconChecklist,
  IconClipboardList,
  IconHome,
  IconInbox,
  IconListCheck,
  IconMapPin,
  IconMessageStar,
  IconPencilPlus,
  IconPlugConnected,
  IconShieldCheck,
  IconSignature,
  IconStethoscope,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Role } from '../../api/types';
import { paths } from '../../paths';
import { can } from '../members/roles';

export interface NavItem {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  soon?: boolean;
  visible?: (role: Role) => boolean;
}

export interface NavSection {
  title?: string;
  items: NavItem[];
}

export const navSections: NavSection[] = [
  {
    items: [
      { label: 'Dashboard', to: paths.home, icon: IconHome },
      { label: 'Compose', to: paths.compose, icon: IconPencilPlus },
      { label: 'Posts', to: paths.posts, icon: IconListCheck },
      { label: 'Calendar', to: paths.calendar, icon: IconCalendarEvent },
      { label: 'Inbox', to: paths.inbox, icon: IconInbox },
      {
        label: 'Consents',
        to: paths.consents,
        icon: IconSignature,
        // Authorizations name patients: viewers do not see them (minimum necessary).
        visible: (role) => role !== 'viewer',
      },
      { label: 'Providers', to: paths.providers, icon: IconStethoscope },
      { label: 'Analytics', to: paths.analytics, icon: IconChartLine },
      { label: 'Check text', to: paths.checkText, icon: IconShieldCheck },
    ],
  },
  {
    title: 'Settings',
    items: [
      { label: 'Organization', to: paths.organization, icon: IconBuildingHospital },
      { label: 'Locations', to: paths.locations, icon: IconMapPin },
      { label: 'Channels', to: paths.channels, icon: IconPlugConnected },
      { label: 'Publishing', to: paths.publishing, icon: IconChecklist },
      { label: 'Reviews & alerts', to: paths.reputationSettings, icon: IconMessageStar },
      {
        label: 'Members & invitations',
        to: paths.members,
        icon: IconUsers,
        visible: can.manageMembers,
      },
      { label: 'Audit log', to: paths.audit, icon: IconClipboardList, visible: can.readAudit },
      { label: 'Profile', to: paths.profile, icon: IconUserCircle },
    ],
  },
];
