/** The practice and people of the browser journey; small builders rather than copied fixtures. */
export const owner = {
  name: 'Dana Whitfield',
  email: 'dana@riverside-dental.test',
  password: 'correct horse battery staple',
};

export const practice = {
  organization: 'Riverside Family Dental',
  location: {
    name: 'Riverside Family Dental – Midtown',
    address: '410 Market Street, Suite 200',
    city: 'Springfield',
    state: 'IL',
    zip: '62701',
    phone: '(217) 555-0142',
    timeZone: 'America/Chicago',
  },
};

export const invitee = {
  name: 'Morgan Lee',
  email: 'morgan@riverside-dental.test',
  password: 'a long walk on the riverbank',
  roleLabel: 'Compliance officer',
};
