/**
 * A connected Facebook Page: the Page access token minted from a long-lived user token, which
 * does not expire (it stops working on a password change, a lost Page role or de-authorization).
 */
export interface FacebookCredentials {
  pageId: string;
  accessToken: string;
}

/** A connected Instagram professional account, reached through its Facebook Page's token. */
export interface InstagramCredentials {
  igUserId: string;
  username: string;
  pageId: string;
  accessToken: string;
}

/** Publishing and reading comments for Pages (Facebook Login for Business). */
export const FACEBOOK_SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_read_user_content',
  'pages_manage_engagement',
].join(',');

/** Instagram through Facebook Login: its Page is needed to find the account. */
export const INSTAGRAM_SCOPES = [
  'pages_show_list',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
].join(',');
