/** The consents area's routes (paths.ts holds `consents`; these hang off it). */
export const consentPaths = {
  list: '/consents',
  new: '/consents/new',
  paper: '/consents/paper',
  template: '/consents/template',
  detail: (id: string) => `/consents/${encodeURIComponent(id)}`,
  sign: (token: string) => `/sign/${encodeURIComponent(token)}`,
  revoke: (token: string) => `/revoke/${encodeURIComponent(token)}`,
} as const;
