// Every page of the console, in one table: its path, who may open it, and
// where it sits in the navigation. Pages live in pages/, one area per file.
import { SignIn, ForgotPassword, ResetPassword, AcceptInvitation, ConfirmEmail } from './pages/auth.jsx';
import { Profile } from './pages/profile.jsx';
import { Home } from './pages/home.jsx';
import { Users, UserDetail, NewUser } from './pages/users.jsx';
import { Groups } from './pages/groups.jsx';
import { Hours } from './pages/hours.jsx';
import { Notifications } from './pages/notifications.jsx';
import { Templates } from './pages/templates.jsx';
import { Contacts, ContactDetail } from './pages/contacts.jsx';
import { ImportWizard, ImportDetail } from './pages/imports.jsx';
import { Exports, ExportDetail } from './pages/exports.jsx';
import { Conversations, ConversationDetail } from './pages/conversations.jsx';
import { Credits } from './pages/credits.jsx';
import { Audit } from './pages/audit.jsx';
import { OrgSettings } from './pages/orgsettings.jsx';

/** Pages anyone may open, signed in or not (the mailed links). */
export const publicRoutes = [
  { path: '/login', page: SignIn },
  { path: '/password/forgot', page: ForgotPassword },
  { path: '/password/reset', page: ResetPassword },
  { path: '/invitations/accept', page: AcceptInvitation },
  { path: '/confirm-email', page: ConfirmEmail },
];

/**
 * Pages for signed-in users. `can` is the action (GET /me's `can`) the page
 * needs; `nav` puts it in the navigation under that label.
 */
export const routes = [
  { path: '/', page: Home },
  { path: '/profile', page: Profile, nav: 'My profile' },
  { path: '/users', page: Users, can: 'view_users', nav: 'Users' },
  { path: '/users/new', page: NewUser, can: 'manage_users' },
  { path: '/users/:id', page: UserDetail, can: 'view_users' },
  { path: '/groups', page: Groups, can: 'view_groups', nav: 'Groups' },
  { path: '/hours', page: Hours, can: 'view_groups', nav: 'Hours' },
  { path: '/notifications', page: Notifications, nav: 'Notifications' },
  { path: '/templates', page: Templates, nav: 'Templates' },
  { path: '/contacts', page: Contacts, can: 'view_contacts', nav: 'Contacts' },
  { path: '/contacts/imports/new', page: ImportWizard, can: 'manage_contacts' },
  { path: '/contacts/imports/:id', page: ImportDetail, can: 'manage_contacts' },
  { path: '/contacts/exports', page: Exports, can: 'manage_contacts' },
  { path: '/contacts/exports/:id', page: ExportDetail, can: 'manage_contacts' },
  { path: '/contacts/:id', page: ContactDetail, can: 'view_contacts' },
  { path: '/conversations', page: Conversations, can: 'answer_conversations', nav: 'Conversations' },
  { path: '/conversations/:id', page: ConversationDetail, can: 'answer_conversations' },
  { path: '/credits', page: Credits, nav: 'Credits' },
  { path: '/audit', page: Audit, can: 'manage_organisation', nav: 'Audit log' },
  { path: '/settings', page: OrgSettings, can: 'manage_organisation', nav: 'Organisation' },
];
